//! The exit codes of `fauxport`, a contract for scripts that branch on them.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success (`validate`: every row is valid; `check`: the client passed every scenario) |
//! | 1 | `validate`: at least one row is invalid; `healthcheck`: the server did not answer `200`; `fixtures --check`: fixtures drifted; `check`: the client failed at least one scenario (or a snapshot differs); `load`: an export lost, duplicated or altered rows |
//! | 2 | usage error (bad flags or arguments, an invalid scenario file or name, an invalid world file or a bad corpus or ontology file it names) |
//! | 3 | input unreadable (missing file, I/O error, bad gzip) |
//! | 4 | output unwritable, or any other failure |
//! | 5 | `load`: exports failed under a scenario a correct client completes (and no rows were wrong: that is 1) |
//!
//! `generate`, `schema` and `scenarios` only write a stream: when its reader stops early
//! (`fauxport generate | head`), they stop quietly with 0, as `head` expects of its writer.

use std::process::ExitCode;

/// Everything checked and fine.
pub(crate) const OK: u8 = 0;
/// Something checked and found wrong (invalid rows, drifted fixtures).
pub(crate) const INVALID: u8 = 1;
/// Bad flags, arguments or scenario files.
pub(crate) const USAGE: u8 = 2;
/// The input could not be read.
pub(crate) const UNREADABLE_INPUT: u8 = 3;
/// Anything else (output unwritable, internal error).
pub(crate) const OTHER_FAILURE: u8 = 4;
/// `load`: exports failed that a correct client completes.
pub(crate) const FAILED_EXPORTS: u8 = 5;

/// An error that knows its exit code.
#[derive(Debug)]
pub(crate) struct Unreadable(pub(crate) String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

/// A usage error found after argument parsing (an invalid scenario file, an unknown name).
#[derive(Debug)]
pub(crate) struct Usage(pub(crate) String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Whether `err` is a write to a pipe whose reader has gone.
pub(crate) fn closed_output(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit code for a failed command.
pub(crate) fn failure(err: &anyhow::Error) -> ExitCode {
    if err.chain().any(|e| e.is::<Unreadable>()) {
        ExitCode::from(UNREADABLE_INPUT)
    } else if err.chain().any(|e| e.is::<Usage>()) {
        ExitCode::from(USAGE)
    } else {
        ExitCode::from(OTHER_FAILURE)
    }
}

/// Exit code `OK` or `INVALID`.
pub(crate) fn verdict(ok: bool) -> ExitCode {
    ExitCode::from(if ok { OK } else { INVALID })
}
