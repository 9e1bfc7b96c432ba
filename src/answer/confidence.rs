//! Whether to answer: a wrong answer shown is worse than "not in the corpus", so the answer is
//! given only when its sentence covers the question's focus.
//!
//! Each content word of the question weighs its IDF (a rare word weighs most). The signals are
//! the share of that weight the answer (the sentence, with the one before it when it leans on
//! it) covers, the share the whole passage covers, and, when the question says what kind of
//! answer it wants (a number, a date, a name, a place, a title), whether the answer holds one;
//! for a which- or how-many-question, whether any passage names what it asks about; and whether
//! the passage names the place the question names, and is of the time it names.

use crate::analysis::ablation;

/// What the decision is made from, for the best passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signals {
    /// Share of the question's weight the whole passage covers, 0..=1.
    pub passage_coverage: f32,
    /// Share the answer shown covers, 0..=1.
    pub answer_coverage: f32,
    /// Whether the answer holds the kind of token the question asks for; `None` when it asks
    /// for no particular kind.
    pub holds_expected: Option<bool>,
    /// A which- or how-many-question asks about a word that no passage found names («какой
    /// рейтинг?» of a corpus without ratings).
    pub focus_unknown: bool,
    /// The question names a place (by itself, its region or a city of it) the passage does not.
    pub misses_place: bool,
    /// The question names a time («биыл», «в 2024 году») the passage's document is not of.
    pub other_time: bool,
}

/// The confidence kept when the question names a place the passage does not: a place narrows
/// the question, and an answer about elsewhere is an answer to another question.
const PLACE_MISSING: f32 = 0.6;
/// How much the answer's own coverage counts against the passage's.
const ANSWER_SHARE: f32 = 0.5;
/// The confidence kept when the question asks for a kind the answer lacks ("how many?" answered
/// by a sentence without a number).
const KIND_MISSING: f32 = 0.7;
/// The confidence kept when no passage found names what the question asks about and the answer
/// does not hold the kind it asks for («какой бюджет?» answered by a sentence on box office).
/// Only then: an answer may well leave the word out («какая команда?» — «Бронкос»), as XQuAD
/// showed when any answer without it was lowered (right −0.043, wrong shown −0.015).
const FOCUS_MISSING: f32 = 0.7;

/// The confidence in an answer, 0..=1.
pub fn of(signals: &Signals) -> f32 {
    let Signals {
        passage_coverage,
        answer_coverage,
        holds_expected,
        focus_unknown,
        misses_place,
        other_time,
    } = *signals;
    // Last year's news is no answer to «биыл», however well it matches: the ranking prefers
    // documents of the time asked, the answer is limited to them.
    if other_time {
        return 0.0;
    }
    if ablation::is_off("confidence") {
        // As before the answer's own evidence counted: the passage's coverage alone.
        return passage_coverage;
    }
    let mut confidence = ANSWER_SHARE * answer_coverage + (1.0 - ANSWER_SHARE) * passage_coverage;
    if holds_expected == Some(false) {
        confidence *= KIND_MISSING;
    }
    if focus_unknown && holds_expected != Some(true) {
        confidence *= FOCUS_MISSING;
    }
    if misses_place {
        confidence *= PLACE_MISSING;
    }
    confidence.clamp(0.0, 1.0)
}
