//! The answer rendered for a terminal: matched words in bold (ANSI) on a TTY, plain text in a
//! pipe or a file, or when `NO_COLOR` is set.

use std::fmt::Write;

use super::{Answer, Evidence};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI bold for matched words.
    Ansi,
    /// No marks at all, for pipes, files and `NO_COLOR`.
    Plain,
}

impl Style {
    /// Bold on a terminal unless `NO_COLOR` is set to anything but the empty string
    /// (<https://no-color.org>).
    pub fn for_output(is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> Style {
        if is_terminal && no_color.is_none_or(|v| v.is_empty()) {
            Style::Ansi
        } else {
            Style::Plain
        }
    }

    fn marks(self) -> (&'static str, &'static str) {
        match self {
            Style::Ansi => ("\x1b[1m", "\x1b[0m"),
            Style::Plain => ("", ""),
        }
    }
}

/// Strips control characters from corpus text so it cannot drive the terminal.
fn safe(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

pub fn render(answer: &Answer, style: Style) -> String {
    let (open, close) = style.marks();
    let mut out = String::new();
    let (Some(sentence), Some(first)) = (&answer.sentence, answer.evidence.first()) else {
        let _ = writeln!(
            out,
            "No answer in the corpus for: {}",
            safe(&answer.question)
        );
        let _ = writeln!(
            out,
            "Try naming the film, festival, region or programme, in Kazakh or Russian."
        );
        return out;
    };
    let _ = writeln!(out, "{}", sentence.render(open, close, safe));
    let _ = writeln!(out, "  — {}", source_line(first));
    let _ = writeln!(out);
    for (n, evidence) in answer.evidence.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {}",
            n + 1,
            // One line per passage in the list: a snippet across short paragraphs is joined.
            evidence
                .snippet
                .render(open, close, |text| safe(text).replace('\n', " "))
        );
        let _ = writeln!(
            out,
            "   {}  [{} · score {:.2}]",
            source_line(evidence),
            evidence.passage.passage_id,
            evidence.score
        );
    }
    out
}

/// `«Title», 2025-10-20, Source`.
pub fn source_line(evidence: &Evidence) -> String {
    let p = &evidence.passage;
    let mut line = format!("«{}»", safe(&p.title));
    for part in [&p.date, &p.source].into_iter().flatten() {
        line.push_str(", ");
        line.push_str(&safe(part));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn bold_only_on_a_terminal_without_no_color() {
        assert_eq!(Style::for_output(true, None), Style::Ansi);
        assert_eq!(Style::for_output(true, Some(OsStr::new(""))), Style::Ansi);
        assert_eq!(Style::for_output(true, Some(OsStr::new("1"))), Style::Plain);
        assert_eq!(Style::for_output(false, None), Style::Plain);
    }
}
