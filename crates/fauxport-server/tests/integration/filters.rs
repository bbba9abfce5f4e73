//! Export filters against an independent oracle: random filter combinations built from the real
//! rows (their ids, global keys, batches, workflow statuses and times) are sent through the SDK
//! flow, and the stream must equal the unfiltered export's lines that pass a brute-force check
//! of each row's own JSON. The oracle never calls the generator's matcher.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use fauxport_gen::Stream;
use fauxport_model::ExportParams;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

use crate::support::{KEY, export_variables, server, truth};

/// What the oracle reads from one exported row (all params on).
#[derive(Debug, Clone)]
struct Facts {
    line: Vec<u8>,
    id: String,
    global_key: Option<String>,
    batch: String,
    status: String,
    /// `YYYY-MM-DDTHH:MM:SS.mmm` (UTC), comparable as strings.
    last_activity: Option<String>,
    labeled: Vec<String>,
}

/// `2024-01-08T05:46:27.123+00:00` → `2024-01-08T05:46:27.123`; every exported time is UTC.
fn utc(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    assert!(
        s.len() == 29 && s.ends_with("+00:00"),
        "exported times are UTC with milliseconds: {s}"
    );
    Some(s[..23].to_owned())
}

fn facts_of(p: usize) -> Vec<Facts> {
    let s = server();
    let project_id = s.project_id(p);
    let bytes = truth(
        s.world(),
        p,
        &ExportParams::all(),
        &json!([]),
        Stream::Result,
    );
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|line| {
            let row: Value = serde_json::from_slice(line).expect("each line is JSON");
            let entry = &row["projects"][project_id.as_str()];
            let details = &entry["project_details"];
            Facts {
                line: line.to_vec(),
                id: row["data_row"]["id"]
                    .as_str()
                    .expect("data_row.id")
                    .to_owned(),
                global_key: row["data_row"]["global_key"].as_str().map(str::to_owned),
                batch: details["batch_id"].as_str().expect("batch_id").to_owned(),
                status: details["workflow_status"]
                    .as_str()
                    .expect("workflow_status")
                    .to_owned(),
                last_activity: utc(&row["data_row"]["details"]["last_activity_at"]),
                labeled: entry["labels"]
                    .as_array()
                    .expect("labels")
                    .iter()
                    .map(|l| utc(&l["label_details"]["created_at"]).expect("label created_at"))
                    .collect(),
            }
        })
        .collect()
}

/// The rows of every project of the default world, read once.
static FACTS: LazyLock<Vec<Vec<Facts>>> =
    LazyLock::new(|| (0..server().world().projects.len()).map(facts_of).collect());

/// How a date bound is written, as the SDK passes through what the user typed.
#[derive(Debug, Clone, Copy)]
enum Form {
    /// `YYYY-MM-DD hh:mm:ss`.
    Seconds,
    /// `YYYY-MM-DD`: midnight at the start of the day, for both ends.
    Date,
    /// `YYYY-MM-DDThh:mm:ss+0000` (the SDK's rewrite of an ISO time with an offset).
    Iso,
}

/// A bound: the time of a real row (picked by index) written in some form.
type Bound = Option<(Index, Form)>;

/// One random filter combination.
#[derive(Debug, Clone)]
struct Combo {
    project: usize,
    last_activity: Option<(Bound, Bound)>,
    labeled_at: Option<(Bound, Bound)>,
    /// Data row ids (`true`) or global keys (`false`) of picked rows; never both, like the SDK.
    ids: Option<(bool, Vec<Index>)>,
    batches: Option<Vec<Index>>,
    status: Option<usize>,
}

const STATUSES: [(&str, &str); 4] = [
    ("ToLabel", "TO_LABEL"),
    ("InReview", "IN_REVIEW"),
    ("InRework", "IN_REWORK"),
    ("Done", "DONE"),
];

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![Just(Form::Seconds), Just(Form::Date), Just(Form::Iso)]
}

fn range() -> impl Strategy<Value = (Bound, Bound)> {
    (
        proptest::option::of((any::<Index>(), form())),
        proptest::option::of((any::<Index>(), form())),
    )
        .prop_filter("the SDK drops a range with no ends", |(a, b)| {
            a.is_some() || b.is_some()
        })
}

fn combo() -> impl Strategy<Value = Combo> {
    (
        0..4usize,
        proptest::option::weighted(0.35, range()),
        proptest::option::weighted(0.35, range()),
        proptest::option::weighted(
            0.4,
            (
                any::<bool>(),
                proptest::collection::vec(any::<Index>(), 1..40),
            ),
        ),
        proptest::option::weighted(0.35, proptest::collection::vec(any::<Index>(), 1..3)),
        proptest::option::weighted(0.35, 0..4usize),
    )
        .prop_map(
            |(project, last_activity, labeled_at, ids, batches, status)| Combo {
                project,
                last_activity,
                labeled_at,
                ids,
                batches,
                status,
            },
        )
}

/// A bound as sent, and as the oracle compares it (`YYYY-MM-DDTHH:MM:SS.mmm`).
fn bound(time: &str, form: Form, end: bool) -> (String, String) {
    let (day, clock) = (&time[..10], &time[11..19]);
    match form {
        Form::Seconds => (
            format!("{day} {clock}"),
            format!("{day}T{clock}.{}", if end { "999" } else { "000" }),
        ),
        Form::Iso => (
            format!("{day}T{clock}+0000"),
            format!("{day}T{clock}.{}", if end { "999" } else { "000" }),
        ),
        Form::Date => (day.to_owned(), format!("{day}T00:00:00.000")),
    }
}

/// The filter entry of a date range, and the oracle's inclusive `[min, max]`.
fn date_entry(
    kind: &str,
    times: &[String],
    (lo, hi): &(Bound, Bound),
) -> (Value, (Option<String>, Option<String>)) {
    let pick = |b: &Bound, end: bool| {
        b.as_ref()
            .map(|(i, f)| bound(&times[i.index(times.len())], *f, end))
    };
    let (lo, hi) = (pick(lo, false), pick(hi, true));
    let value = match (&lo, &hi) {
        (Some((min, _)), Some((max, _))) => {
            json!({"operator": "BETWEEN", "timezone": "UTC", "value": {"min": min, "max": max}})
        }
        (Some((min, _)), None) => {
            json!({"operator": "GREATER_THAN_OR_EQUAL", "timezone": "UTC", "value": min})
        }
        (None, Some((max, _))) => {
            json!({"operator": "LESS_THAN_OR_EQUAL", "timezone": "UTC", "value": max})
        }
        (None, None) => unreachable!("filtered out by the strategy"),
    };
    (
        json!({"type": kind, "value": value}),
        (lo.map(|b| b.1), hi.map(|b| b.1)),
    )
}

fn within(t: &str, (lo, hi): &(Option<String>, Option<String>)) -> bool {
    lo.as_deref().is_none_or(|lo| t >= lo) && hi.as_deref().is_none_or(|hi| t <= hi)
}

/// The `searchQuery.query` of a combination (in the SDK's order) and the oracle's verdict on a row.
fn build(combo: &Combo, rows: &[Facts]) -> (Value, impl Fn(&Facts) -> bool) {
    let mut query = Vec::new();
    let activity_times: Vec<String> = rows
        .iter()
        .filter_map(|r| r.last_activity.clone())
        .collect();
    let label_times: Vec<String> = rows.iter().flat_map(|r| r.labeled.clone()).collect();
    let activity = combo
        .last_activity
        .as_ref()
        .map(|r| date_entry("data_row_last_activity_at", &activity_times, r));
    let labeled = combo
        .labeled_at
        .as_ref()
        .filter(|_| !label_times.is_empty())
        .map(|r| date_entry("labeled_at", &label_times, r));
    let ids = combo.ids.as_ref().map(|(by_id, picks)| {
        let set: BTreeSet<String> = picks
            .iter()
            .map(|i| &rows[i.index(rows.len())])
            .map(|r| {
                if *by_id {
                    r.id.clone()
                } else {
                    r.global_key.clone().unwrap_or_default()
                }
            })
            .collect();
        (*by_id, set)
    });
    let batches: Option<BTreeSet<String>> = combo.batches.as_ref().map(|picks| {
        picks
            .iter()
            .map(|i| rows[i.index(rows.len())].batch.clone())
            .collect()
    });
    let status = combo.status.map(|s| STATUSES[s]);
    if let Some((entry, _)) = &activity {
        query.push(entry.clone());
    }
    if let Some((entry, _)) = &labeled {
        query.push(entry.clone());
    }
    if let Some((by_id, set)) = &ids {
        query.push(json!({"ids": set, "operator": "is", "type": if *by_id { "data_row_id" } else { "global_key" }}));
    }
    if let Some(set) = &batches {
        query.push(json!({"ids": set, "operator": "is", "type": "batch"}));
    }
    match status {
        Some(("ToLabel", _)) => query.push(json!({"type": "task_queue_not_exist"})),
        Some((name, _)) => query.push(json!({"type": "task_queue_status", "status": name})),
        None => {}
    }
    let keep = move |r: &Facts| {
        activity
            .as_ref()
            .is_none_or(|(_, range)| r.last_activity.as_deref().is_some_and(|t| within(t, range)))
            && labeled
                .as_ref()
                .is_none_or(|(_, range)| r.labeled.iter().any(|t| within(t, range)))
            && ids.as_ref().is_none_or(|(by_id, set)| {
                if *by_id {
                    set.contains(&r.id)
                } else {
                    r.global_key.as_ref().is_some_and(|k| set.contains(k))
                }
            })
            && batches.as_ref().is_none_or(|set| set.contains(&r.batch))
            && status.is_none_or(|(_, wire)| r.status == wire)
    };
    (Value::Array(query), keep)
}

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime")
});

/// The server's RESULT stream for `query` on project `p` (empty when the header is `null`).
fn served(p: usize, query: Value) -> Vec<u8> {
    RUNTIME.block_on(async {
        let s = server();
        let done = s
            .export(
                KEY,
                export_variables(&s.project_id(p), &ExportParams::all(), query),
            )
            .await;
        assert_eq!(done.task["status"], "COMPLETE");
        match s.read_stream(KEY, &done.id, "RESULT").await {
            Some(read) => {
                assert_eq!(read.total_size, read.bytes.len() as u64);
                read.bytes
            }
            None => Vec::new(),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn filtered_streams_match_a_brute_force_oracle(combo in combo()) {
        let rows = &FACTS[combo.project];
        let (query, keep) = build(&combo, rows);
        let expected: Vec<u8> = rows.iter().filter(|r| keep(r)).flat_map(|r| r.line.iter().copied()).collect();
        let got = served(combo.project, query.clone());
        let kept = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
        prop_assert!(got == expected, "filters {}: served {} rows, the oracle keeps {}", query, kept(&got), kept(&expected));
    }
}

#[test]
fn the_oracle_reads_every_row_and_can_select_something() {
    // Guards the oracle itself: every project has rows with times, labels and several statuses.
    for (p, rows) in FACTS.iter().enumerate() {
        assert!(rows.len() > 250, "project {p}: {} rows", rows.len());
        assert!(
            rows.iter().all(|r| r.last_activity.is_some()),
            "project {p}: rows without last_activity_at"
        );
        assert!(
            rows.iter().any(|r| !r.labeled.is_empty()),
            "project {p}: no labelled rows"
        );
        let statuses: BTreeSet<&str> = rows.iter().map(|r| r.status.as_str()).collect();
        assert!(statuses.len() >= 2, "project {p}: statuses {statuses:?}");
    }
}
