//! Lists `protocol/sdk-queries/*.graphql` for `protocol::sdk_queries`: one constant per file,
//! named after it (`GetUserPyApi.v7.graphql` is `GET_USER_V7`), and `ALL`. A new text is a new
//! file in that folder, nothing else.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let folder = manifest.join("../../protocol/sdk-queries");
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "graphql"))
        .collect();
    files.sort();

    let mut out = String::new();
    let mut all = String::from(
        "/// Every captured text, in file-name order.\npub const ALL: &[SdkQuery] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 file name");
        let name = constant_name(file);
        let absolute = path.canonicalize().expect("an existing file");
        writeln!(out, "/// `protocol/sdk-queries/{file}`.").expect("a String");
        writeln!(
            out,
            "pub const {name}: &str = include_str!({:?});",
            absolute.display().to_string()
        )
        .expect("a String");
        writeln!(all, "    SdkQuery {{ file: {file:?}, text: {name} }},").expect("a String");
    }
    all.push_str("];\n");
    out.push_str(&all);
    let target =
        Path::new(&std::env::var_os("OUT_DIR").expect("set by cargo")).join("sdk_queries.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// `GetUserPyApi.v7.graphql` → `GET_USER_V7`, `exportDataRowsInProjectPyApi.graphql` →
/// `EXPORT_DATA_ROWS_IN_PROJECT`, `GetProjectsPyApi.where-name.v7.graphql` →
/// `GET_PROJECTS_WHERE_NAME_V7`: the operation name without `PyApi`, then each variant.
fn constant_name(file: &str) -> String {
    let stem = file.strip_suffix(".graphql").unwrap_or(file);
    let mut parts = stem.split('.');
    let operation = parts.next().unwrap_or(stem);
    let operation = operation.strip_suffix("PyApi").unwrap_or(operation);
    let mut name = String::new();
    for (i, c) in operation.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    for variant in parts {
        name.push('_');
        name.push_str(&variant.replace('-', "_").to_ascii_uppercase());
    }
    name
}
