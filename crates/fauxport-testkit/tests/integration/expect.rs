//! wiremock's own expectations on the mocks `LabelboxExport::mocks` makes: they count what the
//! client really requested.

use std::time::Duration;

use fauxport_client::ExportParams;
use fauxport_testkit::{GroundTruth, LabelboxExport, Stream};
use wiremock::MockServer;

use crate::support::{client, endpoint, request, rows_of};

/// Mounts the mocks with exact expectations for one full read of the RESULT stream of the
/// first project, with `extra` page downloads expected on top; reads it; the verification's
/// outcome (`Err` with wiremock's message when it panicked).
async fn read_once_expecting(extra: u64) -> Result<(), String> {
    let mock = MockServer::start().await;
    let export = LabelboxExport::new(42, 40).page_rows(6);
    let project = export.projects()[0].id.clone();
    let pages = export.expected_pages(&project, Stream::Result);
    assert!(pages > 2, "several pages: {pages}");
    let mut mocks = export.mocks();
    mocks.export = mocks.export.expect(1);
    mocks.user = mocks.user.expect(1);
    mocks.created_tasks = mocks.created_tasks.expect(1);
    mocks.header = mocks.header.expect(1);
    mocks.file_from_offset = mocks.file_from_offset.expect(pages);
    mocks.file_from_line = mocks.file_from_line.expect(0);
    mocks.pages = mocks.pages.expect(pages + extra);
    mocks.mount(&mock).await;

    let client = client(&endpoint(&mock), "any key");
    let rows = rows_of(&client, &project, &request(ExportParams::all())).await;
    assert_eq!(rows, export.expected_rows(&project));
    // `verify` panics on an unmet expectation; run it where the panic can be caught.
    tokio::spawn(async move { mock.verify().await })
        .await
        .map_err(|e| match e.try_into_panic() {
            Ok(payload) => payload
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "a panic without a message".to_owned()),
            Err(e) => format!("not a panic: {e}"),
        })
}

/// Exactly one page lookup and one page download per page: the expectation holds.
#[tokio::test]
async fn expectations_count_the_calls() {
    assert_eq!(read_once_expecting(0).await, Ok(()));
}

/// One page download more than the client makes: wiremock's verification fails and names the
/// page mock.
#[tokio::test]
async fn an_unmet_expectation_fails_verification() {
    let outcome = tokio::time::timeout(Duration::from_secs(60), read_once_expecting(1))
        .await
        .expect("the read ends");
    let message = outcome.expect_err("one download too few must fail the verification");
    assert!(message.contains("fauxport page files"), "{message}");
}
