//! `kinotanu eval`: retrieval and abstention figures over a questions file.
//!
//! A question with `relevant` ids is hit by a returned passage of one of those documents; one
//! without is hit by a passage containing one of its `answers` (case-insensitive); `answers: []`
//! marks an off-topic question, where the right output is `answered: false`.
//!
//! Beside retrieval, the answer itself is judged as a user sees it: *right* when the question
//! is answered and the shown answer text contains one of `answers` (without `answers`, when the
//! answer comes from a `relevant` document); a *wrong answer shown* is an answer that is not
//! right, or any answer to an off-topic question — worse than saying the corpus has none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answer::{self, Answer, MIN_CONFIDENCE};
use crate::error::bad_input;
use crate::live_index;
use crate::search::SearchIndex;

mod curve;

/// Passages looked at per question (MRR@10).
const DEPTH: usize = 10;

/// What `eval` prints besides the figures.
pub struct Output<'a> {
    /// The figures as one JSON object instead of a table.
    pub json: bool,
    /// Every question's rank, written to this file.
    pub ranks: Option<&'a Path>,
    /// The trade-off curve of the answering bar.
    pub curve: bool,
}

#[derive(Debug, Deserialize)]
pub struct Question {
    pub id: String,
    #[serde(default)]
    pub lang: Option<String>,
    pub question: String,
    #[serde(default)]
    pub relevant: Option<Vec<String>>,
    #[serde(default)]
    pub answers: Vec<String>,
}

impl Question {
    fn off_topic(&self) -> bool {
        self.relevant.is_none() && self.answers.is_empty()
    }

    /// Rank (from 1) of the first passage that answers, within the first [`DEPTH`].
    fn first_hit(&self, answer: &Answer) -> Option<usize> {
        let answers: Vec<String> = self.answers.iter().map(|a| a.to_lowercase()).collect();
        answer
            .evidence
            .iter()
            .take(DEPTH)
            .position(|e| match &self.relevant {
                Some(relevant) => relevant.contains(&e.passage.doc_id),
                None => {
                    let text = e.passage.text.to_lowercase();
                    answers.iter().any(|a| text.contains(a.as_str()))
                }
            })
            .map(|i| i + 1)
    }

    /// The shown answer is right: answered, and its text holds one of `answers` (or, for a
    /// question judged by document only, it comes from a relevant document).
    fn answer_right(&self, answer: &Answer) -> bool {
        if !answer.answered || self.off_topic() {
            return false;
        }
        if self.answers.is_empty() {
            let relevant = self.relevant.as_deref().unwrap_or_default();
            return answer
                .evidence
                .first()
                .is_some_and(|e| relevant.contains(&e.passage.doc_id));
        }
        let Some(sentence) = &answer.sentence else {
            return false;
        };
        let shown = sentence.text.to_lowercase();
        self.answers
            .iter()
            .any(|a| shown.contains(a.to_lowercase().as_str()))
    }
}

/// Figures for one group of questions.
#[derive(Debug, Default, Serialize, Clone, PartialEq)]
pub struct Figures {
    pub questions: usize,
    pub on_topic: usize,
    pub recall_at_1: f64,
    pub recall_at_3: f64,
    pub recall_at_5: f64,
    pub mrr_at_10: f64,
    /// On-topic questions answered (`answered: true`) with a hit in the first three passages.
    pub answered_at_3: f64,
    pub off_topic: usize,
    /// Off-topic questions with `answered: false`; `null` when there are none.
    pub abstained: Option<f64>,
    /// On-topic questions whose shown answer contains one of their `answers`.
    pub answer_right: f64,
    /// Of all questions: answered but not right, or answered though off-topic.
    pub wrong_shown: f64,
}

#[derive(Default)]
struct Tally {
    questions: usize,
    on_topic: usize,
    at_1: usize,
    at_3: usize,
    at_5: usize,
    reciprocal: f64,
    answered_at_3: usize,
    off_topic: usize,
    abstained: usize,
    right: usize,
    wrong_shown: usize,
}

impl Tally {
    fn add(&mut self, question: &Question, answer: &Answer) {
        self.questions += 1;
        let right = question.answer_right(answer);
        self.right += usize::from(right);
        self.wrong_shown += usize::from(answer.answered && !right);
        if question.off_topic() {
            self.off_topic += 1;
            self.abstained += usize::from(!answer.answered);
            return;
        }
        self.on_topic += 1;
        if let Some(rank) = question.first_hit(answer) {
            self.at_1 += usize::from(rank <= 1);
            self.at_3 += usize::from(rank <= 3);
            self.at_5 += usize::from(rank <= 5);
            self.reciprocal += 1.0 / rank as f64;
            self.answered_at_3 += usize::from(rank <= 3 && answer.answered);
        }
    }

    fn figures(&self) -> Figures {
        let share = |n: usize| {
            if self.on_topic == 0 {
                0.0
            } else {
                n as f64 / self.on_topic as f64
            }
        };
        Figures {
            questions: self.questions,
            on_topic: self.on_topic,
            recall_at_1: share(self.at_1),
            recall_at_3: share(self.at_3),
            recall_at_5: share(self.at_5),
            mrr_at_10: if self.on_topic == 0 {
                0.0
            } else {
                self.reciprocal / self.on_topic as f64
            },
            answered_at_3: share(self.answered_at_3),
            off_topic: self.off_topic,
            abstained: (self.off_topic > 0).then(|| self.abstained as f64 / self.off_topic as f64),
            answer_right: share(self.right),
            wrong_shown: if self.questions == 0 {
                0.0
            } else {
                self.wrong_shown as f64 / self.questions as f64
            },
        }
    }
}

/// Evaluates the questions of `questions`, each asked on `today` (`None`: today in Kazakhstan).
pub fn run(
    questions: &Path,
    passages: Option<PathBuf>,
    today: Option<NaiveDate>,
    output: Output<'_>,
) -> Result<()> {
    let Output { json, ranks, curve } = output;
    let questions = read_questions(questions)?;
    let cannot_write = |path: &Path, e: std::io::Error| {
        bad_input(format!(
            "{}: cannot write the ranks file: {e}",
            path.display()
        ))
    };
    // Created before the questions run, so that an unwritable path fails at once.
    let mut ranks_file = match ranks {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| cannot_write(path, e))?,
        )),
        None => None,
    };
    let (_temporary, index) = match passages {
        Some(file) => {
            if !file.exists() {
                return Err(bad_input(format!(
                    "{}: no such passages file",
                    file.display()
                )));
            }
            let (dir, index) = live_index::build_temporary(&file)?;
            (Some(dir), index)
        }
        None => (None, live_index::open_configured(None)?),
    };
    let mut rank_lines = String::new();
    let answers = answer_all(&index, &questions, today)?;
    let figures = evaluate(
        &questions,
        &answers,
        ranks_file.is_some().then_some(&mut rank_lines),
    );
    if let (Some(file), Some(path)) = (ranks_file.as_mut(), ranks) {
        use std::io::Write;
        file.write_all(rank_lines.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| cannot_write(path, e))?;
    }
    // Written, not printed: `eval … | head` closes the pipe, an error main() recognises.
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string(&figures)?)?;
    } else {
        write!(out, "{}", table(&figures))?;
    }
    if curve {
        let points = curve::points(&questions, &answers);
        if json {
            writeln!(out, "{}", serde_json::to_string(&points)?)?;
        } else {
            write!(out, "{}", curve::table(&points, MIN_CONFIDENCE))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Every question answered with no bar (`answered` whenever there is evidence), so that the
/// answer at any bar can be read from its confidence.
fn answer_all(
    index: &SearchIndex,
    questions: &[Question],
    today: Option<NaiveDate>,
) -> Result<Vec<Answer>> {
    let mut asking = answer::Asking {
        min_confidence: 0.0,
        ..answer::Asking::new(DEPTH)
    };
    if let Some(today) = today {
        asking.today = today;
    }
    questions
        .iter()
        .map(|question| answer::answer_with(index, &question.question, &asking))
        .collect()
}

/// Figures per language and `all`, for the answers held to the bar in use. With `ranks`, one
/// line per question is added to it (see `--ranks`).
pub fn evaluate(
    questions: &[Question],
    answers: &[Answer],
    mut ranks: Option<&mut String>,
) -> BTreeMap<String, Figures> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (question, answer) in questions.iter().zip(answers) {
        let answer = answer.clone().held_to(MIN_CONFIDENCE);
        if let Some(lines) = ranks.as_deref_mut() {
            lines.push_str(&rank_line(question, &answer));
        }
        let lang = question.lang.clone().unwrap_or_else(|| "?".into());
        tallies.entry(lang).or_default().add(question, &answer);
        tallies
            .entry("all".into())
            .or_default()
            .add(question, &answer);
    }
    tallies.into_iter().map(|(k, t)| (k, t.figures())).collect()
}

/// `id  lang  rank  answered  confidence  first documents  question`, tab-separated; tabs and
/// line breaks inside the values become spaces.
fn rank_line(question: &Question, answer: &Answer) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let rank = question
        .first_hit(answer)
        .map_or(String::new(), |r| r.to_string());
    let documents: Vec<String> = answer
        .evidence
        .iter()
        .take(3)
        .map(|e| clean(&e.passage.doc_id))
        .collect();
    format!(
        "{}\t{}\t{rank}\t{}\t{:.3}\t{}\t{}\n",
        clean(&question.id),
        clean(question.lang.as_deref().unwrap_or("?")),
        answer.answered,
        answer.confidence,
        documents.join(" "),
        clean(&question.question)
    )
}

fn read_questions(path: &Path) -> Result<Vec<Question>> {
    let bytes = std::fs::read(path).map_err(|e| {
        bad_input(format!(
            "{}: cannot read the questions file: {e}",
            path.display()
        ))
    })?;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
        .map_err(|_| bad_input(format!("{}: not valid UTF-8", path.display())))?;
    let mut questions = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let question: Question = serde_json::from_str(line).map_err(|e| {
            bad_input(format!(
                "{}:{}: not a question ({e}); expected {{\"id\",\"question\",\"answers\"}}",
                path.display(),
                n + 1
            ))
        })?;
        questions.push(question);
    }
    if questions.is_empty() {
        return Err(bad_input(format!(
            "{}: no questions in the file",
            path.display()
        )));
    }
    Ok(questions)
}

fn table(figures: &BTreeMap<String, Figures>) -> String {
    let mut out = format!(
        "{:<6} {:>5} {:>6} {:>6} {:>6} {:>7} {:>11} {:>10} {:>6} {:>6}\n",
        "lang", "n", "R@1", "R@3", "R@5", "MRR@10", "answered@3", "abstained", "right", "wrong"
    );
    for (lang, f) in figures {
        let abstained = f
            .abstained
            .map_or("-".to_string(), |a| format!("{a:.3} ({})", f.off_topic));
        out.push_str(&format!(
            "{:<6} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>7.3} {:>11.3} {:>10} {:>6.3} {:>6.3}\n",
            lang,
            f.questions,
            f.recall_at_1,
            f.recall_at_3,
            f.recall_at_5,
            f.mrr_at_10,
            f.answered_at_3,
            abstained,
            f.answer_right,
            f.wrong_shown
        ));
    }
    out
}
