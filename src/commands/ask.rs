//! `kinotanu ask`: answer a question given as arguments, or one question a line from stdin;
//! human-readable, or one JSON object a line with `--json`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::answer::{self, Answer, terminal};
use crate::error::bad_input;
use crate::live_index;
use crate::search::SearchIndex;

pub struct AskArgs {
    pub index: Option<PathBuf>,
    pub top: usize,
    pub json: bool,
    /// The day the question is asked on (`--today`); `None`: today in Kazakhstan.
    pub today: Option<NaiveDate>,
    pub question: Vec<String>,
}

pub fn run(args: AskArgs) -> Result<()> {
    let question = args.question.join(" ");
    if !args.question.is_empty() && question.trim().is_empty() {
        return Err(bad_input(
            "the question is empty: ask something, e.g. kinotanu ask \"Qaitadan фильмі қанша касса жинады?\"",
        ));
    }
    let index = live_index::open_configured(args.index.clone())?;
    let stdout = std::io::stdout();
    let style = terminal::Style::for_output(
        stdout.is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let mut out = stdout.lock();
    if !args.question.is_empty() {
        return print_answer(&index, &question, &args, style, &mut out);
    }
    let mut bad_lines = Vec::new();
    for (n, line) in std::io::stdin().lock().split(b'\n').enumerate() {
        let line = line?;
        let Ok(text) = std::str::from_utf8(&line) else {
            eprintln!("warning: stdin:{}: not valid UTF-8: line skipped", n + 1);
            bad_lines.push(n + 1);
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        print_answer(&index, text.trim(), &args, style, &mut out)?;
    }
    match bad_lines.first() {
        Some(first) => Err(bad_input(format!(
            "stdin:{first}: {} line(s) were not valid UTF-8 and were skipped",
            bad_lines.len()
        ))),
        None => Ok(()),
    }
}

fn print_answer(
    index: &SearchIndex,
    question: &str,
    args: &AskArgs,
    style: terminal::Style,
    out: &mut impl Write,
) -> Result<()> {
    let mut asking = answer::Asking::new(args.top);
    if let Some(today) = args.today {
        asking.today = today;
    }
    let answer = answer::answer_with(index, question, &asking)?;
    if args.json {
        // Serialised first, so that a closed pipe is an io::Error the caller recognises.
        let line = serde_json::to_string(&JsonAnswer::from(&answer))?;
        writeln!(out, "{line}")?;
    } else {
        writeln!(out, "{}", terminal::render(&answer, style))?;
    }
    out.flush()?;
    Ok(())
}

/// The `--json` line: the contract in BRIEF.md.
#[derive(Serialize)]
pub struct JsonAnswer<'a> {
    question: &'a str,
    answered: bool,
    answer: Option<&'a str>,
    passages: Vec<JsonPassage<'a>>,
}

#[derive(Serialize)]
struct JsonPassage<'a> {
    doc_id: &'a str,
    passage_id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    /// The document's web address (a post's link); `null` when it has none.
    url: Option<&'a str>,
    lang: &'a str,
    score: f32,
    text: &'a str,
    snippet: String,
}

impl<'a> From<&'a Answer> for JsonAnswer<'a> {
    fn from(answer: &'a Answer) -> Self {
        JsonAnswer {
            question: &answer.question,
            answered: answer.answered,
            answer: answer.sentence.as_ref().map(|s| s.text.as_str()),
            passages: answer
                .evidence
                .iter()
                .map(|e| JsonPassage {
                    doc_id: &e.passage.doc_id,
                    passage_id: &e.passage.passage_id,
                    title: &e.passage.title,
                    date: e.passage.date.as_deref(),
                    source: e.passage.source.as_deref(),
                    url: e.passage.url.as_deref(),
                    lang: e.passage.lang.code(),
                    score: e.score,
                    text: &e.passage.text,
                    snippet: e.snippet.render("**", "**", str::to_string),
                })
                .collect(),
        }
    }
}
