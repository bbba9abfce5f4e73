//! `assert_rows`: silent on equal lists; on a difference, a message that names the first row that
//! differs (and only that row), or both lengths.

use std::panic::catch_unwind;

use fauxport_testkit::assert_rows;
use serde_json::{Value, json};

/// The panic message of `assert_rows(got, expected, what)`, or `None` if it did not panic.
fn failure(got: &[Value], expected: &[Value], what: &str) -> Option<String> {
    let payload = catch_unwind(|| assert_rows(got, expected, what)).err()?;
    Some(
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default(),
    )
}

#[test]
fn equal_rows_pass_and_a_difference_names_the_first_differing_row() {
    let rows: Vec<Value> = (0..100).map(|i| json!({"id": i})).collect();
    assert_eq!(failure(&rows, &rows, "same"), None);

    let mut changed = rows.clone();
    changed[41] = json!({"id": "changed"});
    changed[70] = json!({"id": "also changed"});
    let message = failure(&changed, &rows, "RESULT").expect("a difference fails");
    assert!(message.starts_with("RESULT: row 41 differs"), "{message}");
    assert!(message.contains(r#"got: {"id":"changed"}"#), "{message}");
    assert!(message.contains(r#"want: {"id":41}"#), "{message}");
    assert!(
        !message.contains("also changed"),
        "only the first: {message}"
    );

    let message = failure(&rows[..99], &rows, "ERRORS").expect("a missing row fails");
    assert!(message.contains("ERRORS: number of rows"), "{message}");
    assert!(
        message.contains("99") && message.contains("100"),
        "{message}"
    );
}
