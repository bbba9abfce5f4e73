//! The JSON Schemas are locked: a contract change is a reviewed snapshot diff.

use fauxport_model::schema::{Format, Profile, export_schema};

#[test]
fn schemas_are_locked() {
    for (name, format, profile) in [
        ("schema-v2-strict", Format::V2, Profile::Strict),
        ("schema-v2-lenient", Format::V2, Profile::Lenient),
        ("schema-v1-strict", Format::V1, Profile::Strict),
        (
            "schema-error-line-strict",
            Format::ErrorLine,
            Profile::Strict,
        ),
    ] {
        insta::with_settings!({ snapshot_path => "../../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(name, export_schema(format, profile));
        });
    }
}

#[test]
fn profiles_differ_only_where_they_should() {
    let strict = export_schema(Format::V2, Profile::Strict).to_string();
    let lenient = export_schema(Format::V2, Profile::Lenient).to_string();
    assert!(strict.contains("\"additionalProperties\":false"));
    assert!(!lenient.contains("\"additionalProperties\":false"));
    assert!(
        strict.contains("\"IN_REWORK\""),
        "strict lists the known workflow statuses"
    );
    assert!(
        !strict.contains("\"null\""),
        "strict: optional keys are absent, never null"
    );
    assert!(
        lenient.contains("\"null\""),
        "lenient: optional keys may be null"
    );
    assert!(
        !lenient.contains("\"enum\":[\"TO_LABEL\""),
        "lenient accepts any workflow status"
    );
}
