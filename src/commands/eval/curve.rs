//! The trade-off of the answering bar: at each confidence bar, the share of on-topic questions
//! answered right and the share of all questions answered wrong (an off-topic question answered
//! counts as wrong). Read from answers given with no bar, by their confidence.

use serde::Serialize;

use super::Question;
use crate::answer::Answer;

/// The bars tried, from answering everything to answering almost nothing.
const BARS: [f32; 15] = [
    0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9,
];

/// Right and wrong at one bar.
#[derive(Debug, Serialize, PartialEq)]
pub struct Point {
    pub min_confidence: f32,
    /// Of the on-topic questions.
    pub right: f64,
    /// Of all questions.
    pub wrong_shown: f64,
    /// Of the off-topic questions; `null` when there are none.
    pub off_topic_abstained: Option<f64>,
}

/// The curve over [`BARS`], for answers given with no bar.
pub fn points(questions: &[Question], answers: &[Answer]) -> Vec<Point> {
    let on_topic = questions.iter().filter(|q| !q.off_topic()).count();
    let off_topic = questions.len() - on_topic;
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    BARS.iter()
        .map(|&bar| {
            let (mut right, mut wrong, mut abstained) = (0, 0, 0);
            for (question, answer) in questions.iter().zip(answers) {
                let answer = answer.clone().held_to(bar);
                let is_right = question.answer_right(&answer);
                right += usize::from(is_right);
                wrong += usize::from(answer.answered && !is_right);
                abstained += usize::from(question.off_topic() && !answer.answered);
            }
            Point {
                min_confidence: bar,
                right: share(right, on_topic),
                wrong_shown: share(wrong, questions.len()),
                off_topic_abstained: (off_topic > 0).then(|| share(abstained, off_topic)),
            }
        })
        .collect()
}

/// The curve as a Markdown table, the bar in use in bold.
pub fn table(points: &[Point], in_use: f32) -> String {
    let mut out = String::from(
        "\n| min confidence | right | wrong shown | off-topic abstained |\n|---|---|---|---|\n",
    );
    for point in points {
        let bar = if (point.min_confidence - in_use).abs() < 1e-6 {
            format!("**{:.2}** (in use)", point.min_confidence)
        } else {
            format!("{:.2}", point.min_confidence)
        };
        let abstained = point
            .off_topic_abstained
            .map_or("—".to_string(), |a| format!("{a:.2}"));
        out.push_str(&format!(
            "| {bar} | {:.3} | {:.3} | {abstained} |\n",
            point.right, point.wrong_shown
        ));
    }
    out
}
