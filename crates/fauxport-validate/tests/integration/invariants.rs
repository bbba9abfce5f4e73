//! One test per semantic invariant: a valid spec row with exactly that invariant broken, and the
//! exact findings it must produce.

use fauxport_validate::Config;
use serde_json::json;

use crate::support::{check, check_rows_with, label0, project, sample, seed};

#[test]
fn projects_must_have_exactly_one_key() {
    check(
        seed(),
        |row| {
            let entry = project(row).clone();
            row["projects"]["clpvnotzb03jo07xs48r7ewkb"] = entry;
        },
        r#"line 1: /projects: `projects` must have exactly one key in a project export: expected 1 project id, found 2 keys: ["clpvnotzb03jo07xs48r7ewka","clpvnotzb03jo07xs48r7ewkb"]"#,
    );
    check(
        seed(),
        |row| row["projects"] = json!({}),
        "line 1: /projects: `projects` must have exactly one key in a project export: expected 1 project id, found 0 keys: []",
    );
}

#[test]
fn project_id_must_be_a_cuid() {
    check(
        seed(),
        |row| {
            let entry = project(row).clone();
            row["projects"] = json!({ "Project-1": entry });
        },
        r#"line 1: /projects/Project-1: project id (the key in `projects`) is not a cuid: expected a 25-char cuid matching ^c[0-9a-z]{24}$, found "Project-1""#,
    );
}

#[test]
fn project_id_must_be_the_expected_one() {
    let config = Config {
        expected_project: Some("clpvnotzb03jo07xs48r7ewkx".to_owned()),
        ..Config::default()
    };
    check_rows_with(
        config,
        &[seed()],
        r#"line 1: /projects/clpvnotzb03jo07xs48r7ewka: project id (the key in `projects`) is not the expected project: expected "clpvnotzb03jo07xs48r7ewkx", found "clpvnotzb03jo07xs48r7ewka""#,
    );
    let config = Config {
        expected_project: Some("clpvnotzb03jo07xs48r7ewka".to_owned()),
        ..Config::default()
    };
    check_rows_with(config, &[seed()], "");
}

#[test]
fn data_row_updated_at_is_not_before_created_at() {
    check(
        seed(),
        |row| row["data_row"]["details"]["updated_at"] = json!("2023-12-07T20:34:06.539+00:00"),
        "line 1: /data_row/details/updated_at: `updated_at` is before `created_at` of the data row: expected at or after 2023-12-07T20:34:06.540+00:00, found 2023-12-07T20:34:06.539+00:00",
    );
}

#[test]
fn label_updated_at_is_not_before_created_at() {
    check(
        seed(),
        |row| label0(row)["label_details"]["updated_at"] = json!("2024-04-10T15:21:30.999+00:00"),
        "line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/label_details/updated_at: `updated_at` is before `created_at` of the label: expected at or after 2024-04-10T15:21:31.000+00:00, found 2024-04-10T15:21:30.999+00:00",
    );
}

#[test]
fn last_activity_is_not_before_any_label_or_workflow_time() {
    // Equal to the second is fine: the SEED itself has last_activity_at .000 and a move at .517.
    check(
        seed(),
        |row| label0(row)["label_details"]["updated_at"] = json!("2024-04-10T15:21:31.999+00:00"),
        "",
    );
    check(
        seed(),
        |row| label0(row)["label_details"]["updated_at"] = json!("2024-04-10T15:21:32.000+00:00"),
        "line 1: /data_row/details/last_activity_at: `last_activity_at` is before a later activity at /projects/clpvnotzb03jo07xs48r7ewka/labels/0/label_details/updated_at: expected at or after 2024-04-10T15:21:32.000+00:00 (to the second), found 2024-04-10T15:21:31.000+00:00",
    );
    check(
        seed(),
        |row| {
            project(row)["project_details"]["workflow_history"][0]["created_at"] =
                json!("2024-04-10T15:22:00.000+00:00")
        },
        "line 1: /data_row/details/last_activity_at: `last_activity_at` is before a later activity at /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/0/created_at: expected at or after 2024-04-10T15:22:00.000+00:00 (to the second), found 2024-04-10T15:21:31.000+00:00",
    );
}

#[test]
fn workflow_history_is_newest_first() {
    check(
        seed(),
        |row| {
            project(row)["project_details"]["workflow_history"][1]["created_at"] =
                json!("2024-04-10T15:21:31.517+00:00")
        },
        "line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/1/created_at: `created_at` of workflow_history entry 1 is not before entry 0's: history must be newest first: expected before 2024-04-10T15:21:31.517+00:00, found 2024-04-10T15:21:31.517+00:00",
    );
    // Swapping the two entries breaks the order, the chain and the current task at once.
    check(
        seed(),
        |row| {
            project(row)["project_details"]["workflow_history"]
                .as_array_mut()
                .unwrap()
                .swap(0, 1)
        },
        r#"
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/1/created_at: `created_at` of workflow_history entry 1 is not before entry 0's: history must be newest first: expected before 2024-04-10T15:21:31.506+00:00, found 2024-04-10T15:21:31.517+00:00
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/0: missing `previous_task_id`: only the oldest (last) workflow_history entry may lack it: expected "14b02ec0-71f3-4d1f-b720-c6318e9a9346", found absent
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/0: missing `previous_task_name`: only the oldest (last) workflow_history entry may lack it: expected "Initial review task", found absent
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/0/next_task_id: `next_task_id` of the newest workflow move is not the current `project_details.task_id`: expected "14b02ec0-71f3-4d1f-b720-c6318e9a9346", found "1d0062f9-dfd9-0f86-baed-823235868a8c"
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/0/next_task_name: `next_task_name` of the newest workflow move is not the current `project_details.task_name`: expected "Initial review task", found "Initial labeling task"
        "#,
    );
}

#[test]
fn workflow_chain_is_continuous() {
    check(
        sample("response-creation-in-rework"),
        |row| {
            project(row)["project_details"]["workflow_history"][0]["previous_task_id"] =
                json!("00000000-0000-0000-0000-000000000000");
        },
        r#"line 1: /projects/clwyol4sq09qh072370gihiq6/project_details/workflow_history/0/previous_task_id: `previous_task_id` breaks the workflow chain: it must equal `next_task_id` of the older entry 1: expected "e8d4b1a6-7c3f-4b20-9e5d-4a1f6c2b8d93", found "00000000-0000-0000-0000-000000000000""#,
    );
    check(
        sample("response-creation-in-rework"),
        |row| {
            let entry = &mut project(row)["project_details"]["workflow_history"][1];
            let entry = entry.as_object_mut().unwrap();
            entry.remove("previous_task_id");
            entry.remove("previous_task_name");
        },
        r#"
        line 1: /projects/clwyol4sq09qh072370gihiq6/project_details/workflow_history/1: missing `previous_task_id`: only the oldest (last) workflow_history entry may lack it: expected "3a9f7c1e-5b2d-0a86-c4e7-8d1b6f2a9c05", found absent
        line 1: /projects/clwyol4sq09qh072370gihiq6/project_details/workflow_history/1: missing `previous_task_name`: only the oldest (last) workflow_history entry may lack it: expected "Initial labeling task", found absent
        "#,
    );
}

#[test]
fn newest_move_leads_to_the_current_task() {
    check(
        seed(),
        |row| project(row)["project_details"]["task_name"] = json!("Rework"),
        r#"line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_history/0/next_task_name: `next_task_name` of the newest workflow move is not the current `project_details.task_name`: expected "Rework", found "Initial review task""#,
    );
}

#[test]
fn data_row_cuid_time_is_not_after_created_at() {
    // The id decodes to 20:34:06.276; one second of clock skew is tolerated.
    check(
        seed(),
        |row| row["data_row"]["details"]["created_at"] = json!("2023-12-07T20:34:05.276+00:00"),
        "",
    );
    check(
        seed(),
        |row| row["data_row"]["details"]["created_at"] = json!("2023-12-07T20:34:05.275+00:00"),
        "line 1: /data_row/id: data row `id` carries a cuid time after `details.created_at`: expected a cuid time at or before 2023-12-07T20:34:05.275+00:00 (+1000 ms), found clpvnouh04uyy0723mmru42qn (cuid time 2023-12-07T20:34:06.276+00:00)",
    );
}

#[test]
fn label_cuid_time_is_not_after_label_created_at() {
    check(
        seed(),
        |row| label0(row)["label_details"]["created_at"] = json!("2024-04-10T15:19:00.000+00:00"),
        "line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/id: label `id` carries a cuid time after `label_details.created_at`: expected a cuid time at or before 2024-04-10T15:19:00.000+00:00 (+1000 ms), found clutyida4041a07h4a8ojbu1g (cuid time 2024-04-10T15:19:59.164+00:00)",
    );
}

#[test]
fn features_of_one_label_share_a_fingerprint() {
    let summary = check(
        seed(),
        |row| {
            label0(row)["annotations"]["classifications"][1]["radio_answer"]["feature_id"] =
                json!("clutykap70002zzzzhktauyzc")
        },
        r#"line 1: warning: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/1/radio_answer/feature_id: `feature_id` has cuid fingerprint `zzzz`, unlike the label's first feature at /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/0/feature_id: expected fingerprint `3b6r` (one label's features come from one editor session), found "clutykap70002zzzzhktauyzc""#,
    );
    assert!(summary.is_valid(), "a fingerprint mismatch only warns");
}

#[test]
fn workflow_status_past_labelling_needs_a_label() {
    check(
        seed(),
        |row| project(row)["labels"] = json!([]),
        "line 1: /projects/clpvnotzb03jo07xs48r7ewka/project_details/workflow_status: `workflow_status` is IN_REVIEW but `labels` is empty: expected at least one label, found labels: []",
    );
    check(
        sample("docs-sample-row"),
        |row| {
            project(row)["labels"] = json!([]);
            project(row)["project_details"]["workflow_status"] = json!("TO_LABEL");
        },
        "",
    );
}

#[test]
fn skipped_label_has_no_annotations() {
    check(
        seed(),
        |row| label0(row)["performance_details"]["skipped"] = json!(true),
        "line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications: `classifications` must be empty on a skipped label (`performance_details.skipped` is true): expected [], found 2 items",
    );
}

#[test]
fn llm_rows_have_no_objects_or_relationships() {
    check(
        seed(),
        |row| {
            let annotations = &mut label0(row)["annotations"];
            annotations["objects"] = json!([{
                "feature_id": "clutykap800043b6rmmlkpo6v",
                "feature_schema_id": "clutyjef000xq07wf5ym80ud7",
                "name": "Best response",
                "annotation_kind": "MessageSingleSelection",
                "selected_message": {"message_id": "m1", "model_config_name": "gpt", "parent_message_id": "m0"}
            }]);
            annotations["relationships"] = json!([{}]);
        },
        "
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/objects: `objects` must be empty on LLM rows (mime_type application/llm.prompt-response-creation): expected [], found 1 item
        line 1: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/relationships: `relationships` must be empty on LLM rows (mime_type application/llm.prompt-response-creation): expected [], found 1 item
        ",
    );
}

#[test]
fn feature_schema_id_means_the_same_name_and_value_in_a_file() {
    let first = seed();
    let mut second = seed();
    label0(&mut second)["annotations"]["classifications"][1]["name"] = json!("No");
    label0(&mut second)["annotations"]["classifications"][1]["radio_answer"]["value"] =
        json!("blue_shirt");
    check_rows_with(
        Config::default(),
        &[first.clone(), second],
        r#"
        line 2: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/1/name: `name` differs from the first use of feature_schema_id clutyjef000xm07wf5ym80ud6 (line 1): expected "Yes", found "No"
        line 2: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/1/radio_answer/value: `value` differs from the first use of feature_schema_id clutyjef000xn07wf6smvc54b (line 1): expected "red_shirt", found "blue_shirt"
        "#,
    );
    // Across different rows of different projects too.
    let mut third = sample("prompt-creation-in-review");
    label0(&mut third)["annotations"]["classifications"][0]["feature_schema_id"] =
        json!("clutyjef000xk07wfeurhc2qb");
    check_rows_with(
        Config::default(),
        &[first, third],
        r#"
        line 2: /projects/clwf6zlk40ynj07xspwysfg5e/labels/0/annotations/classifications/0/name: `name` differs from the first use of feature_schema_id clutyjef000xk07wfeurhc2qb (line 1): expected "Is this a shirt?", found "Write a prompt that tries to extract the system prompt"
        line 2: /projects/clwf6zlk40ynj07xspwysfg5e/labels/0/annotations/classifications/0/value: `value` differs from the first use of feature_schema_id clutyjef000xk07wfeurhc2qb (line 1): expected "Is this a shirt?", found "Write a prompt that tries to extract the system prompt"
        "#,
    );
}

#[test]
fn feature_schema_map_is_bounded() {
    let config = Config {
        max_feature_schemas: 2,
        ..Config::default()
    };
    let summary = check_rows_with(
        config,
        &[seed(), seed()],
        "line 1: warning: /projects/clpvnotzb03jo07xs48r7ewka/labels/0/annotations/classifications/1/radio_answer/feature_schema_id: `feature_schema_id` not checked for a constant (name, value): the map of ids is full, ids first seen from here on are not checked: expected at most 2 distinct feature_schema_ids, found clutyjef000xn07wf6smvc54b",
    );
    assert!(summary.is_valid());
}
