//! The command-line contract of BRIEF.md, checked by spawning the binary: `index`, `ask` (argument
//! and stdin, `--json`, `--top`), `eval`, exit codes and environment variables.

mod common;

use common::{copy_of_seeds, data, folder_with, json_lines, kinotanu, run, stderr, stdout};

#[test]
fn index_prints_counts_and_ask_answers_in_json() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("idx");
    let output = run(kinotanu(work.path())
        .args(["index", "--seeds"])
        .arg(common::seeds())
        .arg("--index")
        .arg(&index));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("indexed 2 documents, 13 passages (kk 6, ru 7)"),
        "{}",
        stdout(&output)
    );

    let output = run(kinotanu(work.path())
        .args(["ask", "--json", "--top", "3", "--index"])
        .arg(&index)
        .arg("Qaitadan фильмі қанша касса жинады?"));
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    let answer = &lines[0];
    assert_eq!(answer["question"], "Qaitadan фильмі қанша касса жинады?");
    assert_eq!(answer["answered"], true);
    assert!(answer["answer"].as_str().unwrap().contains("1 миллиард"));
    let passages = answer["passages"].as_array().unwrap();
    assert!(!passages.is_empty() && passages.len() <= 3);
    for key in [
        "doc_id",
        "passage_id",
        "title",
        "date",
        "source",
        "url",
        "lang",
        "score",
        "text",
        "snippet",
    ] {
        assert!(passages[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(passages[0]["doc_id"], "2025-10-20-kazakh-cinema-kk");
    assert_eq!(passages[0]["lang"], "kk");
    assert_eq!(passages[0]["date"], "2025-10-20");
    assert!(
        passages[0]["url"].is_null(),
        "the article has no web address"
    );
    let scores: Vec<f64> = passages
        .iter()
        .map(|p| p["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best passage first: {scores:?}"
    );
    assert!(
        passages[0]["snippet"]
            .as_str()
            .unwrap()
            .contains("**Qaitadan**")
    );
}

#[test]
fn ask_builds_a_missing_index_first_and_says_so_on_stderr() {
    let work = tempfile::tempdir().unwrap();
    let output = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", common::seeds())
        .env("KINOTANU_INDEX_DIR", work.path().join("fresh"))
        .args(["ask", "Сколько наград получили казахстанские фильмы?"]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("building the index"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("177"), "{}", stdout(&output));
    assert!(work.path().join("fresh/CURRENT").exists());

    // The second time the index is there: no build.
    let again = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", common::seeds())
        .env("KINOTANU_INDEX_DIR", work.path().join("fresh"))
        .args(["ask", "Сколько наград?"]));
    assert!(!stderr(&again).contains("building"), "{}", stderr(&again));
}

#[test]
fn ask_into_a_pipe_prints_plain_text_without_marks() {
    let work = tempfile::tempdir().unwrap();
    let output = run(kinotanu(work.path())
        .env_remove("NO_COLOR")
        .env("KINOTANU_SEEDS_DIR", common::seeds())
        .env("KINOTANU_INDEX_DIR", work.path().join("index"))
        .args(["ask", "Qaitadan фильмі қанша касса жинады?"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Qaitadan"), "{text}");
    assert!(!text.contains("**"), "no Markdown marks in a pipe: {text}");
    assert!(!text.contains('\x1b'), "no ANSI escapes in a pipe: {text}");
}

/// `kinotanu ask --json` on the seeds, with `input` on its standard input.
fn ask_json_from_stdin(work: &std::path::Path, input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = kinotanu(work)
        .env("KINOTANU_SEEDS_DIR", common::seeds())
        .args(["ask", "--json", "--index"])
        .arg(work.join("i"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn ask_reads_one_question_a_line_from_stdin() {
    let work = tempfile::tempdir().unwrap();
    let output = ask_json_from_stdin(
        work.path(),
        "Питчинг деген не?\n\nКто выиграл чемпионат мира по футболу в 2018 году?\nJARQYRA кастингі не үшін басталды?\n".as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = json_lines(&output);
    let answered: Vec<bool> = lines
        .iter()
        .map(|l| l["answered"].as_bool().unwrap())
        .collect();
    assert_eq!(answered, [true, false, true]);
    assert_eq!(lines[1]["answer"], serde_json::Value::Null);
}

#[test]
fn ask_stops_quietly_when_its_reader_closes_the_pipe() {
    use std::io::{BufRead, Write};
    let work = tempfile::tempdir().unwrap();
    let mut child = kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", common::seeds())
        .args(["ask", "--json", "--index"])
        .arg(work.path().join("i"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all("Питчинг деген не?\n".as_bytes()).unwrap();
    // Like `| head -1`: one answer read, then the pipe closed.
    let mut first = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let _ = stdin.write_all("Питчинг деген не?\n".repeat(50).as_bytes());
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("\"answered\":true"), "{first}");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("pipe"), "{}", stderr(&output));
}

#[test]
fn invalid_utf8_on_stdin_is_reported_by_line_and_the_rest_answered() {
    let work = tempfile::tempdir().unwrap();
    let output = ask_json_from_stdin(work.path(), b"\xff\xfe bad\nPitching?\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("stdin:1"), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 1);
}

#[test]
fn index_and_seeds_flags_override_the_environment() {
    let work = tempfile::tempdir().unwrap();
    let seeds = folder_with(&[("one.jsonl", "{\"id\":\"only-doc\",\"title\":\"Фестиваль\",\"text\":\"Шымкент кинофестивалі қазан айында өтеді.\"}\n".as_bytes())]);
    let output = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", "/nonexistent")
        .env("KINOTANU_INDEX_DIR", "/nonexistent/index")
        .args(["index", "--seeds"])
        .arg(seeds.path().join("one.jsonl"))
        .arg("--index")
        .arg(work.path().join("i")));
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run(kinotanu(work.path())
        .env("KINOTANU_INDEX_DIR", work.path().join("i"))
        .args(["ask", "--json", "Шымкент кинофестивалі"]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output)[0]["passages"][0]["doc_id"], "only-doc");
}

#[test]
fn bad_seeds_give_exit_2_naming_file_and_line_and_the_rest_is_indexed() {
    let work = tempfile::tempdir().unwrap();
    let seeds = folder_with(&[
        ("good.jsonl", "{\"id\":\"g\",\"title\":\"Кино\",\"text\":\"Жетісу облысында көрсетілім өтті.\"}\n{broken\n".as_bytes()),
        ("bad.txt", b"\xff\xfe\x00\x00"),
    ]);
    let output = run(kinotanu(work.path())
        .args(["index", "--seeds"])
        .arg(seeds.path())
        .arg("--index")
        .arg(work.path().join("i")));
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("good.jsonl:2:"), "{err}");
    assert!(err.contains("bad.txt"), "{err}");
    assert!(
        stdout(&output).contains("indexed 1 documents"),
        "{}",
        stdout(&output)
    );
    let ask = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", seeds.path())
        .args(["ask", "--json", "--index"])
        .arg(work.path().join("i"))
        .arg("Жетісу көрсетілім"));
    assert_eq!(json_lines(&ask)[0]["answered"], true, "{}", stderr(&ask));
}

#[test]
fn usage_errors_exit_2() {
    let work = tempfile::tempdir().unwrap();
    for args in [
        &["ask", "--top", "0", "x"][..],
        &["frobnicate"],
        &["eval"],
        &["ask", "--no-such-flag"],
    ] {
        let output = run(kinotanu(work.path()).args(args));
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = run(kinotanu(work.path()).args(["index", "--seeds", "/nonexistent/seeds"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("/nonexistent/seeds"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stderr(&output).lines().count(), 1);
}

#[test]
fn ask_without_index_or_seeds_exits_2_with_what_to_do() {
    let work = tempfile::tempdir().unwrap();
    let output = run(kinotanu(work.path()).args(["ask", "кино"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("kinotanu index --seeds"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bot_without_a_token_exits_2_and_points_to_botfather() {
    let work = tempfile::tempdir().unwrap();
    let output = run(kinotanu(work.path()).arg("bot"));
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("@BotFather") && err.contains("kinotanu ask"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn eval_on_the_seed_questions_reports_figures_and_abstains_off_topic() {
    let work = tempfile::tempdir().unwrap();
    let seeds = copy_of_seeds();
    let output = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", seeds.path())
        .env("KINOTANU_INDEX_DIR", work.path().join("i"))
        .args(["eval", "--json", "--questions"])
        .arg(data("eval/seed/questions.jsonl")));
    assert!(output.status.success(), "{}", stderr(&output));
    let figures: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let all = &figures["all"];
    assert!(all["answered_at_3"].as_f64().unwrap() >= 0.95, "{all}");
    assert_eq!(all["abstained"].as_f64(), Some(1.0), "{all}");
    assert!(figures.get("kk").is_some() && figures.get("ru").is_some());

    let table = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", seeds.path())
        .env("KINOTANU_INDEX_DIR", work.path().join("i"))
        .args(["eval", "--questions"])
        .arg(data("eval/seed/questions.jsonl")));
    for column in ["R@1", "R@5", "MRR@10", "abstained"] {
        assert!(stdout(&table).contains(column), "{}", stdout(&table));
    }
}

/// Two passages (`p1` Mozart, `p2` Abai) and two questions whose relevant passage is `p1`:
/// the Mozart question is answered by it, the Abai question is not.
fn mozart_and_abai() -> tempfile::TempDir {
    folder_with(&[
        ("p.jsonl", "{\"id\":\"p1\",\"title\":\"Моцарт\",\"text\":\"Моцарт Зальцбургте туған.\"}\n{\"id\":\"p2\",\"title\":\"Абай\",\"text\":\"Абай Құнанбайұлы ақын болған.\"}\n".as_bytes()),
        ("q.jsonl", "{\"id\":\"q1\",\"lang\":\"kk\",\"question\":\"Моцарт қайда туған?\",\"relevant\":[\"p1\"],\"answers\":[]}\n{\"id\":\"q2\",\"lang\":\"kk\",\"question\":\"Абай кім болған?\",\"relevant\":[\"p1\"],\"answers\":[]}\n".as_bytes()),
    ])
}

#[test]
fn eval_with_passages_uses_relevant_ids() {
    let work = tempfile::tempdir().unwrap();
    let files = mozart_and_abai();
    let output = run(kinotanu(work.path())
        .args(["eval", "--json", "--questions"])
        .arg(files.path().join("q.jsonl"))
        .arg("--passages")
        .arg(files.path().join("p.jsonl")));
    assert!(output.status.success(), "{}", stderr(&output));
    let figures: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(
        figures["all"]["recall_at_1"].as_f64(),
        Some(0.5),
        "{figures}"
    );
}

#[test]
fn eval_writes_each_questions_rank_when_asked() {
    let work = tempfile::tempdir().unwrap();
    let files = mozart_and_abai();
    let ranks = work.path().join("ranks.tsv");
    let output = run(kinotanu(work.path())
        .args(["eval", "--questions"])
        .arg(files.path().join("q.jsonl"))
        .arg("--passages")
        .arg(files.path().join("p.jsonl"))
        .arg("--ranks")
        .arg(&ranks));
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(&ranks).unwrap();
    let rows: Vec<Vec<&str>> = written.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{written}");
    // id, lang, rank, answered, confidence, first documents, question
    assert_eq!(rows[0][..3], ["q1", "kk", "1"], "{written}");
    let confidence: f32 = rows[0][4].parse().unwrap();
    assert!((0.0..=1.0).contains(&confidence), "{written}");
    assert_eq!(rows[0][5], "p1", "{written}");
    assert_eq!(
        rows[1][..3],
        ["q2", "kk", ""],
        "the Mozart passage does not answer: {written}"
    );
    assert_eq!(rows[1][6], "Абай кім болған?");

    let unwritable = run(kinotanu(work.path())
        .args(["eval", "--questions"])
        .arg(files.path().join("q.jsonl"))
        .arg("--passages")
        .arg(files.path().join("p.jsonl"))
        .arg("--ranks")
        .arg(work.path().join("no-such-folder").join("ranks.tsv")));
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(
        stderr(&unwritable).contains("ranks.tsv"),
        "{}",
        stderr(&unwritable)
    );
}

#[test]
fn a_bad_questions_line_exits_2_naming_file_and_line() {
    let work = tempfile::tempdir().unwrap();
    let files = folder_with(&[(
        "q.jsonl",
        b"{\"id\":\"q1\",\"question\":\"x\",\"answers\":[]}\nnot json\n",
    )]);
    let output = run(kinotanu(work.path())
        .args(["eval", "--questions"])
        .arg(files.path().join("q.jsonl"))
        .arg("--passages")
        .arg(common::seeds().join("2025-10-20-kazakh-cinema-kk.txt")));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("q.jsonl:2:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_index_built_from_other_seeds_keeps_following_them() {
    let work = tempfile::tempdir().unwrap();
    let seeds = folder_with(&[("one.jsonl", "{\"id\":\"shymkent\",\"title\":\"Фестиваль\",\"text\":\"Шымкент кинофестивалі қазан айында өтеді.\"}\n".as_bytes())]);
    let index = work.path().join("i");
    let output = run(kinotanu(work.path())
        .args(["index", "--seeds"])
        .arg(seeds.path())
        .arg("--index")
        .arg(&index));
    assert!(output.status.success(), "{}", stderr(&output));
    // No KINOTANU_SEEDS_DIR and no ./seeds here: `ask` must not rebuild from anything else.
    let output = run(kinotanu(work.path())
        .args(["ask", "--json", "--index"])
        .arg(&index)
        .arg("Шымкент кинофестивалі"));
    assert!(!stderr(&output).contains("building"), "{}", stderr(&output));
    assert_eq!(json_lines(&output)[0]["passages"][0]["doc_id"], "shymkent");
    // A file added to those seeds is picked up.
    std::fs::write(
        seeds.path().join("two.md"),
        "# Тараз\n\nТараз кинотеатры ашылды.\n",
    )
    .unwrap();
    let output = run(kinotanu(work.path())
        .args(["ask", "--json", "--index"])
        .arg(&index)
        .arg("Тараз кинотеатры"));
    assert!(
        stderr(&output).contains("the seeds changed"),
        "{}",
        stderr(&output)
    );
    assert_eq!(json_lines(&output)[0]["passages"][0]["doc_id"], "two");
}
