//! The page cache: a repeated page is served from memory with the very bytes a render gives,
//! shared by every task of the same export, never by tasks whose selection differs, and body
//! faults still shape a page that comes from the cache.

use std::sync::atomic::Ordering;

use fauxport_gen::Stream;
use fauxport_model::ExportParams;
use serde_json::json;

use crate::support::{KEY, Server, config, export_variables, truth};

fn hits_and_misses(s: &Server) -> (u64, u64) {
    let stats = &s.state.render.cache.stats;
    (
        stats.hits.load(Ordering::Relaxed),
        stats.misses.load(Ordering::Relaxed),
    )
}

#[tokio::test]
async fn repeated_pages_come_from_the_cache_with_the_bytes_a_render_gives() {
    let s = Server::new(config());
    let mut uncached = config();
    uncached.export.page_cache_bytes = 0;
    let plain = Server::new(uncached);
    for params in [ExportParams::none(), ExportParams::all()] {
        let vars = export_variables(&s.project_id(0), &params, json!([]));
        let first = s.export(KEY, vars.clone()).await;
        let stream = s.read_stream(KEY, &first.id, "RESULT").await.expect("rows");
        assert_eq!(
            stream.bytes,
            truth(s.world(), 0, &params, &json!([]), Stream::Result),
            "first (rendered) downloads"
        );
        let before = hits_and_misses(&s);
        // The same pages again, and through a second task of the same export.
        let again = s.read_stream(KEY, &first.id, "RESULT").await.expect("rows");
        let second = s.export(KEY, vars.clone()).await;
        let shared = s
            .read_stream(KEY, &second.id, "RESULT")
            .await
            .expect("rows");
        let after = hits_and_misses(&s);
        let pages = stream.pages.len() as u64;
        assert_eq!(
            after.0 - before.0,
            2 * pages,
            "every repeated page is a hit (hits, misses before {before:?}, after {after:?})"
        );
        assert_eq!(after.1, before.1, "no repeated page is rendered again");
        assert_eq!(again.bytes, stream.bytes);
        assert_eq!(shared.bytes, stream.bytes);
        // A server without a cache renders the same bytes.
        let other = plain.export(KEY, vars).await;
        let rendered = plain.read_stream(KEY, &other.id, "RESULT").await;
        assert_eq!(rendered.map(|r| r.bytes), Some(stream.bytes));
        assert_eq!(hits_and_misses(&plain).0, 0, "a zero budget keeps nothing");
    }
    assert!(s.state.render.cache.bytes() > 0);
}

#[tokio::test]
async fn a_cached_page_is_still_cut_by_a_body_fault() {
    let s = Server::new(config());
    let vars = s.bare_export(0);
    // Fill the cache with page 1 under the happy scenario.
    let happy = s.export(KEY, vars.clone()).await;
    let page1 = s.nth_page(KEY, &happy.id, "RESULT", 1).await;
    let whole = s.page(&page1).await;
    // truncated-page cuts the first download of page 1 with an honest Content-Length.
    let key = "fauxport:truncated-page";
    let cut = s.export(key, vars).await;
    let info = s
        .file_from_offset(key, &cut.id, "RESULT", json!(page1.offsets.0.to_string()))
        .await
        .expect("page 1");
    let (hits, _) = hits_and_misses(&s);
    let first = s.get(&info.file).await;
    assert_eq!(
        hits_and_misses(&s).0,
        hits + 1,
        "page 1 came from the cache"
    );
    assert_eq!(first.status, 200);
    assert!(
        first.body.len() < whole.len() && whole.starts_with(&first.body),
        "the first download is cut: {} of {} bytes",
        first.body.len(),
        whole.len()
    );
    assert_eq!(s.get(&info.file).await.body, whole, "the second is whole");
}
