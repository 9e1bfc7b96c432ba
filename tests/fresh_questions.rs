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
