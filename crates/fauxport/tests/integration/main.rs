//! Drives the built `fauxport` binary: output, determinism and documented exit codes; and the
//! source tree's shape (`layout`); and the docs' commands against the binary (`docs`).

mod check;
mod docs;
mod generate;
mod layout;
mod load;
mod schema;
mod serve;
mod validate;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The result of one run of the binary.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: String,
}

/// Runs `fauxport args...` with `stdin` as standard input.
pub(crate) fn fauxport(args: &[&str], stdin: &[u8]) -> Run {
    fauxport_in(None, args, stdin)
}

/// Runs `fauxport args...` in `dir` (the test's own when `None`) with `stdin` as standard input.
pub(crate) fn fauxport_in(dir: Option<&std::path::Path>, args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_fauxport"));
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("the binary runs");
    let _ = feeder.join();
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// A fresh scratch folder inside the target directory (removed at the start of each use).
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}
