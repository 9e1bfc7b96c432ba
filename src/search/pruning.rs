//! The top passages of a question, collected with block-max MaxScore: MaxScore (Turtle and
//! Flood, 1995) over the question's words, in windows of passages bounded by the postings'
//! blocks, as Lucene's `MaxScoreBulkScorer` does.
//!
//! Once the k-th best score (the threshold) is known, the words whose highest scores together
//! cannot reach it are no longer walked, only looked up for passages the other words found.
//! The walked words' postings then cut the passages into windows: from the next passage any of
//! them has to the end of the first of their current blocks. In a window every word counts with
//! its block's bound, much tighter than its highest score anywhere: a window none of whose
//! passages can beat the threshold is skipped whole, and within one the words are split again
//! by those bounds, so a common word is often only looked up.
//!
//! A passage's score is added up in the words' own order whatever the split, so that it is the
//! same number every time (equal passages tie, and the first one wins, as in Tantivy).

use tantivy::{DocId, Score, TERMINATED};

use super::question_query::{WordScorer, least_doc};

/// Calls `callback` with every passage that beats the threshold it returns, in order, and the
/// passage's score: the passages left out cannot beat it.
pub(super) fn collect(
    mut words: Vec<WordScorer>,
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    words.sort_by(|a, b| a.max_score.total_cmp(&b.max_score));
    let n = words.len();
    // bounds[i]: the most words 0..=i can add together anywhere.
    let bounds = running_sums(words.iter().map(|w| w.max_score));
    // Where each word is in `words`, by the word's own order.
    let mut by_order = vec![0; n];
    for (at, word) in words.iter().enumerate() {
        by_order[word.order] = at;
    }
    // In the current window: each word's bound, the words by it, and their running sums.
    let mut window_bounds: Vec<Score> = vec![0.0; n];
    let mut by_bound: Vec<usize> = (0..n).collect();
    let mut window_sums: Vec<Score> = vec![0.0; n];
    let mut from: DocId = 0;
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
            .unwrap_or(TERMINATED);
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
                by_order: &by_order,
                first,
                last,
            };
            threshold = window.collect(&mut words, threshold, callback);
        }
        if last == TERMINATED {
            break;
        }
        from = last + 1;
    }
}

/// A window of passages, `first..=last`, with the words ordered by their bounds in it.
struct Window<'a> {
    by_bound: &'a [usize],
    /// The running sums of the bounds in `by_bound` order.
    sums: &'a [Score],
    by_order: &'a [usize],
    first: DocId,
    last: DocId,
}

impl Window<'_> {
    /// MaxScore inside the window; returns the threshold at its end.
    fn collect(
        &self,
        words: &mut [WordScorer],
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> Score {
        let n = words.len();
        let mut walked_from = self.sums.iter().take_while(|&&b| b <= threshold).count();
        for &i in &self.by_bound[walked_from..] {
            if words[i].doc < self.first {
                words[i].seek(self.first);
            }
        }
        while walked_from < n {
            let walked = &self.by_bound[walked_from..];
            let doc = walked
                .iter()
                .map(|&i| words[i].doc)
                .min()
                .unwrap_or(TERMINATED);
            if doc > self.last {
                break;
            }
            let mut partial: Score = 0.0;
            for &i in walked {
                if words[i].doc == doc {
                    partial += words[i].score_part();
                }
            }
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
                    partial += word.score_part();
                }
            }
            // The sum in another order differs in the last bits at most: only a passage that
            // comes that close is added up again in the words' order, and tested with that.
            let close = partial.abs() * 1e-5;
            let score: Score = if complete && partial + close > threshold {
                self.by_order
                    .iter()
                    .map(|&at| &words[at])
                    .map(|w| if w.doc == doc { w.part } else { 0.0 })
                    .sum()
            } else {
                Score::MIN
            };
            if score > threshold {
                threshold = callback(doc, score);
                while walked_from < n && self.sums[walked_from] <= threshold {
                    walked_from += 1;
                }
            }
            for &i in &self.by_bound[walked_from..] {
                if words[i].doc == doc {
                    words[i].advance();
                }
            }
        }
        threshold
    }
}

fn running_sums(values: impl Iterator<Item = Score>) -> Vec<Score> {
    values
        .scan(0.0, |sum, v| {
            *sum += v;
            Some(*sum)
        })
        .collect()
}
