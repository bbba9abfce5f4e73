//! `GET /metrics` after traffic: requests by route, kind, status and scenario, the faults a
//! scenario injected, bytes rendered and cached, page-cache hits, and tasks, in the Prometheus
//! text format.

use std::collections::BTreeMap;

use crate::support::{KEY, Server, config};

/// `name{labels}` → value, from the text format.
fn samples(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            Some((name.to_owned(), value.parse().ok()?))
        })
        .collect()
}

fn value(m: &BTreeMap<String, f64>, name: &str) -> f64 {
    *m.get(name)
        .unwrap_or_else(|| panic!("no sample {name} in {:#?}", m.keys().collect::<Vec<_>>()))
}

#[tokio::test]
async fn metrics_count_requests_faults_bytes_and_the_cache() {
    let s = Server::new(config());
    let empty = s.get("/metrics").await;
    assert_eq!(empty.status, 200);
    let content_type = empty
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert!(
        content_type.is_some_and(|t| t.starts_with("text/plain")),
        "{content_type:?}"
    );
    let before = samples(&String::from_utf8_lossy(&empty.body));
    assert_eq!(value(&before, "fauxport_tasks"), 0.0);
    assert_eq!(value(&before, "fauxport_page_cache_hits_total"), 0.0);

    // One export read twice (its pages are then cache hits), and a rate-limited download.
    let vars = s.bare_export(0);
    let done = s.export(KEY, vars).await;
    let first = s.read_stream(KEY, &done.id, "RESULT").await.expect("rows");
    let pages = first.pages.len() as f64;
    s.read_stream(KEY, &done.id, "RESULT").await.expect("rows");
    let url = format!(
        "/projects/{}/export.ndjson?api_key=fauxport:rate-limited",
        s.project_id(0)
    );
    assert_eq!(s.get(&url).await.status, 429);

    let text = String::from_utf8_lossy(&s.get("/metrics").await.body).into_owned();
    let m = samples(&text);
    let req = |route: &str, kind: &str, status: u16, scenario: &str| {
        format!(
            "fauxport_requests_total{{route=\"{route}\",kind=\"{kind}\",status=\"{status}\",scenario=\"{scenario}\"}}"
        )
    };
    assert_eq!(
        value(&m, &req("graphql", "create-export", 200, "happy")),
        1.0
    );
    assert_eq!(value(&m, &req("page", "page", 200, "happy")), 2.0 * pages);
    assert_eq!(
        value(&m, &req("download", "download", 429, "rate-limited")),
        1.0
    );
    assert_eq!(
        value(
            &m,
            "fauxport_faults_injected_total{kind=\"download\",scenario=\"rate-limited\"}"
        ),
        1.0
    );
    assert_eq!(value(&m, "fauxport_page_cache_hits_total"), pages);
    assert_eq!(value(&m, "fauxport_page_cache_misses_total"), pages);
    assert_eq!(
        value(&m, "fauxport_rendered_bytes_total"),
        first.total_size as f64,
        "the first read was rendered"
    );
    assert_eq!(
        value(&m, "fauxport_cached_bytes_total"),
        first.total_size as f64,
        "the second came from the cache"
    );
    assert_eq!(
        value(&m, "fauxport_page_cache_bytes"),
        first.total_size as f64
    );
    assert_eq!(value(&m, "fauxport_tasks"), 1.0);
    assert_eq!(
        value(&m, "fauxport_active_streams"),
        0.0,
        "every body was read to its end"
    );
    assert!(
        text.contains("# TYPE fauxport_render_queue_depth gauge"),
        "{text}"
    );
}
