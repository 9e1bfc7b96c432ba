//! Which question words a passage contains, where, and which of its sentences answers best.

use std::collections::HashSet;
use std::ops::Range;

use crate::analysis::answer_type::{self, AnswerType};
use crate::analysis::{Analyzer, Head, WordList, Words, ablation, places};
use crate::search::QueryTerm;

use super::Marked;
use super::context::opens_with_reference_among;

/// The matched words of one passage.
pub struct PassageMatch<'a> {
    pub text: &'a str,
    /// Byte ranges of matched words, in order.
    pub marks: Vec<Range<usize>>,
    /// For each mark, which question term it matched.
    mark_terms: Vec<usize>,
    /// For each mark, how surely it is that term (see `QueryTerm::match_strength`).
    mark_strengths: Vec<f32>,
    term_weights: Vec<f32>,
    /// What the question's answer looks like, when it says.
    expected: Option<AnswerType>,
    /// The term the question asks about, when it says.
    focus: Option<usize>,
    /// The terms that name a place.
    places: Vec<usize>,
    /// The passage's words, in order (split when it was indexed: the answer type and the
    /// references read them again).
    words: &'a WordList,
    /// The passage's sentences, as byte ranges.
    sentences: Vec<Range<usize>>,
    /// The best sentence's evidence weight and its index in `sentences` (0 when the passage has
    /// none), worked out once: ranking, the answer sentence and the snippet all ask for it.
    best: (f32, usize),
}

/// The content words of a question and the heads a passage word needs to match any of them,
/// worked out once per question rather than once per passage.
pub struct QuestionWords<'q> {
    terms: Vec<&'q QueryTerm>,
    heads: Vec<Head>,
    expected: Option<AnswerType>,
    /// The term a which- or how-many-question asks about (see `answer_type::focus`).
    focus: Option<usize>,
    /// The terms that name a place of the gazetteer.
    places: Vec<usize>,
}

impl<'q> QuestionWords<'q> {
    pub fn new(question: &str, terms: Vec<&'q QueryTerm>) -> Self {
        let heads = terms.iter().flat_map(|t| t.heads()).collect();
        let expected = if ablation::is_off("answer-type") {
            None
        } else {
            answer_type::expected(question)
        };
        let focus = answer_type::focus(question, |w| terms.iter().any(|t| t.norm == w))
            .and_then(|norm| terms.iter().position(|t| t.norm == norm));
        let places = (0..terms.len())
            .filter(|&i| terms[i].names_place())
            .collect();
        QuestionWords {
            terms,
            heads,
            expected,
            focus,
            places,
        }
    }
}

/// How much a sentence counts as the answer when it does not name the place asked and another
/// sentence of its passage does.
const ELSEWHERE_SENTENCE: f32 = 0.5;

/// Finds the content terms of a question in a passage (its text, its words and their heads, one
/// a word, and its sentences' byte ranges), by the same forms the index uses.
pub fn match_passage<'a>(
    analyzer: &Analyzer,
    text: &'a str,
    words: &'a WordList,
    word_heads: &[[Head; 2]],
    sentences: Vec<Range<usize>>,
    question: &QuestionWords<'_>,
) -> PassageMatch<'a> {
    let (terms, heads) = (&question.terms, &question.heads);
    let mut marks = Vec::new();
    let mut mark_terms = Vec::new();
    let mut mark_strengths = Vec::new();
    for (at, (word, &[whole, last_part])) in words.all().iter().zip(word_heads).enumerate() {
        if !heads.contains(&whole) && !heads.contains(&last_part) {
            continue;
        }
        let found = analyzer.with_forms(word.norm, |forms| surest_term(terms, forms, true));
        // A region's bare name («Абай» of «Абай облысы») is the region only with a region word
        // beside it; without one the word is only what else it matches. Looked at outside
        // `with_forms`, which holds the forms cache.
        let found = match found {
            Some((term, _)) if terms[term].has_region_names() => {
                let without =
                    analyzer.with_forms(word.norm, |forms| surest_term(terms, forms, false));
                if without == found || places::region_word_beside(analyzer, text, words.all(), at) {
                    found
                } else {
                    without
                }
            }
            found => found,
        };
        if let Some((term, strength)) = found {
            marks.push(word.start..word.end);
            mark_terms.push(term);
            mark_strengths.push(strength);
        }
    }
    let mut matched = PassageMatch {
        text,
        marks,
        mark_terms,
        mark_strengths,
        term_weights: terms.iter().map(|t| t.idf).collect(),
        expected: question.expected,
        focus: question.focus,
        places: question.places.clone(),
        words,
        sentences,
        best: (0.0, 0),
    };
    matched.best = matched.find_best_sentence();
    matched
}

/// The first term a word with these forms is surely; else the first it shares its first
/// letters with. A region's bare name counts as the region only when `region_word_beside`.
fn surest_term(
    terms: &[&QueryTerm],
    forms: &crate::analysis::Forms,
    region_word_beside: bool,
) -> Option<(usize, f32)> {
    let mut found: Option<(usize, f32)> = None;
    for (i, term) in terms.iter().enumerate() {
        let Some(strength) = term.match_strength(forms, region_word_beside) else {
            continue;
        };
        if found.is_none_or(|(_, surest)| strength > surest) {
            found = Some((i, strength));
        }
        if strength >= 1.0 {
            break;
        }
    }
    found
}

impl PassageMatch<'_> {
    /// The summed IDF of the distinct terms found.
    pub fn weight(&self) -> f32 {
        self.weight_in(0..self.text.len()).0
    }

    /// Summed IDF of distinct terms inside a byte range, and how tightly they sit together
    /// (distinct terms per marked word span, 0..=1).
    fn weight_in(&self, range: Range<usize>) -> (f32, f32) {
        let inside: Vec<usize> = (0..self.marks.len())
            .filter(|&i| self.marks[i].start >= range.start && self.marks[i].end <= range.end)
            .collect();
        // Each distinct term once, by its surest mark.
        let mut strengths: Vec<(usize, f32)> = Vec::with_capacity(inside.len());
        for &i in &inside {
            let (term, strength) = (self.mark_terms[i], self.mark_strengths[i]);
            match strengths.iter_mut().find(|(t, _)| *t == term) {
                Some((_, s)) => *s = s.max(strength),
                None => strengths.push((term, strength)),
            }
        }
        let weight = strengths
            .iter()
            .map(|&(t, s)| s * self.term_weights[t])
            .sum();
        let distinct = strengths.len();
        let density = if inside.is_empty() {
            0.0
        } else {
            distinct as f32 / inside.len() as f32
        };
        (weight, density)
    }

    /// The byte range of the sentence with the most evidence weight, closest together; the
    /// whole passage when it has no sentence.
    pub fn best_sentence_range(&self) -> Range<usize> {
        self.sentences
            .get(self.best.1)
            .cloned()
            .unwrap_or(0..self.text.len())
    }

    /// The evidence weight of the best sentence, and its byte range.
    pub fn best_sentence_scored(&self) -> (f32, Range<usize>) {
        (self.best.0, self.best_sentence_range())
    }

    /// What the answer shows: the best sentence, and the one before it when the best leans on
    /// it (see [`PassageMatch::leans_on_previous`]).
    pub fn answer_range(&self) -> Range<usize> {
        let best = self.best_sentence_range();
        match self.best.1.checked_sub(1) {
            Some(previous) if self.leans_on_previous(self.best.1) => {
                self.sentences[previous].start..best.end
            }
            _ => best,
        }
    }

    /// Sentence `i` leans on the one before: it opens with a reference («В нее», «Ол», «Фильм»
    /// without a title), or the sentence before holds a weighty question word it lacks (the
    /// question's subject, named once and then left out).
    fn leans_on_previous(&self, i: usize) -> bool {
        if i == 0 || ablation::is_off("context") {
            return false;
        }
        let (this, previous) = (&self.sentences[i], &self.sentences[i - 1]);
        // A new paragraph starts afresh.
        if self.text[previous.end..this.start].contains('\n') {
            return false;
        }
        if self.refers_back(i) {
            return true;
        }
        let mean = self.mean_weight();
        let here = self.terms_in(this.clone());
        self.terms_in(previous.clone())
            .into_iter()
            .any(|t| !here.contains(&t) && self.term_weights[t] >= mean)
    }

    /// Sentence `i` opens with a reference to the sentence before it, in the same paragraph.
    fn refers_back(&self, i: usize) -> bool {
        if i == 0 || ablation::is_off("context") {
            return false;
        }
        let (this, previous) = (&self.sentences[i], &self.sentences[i - 1]);
        !self.text[previous.end..this.start].contains('\n')
            && opens_with_reference_among(&self.text[this.clone()], this.start, self.words_in(this))
    }

    /// The distinct question terms found inside a byte range.
    fn terms_in(&self, range: Range<usize>) -> HashSet<usize> {
        (0..self.marks.len())
            .filter(|&i| self.marks[i].start >= range.start && self.marks[i].end <= range.end)
            .map(|i| self.mark_terms[i])
            .collect()
    }

    /// The summed evidence weight of the distinct question terms in the answer (with its
    /// context sentence).
    pub fn answer_weight(&self) -> f32 {
        self.weight_in(self.answer_range()).0
    }

    /// Whether the answer holds the kind of token the question asks for (a number for "how
    /// many", a date for "when"…), besides the question's own words; `None` when the question
    /// asks for no particular kind.
    pub fn answer_holds_expected(&self) -> Option<bool> {
        self.expected?;
        let range = self.answer_range();
        Some(self.holds_expected(&self.text[range.clone()], range.start))
    }

    /// Whether the passage names what a which- or how-many-question asks about («бюджет» of
    /// «какой бюджет?»); `None` when the question names nothing so.
    pub fn names_focus(&self) -> Option<bool> {
        let focus = self.focus?;
        Some(self.mark_terms.contains(&focus))
    }

    /// Whether the question names a place (or its region, or a city of it) that the passage
    /// does not: «Қостанайда…?» answered by a list of other regions. The passage, not the
    /// sentence: a paragraph names its place once (on KazQAD, asking it of the sentence cost
    /// two right answers and saved no wrong one).
    pub fn misses_place(&self) -> bool {
        self.places.iter().any(|p| !self.mark_terms.contains(p))
    }

    /// Whether a range names every place asked that the passage names.
    fn names_places_in(&self, range: &Range<usize>) -> bool {
        self.places
            .iter()
            .all(|&p| !self.mark_terms.contains(&p) || self.strength_in(p, range) > 0.0)
    }

    /// How surely a term is found inside a byte range: by its surest mark there, 0 without one.
    fn strength_in(&self, term: usize, range: &Range<usize>) -> f32 {
        (0..self.marks.len())
            .filter(|&i| self.mark_terms[i] == term)
            .filter(|&i| self.marks[i].start >= range.start && self.marks[i].end <= range.end)
            .map(|i| self.mark_strengths[i])
            .fold(0.0, f32::max)
    }

    /// The passage's evidence for ranking (its best sentence's score, each sentence read alone)
    /// and the sentence that answers. A sentence that refers back («В нее вошли…») is chosen as
    /// if read with the sentence it refers to, what «нее» is counting as said; the ranking
    /// does not count it twice (measured: on KazQAD, where «Ол» opens many sentences, it cost
    /// R@5).
    /// When the passage names the place asked, a sentence that does not name it (nor leans on
    /// one that does) is a weaker answer: «Канн қаласында … қол қойылды. Ал, Ақтауда …
    /// келісімдер жасалды.» asked «Ақтауда … қол қойылды?».
    fn find_best_sentence(&self) -> (f32, usize) {
        let mut ranking = 0.0f32;
        let mut chosen: Option<(f32, usize)> = None;
        for (i, range) in self.sentences.iter().enumerate() {
            let alone = self.sentence_score(range.clone(), range.clone());
            ranking = ranking.max(alone);
            // Only a sentence with evidence of its own: one without is no answer, whatever the
            // sentence before it says.
            let read_range = if alone > 0.0 && self.refers_back(i) {
                self.sentences[i - 1].start..range.end
            } else {
                range.clone()
            };
            let mut read = if read_range == *range {
                alone
            } else {
                self.sentence_score(read_range.clone(), range.clone())
            };
            if !self.names_places_in(&read_range) {
                read *= ELSEWHERE_SENTENCE;
            }
            if chosen.is_none_or(|(s, _)| read > s) {
                chosen = Some((read, i));
            }
        }
        (ranking, chosen.map_or(0, |(_, i)| i))
    }

    /// The evidence score of a sentence read over `read` (itself, or with the one before).
    fn sentence_score(&self, read: Range<usize>, sentence: Range<usize>) -> f32 {
        let (mut weight, density) = self.weight_in(read);
        // The question word ("when", "who") is one more word of the question, found in the
        // sentence as a number or a name: it weighs as much as the question's average word.
        let ranks_kind = self.expected.is_some_and(AnswerType::ranks);
        if weight > 0.0
            && ranks_kind
            && self.holds_expected(&self.text[sentence.clone()], sentence.start)
        {
            weight += self.mean_weight();
        }
        weight * (1.0 + 0.2 * density)
    }

    /// The average evidence weight of a question word.
    fn mean_weight(&self) -> f32 {
        let n = self.term_weights.len().max(1);
        self.term_weights.iter().sum::<f32>() / n as f32
    }

    /// Whether the sentence at byte `start` holds the kind of token the question asks for,
    /// besides the question's own words (a year the question names is no answer to "when").
    fn holds_expected(&self, sentence: &str, start: usize) -> bool {
        self.expected.is_some_and(|kind| {
            let words = self.words_in(&(start..start + sentence.len()));
            answer_type::holds_among(kind, sentence, start, words, |word| {
                !self.marks.contains(&(word.start..word.end))
            })
        })
    }

    /// The words inside a byte range of the passage.
    fn words_in(&self, range: &Range<usize>) -> Words<'_> {
        self.words.within(range)
    }

    /// The passage's words.
    pub fn words(&self) -> Words<'_> {
        self.words.all()
    }

    /// The evidence weight the terms `only` add to the passage and to its answer.
    pub fn weights_of(&self, only: &[usize]) -> (f32, f32) {
        let weight_in = |range: Range<usize>| -> f32 {
            only.iter()
                .map(|&t| self.strength_in(t, &range) * self.term_weights[t])
                .sum()
        };
        (
            weight_in(0..self.text.len()),
            weight_in(self.answer_range()),
        )
    }

    /// The answer (the best sentence, with the one before it when it leans on it), with its
    /// matched words marked.
    pub fn answer_sentences(&self) -> Marked {
        let range = self.answer_range();
        let marks = self
            .marks
            .iter()
            .filter(|m| m.start >= range.start && m.end <= range.end)
            .map(|m| (m.start - range.start)..(m.end - range.start))
            .collect();
        Marked {
            text: self.text[range].to_string(),
            marks,
        }
    }
}
