//! A live server (`serve --live`): exports see the world at the clock's time, the admin API moves
//! the clock, and an incremental export with a `last_activity_at` filter picks up exactly what
//! happened since the previous export. Bad clock bodies are refused with the field named.

use std::collections::BTreeMap;

use fauxport_gen::world::ClockSpec;
use fauxport_gen::{World, WorldSpec};
use fauxport_model::ExportParams;
use fauxport_model::time::parse_rfc3339_millis;
use serde_json::{Value, json};

use crate::admin::{admin, fresh};
use crate::sdk;
use crate::support::{KEY, ROWS, SEED, Server, config, export_variables};

/// Where the tests' clock starts.
pub(crate) const START: &str = "2026-03-01T12:00:00Z";

/// A live server over the default world with a `[clock]` section: 20 days of history before
/// [`START`], 10 to come, batches of 25 rows so rows keep arriving.
pub(crate) fn live_server() -> Server {
    let mut spec = WorldSpec::default_world(SEED, ROWS);
    for p in &mut spec.projects {
        p.batch_size = 25;
    }
    spec.clock = Some(ClockSpec {
        start: Some(START.to_owned()),
        speed: 1.0,
        history_days: 20,
        future_days: 10,
    });
    let mut c = config();
    c.live = true;
    Server::over(World::new(spec).expect("a valid live world"), c)
}

fn ms(text: &str) -> i64 {
    parse_rfc3339_millis(text).unwrap_or_else(|| panic!("not RFC 3339: {text}"))
}

/// `YYYY-MM-DD HH:MM:SS` (UTC), the way the SDK sends filter dates.
fn sdk_date(ms: i64) -> String {
    let t = fauxport_model::Timestamp::from_millis(ms).0;
    format!("{} {}", &t[..10], &t[11..19])
}

/// `PUT /__admin/clock` with `body`, which must succeed; the clock it answers with.
async fn set_clock(s: &Server, body: Value) -> Value {
    let (status, answer) = admin(s, "PUT", "/__admin/clock", &body.to_string()).await;
    assert_eq!(status, 200, "PUT /__admin/clock {body}: {answer}");
    answer
}

/// The lines of project 0's result stream (all params), exported the SDK's way with `query`.
async fn export(s: &Server, query: Value) -> Vec<Vec<u8>> {
    let pid = s.project_id(0);
    let done = s
        .export(KEY, export_variables(&pid, &ExportParams::all(), query))
        .await;
    assert_eq!(done.task["status"], "COMPLETE", "{}", done.task);
    let Some(streamed) = s.read_stream(KEY, &done.id, "RESULT").await else {
        return Vec::new();
    };
    streamed
        .bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn by_id(lines: &[Vec<u8>]) -> BTreeMap<String, (Vec<u8>, Value)> {
    lines
        .iter()
        .map(|line| {
            let row: Value = serde_json::from_slice(line).expect("a JSON line");
            let id = row["data_row"]["id"].as_str().expect("an id").to_owned();
            (id, (line.clone(), row))
        })
        .collect()
}

fn activity(row: &Value) -> i64 {
    ms(row["data_row"]["details"]["last_activity_at"]
        .as_str()
        .expect("last_activity_at"))
}

/// How many batches `GetProjectBatchesPyApi` lists for project 0.
async fn batches(s: &Server) -> usize {
    let vars = json!({"projectId": s.project_id(0), "first": 100});
    let data = s.data(KEY, sdk::GET_PROJECT_BATCHES, vars).await;
    data["project"]["batches"]["nodes"]
        .as_array()
        .expect("nodes")
        .len()
}

#[tokio::test]
async fn an_export_after_the_clock_moves_with_a_last_activity_filter_gets_exactly_the_new_activity()
{
    let s = live_server();
    // The clock is all but stopped (a second of world time every 11 days), so T1 is the time
    // of the first export to the millisecond.
    let clock = set_clock(&s, json!({"now": START, "speed": 1e-6})).await;
    assert_eq!(clock["now"], "2026-03-01T12:00:00.000+00:00");
    let t1 = ms(START);
    let first = by_id(&export(&s, json!([])).await);
    let batches_at_t1 = batches(&s).await;
    assert!(
        first.len() > 10 && first.len() < ROWS as usize,
        "{}",
        first.len()
    );
    assert!(first.values().all(|(_, row)| activity(row) <= t1));

    let t2 = t1 + 3 * 86_400_000;
    set_clock(
        &s,
        json!({"now": fauxport_model::Timestamp::from_millis(t2).0}),
    )
    .await;
    let second = by_id(&export(&s, json!([])).await);
    assert!(second.len() > first.len(), "rows arrived between T1 and T2");
    assert!(batches(&s).await > batches_at_t1, "and so did batches");
    let project = s
        .data(
            KEY,
            sdk::GET_PROJECT_V7,
            json!({"param_0": s.project_id(0)}),
        )
        .await;
    assert_eq!(project["project"]["dataRowCount"], second.len() as u64);
    assert_eq!(
        project["project"]["lastActivityTime"],
        "2026-03-04T12:00:00.000Z"
    );
    // The rows that are new at T2 or changed since T1: what a sync job has to pick up.
    let moved: Vec<&String> = second
        .iter()
        .filter(|(id, (line, _))| first.get(*id).is_none_or(|(before, _)| before != line))
        .map(|(id, _)| id)
        .collect();
    assert!(
        moved.len() > second.len() - first.len(),
        "some old rows have new activity too"
    );
    for (id, (line, row)) in &first {
        let (now, _) = &second[id];
        assert!(activity(row) <= t1);
        if now == line {
            assert!(
                activity(&second[id].1) <= t1,
                "{id}: unchanged, no new activity"
            );
        }
    }

    // The SDK's date filters are inclusive and have whole seconds: activity after an export at
    // T1 is at T1 + 1 s or later (the world at T1 held all of T1's second).
    let after_t1 = json!([{"type": "data_row_last_activity_at", "value": {
        "operator": "GREATER_THAN_OR_EQUAL", "timezone": "UTC", "value": sdk_date(t1 + 1000)}}]);
    let incremental = by_id(&export(&s, after_t1).await);
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        moved,
        "exactly the new activity"
    );
    for (id, (line, _)) in &incremental {
        assert_eq!(line, &second[id].0, "{id}: as the full export at T2 has it");
    }

    // Labels created since T1 are on some of those rows, never on others.
    let labelled_after = json!([{"type": "labeled_at", "value": {
        "operator": "GREATER_THAN_OR_EQUAL", "timezone": "UTC", "value": sdk_date(t1 + 1000)}}]);
    let labelled = by_id(&export(&s, labelled_after).await);
    assert!(
        !labelled.is_empty(),
        "labels were created between T1 and T2"
    );
    assert!(labelled.keys().all(|id| incremental.contains_key(id)));
}

#[tokio::test]
async fn a_task_keeps_its_instant_on_every_replica_and_in_the_plain_download() {
    let (a, b) = (live_server(), live_server());
    set_clock(&a, json!({"now": START, "speed": 1e-6})).await;
    // Replica b's clock is elsewhere: a task made on a is still seen at a's time.
    set_clock(&b, json!({"now": "2026-03-09T00:00:00Z"})).await;
    let pid = a.project_id(0);
    let done = a
        .export(KEY, export_variables(&pid, &ExportParams::all(), json!([])))
        .await;
    let on_a = a.read_stream(KEY, &done.id, "RESULT").await.expect("rows");
    let on_b = b.read_stream(KEY, &done.id, "RESULT").await.expect("rows");
    assert_eq!(on_a.bytes, on_b.bytes, "replica b rebuilt the task at T1");

    let plain = a
        .get(&format!("/projects/{pid}/export.ndjson?api_key={KEY}"))
        .await;
    assert_eq!(plain.status, 200);
    assert_eq!(
        plain.body, on_a.bytes,
        "the plain download sees the clock too"
    );
    let later = b
        .get(&format!("/projects/{pid}/export.ndjson?api_key={KEY}"))
        .await;
    assert!(
        later.body.len() > plain.body.len(),
        "b's world is further on"
    );
}

#[tokio::test]
async fn the_clock_reads_and_sets_and_bad_bodies_name_the_field() {
    let s = live_server();
    let (status, clock) = admin(&s, "GET", "/__admin/clock", "").await;
    assert_eq!(status, 200, "{clock}");
    let world = s.get("/world.json").await.json();
    assert_eq!(
        world["clock"]["speed"], 1.0,
        "world.json shows the clock: {world}"
    );
    assert_eq!(
        world["clock"]["admin"],
        "http://fauxport.test/__admin/clock"
    );
    assert!(
        fresh(1)
            .get("/world.json")
            .await
            .json()
            .get("clock")
            .is_none()
    );
    let now = ms(clock["now"].as_str().expect("now"));
    assert!((ms(START)..ms(START) + 60_000).contains(&now), "{clock}");
    assert_eq!(clock["speed"], 1.0);
    let set = set_clock(&s, json!({"speed": 60})).await;
    assert_eq!(
        set["speed"], 60.0,
        "a new speed alone keeps the time: {set}"
    );
    assert!(ms(set["now"].as_str().expect("now")) >= now);
    let set = set_clock(&s, json!({"now": "2026-04-01T10:00:00.250+02:00"})).await;
    assert_eq!(
        (set["now"].as_str(), set["speed"].as_f64()),
        (Some("2026-04-01T08:00:00.250+00:00"), Some(60.0))
    );

    for (body, field) in [
        (r#"{"now": "yesterday"}"#, "now:"),
        (r#"{"now": "2026-02-30T00:00:00Z"}"#, "now:"),
        (r#"{"now": 1767225600000}"#, "now:"),
        (r#"{"speed": 0}"#, "speed:"),
        (r#"{"speed": -1}"#, "speed:"),
        (r#"{"speed": "fast"}"#, "speed:"),
        (
            r#"{"now": "2026-01-01T00:00:00Z", "sped": 2}"#,
            "sped: unknown field",
        ),
        ("{}", "request body:"),
        ("[1]", "request body:"),
        ("{not json", "request body:"),
    ] {
        let (status, answer) = admin(&s, "PUT", "/__admin/clock", body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        let error = answer["error"].as_str().unwrap_or_default();
        assert!(error.starts_with(field), "{body}: {answer}");
    }
    let (_, unchanged) = admin(&s, "GET", "/__admin/clock", "").await;
    assert!(ms(unchanged["now"].as_str().expect("now")) >= ms("2026-04-01T08:00:00.250Z"));

    let still = fresh(10);
    for method in ["GET", "PUT"] {
        let (status, answer) = admin(&still, method, "/__admin/clock", r#"{"speed": 2}"#).await;
        assert_eq!(
            status, 409,
            "{method} on a server that is not live: {answer}"
        );
        assert!(
            answer["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("clock:"))
        );
    }
}
