//! The one error distinction the command line needs: bad input or usage (exit code 2) versus
//! everything else (exit code 1).

/// Input the user can fix: a missing file, a malformed line, a bad argument. Its message is one
/// line naming the file (and line) and what to do.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    BadInput(message.into()).into()
}
