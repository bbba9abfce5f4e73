//! Running the client command once, with the documented environment, under a time limit.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

/// The environment variables a client is given (the contract of `fauxport check`).
pub mod env {
    /// The GraphQL URL, `http://127.0.0.1:PORT/graphql`.
    pub const ENDPOINT: &str = "FAUXPORT_ENDPOINT";
    /// The server's base URL, `http://127.0.0.1:PORT` (the SDK's `rest_endpoint` is
    /// `$FAUXPORT_BASE_URL/api/v1`).
    pub const BASE_URL: &str = "FAUXPORT_BASE_URL";
    /// The API key, `fauxport:<scenario>:<seed>`: it selects the scenario.
    pub const API_KEY: &str = "FAUXPORT_API_KEY";
    /// The project to export.
    pub const PROJECT_ID: &str = "FAUXPORT_PROJECT_ID";
    /// The scenario's name (informational).
    pub const SCENARIO: &str = "FAUXPORT_SCENARIO";
    /// The seed (informational).
    pub const SEED: &str = "FAUXPORT_SEED";
    /// Where to write every result row received, one JSON object per line.
    pub const ROWS_OUT: &str = "FAUXPORT_ROWS_OUT";
    /// Where to write every error line received; not creating it means the errors stream was
    /// not read.
    pub const ERRORS_OUT: &str = "FAUXPORT_ERRORS_OUT";
    /// Where to write `{"type": "...", "message": "..."}` when the client fails.
    pub const EXCEPTION_OUT: &str = "FAUXPORT_EXCEPTION_OUT";
    /// A directory the client may use for anything else.
    pub const WORK_DIR: &str = "FAUXPORT_WORK_DIR";
}

/// What one run of the client did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// The exit code (`None`: killed by a signal or the time limit).
    pub exit_code: Option<i32>,
    /// Whether the time limit killed it.
    pub timed_out: bool,
    /// The exception it reported (`{"type", "message"}`), if any.
    pub exception: Option<Value>,
    /// How long it ran.
    pub seconds: f64,
    /// The last lines of its stderr.
    pub stderr_tail: String,
    /// The files it was told to write.
    #[serde(skip)]
    pub files: Files,
}

impl Run {
    /// Whether it exited 0.
    pub fn succeeded(&self) -> bool {
        self.exit_code == Some(0)
    }

    /// "exit 1, HTTPError: 500 Server Error" and the like.
    pub fn describe(&self) -> String {
        let mut out = match (self.timed_out, self.exit_code) {
            (true, _) => "killed after the time limit".to_owned(),
            (false, Some(code)) => format!("exit {code}"),
            (false, None) => "killed by a signal".to_owned(),
        };
        if let Some((kind, message)) = self.exception_parts() {
            let message: String = message.chars().take(160).collect();
            out.push_str(&format!(", {kind}: {message}"));
        }
        out
    }

    /// The `type` and `message` of the exception the client wrote (`?` and empty when absent).
    pub fn exception_parts(&self) -> Option<(&str, &str)> {
        let e = self.exception.as_ref()?;
        Some((
            e.get("type").and_then(Value::as_str).unwrap_or("?"),
            e.get("message").and_then(Value::as_str).unwrap_or(""),
        ))
    }
}

/// The files of one run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Files {
    /// `FAUXPORT_ROWS_OUT`.
    pub rows: PathBuf,
    /// `FAUXPORT_ERRORS_OUT`.
    pub errors: PathBuf,
    /// `FAUXPORT_EXCEPTION_OUT`.
    pub exception: PathBuf,
    /// stdout and stderr.
    pub stdout: PathBuf,
    /// stderr.
    pub stderr: PathBuf,
}

/// What the client is told.
#[derive(Debug, Clone)]
pub struct Invocation<'a> {
    /// The command and its arguments.
    pub command: &'a [String],
    /// The server's base URL.
    pub base_url: &'a str,
    /// The API key.
    pub api_key: &'a str,
    /// The project.
    pub project_id: &'a str,
    /// The scenario.
    pub scenario: &'a str,
    /// The seed.
    pub seed: u64,
    /// A fresh directory for this run's files.
    pub dir: &'a Path,
    /// The time limit.
    pub timeout: Duration,
}

/// How much of the end of the client's stderr is read for its last lines.
const STDERR_TAIL_BYTES: u64 = 64 * 1024;

/// The last `max` bytes of `path` as text (empty when unreadable): a client may write any
/// amount to stderr, and only its end is reported.
fn file_tail(path: &Path, max: u64) -> String {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else {
        return String::new();
    };
    let len = f.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::new();
    if f.seek(SeekFrom::Start(len.saturating_sub(max))).is_ok() {
        let _ = f.take(max).read_to_end(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The client's process group (its id is the client's pid), killed whole when dropped: on a
/// timeout, at the end of the run, and when check itself stops waiting (its future dropped).
#[cfg_attr(not(unix), allow(dead_code))]
struct Group(Option<u32>);

impl Group {
    /// Sends SIGKILL to every process of the group (on Unix; elsewhere `kill_on_drop` stops the
    /// client alone). A group already gone is fine.
    fn kill(&self) {
        #[cfg(unix)]
        if let Some(pid) = self
            .0
            .and_then(|id| i32::try_from(id).ok())
            .and_then(rustix::process::Pid::from_raw)
        {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Runs the client once. Errors only when it cannot be started.
pub async fn run(inv: &Invocation<'_>) -> std::io::Result<Run> {
    std::fs::create_dir_all(inv.dir)?;
    let files = Files {
        rows: inv.dir.join("rows.ndjson"),
        errors: inv.dir.join("errors.ndjson"),
        exception: inv.dir.join("exception.json"),
        stdout: inv.dir.join("stdout.txt"),
        stderr: inv.dir.join("stderr.txt"),
    };
    let Some((program, args)) = inv.command.split_first() else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no client command after --",
        ));
    };
    let work = inv.dir.join("work");
    std::fs::create_dir_all(&work)?;
    let started = Instant::now();
    let mut command = tokio::process::Command::new(program);
    // Its own process group: what it starts in the background is killed with it.
    #[cfg(unix)]
    command.process_group(0);
    let mut child = command
        .args(args)
        .env(env::ENDPOINT, format!("{}/graphql", inv.base_url))
        .env(env::BASE_URL, inv.base_url)
        .env(env::API_KEY, inv.api_key)
        .env(env::PROJECT_ID, inv.project_id)
        .env(env::SCENARIO, inv.scenario)
        .env(env::SEED, inv.seed.to_string())
        .env(env::ROWS_OUT, &files.rows)
        .env(env::ERRORS_OUT, &files.errors)
        .env(env::EXCEPTION_OUT, &files.exception)
        .env(env::WORK_DIR, &work)
        // Clients must reach 127.0.0.1 directly, whatever proxy the environment sets.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&files.stdout)?)
        .stderr(std::fs::File::create(&files.stderr)?)
        .kill_on_drop(true)
        .spawn()?;
    let group = Group(child.id());
    let (exit_code, timed_out) = match tokio::time::timeout(inv.timeout, child.wait()).await {
        Ok(status) => (status?.code(), false),
        Err(_) => {
            group.kill();
            let _ = child.kill().await;
            (None, true)
        }
    };
    // The run is over: nothing it started outlives it.
    drop(group);
    let exception = std::fs::read_to_string(&files.exception).ok().map(|text| {
        serde_json::from_str::<Value>(&text)
            .unwrap_or_else(|_| serde_json::json!({"type": "?", "message": text.trim()}))
    });
    let stderr = file_tail(&files.stderr, STDERR_TAIL_BYTES);
    let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
    let stderr_tail = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
    Ok(Run {
        exit_code,
        timed_out,
        exception,
        seconds: started.elapsed().as_secs_f64(),
        stderr_tail,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::file_tail;

    /// Whether process `pid` has ended (gone, or a zombie waiting for its new parent to reap
    /// it), waiting up to 10 s for the kill to land.
    #[cfg(target_os = "linux")]
    fn ended(pid: i32) -> bool {
        for _ in 0..100 {
            match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Err(_) => return true,
                // The state follows the command's closing parenthesis.
                Ok(stat)
                    if stat
                        .rsplit(')')
                        .next()
                        .is_some_and(|s| s.trim_start().starts_with('Z')) =>
                {
                    return true;
                }
                Ok(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
            }
        }
        false
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn nothing_the_client_started_outlives_its_run() {
        use std::time::Duration;
        let background = "sleep 321 & echo $! > \"$FAUXPORT_WORK_DIR/pid\"";
        for (case, script, timeout) in [
            (
                "timed out",
                format!("{background}; sleep 322"),
                Duration::from_secs(2),
            ),
            (
                "exited 0",
                format!("{background}; exit 0"),
                Duration::from_secs(60),
            ),
        ] {
            let dir = std::env::temp_dir().join(format!(
                "fauxport-group-{}-{}",
                std::process::id(),
                case.replace(' ', "-")
            ));
            let command = vec!["sh".to_owned(), "-c".to_owned(), script];
            let inv = super::Invocation {
                command: &command,
                base_url: "http://127.0.0.1:9",
                api_key: "k",
                project_id: "p",
                scenario: "s",
                seed: 1,
                dir: &dir,
                timeout,
            };
            let run = super::run(&inv).await.expect("the client starts");
            assert_eq!(run.timed_out, case == "timed out", "{case}");
            let pid: i32 = std::fs::read_to_string(dir.join("work/pid"))
                .expect("the client wrote its background pid")
                .trim()
                .parse()
                .expect("a pid");
            let ended = ended(pid);
            if !ended && let Some(pid) = rustix::process::Pid::from_raw(pid) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
            }
            let _ = std::fs::remove_dir_all(&dir);
            assert!(
                ended,
                "{case}: the client's background `sleep 321` (pid {pid}) survived"
            );
        }
    }

    #[test]
    fn file_tail_reads_only_the_end() {
        let path = std::env::temp_dir().join(format!("fauxport-tail-{}.txt", std::process::id()));
        std::fs::write(&path, "first line\n".repeat(1000) + "last line\n").expect("write");
        let tail = file_tail(&path, 20);
        let whole = file_tail(&path, 1 << 20);
        let _ = std::fs::remove_file(&path);
        assert_eq!(tail, "first line\nlast line\n"[1..].to_owned());
        assert_eq!(whole.len(), 11 * 1000 + 10);
        assert_eq!(file_tail(&path, 20), "", "a missing file");
    }
}
