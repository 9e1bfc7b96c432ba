//! Pruning over several segments (updates in place make them normal): the pruned top passages
//! are those of the same query scored passage by passage, score for score.

use super::*;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::Weight;
use tantivy::schema::Field;
use tantivy::{IndexWriter, Searcher};

/// The question query without its pruning: Tantivy scores every passage any word matches.
#[derive(Clone, Debug)]
struct Unpruned(QuestionQuery);

impl Query for Unpruned {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        struct Plain(Box<dyn Weight>);
        impl Weight for Plain {
            fn scorer(&self, r: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
                self.0.scorer(r, boost)
            }
            fn explain(&self, r: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
                self.0.explain(r, doc)
            }
        }
        Ok(Box::new(Plain(self.0.weight(scoring)?)))
    }
}

fn writer(index: &Index) -> IndexWriter<TantivyDocument> {
    let writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(NoMergePolicy));
    writer
}

fn add(writer: &mut IndexWriter<TantivyDocument>, field: Field, text: &str) {
    let mut doc = TantivyDocument::new();
    doc.add_text(field, text);
    writer.add_document(doc).unwrap();
}

fn top(searcher: &Searcher, query: &dyn Query, k: usize) -> Vec<(Score, DocAddress)> {
    searcher
        .search(query, &TopDocs::with_limit(k).order_by_score())
        .unwrap()
}

/// Two segments whose average lengths differ a hundredfold. Tantivy keeps, per block of
/// postings, the passage that scored best with its own segment's average; with the index's,
/// another passage of the block scores more. In the first segment's second block a long passage
/// repeating `x` hides among one-word passages `x`: with the index's average it is the best
/// passage of all. Taking the kept passage's score as the block's bound skips that block.
#[test]
fn a_block_written_with_another_average_is_not_skipped() {
    let mut schema = Schema::builder();
    let field = schema.add_text_field("f", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer = writer(&index);
    let long = format!("{} {}", ["x"; 10].join(" "), ["filler"; 90].join(" "));
    for i in 0..300 {
        add(&mut writer, field, if i == 150 { &long } else { "x" });
    }
    writer.commit().unwrap();
    let thousand_words: String = (0..1000).map(|i| format!("w{} ", i % 37)).collect();
    for _ in 0..300 {
        add(&mut writer, field, &thousand_words);
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(searcher.segment_readers().len(), 2);
    let statistics = IndexStatistics::new(&searcher, &[field]).unwrap();
    let lookups = TermLookups::new(&statistics);
    let x = lookups.query(field, "x", 1.0).unwrap().unwrap();
    let ours = QuestionQuery::new(vec![WordClause { forms: vec![x] }], 0.1);
    let pruned = top(&searcher, &ours, 1);
    let unpruned = top(&searcher, &Unpruned(ours), 1);
    assert_eq!(unpruned[0].1.doc_id, 150, "the long passage scores best");
    assert_eq!(pruned, unpruned);
}

/// A small deterministic random sequence.
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n
    }
}

/// Random indexes of two to four segments (short and long passages, a word repeated, passages
/// deleted) and random questions (words of one to three forms in two fields, weighted): the
/// pruned top passages, for several k, are exactly the unpruned ones.
#[test]
fn pruned_top_passages_are_the_unpruned_ones_on_random_indexes() {
    let vocabulary: Vec<String> = (0..40).map(|i| format!("v{i}")).collect();
    let mut draw = Draw(11);
    for round in 0..12 {
        let mut schema = Schema::builder();
        let fields = [
            schema.add_text_field("a", TEXT),
            schema.add_text_field("b", TEXT),
        ];
        let id = schema.add_u64_field("id", tantivy::schema::INDEXED);
        let index = Index::create_in_ram(schema.build());
        let mut writer = writer(&index);
        let segments = 2 + draw.below(3);
        let mut next_id = 0u64;
        for _ in 0..segments {
            let longest = [3, 12, 60, 200][draw.below(4)];
            for _ in 0..(100 + draw.below(700)) {
                let mut doc = TantivyDocument::new();
                for &field in &fields {
                    let n = 1 + draw.below(longest);
                    // Zipf-like: low ranks far more often, and now and then a word repeated.
                    let repeated = vocabulary[draw.below(8)].clone();
                    let text: Vec<String> = (0..n)
                        .map(|_| {
                            if draw.below(10) == 0 {
                                repeated.clone()
                            } else {
                                let rank = draw.below(40).min(draw.below(40));
                                vocabulary[rank].clone()
                            }
                        })
                        .collect();
                    doc.add_text(field, text.join(" "));
                }
                doc.add_u64(id, next_id);
                next_id += 1;
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
            for _ in 0..draw.below(30) {
                let gone = draw.below(next_id as usize) as u64;
                writer.delete_term(Term::from_field_u64(id, gone));
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        let statistics = IndexStatistics::new(&searcher, &fields).unwrap();
        let lookups = TermLookups::new(&statistics);
        let words: Vec<WordClause> = (0..1 + draw.below(6))
            .map(|_| WordClause {
                forms: (0..1 + draw.below(3))
                    .filter_map(|_| {
                        let field = fields[draw.below(2)];
                        let text = &vocabulary[draw.below(vocabulary.len())];
                        let weight = [0.3, 0.6, 0.8, 1.0, 1.3][draw.below(5)];
                        lookups.query(field, text, weight).unwrap()
                    })
                    .collect(),
            })
            .filter(|w| !w.forms.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        let ours = QuestionQuery::new(words, 0.1);
        for k in [1, 3, 10, 20, 100] {
            let pruned = top(&searcher, &ours, k);
            let unpruned = top(&searcher, &Unpruned(ours.clone()), k);
            assert_eq!(pruned, unpruned, "round {round}, top {k}: {ours:?}");
        }
    }
}

/// Windows hold 2,048 passages at most (the size of the buffers they are scored into), and a
/// word that is walked in one window and only looked up in the next crosses its blocks inside
/// a window. Over 9,000 passages where the rare words are hundreds of passages apart (a block
/// of theirs spans far more than a window), random questions of words with several forms get
/// exactly the unpruned top passages.
#[test]
fn long_windows_give_the_unpruned_top_passages() {
    let mut schema = Schema::builder();
    let fields = [
        schema.add_text_field("a", TEXT),
        schema.add_text_field("b", TEXT),
    ];
    let index = Index::create_in_ram(schema.build());
    let mut writer = writer(&index);
    let mut draw = Draw(5);
    for _ in 0..9_000 {
        let mut doc = TantivyDocument::new();
        for &field in &fields {
            let mut text: Vec<String> = (0..1 + draw.below(8))
                .map(|_| format!("c{}", draw.below(6)))
                .collect();
            if draw.below(40) == 0 {
                text.push(format!("m{}", draw.below(4)));
            }
            if draw.below(400) == 0 {
                text.extend((0..1 + draw.below(3)).map(|_| format!("r{}", draw.below(3))));
            }
            doc.add_text(field, text.join(" "));
        }
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let statistics = IndexStatistics::new(&searcher, &fields).unwrap();
    let lookups = TermLookups::new(&statistics);
    for round in 0..16 {
        let words: Vec<WordClause> = (0..2 + draw.below(4))
            .map(|_| WordClause {
                forms: (0..1 + draw.below(3))
                    .filter_map(|_| {
                        let text = match draw.below(3) {
                            0 => format!("r{}", draw.below(3)),
                            1 => format!("m{}", draw.below(4)),
                            _ => format!("c{}", draw.below(6)),
                        };
                        let weight = [0.3, 0.8, 1.0, 1.3][draw.below(4)];
                        lookups.query(fields[draw.below(2)], &text, weight).unwrap()
                    })
                    .collect(),
            })
            .filter(|w| !w.forms.is_empty())
            .collect();
        let ours = QuestionQuery::new(words, 0.1);
        for k in [1, 5, 20] {
            let pruned = top(&searcher, &ours, k);
            let unpruned = top(&searcher, &Unpruned(ours.clone()), k);
            assert_eq!(pruned, unpruned, "round {round}, top {k}: {ours:?}");
        }
    }
}
