//! `fauxport healthcheck`: 0 while a server answers `/healthz` with 200, 1 once it is gone or
//! for a URL that is not 200; by default it asks the address `FAUXPORT_ADDR` names.

use std::process::Command;

use crate::fauxport;
use crate::serve::{start, stop};

/// Runs `fauxport healthcheck ARGS` with `FAUXPORT_ADDR` set to `addr` (unset when `None`).
fn healthcheck(addr: Option<&str>, args: &[&str]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fauxport"));
    command.arg("healthcheck").args(args);
    match addr {
        Some(addr) => command.env("FAUXPORT_ADDR", addr),
        None => command.env_remove("FAUXPORT_ADDR"),
    };
    let out = command.output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn healthy_while_the_server_answers_and_unhealthy_once_it_stops() {
    let (child, base) = start("healthcheck", &["--rows", "50"]);
    let port = base.rsplit(':').next().expect("a port").to_owned();
    let healthz = format!("{base}/healthz");

    assert_eq!(healthcheck(None, &["--url", &healthz]).0, 0);
    // The container's way: no flags, the address from the environment, a wildcard through
    // loopback.
    assert_eq!(healthcheck(Some(&format!("0.0.0.0:{port}")), &[]).0, 0);
    assert_eq!(
        healthcheck(None, &["--addr", &format!("127.0.0.1:{port}")]).0,
        0
    );
    // A URL that answers, but not 200.
    let (code, stderr) = healthcheck(None, &["--url", &format!("{base}/no-such-page")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("404"), "{stderr}");

    stop(child);
    let (code, stderr) = healthcheck(None, &["--url", &healthz, "--timeout-secs", "1"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&healthz), "{stderr}");
}

#[test]
fn help_names_the_default_and_bad_timeouts_are_usage_errors() {
    let help = fauxport(&["healthcheck", "--help"], b"");
    assert_eq!(help.code, 0);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("/healthz") && text.contains("FAUXPORT_ADDR"),
        "{text}"
    );
    assert_eq!(
        fauxport(&["healthcheck", "--timeout-secs", "0"], b"").code,
        2
    );
}
