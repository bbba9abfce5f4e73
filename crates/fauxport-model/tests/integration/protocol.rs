//! `protocol/sdk-queries/`: every file is loaded by the Rust side and classified as its
//! operation, and every SDK operation the capture (`protocol/README.md`) or the compat suite
//! (`compat/**/*.py`) names has a file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fauxport_model::protocol::Operation;
use fauxport_model::protocol::sdk_queries::{ALL, SdkQuery};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Names in `compat/` that are deliberately no SDK operation (a query the server must refuse).
const NOT_SDK: &[&str] = &["NoSuchOperationPyApi"];

/// The file names under `protocol/sdk-queries/`.
fn files() -> BTreeSet<String> {
    std::fs::read_dir(root().join("protocol/sdk-queries"))
        .expect("protocol/sdk-queries exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Every `.py` file below `dir`, into `out` (not in hidden folders, such as a local venv).
fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("readable entry").path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        } else if path.is_dir() {
            python_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The name a text declares after `query`/`mutation`.
fn declared_name(text: &str) -> Option<&str> {
    let mut words = text.split(|c: char| !(c == '_' || c.is_ascii_alphanumeric()));
    words.find(|w| *w == "query" || *w == "mutation")?;
    words.find(|w| !w.is_empty())
}

#[test]
fn every_file_is_loaded_and_classified_as_its_operation() {
    let loaded: BTreeSet<String> = ALL.iter().map(|q| q.file.to_owned()).collect();
    assert_eq!(loaded.len(), ALL.len(), "a file is listed twice");
    assert_eq!(
        files(),
        loaded,
        "protocol/sdk-queries/ and sdk_queries::ALL differ"
    );
    for query @ SdkQuery { file, text } in ALL {
        let operation = query.operation().unwrap_or_else(|| {
            panic!("{file}: no operation has the SDK name {}", query.sdk_name())
        });
        let on_disk = std::fs::read_to_string(root().join("protocol/sdk-queries").join(file))
            .expect("readable");
        assert_eq!(&on_disk, text, "{file}");
        assert!(file.ends_with(".graphql"), "{file}");
        assert_eq!(Operation::of_query(text), Some(operation), "{file}");
    }
}

#[test]
fn every_text_declares_the_name_its_file_starts_with() {
    for q in ALL {
        assert_eq!(declared_name(q.text), Some(q.sdk_name()), "{}", q.file);
    }
}

#[test]
fn every_operation_the_capture_and_the_compat_suite_name_has_a_file() {
    let known: BTreeSet<&str> = ALL.iter().map(SdkQuery::sdk_name).collect();
    let mut sources = vec![root().join("protocol/README.md")];
    python_files(&root().join("compat"), &mut sources);
    assert!(
        sources.iter().any(|p| p.ends_with("compat/zoo/client.py")),
        "{sources:?}"
    );
    let mut named = BTreeSet::new();
    for path in sources {
        let text = std::fs::read_to_string(&path).expect("readable");
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.ends_with("PyApi") && !NOT_SDK.contains(&word) {
                named.insert(word.to_owned());
            }
        }
    }
    // The capture names fourteen operations; fewer means the scan found nothing to check.
    assert_eq!(named.len(), 14, "{named:?}");
    let missing: Vec<&String> = named
        .iter()
        .filter(|n| !known.contains(n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "no protocol/sdk-queries file for {missing:?}"
    );
}
