//! Drives the built `fauxport` binary: output, determinism and documented exit codes; and the
//! source tree's shape (`layout`); and the docs' commands against the binary (`docs`).

mod check;
mod completions;
mod docs;
mod generate;
mod healthcheck;
mod layout;
mod load;
mod schema;
mod serve;
mod validate;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The result of one run of the binary.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: String,
}

impl Run {
    /// Asserts the run exited with `code` and named `names` on standard error.
    #[track_caller]
    pub(crate) fn assert_exit(&self, code: i32, names: &str) {
        assert_eq!(self.code, code, "{}", self.stderr);
        assert!(
            self.stderr.contains(names),
            "stderr does not name {names:?}: {}",
            self.stderr
        );
    }

    /// Standard output (which must be UTF-8) as JSON lines, one value a line.
    pub(crate) fn json_lines(&self) -> Vec<serde_json::Value> {
        std::str::from_utf8(&self.stdout)
            .expect("UTF-8 on standard output")
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))
            })
            .collect()
    }
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

/// Writes `contents` to the file `name` in `dir` (a [`scratch`] folder); its path, as an argument
/// for the binary.
pub(crate) fn write_file(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path.display().to_string()
}

/// Runs `fauxport args...` with standard input read from `input`, and returns its peak resident
/// memory in bytes (`VmHWM`, last seen while it ran): a loose bound for hostile inputs, not a
/// benchmark.
#[cfg(target_os = "linux")]
pub(crate) fn fauxport_peak(args: &[&str], input: &std::path::Path) -> (Run, u64) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fauxport"))
        .args(args)
        .stdin(std::fs::File::open(input).expect("input file"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        }) {
            peak = peak.max(kb * 1024);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout"),
        stderr: String::from_utf8_lossy(&stderr.join().expect("stderr")).into_owned(),
    };
    (run, peak)
}
