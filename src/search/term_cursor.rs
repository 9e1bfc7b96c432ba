//! One term's postings in one segment, walked block by block and scored by BM25: Tantivy's
//! `SegmentPostings` and `TermScorer` (whose blocks are not public) rebuilt on
//! `BlockSegmentPostings`, so that the question query sees where the current block of 128
//! postings ends and the most any passage in it can score (block-max pruning).
//!
//! Tantivy stores, for every full block, the (length, frequency) pair that scored best with the
//! BM25 weight of the segment being written, whose average length may differ from the one the
//! question is scored with (other segments, deleted passages). Taken as is, that pair is not a
//! bound; [`BlockBounds`] turns it into one that holds for any average (see `bound`).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25Weight, Scorer};
use tantivy::{DocId, DocSet, Score, TERMINATED};

/// Postings per block (Tantivy's `COMPRESSION_BLOCK_SIZE`, not public).
const BLOCK: usize = 128;

/// Scaled to a term's weight, a bound may round below a score by a few bits: a margin.
const MARGIN: Score = 1.001;

/// How one segment's field wrote its block maxima, to turn them into bounds for the question's
/// weights.
#[derive(Clone)]
pub struct BlockBounds {
    /// A BM25 weight with the average length the segment was written with (any IDF: only the
    /// ratio to its ceiling is used).
    writer: Bm25Weight,
    /// `writer`'s score for an unbounded frequency: its IDF times (k1 + 1).
    writer_ceiling: Score,
    /// The written average length over the question's average length.
    rho: Score,
    /// BM25's length factor for an empty passage, k1 (1 − b).
    empty: Score,
}

impl BlockBounds {
    /// `written_average`: the field's average length in the segment (its tokens over its
    /// passages, as Tantivy's serializer computes it); `searched`: the weight questions use.
    pub fn new(written_average: Score, searched_average: Score, searched: &Bm25Weight) -> Self {
        let writer = Bm25Weight::for_one_term_without_explain(1, 2, written_average);
        let writer_ceiling = ceiling(&writer);
        // score(length 0, tf 1) = ceiling / (1 + k1 (1 − b)): Tantivy's constants, not copied.
        let empty = ceiling(searched) / searched.score(0, 1) - 1.0;
        BlockBounds {
            writer,
            writer_ceiling,
            rho: written_average / searched_average,
            empty,
        }
    }

    /// The most a passage of a block can score with a weight of ceiling `ceiling`, from the
    /// block's best score with the writer's weight, `written_best`.
    ///
    /// With K(l) = k1 (1 − b + b l / average), a passage scores ceiling · tf / (tf + K(l)).
    /// The block's best pair had, with the writer's average, the least K_w(l) / tf of the block:
    /// r = writer_ceiling / written_best − 1. With the question's average,
    /// K_q(l) = ρ K_w(l) + k1 (1 − b)(1 − ρ), so every passage of the block has
    /// K_q / tf ≥ ρ r (ρ ≤ 1), or ≥ ρ r + k1 (1 − b)(1 − ρ) (ρ > 1, tf ≥ 1), and scores at most
    /// ceiling / (1 + that).
    fn bound(&self, written_best: Score, ceiling: Score) -> Option<Score> {
        // No pair was written (or nothing to read): no bound from the block.
        if written_best.is_nan() || written_best <= 0.0 {
            return None;
        }
        let r = (self.writer_ceiling / written_best - 1.0).max(0.0);
        let least = if self.rho <= 1.0 {
            self.rho * r
        } else {
            (self.rho * r + self.empty * (1.0 - self.rho)).max(0.0)
        };
        Some(ceiling / (1.0 + least) * MARGIN)
    }
}

/// A weight's score for an unbounded frequency (its IDF times k1 + 1, boost included).
pub fn ceiling(weight: &Bm25Weight) -> Score {
    weight.score(0, u32::MAX)
}

/// A term's postings in one segment, with its BM25 weight.
pub struct TermCursor {
    block: BlockSegmentPostings,
    /// The position in the current block.
    cur: usize,
    lengths: FieldNormReader,
    weight: Bm25Weight,
    bounds: BlockBounds,
    ceiling: Score,
    /// No passage scores more (see `statistics::highest_score`).
    max_score: Score,
    /// The bound of the block ending at this passage, once worked out.
    bound: Option<(DocId, Score)>,
}

impl TermCursor {
    pub fn new(
        block: BlockSegmentPostings,
        lengths: FieldNormReader,
        weight: Bm25Weight,
        bounds: BlockBounds,
        max_score: Score,
    ) -> TermCursor {
        TermCursor {
            block,
            cur: 0,
            lengths,
            ceiling: ceiling(&weight),
            weight,
            bounds,
            max_score,
            bound: None,
        }
    }

    /// The same postings scored `boost` times higher.
    pub fn boosted(mut self, boost: Score) -> TermCursor {
        self.weight = self.weight.boost_by(boost);
        self.ceiling *= boost;
        self.max_score *= boost;
        self.bound = None;
        self
    }

    /// No passage scores more with this term.
    pub fn max_score(&self) -> Score {
        self.max_score
    }

    /// The last passage of the current block (`TERMINATED` past the end).
    pub fn block_last(&self) -> DocId {
        match self.block.block_len() {
            0 => TERMINATED,
            len => self.block.doc(len - 1),
        }
    }

    /// Gives every passage from the current one to `last` (included) with its score, and stops
    /// at the first passage after `last`: a window's postings scored in one pass over the
    /// decoded blocks, without a `DocSet` call a posting.
    pub fn score_through(&mut self, last: DocId, mut each: impl FnMut(DocId, Score)) {
        loop {
            let len = self.block.block_len();
            while self.cur < len {
                let doc = self.block.doc(self.cur);
                if doc > last {
                    return;
                }
                let length = self.lengths.fieldnorm_id(doc);
                each(doc, self.weight.score(length, self.block.freq(self.cur)));
                self.cur += 1;
            }
            if len < BLOCK {
                // The last block, padded with TERMINATED after its postings: `doc` says so.
                return;
            }
            self.cur = 0;
            self.block.advance();
        }
    }

    /// No passage of the current block scores more with this term.
    pub fn block_bound(&mut self) -> Score {
        let last = self.block_last();
        if last == TERMINATED {
            return 0.0;
        }
        match self.bound {
            Some((block, bound)) if block == last => bound,
            _ => {
                // Tantivy caches this per block for one weight: always ask with the writer's.
                let written = self
                    .block
                    .block_max_score(&self.lengths, &self.bounds.writer);
                let bound = self
                    .bounds
                    .bound(written, self.ceiling)
                    .map_or(self.max_score, |b| b.min(self.max_score));
                self.bound = Some((last, bound));
                bound
            }
        }
    }
}

impl DocSet for TermCursor {
    fn advance(&mut self) -> DocId {
        if self.cur == BLOCK - 1 {
            self.cur = 0;
            self.block.advance();
        } else if self.doc() != TERMINATED {
            self.cur += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        // The next posting is often the one: no search.
        self.cur = (self.cur + 1).min(BLOCK - 1);
        if self.doc() >= target {
            return self.doc();
        }
        self.cur = self.block.seek(target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.block.doc(self.cur)
    }

    fn size_hint(&self) -> u32 {
        self.block.doc_freq()
    }
}

impl Scorer for TermCursor {
    fn score(&mut self) -> Score {
        let length = self.lengths.fieldnorm_id(self.doc());
        self.weight.score(length, self.block.freq(self.cur))
    }
}
