//! The targets, and what each asserts.

use std::io::Cursor;
use std::sync::{LazyLock, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use fauxport_gen::replay::ReplayFile;
use fauxport_gen::{World, WorldSpec};
use fauxport_server::config::DEFAULT_API_KEY;
use fauxport_server::{AppState, ServerConfig};
use fauxport_validate::{Config, Validator};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A fuzz target: the name `cargo fuzz run` takes, and the folder of its seeds and regressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A GraphQL request body posted to `/graphql` of the real router.
    GraphqlBody,
    /// An export's filters: the SDK's dict and search-query list, as JSON.
    Filters,
    /// A scenario file (TOML).
    ScenarioFile,
    /// One line given to `fauxport validate`.
    ValidateLine,
    /// A recording given to `fauxport serve --from`.
    Replay,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 5] = [
        Target::GraphqlBody,
        Target::Filters,
        Target::ScenarioFile,
        Target::ValidateLine,
        Target::Replay,
    ];

    /// `graphql_body`, `filters`, ...: the fuzz target's and its folders' name.
    pub fn name(self) -> &'static str {
        match self {
            Target::GraphqlBody => "graphql_body",
            Target::Filters => "filters",
            Target::ScenarioFile => "scenario_file",
            Target::ValidateLine => "validate_line",
            Target::Replay => "replay",
        }
    }
}

/// Feeds `data` to `target`; panics when what must hold does not.
pub fn run(target: Target, data: &[u8]) {
    match target {
        Target::GraphqlBody => graphql_body(data),
        Target::Filters => filters(data),
        Target::ScenarioFile => scenario_file(data),
        Target::ValidateLine => validate_line(data),
        Target::Replay => replay(data),
    }
}

/// The router over a small default world, and a runtime to drive it, made once per process.
static SERVER: LazyLock<(tokio::runtime::Runtime, Router)> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let world = World::new(WorldSpec::default_world(42, 20)).expect("the default world");
    let mut config = ServerConfig::for_seed(42);
    config.url_secret = b"fuzz".to_vec();
    let state = AppState::new(world, config).expect("valid settings");
    (runtime, fauxport_server::app(state))
});

/// Any body: an answer with a known status, whose body is JSON whenever GraphQL answered.
fn graphql_body(data: &[u8]) {
    let (runtime, router) = &*SERVER;
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {DEFAULT_API_KEY}"))
        .body(Body::from(data.to_vec()))
        .expect("a request");
    let (status, body) = runtime.block_on(async {
        let response = router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| match e {});
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        (status, body)
    });
    check_graphql_answer(status, &body);
}

/// What `/graphql` must answer: a status of the error table (or 200), with a JSON body.
fn check_graphql_answer(status: u16, body: &[u8]) {
    assert!(
        matches!(status, 200 | 400 | 401 | 403 | 404 | 408 | 413 | 429 | 503),
        "status {status}"
    );
    assert!(
        serde_json::from_slice::<serde_json::Value>(body).is_ok(),
        "status {status}: the body is not JSON: {}",
        String::from_utf8_lossy(body)
    );
}

/// Any JSON: filters decode or are refused, without a panic.
fn filters(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let _ = fauxport_model::filters::parse_filters(&value);
    let _ = fauxport_model::filters::parse_search_query(&value);
}

/// Any text: a scenario parses and checks, or is refused with a message.
fn scenario_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = fauxport_server::scenario::Scenario::from_toml(text) {
        assert!(!e.to_string().is_empty(), "an error without a message");
    }
}

/// Any line: findings, never a panic, and at most the configured number per line (plus the one
/// that says the rest were suppressed).
///
/// Compiling the schema costs far more than checking a line, so one validator checks many
/// inputs; it is made again every [`LINES_PER_VALIDATOR`] lines, so what it remembers across
/// rows (ids seen, counts) stays small.
fn validate_line(data: &[u8]) {
    static VALIDATOR: Mutex<Option<(Validator, u64)>> = Mutex::new(None);
    let mut slot = VALIDATOR.lock().unwrap_or_else(|e| e.into_inner());
    let (validator, lines) = slot.get_or_insert_with(|| {
        (
            Validator::new(Config::default()).expect("the schema compiles"),
            0,
        )
    });
    *lines += 1;
    let most = validator.config().max_findings_per_row + 1;
    let findings = validator.check_line(*lines, data);
    assert!(findings.len() <= most, "{} findings", findings.len());
    if *lines >= LINES_PER_VALIDATOR {
        *slot = None;
    }
}

/// How many lines one validator checks before a fresh one takes over.
const LINES_PER_VALIDATOR: u64 = 10_000;

/// Any recording: indexed, and every row it kept is read back.
fn replay(data: &[u8]) {
    let Ok((file, _problems)) = ReplayFile::index(
        Cursor::new(data),
        Box::new(data.to_vec()),
        fauxport_gen::replay::DEFAULT_MAX_LINE_BYTES,
    ) else {
        return;
    };
    for (p, project) in file.projects.iter().enumerate() {
        for i in 0..project.len() {
            assert!(
                file.row(p, i).is_some(),
                "project {p} row {i} was indexed but not kept"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graphql_check_fails_on_what_must_not_happen() {
        check_graphql_answer(200, br#"{"data":null}"#);
        for (status, body) in [(200, &b"not json"[..]), (500, &b"{}"[..])] {
            let caught = std::panic::catch_unwind(|| check_graphql_answer(status, body));
            assert!(caught.is_err(), "{status} {body:?} passed");
        }
    }
}
