//! The source tree's shape, which issue 12 asks to keep: no `src/` file over 500 lines, and no
//! circle of files inside a crate (file A uses something of file B that, through any chain of
//! files, uses something of A).
//!
//! A file's dependencies are the modules its `use` statements and its inline `crate::`,
//! `super::` and `self::` paths name, resolved to the file that holds the item: a path through a
//! `pub use` re-export is followed to where the item is defined, so re-exporting from a parent is
//! not a dependency on the parent. Comment lines and a trailing `#[cfg(test)] mod tests` are not
//! read. It is a reading of the text, not of rustc's resolution; a false circle here is a reason
//! to read the two files, and the message names them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A module path inside a crate: `[]` for the crate root, `["rows", "plan"]` for `rows/plan.rs`.
type Module = Vec<String>;

/// Every `.rs` file under `src`, by module path.
fn modules(src: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("a readable source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut module: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("lib" | "main" | "mod")
            ) {
                module.pop();
            }
            out.insert(module, path);
        }
    }
    out
}

/// The text that counts: no comment lines, no trailing test module.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("a readable source file");
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `use` statements of `text`: each one's tree (without `use` and `;`), whether it is `pub`
/// (a re-export), and its byte range.
fn use_statements(text: &str) -> Vec<(String, bool, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find("use ") {
        let i = from + k;
        let line_start = text[..i].rfind('\n').map_or(0, |k| k + 1);
        let prefix = text[line_start..i].trim();
        let public = prefix.starts_with("pub");
        let at_start = prefix.is_empty() || (public && !prefix.contains(' '));
        let Some(end) = text[i..].find(';').map(|e| i + e) else {
            break;
        };
        if at_start {
            out.push((
                text[i + 4..end].trim().to_owned(),
                public,
                line_start..end + 1,
            ));
            from = end + 1;
        } else {
            from = i + 4;
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e` (aliases dropped, `self` = the head).
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or("").trim().to_owned()];
    };
    let head = &tree[..open];
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for ch in body.chars() {
        match ch {
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            '{' => {
                depth += 1;
                current.push(ch);
            }
            '}' => {
                depth -= 1;
                current.push(ch);
            }
            _ => current.push(ch),
        }
    }
    parts.push(current);
    let mut out = Vec::new();
    for part in parts.iter().filter(|p| !p.trim().is_empty()) {
        for leaf in expand(part) {
            out.push(if leaf == "self" {
                head.trim_end_matches(':').to_owned()
            } else {
                format!("{head}{leaf}")
            });
        }
    }
    out
}

/// Inline `crate::…`, `super::…`, `self::…` paths of `text`.
fn inline_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(k) = text[from..].find(start) {
            let at = from + k;
            let word_start = at == 0
                || !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            let end = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |e| at + e);
            if word_start {
                out.push(text[at..end].trim_end_matches(':').to_owned());
            }
            from = end.max(at + start.len());
        }
    }
    out
}

struct Crate {
    files: BTreeMap<Module, PathBuf>,
    /// `(module, name)` → the path it re-exports `name` from, as written.
    reexports: BTreeMap<(Module, String), Vec<String>>,
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let files = modules(src);
        let mut reexports = BTreeMap::new();
        for (module, path) in &files {
            for (statement, _, _) in use_statements(&code(path)).into_iter().filter(|u| u.1) {
                for leaf in expand(&statement) {
                    let segments: Vec<String> = leaf.split("::").map(str::to_owned).collect();
                    if let Some(name) = segments.last() {
                        reexports.insert((module.clone(), name.clone()), segments.clone());
                    }
                }
            }
        }
        Crate { files, reexports }
    }

    /// The file that `segments` (a path as written in `from`) names.
    fn resolve(&self, from: &Module, segments: &[String], depth: usize) -> Option<Module> {
        let (mut base, rest): (Module, &[String]) = match segments.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &segments[1..]),
            Some("self") => (from.clone(), &segments[1..]),
            Some("super") => {
                let mut base = from.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                (base, rest)
            }
            Some(first)
                if self
                    .files
                    .contains_key(&[from.clone(), vec![first.to_owned()]].concat()) =>
            {
                (from.clone(), segments)
            }
            _ => return None,
        };
        base.extend(rest.iter().cloned());
        for k in (0..=base.len()).rev() {
            let module = base[..k].to_vec();
            if !self.files.contains_key(&module) {
                continue;
            }
            if k < base.len()
                && depth < 5
                && let Some(source) = self.reexports.get(&(module.clone(), base[k].clone()))
                && let Some(target) = self.resolve(&module, source, depth + 1)
            {
                return Some(target);
            }
            return Some(module);
        }
        None
    }

    /// Each file's dependencies on other files of the crate.
    fn edges(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut edges = BTreeMap::new();
        for (module, path) in &self.files {
            let mut text = code(path);
            let uses = use_statements(&text);
            let mut paths: Vec<String> = Vec::new();
            // Re-exports are followed through (see `resolve`), not dependencies of the re-exporter.
            for (statement, public, span) in uses.iter().rev() {
                if !public {
                    paths.extend(expand(statement));
                }
                text.replace_range(span.clone(), "");
            }
            paths.extend(inline_paths(&text));
            let targets: BTreeSet<Module> = paths
                .iter()
                .filter_map(|p| {
                    let segments: Vec<String> = p.split("::").map(str::to_owned).collect();
                    self.resolve(module, &segments, 0)
                })
                .filter(|t| t != module)
                .collect();
            edges.insert(module.clone(), targets);
        }
        edges
    }
}

/// A module's path as a reader writes it: `a::b`, or `lib` for the crate root.
fn module_name(m: &[String]) -> String {
    if m.is_empty() {
        "lib".to_owned()
    } else {
        m.join("::")
    }
}

/// The strongly connected groups of more than one file (Tarjan).
fn circles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'e> {
        edges: &'e BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'e Module, usize>,
        low: BTreeMap<&'e Module, usize>,
        stack: Vec<&'e Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'e> Walk<'e> {
        fn visit(&mut self, v: &'e Module) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            for w in self.edges.get(v).into_iter().flatten() {
                let Some((w, _)) = self.edges.get_key_value(w) else {
                    continue;
                };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    group.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

fn crates() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(repo().join("crates"))
        .expect("crates/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.join("src").is_dir())
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                p.join("src"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn no_source_file_is_over_500_lines() {
    let mut long = Vec::new();
    for (_, src) in crates() {
        for path in modules(&src).values() {
            let lines = fs::read_to_string(path).expect("readable").lines().count();
            if lines > MAX_LINES {
                long.push(format!("{} ({lines} lines)", path.display()));
            }
        }
    }
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:#?}");
}

#[test]
fn no_circle_of_files_in_any_crate() {
    let mut found = Vec::new();
    for (name, src) in crates() {
        let krate = Crate::read(&src);
        let edges = krate.edges();
        for group in circles(&edges) {
            let names: Vec<String> = group.iter().map(|m| module_name(m)).collect();
            let why: Vec<String> = group
                .iter()
                .map(|m| {
                    let uses: Vec<String> = edges[m]
                        .iter()
                        .filter(|t| group.contains(t))
                        .map(|t| module_name(t))
                        .collect();
                    format!("{} uses {}", module_name(m), uses.join(", "))
                })
                .collect();
            found.push(format!(
                "{name}: {} ({})",
                names.join(" / "),
                why.join("; ")
            ));
        }
    }
    assert!(found.is_empty(), "circles of files: {found:#?}");
}

/// The reader sees what it must: a planted circle is found, a re-export is not a dependency.
#[test]
fn the_circle_reader_finds_a_planted_circle_and_follows_re_exports() {
    let dir = std::env::temp_dir().join(format!("fauxport-layout-{}", std::process::id()));
    let src = dir.join("src");
    fs::create_dir_all(src.join("a")).expect("a temp folder");
    let write = |p: &str, text: &str| fs::write(src.join(p), text).expect("written");
    write("lib.rs", "mod a;\nmod b;\npub use a::Thing;\n");
    write(
        "a/mod.rs",
        "mod inner;\npub use inner::Thing;\nuse crate::b::helper;\n",
    );
    write("a/inner.rs", "pub struct Thing;\n");
    write("b.rs", "use crate::Thing;\npub fn helper() {}\n");
    let krate = Crate::read(&src);
    let edges = krate.edges();
    // b uses crate::Thing, re-exported twice: its file is a/inner.rs, not lib.rs or a/mod.rs.
    assert_eq!(
        edges[&vec!["b".to_owned()]],
        BTreeSet::from([vec!["a".to_owned(), "inner".to_owned()]])
    );
    assert!(circles(&edges).is_empty(), "{edges:?}");
    write(
        "a/inner.rs",
        "pub struct Thing;\nfn f() { super::super::b::helper() }\n",
    );
    let planted = circles(&Crate::read(&src).edges());
    fs::remove_dir_all(&dir).expect("removed");
    assert_eq!(planted.len(), 1, "{planted:?}");
    assert_eq!(planted[0].len(), 2, "{planted:?}");
}
