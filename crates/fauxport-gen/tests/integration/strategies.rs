//! Properties of `fauxport_gen::strategies`: every value they generate survives serde unchanged,
//! serialises to one line of UTF-8, and classifications carry exactly one answer key. A second
//! group checks that the strategies really produce the hostile cases they promise.

use std::fmt::Debug;

use fauxport_gen::strategies::time::{MAX_MILLIS, MIN_MILLIS};
use fauxport_gen::strategies::{
    annotation_object, attachment, attachment_type, classification, cuid, data_row, email,
    embedding, error_line, export_params, export_row, hostile_short_string, hostile_string,
    json_value, label, label_kind, media_attributes, message_id, metadata_field, millis,
    project_entry, rfc3339_timestamp, seconds, timestamp, url, uuid_like, v1_classification,
    v1_row, v1_timestamp, workflow_action, workflow_status,
};
use fauxport_model::{
    Answer, AttachmentType, Classification, Cuid, ExportRow, LabelKind, Timestamp, UuidLike,
    WorkflowAction, WorkflowStatus,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Whole rows are big and debug builds slow: fewer cases for them than for small values.
const ROW_CASES: u32 = 128;
const SMALL_CASES: u32 = 256;

/// The serde checks every contract value must pass.
///
/// - lossless: `from_str(to_string(x)) == x`, and the same through `to_value` / `from_value`;
/// - stable: the `Value` survives text unchanged, the text and `to_value` agree, and writing the
///   value read back gives the same bytes;
/// - one NDJSON line: no raw `\n` or `\r`, valid UTF-8;
/// - the generator's line writer (`fauxport_gen::json`) writes serde_json's bytes.
fn check_serde<T>(x: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let bytes = serde_json::to_vec(x)?;
    prop_assert!(
        !bytes.contains(&b'\n'),
        "raw newline in {}",
        String::from_utf8_lossy(&bytes)
    );
    prop_assert!(!bytes.contains(&b'\r'), "raw carriage return");
    let line = String::from_utf8(bytes)?;
    let mut written = Vec::new();
    fauxport_gen::json::write_line(x, &mut written);
    prop_assert_eq!(
        String::from_utf8(written)?,
        format!("{line}\n"),
        "the line writer and serde_json disagree"
    );

    let back: T = serde_json::from_str(&line)?;
    prop_assert_eq!(&back, x, "text round trip");
    prop_assert_eq!(
        serde_json::to_string(&back)?,
        line.as_str(),
        "written again"
    );

    let value = serde_json::to_value(x)?;
    let from_value: T = serde_json::from_value(value.clone())?;
    prop_assert_eq!(&from_value, x, "Value round trip");
    let reparsed: Value = serde_json::from_str(&serde_json::to_string(&value)?)?;
    prop_assert_eq!(&reparsed, &value, "Value through text");
    let direct: Value = serde_json::from_str(&line)?;
    prop_assert_eq!(&direct, &value, "text and to_value disagree");
    Ok(())
}

/// A serialised classification has exactly one answer key, the one its answer kind names, and
/// so does every classification nested in its options.
fn check_one_answer_key(c: &Classification) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(c)?;
    let keys: Vec<&str> = Answer::KEYS
        .iter()
        .copied()
        .filter(|k| json.get(k).is_some())
        .collect();
    prop_assert_eq!(keys, vec![c.answer.key()], "answer keys of {}", json);
    for option in c.answer.options() {
        for nested in &option.classifications {
            check_one_answer_key(nested)?;
        }
    }
    Ok(())
}

/// Every classification of a row: label classifications and those of annotation objects.
fn classifications_of(row: &ExportRow) -> impl Iterator<Item = &Classification> {
    row.projects.values().flat_map(|p| &p.labels).flat_map(|l| {
        let a = &l.annotations;
        a.classifications
            .iter()
            .chain(a.objects.iter().flat_map(|o| &o.classifications))
    })
}

/// An open enum value reads back as itself from its own spelling: an `Other` never holds a known
/// spelling, which would read back as the known variant.
fn check_open_enum<T>(x: &T, as_str: fn(&T) -> &str) -> Result<(), TestCaseError>
where
    T: for<'a> From<&'a str> + PartialEq + Debug,
{
    prop_assert_eq!(&T::from(as_str(x)), x);
    check_serde_str(as_str(x))
}

/// A plain string survives serde as a JSON string.
fn check_serde_str(s: &str) -> Result<(), TestCaseError> {
    check_serde(&s.to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(ROW_CASES))]

    #[test]
    fn export_rows_survive_serde(row in export_row()) {
        check_serde(&row)?;
        for c in classifications_of(&row) {
            check_one_answer_key(c)?;
        }
    }

    #[test]
    fn v1_rows_survive_serde(row in v1_row()) {
        check_serde(&row)?;
    }

    #[test]
    fn project_entries_survive_serde(entry in project_entry()) {
        check_serde(&entry)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(SMALL_CASES))]

    #[test]
    fn classifications_survive_serde(c in classification()) {
        check_serde(&c)?;
        check_one_answer_key(&c)?;
    }

    #[test]
    fn export_params_survive_serde(params in export_params()) {
        check_serde(&params)?;
    }

    #[test]
    fn parts_survive_serde(
        data_row in data_row(),
        media in media_attributes(),
        attachment in attachment(),
        metadata in metadata_field(),
        embedding in embedding(),
        error in error_line(),
    ) {
        check_serde(&data_row)?;
        check_serde(&media)?;
        check_serde(&attachment)?;
        check_serde(&metadata)?;
        check_serde(&embedding)?;
        check_serde(&error)?;
    }

    #[test]
    fn labels_survive_serde(label in label(), object in annotation_object()) {
        check_serde(&label)?;
        check_serde(&object)?;
        for c in label.annotations.classifications.iter().chain(&object.classifications) {
            check_one_answer_key(c)?;
        }
    }

    #[test]
    fn v1_classifications_survive_serde(c in v1_classification()) {
        check_serde(&c)?;
    }

    #[test]
    fn seconds_are_finite_non_negative_and_whole_ones_have_no_fraction(s in seconds()) {
        prop_assert!(s.0.is_finite() && s.0 >= 0.0, "{s:?}");
        check_serde(&s)?;
        let text = serde_json::to_string(&s)?;
        if s.0.fract() == 0.0 && s.0 < 9_007_199_254_740_992.0 {
            prop_assert!(text.bytes().all(|b| b.is_ascii_digit()), "{text}");
        }
    }

    #[test]
    fn json_values_survive_serde(v in json_value()) {
        check_serde(&v)?;
    }

    #[test]
    fn strings_survive_serde(
        long in hostile_string(),
        short in hostile_short_string(),
        email in email(),
        url in url(),
        message in message_id(),
    ) {
        prop_assert!(short.chars().count() <= 200);
        for s in [long, short, email, url, message] {
            check_serde_str(&s)?;
        }
    }

    #[test]
    fn timestamps_parse(
        t in timestamp(),
        wide in rfc3339_timestamp(),
        v1 in v1_timestamp(),
        ms in MIN_MILLIS..=MAX_MILLIS,
    ) {
        prop_assert!(t.millis().is_some(), "{t:?}");
        prop_assert!(t.as_str().ends_with("+00:00"), "{t:?}");
        prop_assert!(wide.millis().is_some(), "{wide:?}");
        prop_assert!(Timestamp(v1.clone()).millis().is_some(), "{v1}");
        prop_assert_eq!(Timestamp::from_millis(ms).millis(), Some(ms));
        check_serde(&t)?;
    }

    #[test]
    fn ids_have_their_shape(c in cuid(), u in uuid_like(), ms in millis()) {
        prop_assert!(Cuid::is_valid(c.as_str()), "{c:?}");
        prop_assert!(UuidLike::is_valid(u.as_str()), "{u:?}");
        prop_assert!((MIN_MILLIS..=MAX_MILLIS).contains(&ms));
        check_serde(&c)?;
        check_serde(&u)?;
    }

    #[test]
    fn open_enums_read_back_as_themselves(
        status in workflow_status(),
        action in workflow_action(),
        kind in label_kind(),
        attachment in attachment_type(),
    ) {
        check_open_enum(&status, WorkflowStatus::as_str)?;
        check_open_enum(&action, WorkflowAction::as_str)?;
        check_open_enum(&kind, LabelKind::as_str)?;
        check_open_enum(&attachment, AttachmentType::as_str)?;
        check_serde(&status)?;
        check_serde(&attachment)?;
    }
}

/// `n` values of `strategy`, from a fixed seed.
fn samples<S: Strategy>(strategy: S, n: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|_| match strategy.new_tree(&mut runner) {
            Ok(tree) => tree.current(),
            Err(reason) => panic!("strategy rejected every value: {reason}"),
        })
        .collect()
}

/// A named predicate over generated values.
type Case<T> = (&'static str, fn(&T) -> bool);

/// Each named case occurs at least once in `values`.
fn check_covers<T>(what: &str, values: &[T], cases: &[Case<T>]) {
    let missing: Vec<&str> = cases
        .iter()
        .filter(|(_, hit)| !values.iter().any(hit))
        .map(|(name, _)| *name)
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: no {missing:?} in {} samples",
        values.len()
    );
}

#[test]
fn hostile_strings_cover_the_hostile_cases() {
    let strings = samples(hostile_string(), 2_000);
    check_covers(
        "hostile_string",
        &strings,
        &[
            ("empty string", |s| s.is_empty()),
            ("Arabic", |s| {
                s.chars().any(|c| ('\u{600}'..='\u{6FF}').contains(&c))
            }),
            ("Hebrew", |s| {
                s.chars().any(|c| ('\u{590}'..='\u{5FF}').contains(&c))
            }),
            ("bidi control", |s| {
                s.contains('\u{202E}') || s.contains('\u{200F}')
            }),
            ("combining mark", |s| {
                s.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c))
            }),
            ("emoji ZWJ sequence", |s| {
                s.contains("\u{1F469}\u{200D}\u{1F4BB}")
            }),
            ("double quote", |s| s.contains('"')),
            ("backslash", |s| s.contains('\\')),
            ("unbalanced brace", |s| s.contains("x{y")),
            ("NUL", |s| s.contains('\0')),
            ("newline", |s| s.contains('\n')),
            ("line separator", |s| s.contains('\u{2028}')),
            ("string over 10 KB", |s| s.len() > 10_000),
        ],
    );
    let longest = strings.iter().map(String::len).max();
    assert!(
        longest <= Some(fauxport_gen::strategies::text::LONG_MAX_BYTES),
        "{longest:?}"
    );
}

#[test]
fn open_enums_cover_known_and_other_values() {
    let statuses = samples(workflow_status(), 500);
    for known in WorkflowStatus::KNOWN {
        assert!(statuses.iter().any(|s| s.as_str() == *known), "no {known}");
    }
    check_covers(
        "workflow_status",
        &statuses,
        &[
            ("Other", |s| !s.is_known()),
            ("lower-case near miss", |s| s.as_str() == "done"),
            ("filter spelling", |s| s.as_str() == "InReview"),
        ],
    );
}

#[test]
fn rows_cover_optional_parts_and_nesting() {
    fn depth(c: &Classification) -> usize {
        1 + c
            .answer
            .options()
            .iter()
            .flat_map(|o| &o.classifications)
            .map(depth)
            .max()
            .unwrap_or(0)
    }
    check_covers(
        "export_row",
        &samples(export_row(), 300),
        &[
            ("no attachments key", |r| r.attachments.is_none()),
            ("attachments", |r| {
                r.attachments.as_ref().is_some_and(|a| !a.is_empty())
            }),
            ("metadata", |r| {
                r.metadata_fields.as_ref().is_some_and(|m| !m.is_empty())
            }),
            ("embeddings", |r| {
                r.embeddings.as_ref().is_some_and(|e| !e.is_empty())
            }),
            ("details", |r| r.data_row.details.is_some()),
            ("no projects", |r| r.projects.is_empty()),
            ("several projects", |r| r.projects.len() > 1),
            ("extra keys", |r| !r.extra.is_empty()),
            ("nested classifications", |r| {
                classifications_of(r).any(|c| depth(c) >= 3)
            }),
            ("conversational answer", |r| {
                classifications_of(r).any(|c| matches!(c.answer, Answer::ConversationalRadio(_)))
            }),
            ("project details", |r| {
                r.projects.values().any(|p| p.project_details.is_some())
            }),
        ],
    );
}
