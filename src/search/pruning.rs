//! The top passages of a question, collected with block-max MaxScore: MaxScore (Turtle and
//! Flood, 1995) over the question's words, in windows of passages bounded by the postings'
//! blocks, as Lucene's `MaxScoreBulkScorer` does.
//!
//! Once the k-th best score (the threshold) is known, the words whose highest scores together
//! cannot reach it are no longer walked, only looked up for passages the other words found.
//! The walked words' postings then cut the passages into windows: from the next passage any of
//! them has to the end of the first of their current blocks, or `MIN_WINDOW` passages when
//! that is sooner. In a window every word counts with its block's bound (its highest score
//! where its block ends inside), much tighter than its highest score anywhere: a window none of whose
//! passages can beat the threshold is skipped whole, and within one the words are split again
//! by those bounds, so a common word is often only looked up.
//!
//! Within a window the walked words are scored a term at a time into a buffer of the window's
//! passages (`WindowScores`), not merged passage by passage: the merge of every walked word's
//! forms at every passage was two thirds of an answer's instructions.
//!
//! A passage's score is added up in the words' own order whatever the split, so that it is the
//! same number every time (equal passages tie, and the first one wins, as in Tantivy): each
//! word's part is kept in the passage's row, in the question's word order, and the row summed.

use std::cell::RefCell;

use tantivy::{DocId, Score, TERMINATED};

use super::question_query::{WordScorer, least_doc};

/// Calls `callback` with every passage that beats the threshold it returns, in order, and the
/// passage's score: the passages left out cannot beat it.
pub(super) fn collect(
    words: Vec<WordScorer>,
    threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    SCORES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scores) => collect_with(words, threshold, callback, &mut scores),
        Err(_) => collect_with(words, threshold, callback, &mut WindowScores::new()),
    })
}

fn collect_with(
    mut words: Vec<WordScorer>,
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
    scores: &mut WindowScores,
) {
    words.sort_by(|a, b| a.max_score.total_cmp(&b.max_score));
    let n = words.len();
    // bounds[i]: the most words 0..=i can add together anywhere.
    let bounds = running_sums(words.iter().map(|w| w.max_score));
    // In the current window: each word's bound, the words by it, and their running sums.
    let mut window_bounds: Vec<Score> = vec![0.0; n];
    let mut by_bound: Vec<usize> = (0..n).collect();
    let mut window_sums: Vec<Score> = vec![0.0; n];
    let mut from: DocId = 0;
    scores.start(n);
    loop {
        let walked_from = bounds.iter().take_while(|&&b| b <= threshold).count();
        if walked_from == n {
            break;
        }
        for word in &mut words[walked_from..] {
            if word.doc < from {
                word.seek(from);
            }
        }
        let first = least_doc(&words[walked_from..]);
        if first == TERMINATED {
            break;
        }
        let last = words[walked_from..]
            .iter()
            .flat_map(|w| w.block_lasts())
            .min()
            .unwrap_or(TERMINATED)
            .max(first.saturating_add(MIN_WINDOW as DocId - 1))
            .min(first.saturating_add(WINDOW as DocId - 1));
        let mut total: Score = 0.0;
        for (bound, word) in window_bounds.iter_mut().zip(&mut words) {
            *bound = word.window_bound(first, last);
            total += *bound;
        }
        if total > threshold {
            by_bound.sort_unstable_by(|&a, &b| window_bounds[a].total_cmp(&window_bounds[b]));
            let mut sum = 0.0;
            for (running, &i) in window_sums.iter_mut().zip(&by_bound) {
                sum += window_bounds[i];
                *running = sum;
            }
            let window = Window {
                by_bound: &by_bound,
                sums: &window_sums,
                first,
                last,
            };
            threshold = window.collect(&mut words, threshold, callback, scores);
        }
        if last == TERMINATED {
            break;
        }
        from = last + 1;
    }
    scores.dirty = false;
}

/// A window of passages, `first..=last`, with the words ordered by their bounds in it.
struct Window<'a> {
    by_bound: &'a [usize],
    /// The running sums of the bounds in `by_bound` order.
    sums: &'a [Score],
    first: DocId,
    last: DocId,
}

impl Window<'_> {
    /// MaxScore inside the window, a window at a time (Lucene's `MaxScoreBulkScorer`): the
    /// walked words are scored into `scores` term by term, then the others are looked up only
    /// for the passages that can still beat the threshold. Returns the threshold at its end.
    fn collect(
        &self,
        words: &mut [WordScorer],
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
        scores: &mut WindowScores,
    ) -> Score {
        let walked_from = self.sums.iter().take_while(|&&b| b <= threshold).count();
        for &i in &self.by_bound[walked_from..] {
            words[i].score_window(self.first, self.last, scores);
        }
        let matched = std::mem::replace(&mut scores.matched, [0; BITS]);
        for (k, &bits) in matched.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let at = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let doc = self.first + at as DocId;
                let (row, mut partial) = scores.passage(at);
                let mut complete = true;
                for j in (0..walked_from).rev() {
                    if partial + self.sums[j] <= threshold {
                        // It cannot beat the threshold, whatever the words left would add.
                        complete = false;
                        break;
                    }
                    let word = &mut words[self.by_bound[j]];
                    if word.doc < doc {
                        word.seek(doc);
                    }
                    if word.doc == doc {
                        let part = word.score();
                        row[word.order] = part;
                        partial += part;
                    }
                }
                // The sum in another order differs in the last bits at most: only a passage
                // that comes that close is added up again in the words' order, and tested
                // with that.
                let close = partial.abs() * 1e-5;
                if complete && partial + close > threshold {
                    let score: Score = row.iter().sum();
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                }
                row.fill(0.0);
            }
        }
        threshold
    }
}

/// Passages in a window at most (Lucene's inner window is 4,096): the buffers below hold one
/// entry per passage of a window.
const WINDOW: usize = 2048;
/// Passages in a window at least, as Lucene's `MaxScoreBulkScorer` does ("score at least an
/// entire inner window"): where many long lists are walked (a question of common words in
/// many forms, a million passages) their blocks' ends fall a hundred passages apart, and
/// working out every word's bounds, splitting the words and clearing the buffers for so few
/// passages cost more than the tighter bounds save. A form whose block ends inside a longer
/// window counts with its highest score there.
const MIN_WINDOW: usize = 256;
const BITS: usize = WINDOW / 64;

/// The walked words' scores in the current window, by passage (its distance from the window's
/// first passage). Between windows every entry is zero, so that a window clears only what it
/// touched.
pub(super) struct WindowScores {
    /// Words in the question (those the segment has).
    words: usize,
    /// Each passage's row of `words` parts, in the question's word order (0: no match).
    parts: Vec<Score>,
    /// Each passage's walked words' parts added up, in any order: for pruning only.
    partial: Box<[Score; WINDOW]>,
    matched: [u64; BITS],
    /// The word being scored, form by form: its best form's score and the sum of its forms'.
    best: Box<[Score; WINDOW]>,
    sum: Box<[Score; WINDOW]>,
    seen: [u64; BITS],
    /// Set while a segment is collected: left set, a panic midway left entries behind.
    dirty: bool,
}

impl WindowScores {
    fn new() -> WindowScores {
        WindowScores {
            words: 0,
            parts: Vec::new(),
            partial: Box::new([0.0; WINDOW]),
            matched: [0; BITS],
            best: Box::new([0.0; WINDOW]),
            sum: Box::new([0.0; WINDOW]),
            seen: [0; BITS],
            dirty: false,
        }
    }

    fn start(&mut self, words: usize) {
        if self.dirty {
            *self = WindowScores::new();
        }
        self.dirty = true;
        self.words = words;
        if self.parts.len() < WINDOW * words {
            self.parts.resize(WINDOW * words, 0.0);
        }
    }

    /// A word's part of the score of the passage at `at`.
    #[inline]
    pub fn add(&mut self, at: usize, order: usize, part: Score) {
        let at = at % WINDOW;
        self.parts[at * self.words + order] = part;
        self.partial[at] += part;
        self.matched[at / 64] |= 1 << (at % 64);
    }

    /// One form's score of the passage at `at`, for the word being scored.
    #[inline]
    pub fn add_form(&mut self, at: usize, score: Score) {
        let at = at % WINDOW;
        self.best[at] = self.best[at].max(score);
        self.sum[at] += score;
        self.seen[at / 64] |= 1 << (at % 64);
    }

    /// The word being scored is done: its part of each passage its forms have, as
    /// `WordScorer::score` computes it.
    pub fn end_word(&mut self, order: usize, tie_breaker: Score) {
        let seen = std::mem::replace(&mut self.seen, [0; BITS]);
        for (k, &bits) in seen.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let at = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (best, sum) = (self.best[at], self.sum[at]);
                (self.best[at], self.sum[at]) = (0.0, 0.0);
                self.add(at, order, best + (sum - best) * tie_breaker);
            }
        }
    }

    /// The row of parts of the passage at `at`, to be cleared by the caller, and its walked
    /// words' sum (cleared).
    fn passage(&mut self, at: usize) -> (&mut [Score], Score) {
        let partial = std::mem::take(&mut self.partial[at % WINDOW]);
        let row = &mut self.parts[at * self.words..][..self.words];
        (row, partial)
    }
}

thread_local! {
    /// Reused from question to question (they are a few hundred kilobytes).
    static SCORES: RefCell<WindowScores> = RefCell::new(WindowScores::new());
}

fn running_sums(values: impl Iterator<Item = Score>) -> Vec<Score> {
    values
        .scan(0.0, |sum, v| {
            *sum += v;
            Some(*sum)
        })
        .collect()
}
