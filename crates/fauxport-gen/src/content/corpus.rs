//! A corpus: the prompts and responses a team brings, one JSON object per line.
//!
//! ```text
//! {"prompt": "My chain skips under load", "response": "A worn chain or cassette...", "metadata": {"channel": "email"}}
//! ```
//!
//! Parsing is strict: every line must be an object with a non-empty `prompt` and `response` and
//! nothing else but an optional `metadata` object of strings and numbers. Blank lines are
//! skipped. Every bad line is found in one pass and reported with its line number.

use serde::Deserialize;
use serde_json::{Map, Value};

/// The largest corpus file: 64 MiB.
pub const MAX_CORPUS_BYTES: u64 = 64 << 20;
/// The most lines a corpus file may have.
pub const MAX_CORPUS_LINES: usize = 1_000_000;
/// The longest line of a corpus file: 1 MiB.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// How many bad lines an error lists before "and N more".
pub const LISTED_PROBLEMS: usize = 20;

/// The caps a corpus is read under (the `MAX_*` constants by default; tests use small ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// The largest file, in bytes ([`MAX_CORPUS_BYTES`]).
    pub bytes: u64,
    /// The most lines ([`MAX_CORPUS_LINES`]).
    pub lines: usize,
    /// The longest line, in bytes ([`MAX_LINE_BYTES`]).
    pub line_bytes: usize,
}

impl Caps {
    /// The documented caps.
    pub const DEFAULT: Caps = Caps {
        bytes: MAX_CORPUS_BYTES,
        lines: MAX_CORPUS_LINES,
        line_bytes: MAX_LINE_BYTES,
    };
}

/// One corpus line.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What the user asked.
    pub prompt: String,
    /// The answer the row shows.
    pub response: String,
    /// Key-value pairs rows carry in `metadata_fields` (strings and numbers).
    #[serde(default)]
    pub metadata: Map<String, Value>,
}

/// A parsed corpus: its entries in file order and a digest of them.
#[derive(Clone, PartialEq)]
pub struct Corpus {
    /// The file's name as reported in errors.
    pub path: String,
    entries: Vec<Entry>,
    digest: u64,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("path", &self.path)
            .field("entries", &self.entries.len())
            .field("digest", &format_args!("{:016x}", self.digest))
            .finish()
    }
}

/// One bad line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, naming the field.
    pub message: String,
}

/// Why a corpus cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorpusError {
    /// The file is over [`Caps::bytes`].
    #[error(
        "{path}: {bytes} bytes, over the cap of {max} bytes (MAX_CORPUS_BYTES): split the corpus"
    )]
    TooBig {
        /// The file.
        path: String,
        /// Its size.
        bytes: u64,
        /// The cap.
        max: u64,
    },
    /// The file has more than [`Caps::lines`] lines.
    #[error("{path}: more than {max} lines, the cap (MAX_CORPUS_LINES)")]
    TooManyLines {
        /// The file.
        path: String,
        /// The cap.
        max: usize,
    },
    /// No line holds an entry.
    #[error(
        "{path}: no entries: a corpus needs at least one line {{\"prompt\": ..., \"response\": ...}}"
    )]
    Empty {
        /// The file.
        path: String,
    },
    /// Some lines are bad: the first [`LISTED_PROBLEMS`] are listed.
    #[error("{}", bad_lines(path, problems, *total))]
    BadLines {
        /// The file.
        path: String,
        /// The first bad lines, in file order.
        problems: Vec<LineProblem>,
        /// How many lines are bad in all.
        total: usize,
    },
}

fn bad_lines(path: &str, problems: &[LineProblem], total: usize) -> String {
    let mut out = format!(
        "{path}: {total} bad line{}",
        if total == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push_str(&format!("\n  {path}:{}: {}", p.line, p.message));
    }
    if total > problems.len() {
        out.push_str(&format!("\n  and {} more", total - problems.len()));
    }
    out
}

impl Corpus {
    /// Parses a corpus file's bytes under the documented caps; `path` names it in errors.
    pub fn parse(path: &str, bytes: &[u8]) -> Result<Corpus, CorpusError> {
        Corpus::parse_with(path, bytes, Caps::DEFAULT)
    }

    /// Parses under `caps`.
    pub fn parse_with(path: &str, bytes: &[u8], caps: Caps) -> Result<Corpus, CorpusError> {
        if bytes.len() as u64 > caps.bytes {
            return Err(CorpusError::TooBig {
                path: path.to_owned(),
                bytes: bytes.len() as u64,
                max: caps.bytes,
            });
        }
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        let mut total = 0;
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        for (n, raw) in body.split(|&b| b == b'\n').enumerate() {
            if n >= caps.lines {
                return Err(CorpusError::TooManyLines {
                    path: path.to_owned(),
                    max: caps.lines,
                });
            }
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match parse_line(raw, caps) {
                Ok(entry) => entries.push(entry),
                Err(message) => {
                    total += 1;
                    if problems.len() < LISTED_PROBLEMS {
                        problems.push(LineProblem {
                            line: n + 1,
                            message,
                        });
                    }
                }
            }
        }
        if total > 0 {
            return Err(CorpusError::BadLines {
                path: path.to_owned(),
                problems,
                total,
            });
        }
        if entries.is_empty() {
            return Err(CorpusError::Empty {
                path: path.to_owned(),
            });
        }
        Ok(Corpus::new(path, entries))
    }

    /// A corpus of entries already made (they are not checked).
    pub fn new(path: &str, entries: Vec<Entry>) -> Corpus {
        let mut digest = crate::rng::hash_key(&[entries.len() as u64]);
        for e in &entries {
            let metadata = Value::Object(e.metadata.clone()).to_string();
            digest = crate::rng::hash_key(&[
                digest,
                crate::rng::hash_str(&e.prompt),
                crate::rng::hash_str(&e.response),
                crate::rng::hash_str(&metadata),
            ]);
        }
        Corpus {
            path: path.to_owned(),
            entries,
            digest,
        }
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none (a parsed corpus always has some).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A digest of every entry, for the world's fingerprint.
    pub fn digest(&self) -> u64 {
        self.digest
    }
}

/// One non-blank line: an entry, or what is wrong with it.
fn parse_line(raw: &[u8], caps: Caps) -> Result<Entry, String> {
    if raw.len() > caps.line_bytes {
        return Err(format!(
            "the line is {} bytes, over the cap of {} bytes (MAX_LINE_BYTES)",
            raw.len(),
            caps.line_bytes
        ));
    }
    let text = std::str::from_utf8(raw)
        .map_err(|e| format!("not UTF-8 (byte {})", e.valid_up_to() + 1))?;
    let entry: Entry = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&at).unwrap_or(&message);
        format!("column {}: {message}", e.column())
    })?;
    for (field, value) in [("prompt", &entry.prompt), ("response", &entry.response)] {
        if value.trim().is_empty() {
            return Err(format!("`{field}` is empty"));
        }
    }
    for (key, value) in &entry.metadata {
        if key.trim().is_empty() {
            return Err("`metadata` has an empty key".to_owned());
        }
        if !(value.is_string() || value.is_number()) {
            return Err(format!(
                "`metadata.{key}` must be a string or a number, found {}",
                kind(value)
            ));
        }
    }
    Ok(entry)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"prompt": "p", "response": "r"}"#;

    /// Parses `text` under `caps` and returns the error text, or "ok: N entries".
    fn check(text: &str, caps: Caps, expect: &[&str]) {
        let got = match Corpus::parse_with("c.jsonl", text.as_bytes(), caps) {
            Ok(c) => format!("ok: {} entries", c.len()),
            Err(e) => e.to_string(),
        };
        for want in expect {
            assert!(got.contains(want), "{want:?} not in:\n{got}");
        }
    }

    #[test]
    fn good_lines_parse_and_blank_lines_are_skipped() {
        let text = format!(
            "{GOOD}\n\n  \r\n{}\r\n",
            r#"{"prompt": "a", "response": "b", "metadata": {"shop": "north", "tier": 2}}"#
        );
        let c = Corpus::parse("c.jsonl", text.as_bytes()).expect("valid");
        assert_eq!(c.len(), 2);
        assert_eq!(c.entries()[1].metadata["tier"], 2);
        assert!(c.entries()[0].metadata.is_empty());
    }

    #[test]
    fn bad_lines_are_named_by_number_and_field() {
        let text = [
            GOOD,
            r#"{"prompt": "p"}"#,
            r#"{"prompt": "p", "response": "r", "answer": "x"}"#,
            "not json",
            r#"{"prompt": "", "response": "r"}"#,
            r#"{"prompt": "p", "response": "r", "metadata": {"tags": ["a"]}}"#,
            r#"{"prompt": 3, "response": "r"}"#,
        ]
        .join("\n");
        check(
            &text,
            Caps::DEFAULT,
            &[
                "c.jsonl: 6 bad lines",
                "c.jsonl:2: column 15: missing field `response`",
                "c.jsonl:3: column 41: unknown field `answer`",
                "c.jsonl:4: column 2: expected ident",
                "c.jsonl:5: `prompt` is empty",
                "c.jsonl:6: `metadata.tags` must be a string or a number, found an array",
                "c.jsonl:7: column 12: invalid type: integer `3`",
            ],
        );
    }

    #[test]
    fn only_the_first_twenty_problems_are_listed() {
        let text = vec!["{}"; 25].join("\n");
        let err = Corpus::parse("c.jsonl", text.as_bytes()).expect_err("bad");
        let shown = err.to_string();
        check(
            &text,
            Caps::DEFAULT,
            &["25 bad lines", "c.jsonl:20:", "and 5 more"],
        );
        assert!(!shown.contains("c.jsonl:21:"), "{shown}");
        assert!(
            matches!(&err, CorpusError::BadLines { problems, total: 25, .. }
                if problems.len() == LISTED_PROBLEMS),
            "{err:?}"
        );
    }

    #[test]
    fn caps_are_named_in_the_error() {
        let text = [GOOD; 4].join("\n");
        let small = |bytes, lines, line_bytes| Caps {
            bytes,
            lines,
            line_bytes,
        };
        check(&text, small(1000, 4, 100), &["ok: 4 entries"]);
        check(
            &text,
            small(50, 10, 100),
            &["over the cap of 50 bytes (MAX_CORPUS_BYTES)"],
        );
        check(
            &text,
            small(1000, 3, 100),
            &["more than 3 lines", "MAX_CORPUS_LINES"],
        );
        check(
            &text,
            small(1000, 10, 20),
            &["c.jsonl:1: the line is 32 bytes, over the cap of 20 bytes (MAX_LINE_BYTES)"],
        );
    }

    #[test]
    fn an_empty_corpus_and_bad_bytes_are_refused() {
        check("\n\n", Caps::DEFAULT, &["c.jsonl: no entries"]);
        let mut bytes = GOOD.as_bytes().to_vec();
        bytes.extend_from_slice(b"\n\xff\xfe\n");
        let err = Corpus::parse("c.jsonl", &bytes).expect_err("not utf-8");
        assert!(err.to_string().contains("c.jsonl:2: not UTF-8"), "{err}");
    }

    #[test]
    fn the_digest_sees_every_field() {
        let base = Corpus::parse("a", GOOD.as_bytes()).expect("valid");
        let other_path = Corpus::parse("b", GOOD.as_bytes()).expect("valid");
        assert_eq!(base.digest(), other_path.digest());
        for changed in [
            r#"{"prompt": "P", "response": "r"}"#,
            r#"{"prompt": "p", "response": "R"}"#,
            r#"{"prompt": "p", "response": "r", "metadata": {"k": "v"}}"#,
        ] {
            let c = Corpus::parse("a", changed.as_bytes()).expect("valid");
            assert_ne!(c.digest(), base.digest(), "{changed}");
        }
    }
}
