//! Answer: from ranked passages to what the user sees — the sentence that answers, marked, with
//! its source and further evidence — or the decision that the corpus does not answer.
//!
//! The decision is made on evidence weight: each content word of the question weighs its IDF
//! (a word the corpus never uses weighs the most), and the best passage must cover enough of
//! that weight. A question that matches only common words is not answered.

mod confidence;
mod context;
mod language;
mod matching;
pub mod terminal;
mod time;

use std::ops::Range;

use anyhow::Result;
use chrono::NaiveDate;

use crate::analysis::{WordList, ablation};
use crate::corpus::Passage;
use crate::search::{Hit, QueryTerm, SearchIndex};
use matching::{PassageMatch, QuestionWords, match_passage};

/// How much of the question's evidence weight a passage must cover to be offered as supporting
/// evidence (the renderers show those above half of it).
pub const MIN_COVERAGE: f32 = 0.4;
/// The confidence (see [`confidence`]) an answer needs to be given.
pub const MIN_CONFIDENCE: f32 = 0.4;
/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 280;
/// Passages searched before the top ones are chosen…
const CANDIDATES: usize = 10;
/// …and when the question names a time, which may lift a passage from further down.
const CANDIDATES_WITH_TIME: usize = 30;
/// How much the best sentence's evidence weight adds to a passage's BM25 score when re-ranking:
/// question words that sit together in one sentence are the answer more often than the same
/// words spread over a paragraph.
const PROXIMITY: f32 = 0.6;
/// A passage's score is multiplied by this for every passage of its document ranked ahead of it.
const SAME_DOCUMENT_FACTOR: f32 = 0.5;

/// Text with some byte ranges marked (the matched words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Marked {
    /// The text with each mark wrapped in `open`/`close`, and every piece of text passed through
    /// `escape` (for HTML) first.
    pub fn render(&self, open: &str, close: &str, escape: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 8);
        let mut at = 0;
        for mark in &self.marks {
            out.push_str(&escape(&self.text[at..mark.start]));
            out.push_str(open);
            out.push_str(&escape(&self.text[mark.clone()]));
            out.push_str(close);
            at = mark.end;
        }
        out.push_str(&escape(&self.text[at..]));
        out
    }
}

/// One passage offered as evidence.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub passage: Passage,
    /// The ranking score: BM25 plus the best sentence's evidence, lowered for each passage of
    /// the same document ahead of it. It never increases along `Answer::evidence`.
    pub score: f32,
    pub snippet: Marked,
    /// Share of the question's evidence weight this passage covers, 0..=1.
    pub coverage: f32,
}

/// The answer to one question.
#[derive(Debug, Clone)]
pub struct Answer {
    pub question: String,
    /// Whether the corpus answers: when false, `sentence` is `None` and `evidence` holds only the
    /// nearest passages, which the renderers do not present as an answer.
    pub answered: bool,
    /// The answering sentence, with the sentence before it when it leans on it («В нее
    /// вошли…» after the sentence naming the selection).
    pub sentence: Option<Marked>,
    /// How well the best passage's answer covers the question's focus, 0..=1 (see
    /// [`confidence`]); answered when at least [`MIN_CONFIDENCE`].
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
}

impl Answer {
    /// The same answer held to another bar: not answered when its confidence is below
    /// `min_confidence`.
    pub fn held_to(mut self, min_confidence: f32) -> Answer {
        if self.confidence < min_confidence {
            self.answered = false;
            self.sentence = None;
        }
        self
    }
}

/// How a question is asked: how much evidence is wanted, the bar for answering, and the day it
/// is asked on (for «биыл», «на этой неделе»).
#[derive(Debug, Clone, Copy)]
pub struct Asking {
    /// At most this many passages of evidence.
    pub top: usize,
    /// The confidence an answer needs (the evaluation asks at 0 and reads the curve of right
    /// against wrong answers from each answer's confidence).
    pub min_confidence: f32,
    pub today: NaiveDate,
}

impl Asking {
    /// At most `top` passages, the bar in use, today in Kazakhstan.
    pub fn new(top: usize) -> Asking {
        Asking {
            top,
            min_confidence: MIN_CONFIDENCE,
            today: time::today(),
        }
    }
}

/// Answers a question from the index, with at most `top` passages of evidence.
pub fn answer(index: &SearchIndex, question: &str, top: usize) -> Result<Answer> {
    answer_with(index, question, &Asking::new(top))
}

/// Answers a question as asked.
pub fn answer_with(index: &SearchIndex, question: &str, asking: &Asking) -> Result<Answer> {
    let &Asking {
        top,
        min_confidence,
        today,
    } = asking;
    let asked = time::asked(question, today);
    let period = asked.as_ref().map(|asked| asked.period);
    // A time asked may put a passage further down first: more candidates.
    let candidates = if period.is_some() {
        CANDIDATES_WITH_TIME
    } else {
        CANDIDATES
    };
    let result = index.search(question, candidates.max(top))?;
    let analyzer = index.analyzer();
    let terms: Vec<&QueryTerm> = result.terms.iter().filter(|t| !t.stop).collect();
    let total_weight: f32 = terms.iter().map(|t| t.idf).sum();
    // The words naming the time asked («2025», «года», «октябре»): a passage of that time need
    // not repeat them.
    let time_terms: Vec<usize> = asked.as_ref().map_or_else(Vec::new, |asked| {
        (0..terms.len())
            .filter(|&i| asked.words.contains(&terms[i].norm))
            .collect()
    });
    let time_weight: f32 = time_terms.iter().map(|&i| terms[i].idf).sum();
    let question_words = QuestionWords::new(question, terms);
    let proximity = if ablation::is_off("proximity") {
        0.0
    } else {
        PROXIMITY
    };
    let asker = language::of_question(question);
    // Re-rank: BM25 plus the weight of the question words that sit together in one sentence;
    // a little less for a passage in the other language than the question's, for one of
    // another time than the one asked, and for an older document.
    let hits = result.hits;
    let newest = time::newest(hits.iter().map(|hit| &hit.passage));
    let words: Vec<WordList> = hits.iter().map(Hit::words).collect();
    let matches: Vec<PassageMatch<'_>> = hits
        .iter()
        .zip(&words)
        .map(|(hit, words)| {
            match_passage(
                analyzer,
                &hit.passage.text,
                words,
                &hit.heads(words),
                hit.sentences(),
                &question_words,
            )
        })
        .collect();
    // Each candidate's fit to the time asked, worked out once (`None`: no time asked).
    let fits: Vec<Option<time::Fit>> = hits
        .iter()
        .zip(&matches)
        .map(|(hit, matched)| {
            let period = period.as_ref()?;
            Some(time::fit(period, &hit.passage, matched.words(), today))
        })
        .collect();
    let some_fit = fits
        .iter()
        .any(|fit| matches!(fit, Some(time::Fit::Inside | time::Fit::Undated)));
    let scores: Vec<f32> = hits
        .iter()
        .zip(&matches)
        .zip(&fits)
        .map(|((hit, matched), &fit)| {
            let score = hit.score + proximity * matched.best_sentence_scored().0;
            score
                * language::factor(asker, hit.passage.lang)
                * time::factor(fit, some_fit, &hit.passage, newest)
        })
        .collect();
    let doc_ids: Vec<&str> = hits.iter().map(|hit| hit.passage.doc_id.as_str()).collect();
    let ordered = spread_over_documents(&doc_ids, &scores);
    let share = |weight: f32| {
        if total_weight > 0.0 {
            weight / total_weight
        } else {
            0.0
        }
    };
    // The shares of the question's weight a passage and its answer cover. For one of the time
    // asked, the better of the time words counted and the time words left out of the question:
    // a post of October need not say «в октябре», but the words it does match must still make
    // the answer (granting the time words in full would let a rare month name carry any
    // sentence of the month). One of another time, or of no date known, still misses them.
    let coverages = |i: usize| {
        let matched = &matches[i];
        let (passage, answer) = (matched.weight(), matched.answer_weight());
        let counted = (share(passage), share(answer));
        let rest = total_weight - time_weight;
        if fits[i] != Some(time::Fit::Inside) || time_terms.is_empty() || rest <= 0.0 {
            return counted;
        }
        let (time_in_passage, time_in_answer) = matched.weights_of(&time_terms);
        (
            counted.0.max((passage - time_in_passage) / rest),
            counted.1.max((answer - time_in_answer) / rest),
        )
    };
    let first = ordered.first().map(|&(i, _)| i);
    let first_fit = first.and_then(|i| fits[i]);
    let confidence = first.map_or(0.0, |i| {
        let matched = &matches[i];
        let (passage_coverage, answer_coverage) = coverages(i);
        confidence::of(&confidence::Signals {
            passage_coverage,
            answer_coverage,
            holds_expected: matched.answer_holds_expected(),
            focus_unknown: matches.iter().all(|m| m.names_focus() == Some(false)),
            misses_place: matched.misses_place(),
            other_time: first_fit == Some(time::Fit::Outside),
        })
    });
    let answered = confidence > 0.0 && confidence >= min_confidence;
    let sentence = first
        .filter(|_| answered)
        .map(|i| matches[i].answer_sentences());
    let evidence = ordered
        .into_iter()
        .take(top)
        .map(|(i, score)| Evidence {
            snippet: snippet(&matches[i]),
            passage: hits[i].passage.clone(),
            score,
            coverage: coverages(i).0,
        })
        .collect();
    Ok(Answer {
        question: question.to_string(),
        answered,
        sentence,
        confidence,
        evidence,
    })
}

/// The order of the hits, best first, with their final scores: each score multiplied by
/// [`SAME_DOCUMENT_FACTOR`] for every passage of its document already ahead of it, so the first
/// results cover more documents and the scores shown still only go down.
fn spread_over_documents(doc_ids: &[&str], scores: &[f32]) -> Vec<(usize, f32)> {
    let factor = if ablation::is_off("collapse") {
        1.0
    } else {
        SAME_DOCUMENT_FACTOR
    };
    let mut ordered: Vec<(usize, f32)> = Vec::with_capacity(scores.len());
    let mut left: Vec<usize> = (0..scores.len()).collect();
    while !left.is_empty() {
        let adjusted = |i: usize| {
            let ahead = ordered
                .iter()
                .filter(|&&(j, _)| doc_ids[j] == doc_ids[i])
                .count();
            scores[i] * factor.powi(ahead as i32)
        };
        // The best adjusted score; among equals, the earlier (better BM25) hit.
        let pick = (0..left.len())
            .max_by(|&a, &b| {
                adjusted(left[a])
                    .total_cmp(&adjusted(left[b]))
                    .then(b.cmp(&a))
            })
            .expect("not empty");
        let i = left.remove(pick);
        ordered.push((i, adjusted(i)));
    }
    ordered
}

/// A window of the passage around its best sentence, at most [`SNIPPET_CHARS`] characters,
/// cut between words, with the matched words marked.
fn snippet(matched: &PassageMatch<'_>) -> Marked {
    let text = matched.text;
    let best = matched.best_sentence_range();
    let (mut start, mut end) = (best.start, text.len());
    if text.chars().count() <= SNIPPET_CHARS {
        start = 0;
    } else {
        // Keep the window inside the limit, starting at the best sentence (or its first mark when
        // the sentence alone is too long).
        let first_mark = matched.marks.iter().find(|m| m.start >= best.start);
        if let Some(first) =
            first_mark.filter(|_| text[start..best.end].chars().count() > SNIPPET_CHARS)
        {
            start = word_start_before(text, first.start, SNIPPET_CHARS / 4);
        }
        end = text[start..]
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(text.len(), |(i, _)| start + i);
        // The snippet ends with the best sentence's paragraph.
        if let Some(line_end) = text.get(best.end..end).and_then(|after| after.find('\n')) {
            end = best.end + line_end;
        }
        if end < text.len() {
            end = text[start..end]
                .rfind(char::is_whitespace)
                .map_or(end, |i| start + i);
        }
    }
    let mut out = String::new();
    let prefix = if start > 0 { "…" } else { "" };
    out.push_str(prefix);
    out.push_str(text[start..end].trim_end());
    let body_end = prefix.len() + text[start..end].trim_end().len();
    if end < text.len() {
        out.push('…');
    }
    let shift = |r: &Range<usize>| (r.start - start + prefix.len())..(r.end - start + prefix.len());
    let marks = matched
        .marks
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(shift)
        .filter(|m| m.end <= body_end)
        .collect();
    Marked { text: out, marks }
}

/// A word boundary at most `back` characters before `at`.
fn word_start_before(text: &str, at: usize, back: usize) -> usize {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(back)
        .map_or(0, |(i, _)| i);
    // After the space, which may be wider than a byte (a no-break space is two).
    text[from..at]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(i, c)| from + i + c.len_utf8())
        .min(at)
}
