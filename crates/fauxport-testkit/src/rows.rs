//! Comparing the rows a reader yields with the ground truth, with a failure message a person can
//! read: an export holds hundreds of rows, and `assert_eq!` on two such lists prints them all.

use serde_json::Value;

/// Asserts that `got` equals `expected`, row for row.
///
/// On a difference it panics naming `what`, the index of the first differing row, and those two
/// rows only; when one list is a prefix of the other, it names both lengths.
///
/// ```rust
/// use serde_json::json;
///
/// let expected = [json!({"id": 1}), json!({"id": 2})];
/// fauxport_testkit::assert_rows(&expected, &expected, "the same rows");
/// let wrong = std::panic::catch_unwind(|| {
///     fauxport_testkit::assert_rows(&[json!({"id": 1}), json!({"id": 3})], &expected, "RESULT")
/// });
/// assert!(wrong.is_err());
/// ```
#[track_caller]
pub fn assert_rows(got: &[Value], expected: &[Value], what: &str) {
    if let Some(i) = (0..got.len().min(expected.len())).find(|&i| got[i] != expected[i]) {
        panic!(
            "{what}: row {i} differs\n got: {}\nwant: {}",
            got[i], expected[i]
        );
    }
    assert_eq!(got.len(), expected.len(), "{what}: number of rows");
}
