//! Comparing what a client wrote with the ground truth: rows by `data_row.id`, error lines as
//! a multiset; differences reported as counts, first examples and JSON-pointer diffs.

use std::collections::HashMap;
use std::path::Path;

use fauxport_gen::Stream;
use fauxport_lines::{DEFAULT_MAX_LINE_BYTES, Line, LineReader};
use fauxport_server::export::Task;
use serde::Serialize;
use serde_json::Value;

use super::truth::{canonical_hash, for_each_line, row_id};

/// How many examples each finding keeps.
const EXAMPLES: usize = 3;
/// How many differing paths a diff shows.
const DIFF_PATHS: usize = 5;

/// One path at which a row differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathDiff {
    /// The JSON pointer.
    pub pointer: String,
    /// The value the export has there (`null` when absent), abbreviated.
    pub expected: String,
    /// The value the client wrote (`null` when absent), abbreviated.
    pub got: String,
}

/// A row the client altered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Altered {
    /// Its `data_row.id`.
    pub id: String,
    /// The line of the client's file (1-based).
    pub line: u64,
    /// The first differences.
    pub diffs: Vec<PathDiff>,
}

/// How the client's rows compare with the export.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RowsComparison {
    /// Rows in the export.
    pub expected: u64,
    /// Lines the client wrote.
    pub received: u64,
    /// Export rows the client did not write, and the first few ids.
    pub missing: u64,
    /// The first missing ids, in export order.
    pub missing_examples: Vec<String>,
    /// Rows written more than once (each extra copy counts).
    pub duplicated: u64,
    /// The first duplicated ids.
    pub duplicated_examples: Vec<String>,
    /// Rows whose content differs from the export.
    pub altered: u64,
    /// The first altered rows, with diffs.
    pub altered_examples: Vec<Altered>,
    /// Lines that are not JSON objects or carry an id the export does not have.
    pub unknown: u64,
    /// The first such lines (line number and why).
    pub unknown_examples: Vec<String>,
    /// Rows that came in a different order than the export's.
    pub out_of_order: bool,
}

impl RowsComparison {
    /// Whether the client wrote exactly the export.
    pub fn exact(&self) -> bool {
        self.missing == 0 && self.duplicated == 0 && self.altered == 0 && self.unknown == 0
    }
}

/// How the client's error lines compare with the export's errors stream.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ErrorsComparison {
    /// Error lines in the export.
    pub expected: u64,
    /// Whether the client wrote an errors file at all.
    pub read: bool,
    /// Lines the client wrote.
    pub received: u64,
    /// Export error lines the client did not write.
    pub missing: u64,
    /// Lines written beyond the export's (duplicates or unknown lines).
    pub extra: u64,
}

impl ErrorsComparison {
    /// Whether the client wrote exactly the export's error lines (or there were none).
    pub fn exact(&self) -> bool {
        self.missing == 0 && self.extra == 0 && (self.read || self.expected == 0)
    }
}

/// Compares the client's rows file (absent: nothing written) with the task's result stream.
pub fn compare_rows(task: Option<&Task>, file: &Path) -> std::io::Result<(RowsComparison, String)> {
    // id -> (position in the export, hash of its JSON, times the client wrote it)
    let mut truth: HashMap<String, (u64, u64, u32)> = HashMap::new();
    let mut expected = 0u64;
    let mut longest = 0usize;
    if let Some(task) = task {
        for_each_line(task, Stream::Result, &mut |line| {
            longest = longest.max(line.len());
            if let Ok(v) = serde_json::from_slice::<Value>(line)
                && let Some(id) = row_id(&v)
            {
                truth.insert(id.to_owned(), (expected, canonical_hash(&v), 0));
            }
            expected += 1;
            true
        });
    }
    let mut c = RowsComparison {
        expected,
        ..RowsComparison::default()
    };
    let mut digest = Digest::default();
    let mut altered_lines: Vec<(u64, u64, String, Value)> = Vec::new(); // (position, line, id, got)
    let mut last_position: Option<u64> = None;
    if let Ok(f) = std::fs::File::open(file) {
        each_client_line(f, line_limit(longest), |n, line| {
            c.received += 1;
            let value: Value = match line {
                Line::Text(line) => match serde_json::from_slice(line) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => {
                        c.unknown += 1;
                        push(
                            &mut c.unknown_examples,
                            format!("line {n}: not a JSON object"),
                        );
                        return;
                    }
                },
                Line::TooLong(e) => {
                    c.unknown += 1;
                    push(&mut c.unknown_examples, format!("{e}, skipped unread"));
                    return;
                }
            };
            let hash = canonical_hash(&value);
            digest.add(hash);
            let Some(id) = row_id(&value) else {
                c.unknown += 1;
                push(&mut c.unknown_examples, format!("line {n}: no data_row.id"));
                return;
            };
            let Some(entry) = truth.get_mut(id) else {
                c.unknown += 1;
                push(
                    &mut c.unknown_examples,
                    format!("line {n}: {id} is not in the export"),
                );
                return;
            };
            entry.2 += 1;
            if entry.2 > 1 {
                c.duplicated += 1;
                push(&mut c.duplicated_examples, id.to_owned());
                return;
            }
            if last_position.is_some_and(|p| entry.0 < p) {
                c.out_of_order = true;
            }
            last_position = Some(entry.0);
            if entry.1 != hash {
                c.altered += 1;
                if altered_lines.len() < EXAMPLES {
                    let id = id.to_owned();
                    altered_lines.push((entry.0, n, id, value));
                }
            }
        })?;
    }
    let mut missing: Vec<(u64, &String)> = truth
        .iter()
        .filter(|(_, (_, _, seen))| *seen == 0)
        .map(|(id, (pos, _, _))| (*pos, id))
        .collect();
    missing.sort_unstable();
    c.missing = missing.len() as u64;
    c.missing_examples = missing
        .iter()
        .take(EXAMPLES)
        .map(|(pos, id)| format!("{id} (row {} of the export)", pos + 1))
        .collect();
    // A second pass for the export's version of the altered rows.
    if let (Some(task), false) = (task, altered_lines.is_empty()) {
        let mut position = 0u64;
        let mut wanted: HashMap<u64, Value> = HashMap::new();
        for_each_line(task, Stream::Result, &mut |line| {
            if altered_lines.iter().any(|(p, ..)| *p == position)
                && let Ok(v) = serde_json::from_slice::<Value>(line)
            {
                wanted.insert(position, v);
            }
            position += 1;
            wanted.len() < altered_lines.len()
        });
        for (pos, line, id, got) in altered_lines {
            let mut diffs = Vec::new();
            if let Some(expected) = wanted.get(&pos) {
                diff(expected, &got, &mut String::new(), &mut diffs);
            }
            c.altered_examples.push(Altered { id, line, diffs });
        }
    }
    Ok((c, digest.hex()))
}

/// Compares the client's errors file (absent: never read) with the task's errors stream.
pub fn compare_errors(task: Option<&Task>, file: &Path) -> std::io::Result<ErrorsComparison> {
    let mut truth: HashMap<u64, i64> = HashMap::new();
    let mut c = ErrorsComparison::default();
    let mut longest = 0usize;
    if let Some(task) = task {
        for_each_line(task, Stream::Errors, &mut |line| {
            longest = longest.max(line.len());
            if let Ok(v) = serde_json::from_slice::<Value>(line) {
                *truth.entry(canonical_hash(&v)).or_insert(0) += 1;
            }
            c.expected += 1;
            true
        });
    }
    if let Ok(f) = std::fs::File::open(file) {
        c.read = true;
        each_client_line(f, line_limit(longest), |_, line| {
            c.received += 1;
            // A line too long to read matches no export line: 0 is no line's hash.
            let key = match line {
                Line::Text(line) => serde_json::from_slice::<Value>(line)
                    .map(|v| canonical_hash(&v))
                    .unwrap_or(0),
                Line::TooLong(_) => 0,
            };
            *truth.entry(key).or_insert(0) -= 1;
        })?;
    }
    for left in truth.values() {
        if *left > 0 {
            c.missing += *left as u64;
        } else {
            c.extra += left.unsigned_abs();
        }
    }
    Ok(c)
}

/// The longest line read back from a client's file: [`DEFAULT_MAX_LINE_BYTES`], or four times
/// the export's longest line when that is more (a client may escape non-ASCII text as `\uXXXX`
/// or add spaces). A longer line is an unknown line, skipped without being held in memory.
fn line_limit(longest_truth_line: usize) -> u64 {
    DEFAULT_MAX_LINE_BYTES.max((longest_truth_line as u64).saturating_mul(4))
}

/// Each line of a file a client wrote, numbered from 1, without `\n` or `\r\n`, at most `limit`
/// bytes (see [`line_limit`]): a line that is not UTF-8 is a bad line to report, not a reason to
/// stop reading.
fn each_client_line(
    f: std::fs::File,
    limit: u64,
    mut each: impl FnMut(u64, Line<'_>),
) -> std::io::Result<()> {
    let mut lines = LineReader::new(std::io::BufReader::new(f), limit);
    let mut n = 0;
    while let Some(line) = lines.next_line()? {
        n += 1;
        each(n, line);
    }
    Ok(())
}

fn push(examples: &mut Vec<String>, what: String) {
    if examples.len() < EXAMPLES {
        examples.push(what);
    }
}

/// An order-sensitive digest of the rows a client wrote (of their canonical JSON).
#[derive(Debug, Default)]
struct Digest(u64, u64);

impl Digest {
    fn add(&mut self, hash: u64) {
        self.0 = fauxport_gen::rng::hash_key(&[self.0, hash]);
        self.1 += 1;
    }

    fn hex(&self) -> String {
        format!("{:016x}", fauxport_gen::rng::hash_key(&[self.0, self.1]))
    }
}

/// Collects the JSON pointers at which `got` differs from `expected` (at most [`DIFF_PATHS`]).
fn diff(expected: &Value, got: &Value, at: &mut String, out: &mut Vec<PathDiff>) {
    if out.len() >= DIFF_PATHS || expected == got {
        return;
    }
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                let len = at.len();
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                diff(
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    at,
                    out,
                );
                at.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                diff(x, y, at, out);
                at.truncate(len);
            }
        }
        _ => out.push(PathDiff {
            pointer: if at.is_empty() {
                "/".to_owned()
            } else {
                at.clone()
            },
            expected: abbreviate(expected),
            got: abbreviate(got),
        }),
    }
}

fn abbreviate(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() <= 80 {
        text
    } else {
        let short: String = text.chars().take(77).collect();
        format!("{short}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diffs_name_json_pointers() {
        let mut out = Vec::new();
        diff(
            &json!({"a": {"b": [1, 2], "c/d": "x"}, "e": true}),
            &json!({"a": {"b": [1, 3], "c/d": "y"}}),
            &mut String::new(),
            &mut out,
        );
        let pointers: Vec<&str> = out.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a/b/1", "/a/c~1d", "/e"]);
        assert_eq!(out[2].got, "null");
    }

    #[test]
    fn a_line_that_is_not_utf8_is_a_bad_line_not_a_stop() {
        let file =
            std::env::temp_dir().join(format!("fauxport-utf8-{}.ndjson", std::process::id()));
        std::fs::write(
            &file,
            b"{\"a\":1}\r\n\xff\xfe not text\n{\"data_row\":{\"id\":\"x\"}}\n",
        )
        .expect("write");
        let rows = compare_rows(None, &file);
        let errors = compare_errors(None, &file);
        let _ = std::fs::remove_file(&file);
        let (rows, _) = rows.expect("read");
        assert_eq!((rows.received, rows.unknown), (3, 3));
        assert!(rows.unknown_examples[1].starts_with("line 2: not a JSON object"));
        let errors = errors.expect("read");
        assert_eq!((errors.received, errors.extra), (3, 3));
    }

    #[test]
    fn a_line_over_the_limit_is_an_unknown_line_and_reading_goes_on() {
        assert_eq!(line_limit(10), DEFAULT_MAX_LINE_BYTES);
        assert_eq!(line_limit(100 << 20), 400 << 20);
        let file =
            std::env::temp_dir().join(format!("fauxport-long-{}.ndjson", std::process::id()));
        let mut bytes = b"{\"data_row\":{\"id\":\"a\"}}\n".to_vec();
        bytes.resize(bytes.len() + DEFAULT_MAX_LINE_BYTES as usize + 1, b' ');
        bytes.extend_from_slice(b"\n{\"data_row\":{\"id\":\"b\"}}\n");
        std::fs::write(&file, bytes).expect("write");
        let rows = compare_rows(None, &file);
        let errors = compare_errors(None, &file);
        let _ = std::fs::remove_file(&file);
        let (rows, _) = rows.expect("read");
        assert_eq!((rows.received, rows.unknown), (3, 3));
        assert_eq!(
            rows.unknown_examples[1],
            "line 2 is longer than the limit of 67108864 bytes, skipped unread"
        );
        assert!(rows.unknown_examples[2].starts_with("line 3: b "));
        let errors = errors.expect("read");
        assert_eq!((errors.received, errors.extra), (3, 3));
    }
}
