//! The command line: parses arguments, dispatches to `commands`, maps errors to exit codes
//! (0 success, 2 bad usage or input, 1 anything else).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use kinotanu::commands::{self, ask::AskArgs};
use kinotanu::{config, error::BadInput};

#[derive(Parser)]
#[command(
    name = "kinotanu",
    version,
    about = "Answers questions about Kazakhstan's cinema, in Kazakh and Russian, with its sources"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build (or rebuild) the index from the seeds and print the counts.
    Index {
        /// Seeds folder, or one .jsonl file [default: $KINOTANU_SEEDS_DIR or ./seeds]
        #[arg(long)]
        seeds: Option<PathBuf>,
        /// Index folder [default: $KINOTANU_INDEX_DIR or ./index]
        #[arg(long)]
        index: Option<PathBuf>,
    },
    /// Answer a question (or one question a line from stdin).
    Ask {
        /// Index folder [default: $KINOTANU_INDEX_DIR or ./index]
        #[arg(long)]
        index: Option<PathBuf>,
        /// Passages of evidence to show.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
        top: u16,
        /// One JSON object a line.
        #[arg(long)]
        json: bool,
        /// Answer as if asked on this day: «биыл», «в январе» are read from it [default: today
        /// in Kazakhstan].
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// The question; without it, questions are read from stdin, one a line.
        question: Vec<String>,
    },
    /// Recall@1/@5, MRR@10 and off-topic abstention over a questions file.
    Eval {
        /// Questions, JSON Lines: {"id","lang","question","relevant"?,"answers"}.
        #[arg(long)]
        questions: PathBuf,
        /// Index these JSON Lines passages into a temporary index instead of using the seeds.
        #[arg(long)]
        passages: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Also write every question's rank to this file, tab-separated: id, lang, rank of the
        /// first passage that answers (empty beyond 10), answered, confidence, the first three
        /// documents, the question.
        #[arg(long, value_name = "FILE")]
        ranks: Option<PathBuf>,
        /// Also print the trade-off of answering: right answers and wrong answers shown at each
        /// confidence bar (the bar in use is marked).
        #[arg(long)]
        curve: bool,
        /// Ask every question as if on this day, so that the figures do not move with the date
        /// [default: today in Kazakhstan].
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Poll the news feeds of KINOTANU_FEEDS once, store and index new items.
    Fetch {
        /// Seeds folder the items are stored in [default: $KINOTANU_SEEDS_DIR or ./seeds]
        #[arg(long)]
        seeds: Option<PathBuf>,
        /// Index folder [default: $KINOTANU_INDEX_DIR or ./index]
        #[arg(long)]
        index: Option<PathBuf>,
    },
    /// Run the Telegram bot (long polling).
    Bot,
}

fn main() -> ExitCode {
    config::load_dotenv();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index { seeds, index } => commands::index::run(seeds, index),
        Command::Ask {
            index,
            top,
            json,
            today,
            question,
        } => day_given(today).and_then(|today| {
            commands::ask::run(AskArgs {
                index,
                top: usize::from(top),
                json,
                today,
                question,
            })
        }),
        Command::Eval {
            questions,
            passages,
            json,
            ranks,
            curve,
            today,
        } => day_given(today).and_then(|today| {
            commands::eval::run(
                &questions,
                passages,
                today,
                commands::eval::Output {
                    json,
                    ranks: ranks.as_deref(),
                    curve,
                },
            )
        }),
        Command::Fetch { seeds, index } => commands::fetch::run(seeds, index),
        Command::Bot => commands::bot::run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `kinotanu ask … | head`: the reader has what it wanted; stop quietly, as cat does.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) if error.downcast_ref::<BadInput>().is_some() => {
            eprintln!("kinotanu: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("kinotanu: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// The day `--today` gives; a bad one is bad usage, said in one line.
fn day_given(text: Option<String>) -> anyhow::Result<Option<NaiveDate>> {
    text.map(|text| {
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
            BadInput(format!(
                "--today {text}: not a day; write it as YYYY-MM-DD, e.g. 2026-12-07"
            ))
            .into()
        })
    })
    .transpose()
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
