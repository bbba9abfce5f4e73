//! Stateless replicas: two servers over the same world and URL secret, sharing nothing. A task
//! made on one is answered for by the other (polls, headers, page lookups, page downloads) from
//! its portable id, byte for byte; a server over another world, or with another secret, does
//! not know it.

use fauxport_model::ExportParams;
use serde_json::json;

use fauxport_gen::{World, WorldSpec};

use crate::support::{ERRORS_PROJECT, KEY, ROWS, SEED, Server, config, export_variables};

/// Two replicas: separate states and routers, the same settings.
fn replicas() -> (Server, Server) {
    (Server::new(config()), Server::new(config()))
}

#[tokio::test]
async fn a_replica_that_never_saw_a_task_answers_for_it_byte_for_byte() {
    let (a, b) = replicas();
    let filter = json!([{"type": "task_queue_not_exist"}]);
    for (key, params, query) in [
        (KEY, ExportParams::all(), json!([])),
        ("fauxport:partial-errors:7", ExportParams::none(), filter),
    ] {
        let vars = export_variables(&a.project_id(ERRORS_PROJECT), &params, query);
        let done = a.export(key, vars).await;
        assert!(done.id.starts_with("fxt1."), "a portable id: {}", done.id);
        assert!(b.state.exports.get(&done.id).is_none(), "b never saw it");
        // b: the SDK's poll, then both streams through header, lookups and downloads.
        let user = b.user_id(key).await;
        let task = b.wait(key, &user, &done.id).await;
        assert_eq!(task["status"], "COMPLETE", "{task}");
        for stream in ["RESULT", "ERRORS"] {
            let on_a = a.read_stream(key, &done.id, stream).await;
            let on_b = b.read_stream(key, &done.id, stream).await;
            let (on_a, on_b) = (
                on_a.map(|s| (s.total_size, s.total_lines, s.bytes)),
                on_b.map(|s| (s.total_size, s.total_lines, s.bytes)),
            );
            assert_eq!(
                on_a, on_b,
                "{stream} of {key}'s export differs between replicas"
            );
        }
        // A page URL a handed out works on b too (a load balancer may send it anywhere).
        let info = a
            .file_from_offset(key, &done.id, "RESULT", json!("0"))
            .await
            .expect("page 0");
        assert_eq!(b.page(&info).await, a.page(&info).await);
    }
}

#[tokio::test]
async fn a_task_keeps_its_scenario_on_another_replica() {
    let (a, b) = replicas();
    let key = "fauxport:failed-task";
    let vars = export_variables(&a.project_id(0), &ExportParams::none(), json!([]));
    let (id, _) = a.start_export(key, vars).await;
    // Polled on b with the default key: the task still runs under the creator's scenario.
    let user = b.user_id(KEY).await;
    let task = b.wait(KEY, &user, &id).await;
    assert_eq!(task["status"], "FAILED", "{task}");
}

#[tokio::test]
async fn another_world_or_another_secret_does_not_know_the_task() {
    let a = Server::new(config());
    let vars = export_variables(&a.project_id(0), &ExportParams::none(), json!([]));
    let (id, _) = a.start_export(KEY, vars).await;
    let other_world = Server::over(
        World::new(WorldSpec::default_world(SEED + 1, ROWS)).expect("a valid world"),
        config(),
    );
    let mut other_secret = config();
    other_secret.url_secret = b"another secret".to_vec();
    for (name, b) in [
        ("world", other_world),
        ("secret", Server::new(other_secret)),
    ] {
        let (_, body) = b
            .gql(
                KEY,
                crate::sdk::GET_EXPORT_METADATA_HEADER,
                json!({"where": {"id": id}, "streamType": "RESULT"}),
            )
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "RESOURCE_NOT_FOUND",
            "another {name}: {body}"
        );
    }
}
