//! Scenario definitions: what the built-ins say, and what a bad definition is told.

use super::*;

/// Parse errors start with the path of the field, in both formats.
#[test]
fn parse_errors_start_with_the_path() {
    for (toml, json, path) in [
        (
            "name = \"x\"\n[[graphql]]\nlatency_ms = \"slow\"",
            serde_json::json!({"name": "x", "graphql": [{"latency_ms": "slow"}]}),
            "graphql[0].latency_ms: ",
        ),
        (
            "name = \"x\"\n[task]\nend = \"exploded\"",
            serde_json::json!({"name": "x", "task": {"end": "exploded"}}),
            "task.end: ",
        ),
        (
            "name = \"x\"\nsurprise = 1",
            serde_json::json!({"name": "x", "surprise": 1}),
            "surprise: ",
        ),
        // A list is not read as a struct, field by field.
        (
            "name = \"x\"\ntask = [\"failed\"]",
            serde_json::json!({"name": "x", "task": ["failed"]}),
            "task: ",
        ),
        (
            "name = \"x\"\ngraphql = [[\"task\"]]",
            serde_json::json!({"name": "x", "graphql": [["task"]]}),
            "graphql[0]: ",
        ),
    ] {
        let from_toml = Scenario::from_toml(toml).expect_err(toml);
        assert!(from_toml.0.starts_with(path), "{toml}: {from_toml}");
        let from_json = Scenario::from_json(json.clone()).expect_err("bad");
        assert!(from_json.0.starts_with(path), "{json}: {from_json}");
    }
}

#[test]
fn a_full_scenario_parses_and_names_bad_fields() {
    let s = Scenario::from_toml(
        r#"
        name = "mine"
        description = "a bit of everything"
        expect = "complete-or-surface"
        [task]
        end = "canceled"
        in_progress_ms = 10
        [[graphql]]
        operation = "GetProjectPyApi"
        nth = [1, 3]
        fault = { kind = "status", status = 502 }
        [[graphql]]
        on = "page-lookup"
        probability = 0.5
        latency_ms = 20
        [[pages]]
        stream = "result"
        pages = [1]
        attempts = [1]
        fault = { kind = "truncate", at_byte = 100, lying_length = true }
        [content]
        error_rate = 0.25
        "#,
    )
    .expect("parses");
    assert_eq!(s.task.end, TaskEnd::Canceled);
    assert_eq!(s.graphql[1].on, Some(CallKind::PageLookup));
    assert_eq!(
        s.pages[0].fault,
        PageFault::Truncate {
            at_byte: Some(100),
            lying_length: true
        }
    );
    let round = Scenario::from_json(s.to_json()).expect("JSON round trip");
    assert_eq!(round, s);

    for (text, field) in [
        ("name = \"Bad Name\"", "name:"),
        (
            "name = \"x\"\n[[graphql]]\nprobability = 2.0\nlatency_ms = 1",
            "graphql[0].probability",
        ),
        (
            "name = \"x\"\n[[graphql]]\nnth = [0]\nlatency_ms = 1",
            "graphql[0].nth",
        ),
        (
            "name = \"x\"\n[[graphql]]\non = \"task\"",
            "graphql[0].fault",
        ),
        (
            "name = \"x\"\n[[pages]]\nfault = { kind = \"status\", status = 200 }",
            "pages[0].fault.status",
        ),
        (
            "name = \"x\"\n[content]\nrows = 1000000000000",
            "content.rows",
        ),
        (
            "name = \"x\"\n[content]\nerror_messages = [\"\"]",
            "content.error_messages[0]",
        ),
        (
            "name = \"x\"\n[content]\nhuge_row_bytes = 1000000000000",
            "content.huge_row_bytes",
        ),
        ("name = \"x\"\nsurprise = 1", "surprise"),
    ] {
        let e = Scenario::from_toml(text).expect_err(text);
        assert!(e.0.contains(field), "{text}: {e}");
    }
}
