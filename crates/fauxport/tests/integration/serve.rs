//! `fauxport serve`: starts on a free port, prints what a newcomer needs, stops on SIGTERM.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{scratch, write_file};

fn get(base: &str, path: &str) -> String {
    let addr = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    stream.read_to_string(&mut out).expect("read");
    out
}

/// Starts `fauxport serve --addr 127.0.0.1:0 --port-file FILE ARGS` with FILE in the scratch
/// folder `dir`; the child and its base URL. If no URL comes within 30 s, the child is killed and
/// the panic shows what it printed.
pub(crate) fn start(dir: &str, args: &[&str]) -> (Child, String) {
    let url_file = scratch(dir).join("url");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fauxport"))
        .args(["serve", "--addr", "127.0.0.1:0", "--port-file"])
        .arg(&url_file)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let started = Instant::now();
    while std::fs::read_to_string(&url_file).map_or(true, |s| s.is_empty()) {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            let mut err = String::new();
            let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
            panic!("no port file after 30 s: {err}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, std::fs::read_to_string(&url_file).expect("url"))
}

/// Stops `child` with SIGTERM; what it printed on stderr.
pub(crate) fn stop(mut child: Child) -> String {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = child.wait().expect("serve exits");
    assert!(exit.success(), "{exit:?}");
    let mut banner = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut banner)
        .expect("banner");
    banner
}

#[test]
fn starts_answers_and_stops_gracefully() {
    let (child, base) = start("serve", &["--rows", "50"]);
    assert!(get(&base, "/healthz").starts_with("HTTP/1.1 200"));
    let world = get(&base, "/world.json");
    assert!(
        world.contains("\"api_key\":\"fauxport-local-dev-key\""),
        "{world}"
    );
    assert!(
        get(&base, "/__admin/clock").starts_with("HTTP/1.1 409"),
        "a server that is not live has no clock"
    );
    let banner = stop(child);
    assert!(!banner.contains("clock:"), "{banner}");
    assert!(
        banner.contains("fauxport-local-dev-key") && banner.contains("/graphql"),
        "{banner}"
    );
    assert!(
        banner.contains("lb.Client(api_key=\"fauxport-local-dev-key\""),
        "the snippet: {banner}"
    );
    assert_eq!(
        banner.matches(" rows  ").count(),
        4,
        "one line per project: {banner}"
    );
}

#[test]
fn a_world_file_with_a_bad_ontology_is_a_usage_error() {
    let dir = scratch("serve-bad-ontology");
    let world = write_file(
        &dir,
        "world.toml",
        "[[projects]]\nkind = \"response-creation\"\nrows = 5\nontology = \"o.json\"\n",
    );
    write_file(
        &dir,
        "o.json",
        r#"{"features": [{"name": "Answer", "kind": "text", "role": "response"}, {"name": "Tone", "kind": "radio", "options": [{"name": "Calm", "colour": "blue"}]}]}"#,
    );
    let run = crate::fauxport(&["serve", "--addr", "127.0.0.1:0", "--world", &world], b"");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("o.json: features[1].options[0].colour: unknown field `colour`"),
        "the error names the file and the field: {}",
        run.stderr
    );
}

#[test]
fn a_live_server_runs_its_clock_from_the_worlds_end_date() {
    let (child, base) = start("serve-live", &["--rows", "50", "--live"]);
    let clock = get(&base, "/__admin/clock");
    assert!(clock.starts_with("HTTP/1.1 200"), "{clock}");
    // The default world ends on 2024-12-31; its clock starts there, at real time.
    assert!(clock.contains("\"now\":\"2024-12-31T00:0"), "{clock}");
    assert!(clock.contains("\"speed\":1.0"), "{clock}");
    let banner = stop(child);
    assert!(
        banner.contains("clock:    live, now 2024-12-31T00:0"),
        "{banner}"
    );
}

#[test]
fn live_and_replay_are_refused_together() {
    for (args, env) in [
        (&["--live", "--from", "rows.ndjson"][..], None),
        (
            &["--from", "rows.ndjson"][..],
            Some(("FAUXPORT_LIVE", "true")),
        ),
    ] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_fauxport"));
        command.arg("serve").args(args);
        if let Some((k, v)) = env {
            command.env(k, v);
        }
        let out = command.output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?} {env:?}: {stderr}");
        assert!(
            stderr.contains("--live cannot be used with --from"),
            "{args:?} {env:?}: {stderr}"
        );
    }
}

/// `serve --from` with a 300 MB line between two rows: the line is listed as too long and left
/// out, the two rows are served, and indexing did not hold the line in memory.
#[cfg(target_os = "linux")]
#[test]
fn a_replayed_file_with_a_huge_line_is_indexed_in_bounded_memory() {
    let dir = scratch("serve-from-huge-line");
    let rows = crate::fauxport(&["generate", "--rows", "2", "--quiet"], b"");
    assert_eq!(rows.code, 0, "{}", rows.stderr);
    let mut lines = rows.stdout.split_inclusive(|&b| b == b'\n');
    let file = dir.join("rows.ndjson");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).expect("create"));
        out.write_all(lines.next().expect("row 1")).expect("write");
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..300 {
            out.write_all(&chunk).expect("write");
        }
        out.write_all(b"\n").expect("write");
        out.write_all(lines.next().expect("row 2")).expect("write");
        out.flush().expect("flush");
    }
    let (child, _) = start(
        "serve-from-huge-line-run",
        &["--from", &file.display().to_string()],
    );
    let peak = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .expect("VmHWM")
        * 1024;
    let stderr = stop(child);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(stderr.contains("2 rows in 1 project(s)"), "{stderr}");
    assert!(
        stderr.contains("line 2: line longer than the limit of 67108864 bytes"),
        "{stderr}"
    );
    assert!(
        peak < 200 << 20,
        "peak RSS {} MiB while indexing a 300 MB line",
        peak >> 20
    );
}
