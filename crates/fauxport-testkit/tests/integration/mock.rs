//! `LabelboxExport` on a wiremock `MockServer`: the client reads the same rows, pages and bytes
//! from it as from the real server.

use std::sync::Arc;

use fauxport_client::{Client, ClientError, ExportParams, StreamKind};
use fauxport_testkit::{
    FauxportServer, FauxportServerBuilder, GroundTruth, LabelboxExport, ProjectKind, Stream,
    assert_rows,
};
use serde_json::{Value, json};
use wiremock::MockServer;
use wiremock::matchers::{method, path};

use crate::support::{
    client, client_of, endpoint, export_and_wait, filtered, read_all, read_raw, request, rows_of,
    started, stop,
};

/// A mock server with `export` mounted, and a client of it.
async fn mounted(export: &LabelboxExport) -> (MockServer, Client) {
    let mock = MockServer::start().await;
    export.mount(&mock).await;
    let client = client(&endpoint(&mock), "any key");
    (mock, client)
}

/// Every project, read whole through the client from the mocks, equals the ground truth on both
/// streams; the ERRORS comparison is not vacuous.
#[tokio::test]
async fn the_client_reads_the_expected_rows_from_the_mock() {
    let export = LabelboxExport::new(42, 150).page_rows(25);
    let (_mock, client) = mounted(&export).await;
    let mut errors_seen = 0;
    for project in export.projects() {
        let (rows, errors) = read_all(&client, &project.id).await;
        assert_rows(
            &rows,
            &export.expected_rows(&project.id),
            &format!("{:?} RESULT", project.kind),
        );
        assert_rows(
            &errors,
            &export.expected_errors(&project.id),
            &format!("{:?} ERRORS", project.kind),
        );
        errors_seen += errors.len();
    }
    assert!(errors_seen > 0, "the default world has failed rows");
    assert_eq!(export.tasks_created(), export.projects().len() as u64);
}

/// The real server and, beside it, a mock mounted over the same world with the same page size,
/// with a client of each.
struct SideBySide {
    server: FauxportServer,
    mock: MockServer,
    export: LabelboxExport,
    real: Client,
    fake: Client,
}

impl SideBySide {
    /// The server `builder` describes, with pages of `page_rows` lines, and its mock twin.
    async fn start(builder: FauxportServerBuilder, page_rows: u64) -> SideBySide {
        let server = started(builder.page_rows(page_rows)).await;
        let export = LabelboxExport::from_world(Arc::clone(server.world())).page_rows(page_rows);
        let (mock, fake) = mounted(&export).await;
        let real = client_of(&server);
        SideBySide {
            server,
            mock,
            export,
            real,
            fake,
        }
    }
}

/// The mock and the real server, over the same world with the same page size, answer the same
/// totals and page ranges, and their page files hold the same bytes; page URLs point at the
/// host the lookup came to.
#[tokio::test]
async fn the_mock_serves_the_servers_pages() {
    let SideBySide {
        server,
        mock,
        export,
        real,
        fake,
    } = SideBySide::start(FauxportServer::builder().seed(5).rows(80), 9).await;
    let project = server
        .project_id(ProjectKind::ResponseCreation)
        .expect("a project of each kind")
        .to_owned();
    let real_task = export_all(&real, &project).await;
    let fake_task = export_all(&fake, &project).await;
    for stream in [StreamKind::Result, StreamKind::Errors] {
        assert_eq!(
            real.header(&real_task, stream).await.expect("header"),
            fake.header(&fake_task, stream).await.expect("header"),
            "{stream:?} header"
        );
        let a = read_raw(&real, &real_task, stream).await;
        let b = read_raw(&fake, &fake_task, stream).await;
        let ranges = |pages: &[fauxport_client::PageInfo]| -> Vec<_> {
            pages
                .iter()
                .map(|p| (p.offsets.clone(), p.lines.clone()))
                .collect()
        };
        assert_eq!(ranges(&a.pages), ranges(&b.pages), "{stream:?} page ranges");
        assert!(a.bytes == b.bytes, "{stream:?}: the same bytes");
        for page in &b.pages {
            assert!(
                page.file
                    .starts_with(&format!("{}/fauxport/pages/", mock.uri())),
                "{}",
                page.file
            );
        }
    }
    assert_eq!(
        read_raw(&fake, &fake_task, StreamKind::Result).await.bytes,
        export.expected_ndjson(&project, Stream::Result, &ExportParams::all())
    );
    stop(server).await;
}

async fn export_all(
    client: &fauxport_client::Client,
    project: &str,
) -> fauxport_client::ExportTask {
    export_and_wait(client, project, &request(ExportParams::all()))
        .await
        .expect("the export")
}

/// The mutation's params and filters shape the mock's export exactly as they shape the
/// server's.
#[tokio::test]
async fn params_and_filters_are_honoured() {
    // The mock serves until the end of the test: its binding is kept, not dropped here.
    let SideBySide {
        server,
        mock: _mock,
        real,
        fake,
        ..
    } = SideBySide::start(FauxportServer::builder().rows(120), 10).await;
    let project = server.projects()[0].id.clone();
    let all = server.expected_rows(&project);
    let cases = [
        (ExportParams::none(), json!([])),
        (
            ExportParams::all(),
            json!([{"type": "task_queue_status", "status": "Done"}]),
        ),
        (
            ExportParams::none(),
            json!([{"type": "task_queue_not_exist"}]),
        ),
    ];
    for (params, filters) in cases {
        let what = format!("{params:?} {filters}");
        let request = filtered(params, filters);
        let (want, got) = (
            rows_of(&real, &project, &request).await,
            rows_of(&fake, &project, &request).await,
        );
        assert!(!want.is_empty(), "{what}: the case selects rows");
        assert_ne!(want, all, "{what}: the case changes the export");
        assert_rows(&got, &want, &what);
    }
    stop(server).await;
}

/// Posts `query` with `variables` to the mock; the JSON answer.
async fn post(mock: &MockServer, query: &str, variables: Value) -> (u16, Value) {
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a plain HTTP client")
        .post(endpoint(mock))
        .json(&json!({"query": query, "variables": variables}))
        .send()
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("a body");
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

use fauxport_model::protocol::sdk_queries::{
    EXPORT_DATA_ROWS_IN_PROJECT as EXPORT_PROJECT_MUTATION, GET_EXPORT_FILE_FROM_LINE,
};

/// The lookups the Rust client does not make: by line (SDK 5.x `with_line`), the project
/// (`client.get_project`), and the answers to mistakes, in the shapes the SDK classifies.
#[tokio::test]
async fn other_lookups_and_mistakes() {
    let export = LabelboxExport::new(1, 30).page_rows(4);
    let (mock, fake) = mounted(&export).await;
    let project = export.projects()[1].id.clone();
    let task = export_all(&fake, &project).await;

    let lines = export.expected_rows(&project).len() as u64;
    for (line, want) in [
        (0, Some((0, 3))),
        (5, Some((4, 7))),
        (lines - 1, Some(((lines - 1) / 4 * 4, lines - 1))),
        (lines, None),
    ] {
        let (status, body) = post(
            &mock,
            GET_EXPORT_FILE_FROM_LINE,
            json!({"where": {"id": task.id}, "streamType": "RESULT", "line": line}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let file = &body["data"]["task"]["exportFileFromLine"];
        let got = (!file.is_null()).then(|| {
            let n = |v: &Value| {
                v.as_str()
                    .and_then(|s| s.parse::<u64>().ok())
                    .expect("a numeric string")
            };
            (n(&file["lines"]["start"]), n(&file["lines"]["end"]))
        });
        assert_eq!(got, want, "line {line}: {body}");
    }

    let (status, body) = post(
        &mock,
        "query GetProjectPyApi($param_0: ID!){project(where: {id: $param_0}){name id queueMode dataRowCount}}",
        json!({"param_0": project}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["project"]["id"], json!(project));
    assert_eq!(body["data"]["project"]["queueMode"], json!("BATCH"));
    assert_eq!(body["data"]["project"]["dataRowCount"], json!(30));

    match fake
        .export_project("clnosuchproject0000000000", &request(ExportParams::all()))
        .await
    {
        Err(ClientError::NotFound(message)) => {
            assert!(message.contains("clnosuchproject"), "{message}")
        }
        other => panic!("unknown project: {other:?}"),
    }
    let bad_filter = filtered(ExportParams::all(), json!([{"type": "no_such_filter"}]));
    match fake.export_project(&project, &bad_filter).await {
        Err(ClientError::InvalidQuery(message)) => {
            assert!(
                message.starts_with("input.filters.searchQuery.query[0]"),
                "{message}"
            );
        }
        other => panic!("bad filter: {other:?}"),
    }
    // The mock reads the export input as the server does: a taskName that is not a string is
    // refused, naming the field, exactly as fauxport serve refuses it.
    let bad_input = json!({"input": {
        "filters": {"projectId": project, "searchQuery": {"query": [], "scope": null}},
        "params": {},
        "taskName": 7,
    }});
    let (status, body) = post(&mock, EXPORT_PROJECT_MUTATION, bad_input).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        json!("INTERNAL_SERVER_ERROR")
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("input.taskName")),
        "{body}"
    );
    // Only the export protocol is answered, and only where the mocks are mounted.
    let (status, body) = post(
        &mock,
        "query GetOrganizationPyApi{organization{id}}",
        json!({}),
    )
    .await;
    assert_eq!(
        (status, body["errors"].is_null()),
        (404, true),
        "no mock matches: {body}"
    );
    let other = MockServer::start().await;
    wiremock::Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(export.graphql_responder())
        .mount(&other)
        .await;
    let (status, body) = post(
        &other,
        "query GetOrganizationPyApi{organization{id}}",
        json!({}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        json!("GRAPHQL_VALIDATION_FAILED")
    );
    let missing = reqwest::get(format!("{}/fauxport/pages/nosuchtask/RESULT/0", mock.uri()))
        .await
        .expect("an answer");
    assert_eq!(missing.status().as_u16(), 404);
}
