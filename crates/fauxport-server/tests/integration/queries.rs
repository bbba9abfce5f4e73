//! GraphQL queries: the SDK's exact texts (both versions) answered with the world's values, and
//! any other well-formed query over the same schema (aliases, fragments, minimal selections,
//! `variables: null`), because the server runs a real engine, not string matching.

use std::collections::BTreeSet;

use fauxport_gen::Stream;
use fauxport_model::{ExportParams, Timestamp};
use serde_json::{Value, json};

use crate::sdk;
use crate::support::{KEY, server, truth};

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the only form the SDK parses without a warning.
fn is_sdk_datetime(v: &Value) -> bool {
    let Some(s) = v.as_str() else { return false };
    let b = s.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'.',
            23 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// The SDK's form of a world instant.
fn sdk_datetime(ms: i64) -> String {
    format!("{}Z", &Timestamp::from_millis(ms).0[..23])
}

/// The keys of an object, sorted.
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// The field names of a flat selection such as `{a b c}` (duplicates collapse, as in a response).
fn fields(selection: &str) -> BTreeSet<String> {
    selection
        .trim_matches(|c| c == '{' || c == '}')
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// The last flat selection of an SDK query text.
fn last_selection(query: &str) -> &str {
    let end = query
        .rfind(|c: char| c.is_ascii_alphabetic())
        .expect("a field");
    let start = query[..end].rfind('{').expect("a selection");
    &query[start..=end]
}

#[tokio::test]
async fn get_project_answers_every_field_either_sdk_selects() {
    let s = server();
    for query in [sdk::GET_PROJECT_V7, sdk::GET_PROJECT_V5] {
        for (p, project) in s.world().projects.iter().enumerate() {
            let data = s
                .data(KEY, query, json!({"param_0": project.id.as_str()}))
                .await;
            let got = &data["project"];
            assert_eq!(
                keys(got),
                fields(last_selection(query)),
                "project {p}: exactly the selected fields"
            );
            assert_eq!(got["id"], project.id.as_str());
            assert_eq!(got["name"], project.name.as_str());
            assert_eq!(got["dataRowCount"], project.spec.rows);
            assert_eq!(got["createdAt"], sdk_datetime(project.created_ms));
            for field in [
                "createdAt",
                "updatedAt",
                "setupComplete",
                "lastActivityTime",
            ] {
                assert!(
                    is_sdk_datetime(&got[field]),
                    "project {p}: {field} = {}",
                    got[field]
                );
            }
            if query == sdk::GET_PROJECT_V5 {
                assert_eq!(
                    got["queueMode"], "BATCH",
                    "SDK 5.x needs a non-null queue mode"
                );
            }
        }
    }
    // The same schema answers on `/_gql`.
    let project = &s.world().projects[1];
    let (status, body) = s
        .gql_at(
            "/_gql",
            KEY,
            sdk::GET_PROJECT_V7,
            json!({"param_0": project.id.as_str()}),
        )
        .await;
    assert_eq!(
        (status, &body["data"]["project"]["name"]),
        (200, &json!(project.name)),
        "{body}"
    );
}

#[tokio::test]
async fn get_projects_applies_where_clauses() {
    let s = server();
    let w = s.world();
    let all: Vec<usize> = (0..w.projects.len()).collect();
    let name = |p: usize| w.projects[p].name.clone();
    // Descriptions are the server's choice: read one back to filter on it.
    let p1 = s
        .data(
            KEY,
            sdk::GET_PROJECT_V7,
            json!({"param_0": w.projects[1].id.as_str()}),
        )
        .await;
    let description = p1["project"]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // `createdAt_gt` with a DateTime variable in the SDK's form (whole seconds, `Z`).
    let bound_ms = w.projects[1].created_ms / 1000 * 1000;
    let bound = format!("{}Z", &Timestamp::from_millis(bound_ms).0[..19]);
    let after: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&p| w.projects[p].created_ms > bound_ms)
        .collect();
    let first_id = w.projects[0].id.as_str();
    let cases: Vec<(&str, String, Value, Vec<usize>)> = vec![
        (
            "no where",
            sdk::GET_PROJECTS_V7.into(),
            json!({"param_0": false}),
            all.clone(),
        ),
        (
            "deleted only",
            sdk::GET_PROJECTS_V7.into(),
            json!({"param_0": true}),
            vec![],
        ),
        (
            "by name",
            sdk::GET_PROJECTS_WHERE_NAME_V7.into(),
            json!({"param_0": name(2), "param_1": false}),
            vec![2],
        ),
        (
            "by unknown name",
            sdk::GET_PROJECTS_WHERE_NAME_V7.into(),
            json!({"param_0": "no such project", "param_1": false}),
            vec![],
        ),
        (
            "by name, deleted",
            sdk::GET_PROJECTS_WHERE_NAME_V7.into(),
            json!({"param_0": name(2), "param_1": true}),
            vec![],
        ),
        (
            "nested AND",
            sdk::GET_PROJECTS_WHERE_NAME_AND_DESCRIPTION_V7.into(),
            json!({"param_0": name(1), "param_1": description, "param_2": false}),
            vec![1],
        ),
        (
            "nested AND, other description",
            sdk::GET_PROJECTS_WHERE_NAME_AND_DESCRIPTION_V7.into(),
            json!({"param_0": name(1), "param_1": "d", "param_2": false}),
            vec![],
        ),
        (
            "createdAt_gt",
            sdk::GET_PROJECTS_WHERE_CREATED_AFTER_V7.into(),
            json!({"param_0": bound, "param_1": false}),
            after,
        ),
        (
            "inline name_not",
            format!(
                "{{ projects(where: {{name_not: {:?}}}) {{ id }} }}",
                name(0)
            ),
            Value::Null,
            vec![1, 2, 3],
        ),
        (
            "inline dataRowCount_gte",
            "{ projects(where: {dataRowCount_gte: 300}) { id } }".into(),
            Value::Null,
            all.clone(),
        ),
        (
            "inline dataRowCount_lt",
            "{ projects(where: {dataRowCount_lt: 300}) { id } }".into(),
            Value::Null,
            vec![],
        ),
        (
            "inline id",
            format!("{{ projects(where: {{id: {first_id:?}}}) {{ id }} }}"),
            Value::Null,
            vec![0],
        ),
        (
            "skip and first",
            "{ projects(skip: 1, first: 2) { id } }".into(),
            Value::Null,
            vec![1, 2],
        ),
        (
            "skip past the end",
            "{ projects(skip: 100, first: 100) { id } }".into(),
            Value::Null,
            vec![],
        ),
    ];
    for (name, query, variables, expected) in cases {
        let data = s.data(KEY, &query, variables).await;
        let got: Vec<&str> = data["projects"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| p["id"].as_str().unwrap_or_default())
            .collect();
        let want: Vec<&str> = expected
            .iter()
            .map(|&p| w.projects[p].id.as_str())
            .collect();
        assert_eq!(got, want, "{name}");
    }
    // The SDK reads every selected field of every listed project.
    let data = s
        .data(KEY, sdk::GET_PROJECTS_V7, json!({"param_0": false}))
        .await;
    for p in data["projects"].as_array().expect("a list") {
        assert_eq!(keys(p), fields(sdk::project_selection_v7()));
    }
}

#[tokio::test]
async fn datasets_are_the_projects_datasets() {
    let s = server();
    let w = s.world();
    let data = s
        .data(KEY, sdk::GET_DATASETS, json!({"param_0": false}))
        .await;
    let list = data["datasets"].as_array().expect("a list");
    assert_eq!(list.len(), w.projects.len());
    for (got, p) in list.iter().zip(&w.projects) {
        assert_eq!(keys(got), fields(last_selection(sdk::GET_DATASETS)));
        assert_eq!(
            (&got["id"], &got["name"], &got["rowCount"]),
            (
                &json!(p.dataset.id.as_str()),
                &json!(p.dataset.name),
                &json!(p.spec.rows)
            )
        );
        assert!(is_sdk_datetime(&got["createdAt"]), "{got}");
    }
    let d = &w.projects[3].dataset;
    let by_name = s
        .data(
            KEY,
            sdk::GET_DATASETS_WHERE_NAME,
            json!({"param_0": d.name, "param_1": false}),
        )
        .await;
    assert_eq!(by_name["datasets"].as_array().map(Vec::len), Some(1));
    assert_eq!(by_name["datasets"][0]["id"], d.id.as_str());
    let one = s
        .data(KEY, sdk::GET_DATASET, json!({"param_0": d.id.as_str()}))
        .await;
    assert_eq!(one["dataset"], by_name["datasets"][0]);
}

#[tokio::test]
async fn organization_and_user_answer_both_sdk_versions() {
    let s = server();
    let w = s.world();
    let org = s.data(KEY, sdk::GET_ORGANIZATION, json!({})).await;
    assert_eq!(
        keys(&org["organization"]),
        fields(last_selection(sdk::GET_ORGANIZATION))
    );
    assert_eq!(
        (&org["organization"]["id"], &org["organization"]["name"]),
        (&json!(w.org.id.as_str()), &json!(w.org.name))
    );
    for query in [sdk::GET_USER_V7, sdk::GET_USER_V5] {
        let user = s.data(KEY, query, json!({})).await;
        assert_eq!(
            keys(&user["user"]),
            fields(last_selection(query)),
            "{query}"
        );
        assert_eq!(
            (&user["user"]["id"], &user["user"]["email"]),
            (&json!(w.user.id.as_str()), &json!(w.user.email))
        );
        assert!(is_sdk_datetime(&user["user"]["createdAt"]));
    }
    // `CurrentUserPyApi` is sent with `variables: null`.
    let tz = s.data(KEY, sdk::CURRENT_USER, Value::Null).await;
    assert_eq!(tz, json!({"user": {"timezone": "UTC"}}));
}

#[tokio::test]
async fn both_created_tasks_forms_find_the_task() {
    let s = server();
    let done = s.export(KEY, s.bare_export(0)).await;
    let user = s.user_id(KEY).await;
    for query in [
        sdk::GET_USER_CREATED_TASKS_V7,
        sdk::GET_USER_CREATED_TASKS_V5,
    ] {
        let data = s
            .data(KEY, query, json!({"param_0": done.id, "param_1": user}))
            .await;
        let tasks = data["user"]["createdTasks"].as_array().expect("a list");
        assert_eq!(tasks.len(), 1, "{query}");
        assert_eq!(keys(&tasks[0]), fields(last_selection(query)));
        assert_eq!(
            (&tasks[0]["id"], &tasks[0]["type"], &tasks[0]["status"]),
            (
                &json!(done.id),
                &json!("export-data-rows"),
                &json!("COMPLETE")
            )
        );
        assert!(is_sdk_datetime(&tasks[0]["createdAt"]) && is_sdk_datetime(&tasks[0]["updatedAt"]));
        let unknown = s
            .data(
                KEY,
                query,
                json!({"param_0": "clnosuchtask0000000000000", "param_1": user}),
            )
            .await;
        assert_eq!(
            unknown["user"]["createdTasks"],
            json!([]),
            "unknown tasks are an empty list, never an error"
        );
    }
    let by_id = s
        .data(
            KEY,
            sdk::GET_USER_CREATED_TASKS_BY_ID,
            json!({"userId": user, "taskId": done.id}),
        )
        .await;
    let tasks = by_id["user"]["createdTasks"].as_array().expect("a list");
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["id"], done.id.as_str());
    assert_eq!(tasks[0]["type"], "export-data-rows");
}

#[tokio::test]
async fn project_batches_page_through_every_batch_on_gql() {
    let s = server();
    let p = 0;
    let project = &s.world().projects[p];
    // The batches the exported rows name.
    let rows = truth(
        s.world(),
        p,
        &ExportParams::all(),
        &json!([]),
        Stream::Result,
    );
    let in_rows: BTreeSet<String> = rows
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let v: Value = serde_json::from_slice(l).expect("JSON row");
            v["projects"][project.id.as_str()]["project_details"]["batch_id"]
                .as_str()
                .expect("batch_id")
                .to_owned()
        })
        .collect();
    let mut all = Vec::new();
    let mut from = Value::Null;
    for first in [100, 2] {
        let mut got = Vec::new();
        loop {
            let (status, body) = s
                .gql_at(
                    "/_gql",
                    KEY,
                    sdk::GET_PROJECT_BATCHES,
                    json!({"projectId": project.id.as_str(), "from": from, "first": first}),
                )
                .await;
            assert_eq!(status, 200, "{body}");
            let batches = &body["data"]["project"]["batches"];
            let nodes = batches["nodes"].as_array().expect("nodes");
            for n in nodes {
                assert_eq!(
                    keys(n),
                    fields("{consensusSettingsJson createdAt name size id updatedAt}")
                );
            }
            got.extend(nodes.iter().cloned());
            from = batches["pageInfo"]["endCursor"].clone();
            if from.is_null() || from == "" || nodes.is_empty() {
                break;
            }
            assert!(got.len() < 1000, "runaway paging");
        }
        from = Value::Null;
        all.push(got);
    }
    assert_eq!(
        all[0], all[1],
        "paging by 2 lists the same batches as one page of 100"
    );
    let ids: BTreeSet<String> = all[0]
        .iter()
        .map(|b| b["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(ids, in_rows, "the batches are the ones the rows belong to");
    let sizes: u64 = all[0]
        .iter()
        .map(|b| b["size"].as_u64().unwrap_or_default())
        .sum();
    assert_eq!(sizes, project.spec.rows);
    assert_eq!(
        all[0].len() as u64,
        project.spec.rows.div_ceil(project.spec.batch_size)
    );
}

/// Runs `query` with `variables` and compares `data` with `expect`.
async fn check(query: &str, variables: Value, expect: Value) {
    let data = server().data(KEY, query, variables).await;
    assert_eq!(data, expect, "{query}");
}

#[tokio::test]
async fn any_well_formed_query_works() {
    let s = server();
    let w = s.world();
    let (p0, p1) = (&w.projects[0], &w.projects[1]);
    let (id0, id1) = (p0.id.as_str(), p1.id.as_str());
    let org = json!({"id": w.org.id.as_str(), "name": w.org.name});
    let cases: Vec<(String, Value, Value)> = vec![
        (format!("{{ project(where: {{id: {id0:?}}}) {{ id }} }}"), Value::Null, json!({"project": {"id": id0}})),
        (
            format!("query {{ a: project(where: {{id: {id0:?}}}) {{ pid: id title: name }} b: project(where: {{id: {id1:?}}}) {{ id }} }}"),
            json!({}),
            json!({"a": {"pid": id0, "title": p0.name}, "b": {"id": id1}}),
        ),
        (
            "query Q($id: ID!) { project(where: {id: $id}) { ...P } } fragment P on Project { id name dataRowCount }".into(),
            json!({"id": id1}),
            json!({"project": {"id": id1, "name": p1.name, "dataRowCount": p1.spec.rows}}),
        ),
        (
            format!("{{ project(where: {{id: {id0:?}}}) {{ ... on Project {{ name }} ... {{ id }} }} }}"),
            Value::Null,
            json!({"project": {"name": p0.name, "id": id0}}),
        ),
        ("{ organization { id name } }".into(), Value::Null, json!({"organization": org})),
        ("{ organization { __typename id } }".into(), Value::Null, json!({"organization": {"__typename": "Organization", "id": w.org.id.as_str()}})),
        (
            "query Q($full: Boolean!) { organization { id name @include(if: $full) } user { id email @skip(if: $full) } }".into(),
            json!({"full": true}),
            json!({"organization": org, "user": {"id": w.user.id.as_str()}}),
        ),
        (
            "query Q($id: ID = \"".to_owned() + id1 + "\") { project(where: {id: $id}) { id } }",
            Value::Null,
            json!({"project": {"id": id1}}),
        ),
        (
            format!("{{ project(where: {{id: {id0:?}}}) {{ id batches(first: 1) {{ nodes {{ size }} }} }} }}"),
            Value::Null,
            json!({"project": {"id": id0, "batches": {"nodes": [{"size": p0.spec.batch_size.min(p0.spec.rows)}]}}}),
        ),
        (
            // A cursor at the top of u64: past the end, no overflow.
            format!("{{ project(where: {{id: {id0:?}}}) {{ id batches(after: \"18446744073709551615\", first: 5) {{ nodes {{ size }} }} }} }}"),
            Value::Null,
            json!({"project": {"id": id0, "batches": {"nodes": []}}}),
        ),
        (
            format!("  \n\tquery Spaced {{ project ( where : {{ id : {id0:?} }} ) {{ id , name }} }}\n"),
            Value::Null,
            json!({"project": {"id": id0, "name": p0.name}}),
        ),
    ];
    for (query, variables, expect) in cases {
        check(&query, variables, expect).await;
    }
}

#[tokio::test]
async fn operation_name_picks_one_of_several_operations() {
    let s = server();
    let body = json!({"query": "query A { organization { id } } query B { user { id } }", "variables": null, "operationName": "B"});
    let response = s
        .post("/graphql", Some(KEY), body.to_string().into_bytes())
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.json(),
        json!({"data": {"user": {"id": s.world().user.id.as_str()}}})
    );
}

#[tokio::test]
async fn malformed_queries_get_the_sdk_codes() {
    let s = server();
    let cases = [
        ("{ organization { id }", "GRAPHQL_PARSE_FAILED"),
        (
            "query Q($x: ) { organization { id } }",
            "GRAPHQL_PARSE_FAILED",
        ),
        (
            "{ organization { id colour } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "{ organization { ...F } } fragment F on Project { id }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query Q($unused: ID) { organization { id } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            "query A { organization { id } } query B { user { id } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        ("{ project { id } }", "GRAPHQL_VALIDATION_FAILED"),
        (
            "subscription S { tasks { id } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ];
    for (query, code) in cases {
        let (status, body) = s.gql(KEY, query, Value::Null).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], code,
            "{query}: {body}"
        );
        assert!(
            body.get("data").is_some(),
            "{query}: `data` must be present"
        );
    }
}

/// GraphQL: an error in a nullable field makes that field `null`; the rest of `data` stands. The
/// SDK's recommended not-found answer is `{"data": {"project": null}, "errors": [...]}`.
#[tokio::test]
async fn a_failing_nullable_field_is_null_not_missing() {
    let s = server();
    let query =
        "{ a: project(where: {id: \"clnosuchproject0000000000\"}) { id } organization { id } }";
    let (status, body) = s.gql(KEY, query, Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "RESOURCE_NOT_FOUND"
    );
    assert_eq!(
        body["data"],
        json!({"a": null, "organization": {"id": s.world().org.id.as_str()}}),
        "{body}"
    );
}
