//! Scenarios are chosen per request: clients running side by side on one server, each with
//! its own scenario key, see only their own faults (proved from the server's journal), and the
//! client survives every fault it should.

use std::collections::BTreeMap;

use fauxport_client::{Client, ExportParams, RequestKind, StreamKind};
use fauxport_gen::Stream;
use fauxport_server::journal::{Entry, Filter};
use futures_util::TryStreamExt;
use serde_json::Value;

use fauxport_testkit::assert_rows;

use crate::support::{TestServer, export_and_wait, request, truth};

/// Exports project 1 (params none) with `client` and collects its rows.
async fn export(client: &Client, project: &str) -> Vec<Value> {
    let task = export_and_wait(client, project, &request(ExportParams::none(), Value::Null))
        .await
        .expect("the export completes");
    client
        .stream(&task, StreamKind::Result)
        .try_collect()
        .await
        .expect("the rows stream")
}

fn entries_of(s: &TestServer, key: &str) -> Vec<Entry> {
    let filter = Filter {
        api_key: Some(key.to_owned()),
        ..Filter::default()
    };
    s.state.journal.snapshot(&filter, None).entries
}

/// Downloads per page path.
fn downloads(entries: &[Entry]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == RequestKind::Page) {
        *out.entry(e.path.clone()).or_insert(0) += 1;
    }
    out
}

#[tokio::test]
async fn parallel_clients_see_only_their_own_scenarios_faults() {
    let s = TestServer::start().await;
    let project = s.project_id(1);
    let expected: Vec<Value> = truth(
        &s.world,
        1,
        &request(ExportParams::none(), Value::Null),
        Stream::Result,
    )
    .rows;
    let (happy, pages, outage) = (
        "fauxport:happy:7",
        "fauxport:flaky-pages:7",
        "fauxport:retryable-outage:7",
    );
    let (a, b, c) = (s.client(happy), s.client(pages), s.client(outage));
    // The three exports run at once, interleaving on the same server.
    let (rows_a, rows_b, rows_c) = tokio::join!(
        export(&a, &project),
        export(&b, &project),
        export(&c, &project)
    );
    for (rows, what) in [(rows_a, happy), (rows_b, pages), (rows_c, outage)] {
        assert_rows(&rows, &expected, what);
    }

    // The happy client met no fault, and downloaded each page once.
    let happy_entries = entries_of(&s, happy);
    assert!(
        happy_entries
            .iter()
            .all(|e| e.fault.is_none() && e.status == 200)
    );
    let happy_pages = downloads(&happy_entries);
    assert!(
        happy_pages.len() > 1 && happy_pages.values().all(|&n| n == 1),
        "{happy_pages:?}"
    );

    // The flaky-pages client met page faults only, and fetched the faulted pages again.
    let page_entries = entries_of(&s, pages);
    let faulted: Vec<&Entry> = page_entries.iter().filter(|e| e.fault.is_some()).collect();
    assert!(!faulted.is_empty(), "flaky-pages injected nothing");
    for e in &faulted {
        assert_eq!(e.kind, RequestKind::Page, "{e:?}");
        assert_eq!(
            downloads(&page_entries)[&e.path],
            2,
            "{} fetched again once",
            e.path
        );
    }
    assert!(
        faulted
            .iter()
            .any(|e| e.fault.as_deref().is_some_and(|f| f.contains("status 500"))),
        "{faulted:?}"
    );

    // The retryable-outage client met GraphQL faults only, on the calls the scenario names.
    let outage_entries = entries_of(&s, outage);
    let faults: Vec<(&str, &str)> = outage_entries
        .iter()
        .filter_map(|e| Some((e.kind.as_str(), e.fault.as_deref()?)))
        .collect();
    let kinds: Vec<&str> = faults.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [
            "create-export",
            "create-export",
            "task",
            "header",
            "page-lookup"
        ],
        "{faults:?}"
    );
    assert!(downloads(&outage_entries).values().all(|&n| n == 1));

    // Nobody else's entries carry a scenario fault.
    let all = s.state.journal.snapshot(&Filter::default(), None).entries;
    for e in all.iter().filter(|e| e.fault.is_some()) {
        let key = e.api_key.as_deref().unwrap_or_default();
        assert!(
            key == pages || key == outage,
            "a fault leaked to {key}: {e:?}"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn the_same_scenario_and_seed_fault_the_same_calls() {
    let s = TestServer::start().await;
    let project = s.project_id(1);
    // flaky-pages resets the first download of each page with probability 0.5: which pages
    // is a function of the seed.
    let faults_of = |key: &str| -> Vec<String> {
        entries_of(&s, key)
            .iter()
            .filter_map(|e| {
                let page = e.path.rsplit('/').next()?;
                Some(format!("{page}: {}", e.fault.as_deref()?))
            })
            .collect()
    };
    let mut runs = Vec::new();
    for key in ["fauxport:flaky-pages:11", "fauxport:flaky-pages:12"] {
        export(&s.client(key), &project).await;
        runs.push(faults_of(key));
    }
    // Page faults count downloads per task, so a new export under the same key and seed
    // meets the same faults on the same pages.
    s.state.journal.clear();
    export(&s.client("fauxport:flaky-pages:11"), &project).await;
    assert_eq!(
        faults_of("fauxport:flaky-pages:11"),
        runs[0],
        "same seed, same faults"
    );
    assert!(!runs[0].is_empty() && !runs[1].is_empty());
    assert_ne!(runs[0], runs[1], "another seed faults other pages");
    s.stop().await;
}
