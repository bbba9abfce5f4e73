//! `FauxportServer`: the real server in-process, its keys, its ground truth and its shutdown.

use std::time::{Duration, Instant};

use fauxport_client::{ClientError, ExportParams, StreamKind};
use fauxport_testkit::{
    FauxportServer, GroundTruth, ProjectKind, StartError, Stream, WorldSpec, assert_rows,
};

use crate::support::{
    client, client_of, export_and_wait, read_all, read_raw, request, started, stop,
};

/// Every project of the default world, read whole through `fauxport-client`, equals the ground
/// truth on both streams; the ERRORS comparison is not vacuous.
#[tokio::test]
async fn a_full_export_yields_the_expected_rows() {
    let server = started(FauxportServer::builder().seed(42).rows(150).page_rows(25)).await;
    assert_eq!(server.projects().len(), ProjectKind::ALL.len());
    let client = client_of(&server);
    let mut errors_seen = 0;
    for project in server.projects() {
        let (rows, errors) = read_all(&client, &project.id).await;
        let expected = server.expected_rows(&project.id);
        assert!(expected.len() > 25, "{}: several pages", project.id);
        assert_rows(&rows, &expected, &format!("{:?} RESULT", project.kind));
        assert_rows(
            &errors,
            &server.expected_errors(&project.id),
            &format!("{:?} ERRORS", project.kind),
        );
        assert_eq!(
            (rows.len() + errors.len()) as u64,
            project.rows,
            "every row is on one stream"
        );
        errors_seen += errors.len();
    }
    assert!(errors_seen > 0, "the default world has failed rows");
    stop(server).await;
}

/// The page files, concatenated, are byte for byte `expected_ndjson`, for several param sets;
/// pages hold at most `page_rows` lines and end on a line.
#[tokio::test]
async fn page_files_are_the_expected_bytes() {
    let server = started(FauxportServer::builder().seed(9).rows(60).page_rows(7)).await;
    let client = client_of(&server);
    let project = server
        .project_id(ProjectKind::ConversationalPreference)
        .expect("a project of each kind")
        .to_owned();
    let label_details_only = ExportParams {
        label_details: true,
        ..ExportParams::none()
    };
    for params in [
        ExportParams::all(),
        ExportParams::none(),
        label_details_only,
    ] {
        let task = export_and_wait(&client, &project, &request(params.clone()))
            .await
            .expect("the export");
        let raw = read_raw(&client, &task, StreamKind::Result).await;
        let expected = server.expected_ndjson(&project, Stream::Result, &params);
        assert!(
            raw.bytes == expected,
            "{params:?}: {} bytes served, {} expected",
            raw.bytes.len(),
            expected.len()
        );
        assert!(raw.pages.len() > 1, "several pages");
        for page in &raw.pages {
            assert!(page.lines.end() - page.lines.start() < 7, "{page:?}");
            assert_eq!(raw.bytes[*page.offsets.end() as usize], b'\n', "{page:?}");
        }
    }
    stop(server).await;
}

/// The API key selects the scenario: `failed-task` fails the export; the same server serves the
/// happy path to `api_key_for("happy")`; without a scenario the key is the server's default one.
#[tokio::test]
async fn the_api_key_selects_the_scenario() {
    let server = started(FauxportServer::builder().rows(5).scenario("failed-task")).await;
    assert_eq!(server.api_key(), "fauxport:failed-task");
    let project = server.projects()[0].id.clone();
    let failing = client_of(&server);
    match export_and_wait(&failing, &project, &request(ExportParams::all())).await {
        Err(ClientError::TaskFailed { .. }) => {}
        other => panic!("failed-task: expected TaskFailed, got {other:?}"),
    }
    let happy = client(&server.graphql_url(), &server.api_key_for("happy"));
    let (rows, _) = read_all(&happy, &project).await;
    assert_rows(
        &rows,
        &server.expected_rows(&project),
        "happy on the same server",
    );
    let unknown = client(
        &server.graphql_url(),
        &server.api_key_for("no-such-scenario"),
    );
    assert_eq!(
        unknown.user_id().await,
        Err(ClientError::Authentication),
        "an unknown scenario is an invalid key"
    );
    stop(server).await;

    let plain = started(FauxportServer::builder().rows(3)).await;
    assert_eq!(plain.api_key(), fauxport_server::config::DEFAULT_API_KEY);
    let seeded = started(
        FauxportServer::builder()
            .rows(3)
            .scenario("happy")
            .scenario_seed(7),
    )
    .await;
    assert_eq!(seeded.api_key(), "fauxport:happy:7");
    let (rows, _) = read_all(&client_of(&seeded), &seeded.projects()[0].id).await;
    assert_eq!(rows, seeded.expected_rows(&seeded.projects()[0].id));
    stop(plain).await;
    stop(seeded).await;
}

/// A fault scenario chosen by the builder is live, and the ground truth still holds through it:
/// `flaky-pages` fails the first download of page 1 (so a client without retries fails), and a
/// client that retries reads exactly the expected rows.
#[tokio::test]
async fn a_fault_scenario_is_live_and_the_truth_holds() {
    let server = started(
        FauxportServer::builder()
            .rows(40)
            .page_rows(6)
            .scenario("flaky-pages")
            .scenario_seed(11),
    )
    .await;
    assert_eq!(server.api_key(), "fauxport:flaky-pages:11");
    let project = server.projects()[0].id.clone();
    let no_retries = fauxport_client::Client::new(&server.graphql_url(), server.api_key())
        .with_retry(fauxport_client::RetryPolicy {
            max_attempts: 1,
            ..fauxport_client::RetryPolicy::default()
        });
    let task = export_and_wait(&no_retries, &project, &request(ExportParams::all()))
        .await
        .expect("the export itself is not faulted");
    let first_read = no_retries.collect(&task, StreamKind::Result).await;
    assert!(
        first_read.is_err(),
        "page 1 fails on its first download: {first_read:?}"
    );
    let (rows, errors) = read_all(&client_of(&server), &project).await;
    assert_rows(
        &rows,
        &server.expected_rows(&project),
        "flaky-pages, with retries",
    );
    assert_eq!(errors, server.expected_errors(&project));
    stop(server).await;
}

/// Scenarios that change content serve another world, and the truth follows it: the rows
/// read under `hostile-content` and `partial-errors` are the expected ones, and differ from
/// the happy world's.
#[tokio::test]
async fn content_scenarios_change_the_truth_with_the_rows() {
    let happy = started(FauxportServer::builder().rows(30)).await;
    for scenario in ["hostile-content", "partial-errors"] {
        let server = started(FauxportServer::builder().rows(30).scenario(scenario)).await;
        let project = server.projects()[0].id.clone();
        let (rows, errors) = read_all(&client_of(&server), &project).await;
        assert_eq!(rows, server.expected_rows(&project), "{scenario}");
        assert_eq!(errors, server.expected_errors(&project), "{scenario}");
        assert_ne!(
            rows,
            happy.expected_rows(&project),
            "{scenario} changes the rows"
        );
        stop(server).await;
    }
    let unknown = FauxportServer::builder().scenario("no-such").start().await;
    assert!(matches!(unknown, Err(StartError::Scenario(m)) if m.contains("no-such")));
    stop(happy).await;
}

/// A world of one's own: its projects, and no id for the kinds it lacks.
#[tokio::test]
async fn a_custom_world_is_served() {
    let spec = WorldSpec::single(3, ProjectKind::ResponseCreation, 12);
    let server = started(
        FauxportServer::builder()
            .world(spec)
            .page_rows(5)
            .configure(|config| config.journal_capacity = 0),
    )
    .await;
    let [project] = server.projects() else {
        panic!("one project: {:?}", server.projects());
    };
    assert_eq!(
        (project.kind, project.rows),
        (ProjectKind::ResponseCreation, 12)
    );
    assert_eq!(
        server.project_id(ProjectKind::ResponseCreation),
        Some(project.id.as_str())
    );
    assert_eq!(server.project_id(ProjectKind::PromptCreation), None);
    let (rows, errors) = read_all(&client_of(&server), &project.id).await;
    assert_eq!(rows, server.expected_rows(&project.id));
    assert_eq!(errors, server.expected_errors(&project.id));
    stop(server).await;
}

/// Whether anything accepts connections at `addr`.
async fn listening(addr: std::net::SocketAddr) -> bool {
    tokio::net::TcpStream::connect(addr).await.is_ok()
}

/// `shutdown` closes the port before it returns; dropping the server closes it soon after.
#[tokio::test]
async fn shutdown_and_drop_stop_the_server() {
    let server = started(FauxportServer::builder().rows(3)).await;
    let addr = server.addr();
    assert!(listening(addr).await, "serving after start");
    // A keep-alive connection from a finished request does not hold the shutdown up.
    let client = client_of(&server);
    client.user_id().await.expect("the user");
    stop(server).await;
    assert!(!listening(addr).await, "closed after shutdown");

    let server = started(FauxportServer::builder().rows(3)).await;
    let addr = server.addr();
    assert!(listening(addr).await, "serving after start");
    drop(server);
    let deadline = Instant::now() + Duration::from_secs(5);
    while listening(addr).await {
        assert!(Instant::now() < deadline, "still listening 5 s after drop");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
