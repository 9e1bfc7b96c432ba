//! Questions about the seed article written after the dev sets were tuned on, and never tuned
//! on themselves (tests/data/fresh_seed_questions.jsonl): a guard that what the paraphrase set
//! taught holds for other wordings. Their figures are in docs/evaluation.md.

mod common;

use common::{kinotanu, run, stderr, stdout};

#[test]
fn fresh_questions_are_mostly_answered_right_and_off_topic_ones_never() {
    let (work, seeds) = (tempfile::tempdir().unwrap(), common::copy_of_seeds());
    let output = run(kinotanu(work.path())
        .args(["eval", "--json", "--questions"])
        .arg(common::repo().join("tests/data/fresh_seed_questions.jsonl"))
        .arg("--passages")
        .arg(seeds.path()));
    assert!(output.status.success(), "{}", stderr(&output));
    let figures: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let all = &figures["all"];
    assert_eq!(all["abstained"].as_f64(), Some(1.0), "{all}");
    assert!(all["answer_right"].as_f64().unwrap() >= 0.75, "{all}");
    assert!(all["wrong_shown"].as_f64().unwrap() <= 0.1, "{all}");
}

/// Questions whose words the seed article has but whose fact it does not
/// (tests/data/near_miss_questions.jsonl): who directed «Qaitadan», a memorandum signed in
/// Berlin, the share of scripts in Russian. Every one should be refused; a lexical match
/// cannot tell some of them from an answer yet (docs/evaluation.md, "Near misses"), so this
/// guards the figure measured, not the goal.
#[test]
fn near_misses_are_mostly_refused() {
    let (work, seeds) = (tempfile::tempdir().unwrap(), common::copy_of_seeds());
    let output = run(kinotanu(work.path())
        .args(["eval", "--json", "--today", "2026-12-07", "--questions"])
        .arg(common::repo().join("tests/data/near_miss_questions.jsonl"))
        .arg("--passages")
        .arg(seeds.path()));
    assert!(output.status.success(), "{}", stderr(&output));
    let figures: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let all = &figures["all"];
    assert!(all["wrong_shown"].as_f64().unwrap() <= 7.0 / 19.0, "{all}");
}
