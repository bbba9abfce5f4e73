//! `fauxport serve`: starts on a free port, prints what a newcomer needs, stops on SIGTERM.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::scratch;

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

#[test]
fn starts_answers_and_stops_gracefully() {
    let dir = scratch("serve");
    let url_file = dir.join("url");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fauxport"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--rows",
            "50",
            "--port-file",
            &url_file.display().to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let started = Instant::now();
    while std::fs::read_to_string(&url_file).map_or(true, |s| s.is_empty()) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no port file after 30 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let base = std::fs::read_to_string(&url_file).expect("url");
    assert!(get(&base, "/healthz").starts_with("HTTP/1.1 200"));
    let world = get(&base, "/world.json");
    assert!(
        world.contains("\"api_key\":\"fauxport-local-dev-key\""),
        "{world}"
    );
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
    let world = dir.join("world.toml");
    std::fs::write(
        &world,
        "[[projects]]\nkind = \"response-creation\"\nrows = 5\nontology = \"o.json\"\n",
    )
    .expect("write world");
    std::fs::write(
        dir.join("o.json"),
        r#"{"features": [{"name": "Answer", "kind": "text", "role": "response"}, {"name": "Tone", "kind": "radio", "options": [{"name": "Calm", "colour": "blue"}]}]}"#,
    )
    .expect("write ontology");
    let run = crate::fauxport(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--world",
            &world.display().to_string(),
        ],
        b"",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("o.json: features[1].options[0].colour: unknown field `colour`"),
        "the error names the file and the field: {}",
        run.stderr
    );
}
