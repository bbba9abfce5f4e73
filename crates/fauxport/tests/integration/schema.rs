//! `fauxport schema` prints the schema the snapshots lock.

use crate::fauxport;

#[test]
fn prints_each_schema_as_json() {
    for args in [
        &["schema"][..],
        &["schema", "--lenient"],
        &["schema", "--format", "v1"],
        &["schema", "--format", "error-line"],
    ] {
        let run = fauxport(args, b"");
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let schema: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{args:?}"
        );
    }
}
