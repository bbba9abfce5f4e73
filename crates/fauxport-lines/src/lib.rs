//! Reading NDJSON lines with a length cap, in bounded memory: what `fauxport validate`, the
//! rows files `fauxport check` reads back and `fauxport serve --from` share.
//!
//! [`LineReader`] hands out one line at a time from any [`BufRead`] (a file, standard input, a
//! gzip decoder). A line longer than the cap is not kept: the reader skips the rest of it a
//! buffer at a time and returns [`Line::TooLong`], so memory stays near the cap whatever the
//! input holds — a multi-gigabyte line, or a gzip bomb of NUL bytes without a newline. The
//! caller decides what an over-long line means (a finding, a bad row, a problem line).
//!
//! ```
//! use fauxport_lines::{Line, LineReader};
//!
//! let input: &[u8] = b"{\"a\":1}\r\n{\"long\":\"xxxxxxxxxxxx\"}\n{}";
//! let mut lines = LineReader::new(input, 10);
//! assert!(matches!(lines.next_line()?, Some(Line::Text(b"{\"a\":1}"))));
//! match lines.next_line()? {
//!     Some(Line::TooLong(e)) => assert_eq!(e.to_string(), "line 2 is longer than the limit of 10 bytes"),
//!     _ => unreachable!(),
//! }
//! assert!(matches!(lines.next_line()?, Some(Line::Text(b"{}"))));
//! assert_eq!((lines.line_number(), lines.line_start()), (3, 33));
//! assert!(lines.next_line()?.is_none());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The crate does no I/O of its own: it reads only from the reader it is given.

use std::fmt;
use std::io::{self, BufRead};

/// The default cap on one line's length: 64 MiB. fauxport's own rows are far smaller unless a
/// world or scenario sets `huge_row_bytes` above it; `--max-line-bytes` raises it.
pub const DEFAULT_MAX_LINE_BYTES: u64 = 64 << 20;

/// A buffer grown past this by a long line is released before the next line.
const KEEP_BUFFER_BYTES: usize = 1 << 20;

/// One line of the input.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line within the cap, without its `\n` or `\r\n`.
    Text(&'a [u8]),
    /// A line over the cap, skipped without being kept.
    TooLong(TooLong),
}

/// A line longer than the cap: its number and the cap. Displays as "line 3 is longer than the
/// limit of 67108864 bytes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    /// The 1-based line number.
    pub line: u64,
    /// The cap, in bytes.
    pub limit: u64,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {} is longer than the limit of {} bytes",
            self.line, self.limit
        )
    }
}

impl std::error::Error for TooLong {}

/// Lines of a [`BufRead`], each at most a cap long (see the [crate docs](crate)).
#[derive(Debug)]
pub struct LineReader<R> {
    reader: R,
    buf: Vec<u8>,
    limit: u64,
    line: u64,
    start: u64,
    offset: u64,
}

impl<R: BufRead> LineReader<R> {
    /// Lines of `reader`, each at most `max_line_bytes` long (without its line ending).
    pub fn new(reader: R, max_line_bytes: u64) -> LineReader<R> {
        LineReader {
            reader,
            buf: Vec::new(),
            limit: max_line_bytes,
            line: 0,
            start: 0,
            offset: 0,
        }
    }

    /// The cap, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// The 1-based number of the line last returned (0 before the first).
    pub fn line_number(&self) -> u64 {
        self.line
    }

    /// The byte offset in the input where the line last returned starts.
    pub fn line_start(&self) -> u64 {
        self.start
    }

    /// The next line, `None` at the end of the input. A last line without a newline is a line.
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        if self.buf.capacity() > KEEP_BUFFER_BYTES {
            self.buf = Vec::new();
        }
        self.buf.clear();
        // Room for the line and a `\r` before its `\n`.
        let keep = usize::try_from(self.limit.saturating_add(1)).unwrap_or(usize::MAX);
        let start = self.offset;
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            read_any = true;
            let (used, content, ended) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, i, true),
                None => (available.len(), available.len(), false),
            };
            if !too_long {
                if content > keep - self.buf.len() {
                    too_long = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(&available[..content]);
                }
            }
            self.reader.consume(used);
            self.offset += used as u64;
            if ended {
                break;
            }
        }
        if !read_any {
            return Ok(None);
        }
        self.line += 1;
        self.start = start;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        if too_long || self.buf.len() as u64 > self.limit {
            return Ok(Some(Line::TooLong(TooLong {
                line: self.line,
                limit: self.limit,
            })));
        }
        Ok(Some(Line::Text(&self.buf)))
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};

    use super::*;

    /// Lines as `Ok(text)` or `Err(line number)` when too long, each with its start.
    type Lines = Vec<(Result<String, u64>, u64)>;

    /// Every line of `input` read through a reader that hands out `chunk` bytes at a time.
    fn lines(input: &[u8], limit: u64, chunk: usize) -> Lines {
        let mut reader = LineReader::new(BufReader::with_capacity(chunk, input), limit);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().expect("in memory") {
            let line = match line {
                Line::Text(t) => Ok(String::from_utf8_lossy(t).into_owned()),
                Line::TooLong(e) => {
                    assert_eq!(e.limit, limit);
                    Err(e.line)
                }
            };
            out.push((line, reader.line_start()));
        }
        out
    }

    #[test]
    fn lines_within_and_over_the_cap() {
        let ok = |s: &str, at| (Ok(s.to_owned()), at);
        for chunk in [1, 2, 3, 7, 64] {
            // (input, cap, expected lines)
            let cases: [(&[u8], u64, Lines); 6] = [
                (b"", 4, vec![]),
                (
                    b"abcd\nabcde\nab",
                    4,
                    vec![ok("abcd", 0), (Err(2), 5), ok("ab", 11)],
                ),
                (b"abcd\r\n\n", 4, vec![ok("abcd", 0), ok("", 6)]),
                (b"abcde\r\nx\n", 4, vec![(Err(1), 0), ok("x", 7)]),
                (b"abc\r\r\n", 4, vec![ok("abc\r", 0)]),
                (b"\n\n", 0, vec![ok("", 0), ok("", 1)]),
            ];
            for (input, cap, expected) in cases {
                assert_eq!(
                    lines(input, cap, chunk),
                    expected,
                    "{input:?} cap {cap} chunk {chunk}"
                );
            }
        }
    }

    /// A reader of `len` NUL bytes and no newline, made on the fly.
    struct Zeros(u64);

    impl Read for Zeros {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(usize::try_from(self.0).unwrap_or(usize::MAX));
            buf[..n].fill(0);
            self.0 -= n as u64;
            Ok(n)
        }
    }

    #[test]
    fn an_endless_line_is_skipped_without_being_kept() {
        let mut reader = LineReader::new(
            BufReader::with_capacity(64 * 1024, Zeros(1 << 28).chain(&b"\n{}\n"[..])),
            1 << 20,
        );
        assert_eq!(
            reader.next_line().expect("read"),
            Some(Line::TooLong(TooLong {
                line: 1,
                limit: 1 << 20
            }))
        );
        assert!(
            reader.buf.capacity() <= (1 << 21),
            "at most about the cap is buffered, not the gigabyte: {}",
            reader.buf.capacity()
        );
        assert_eq!(reader.next_line().expect("read"), Some(Line::Text(b"{}")));
        assert_eq!(reader.line_start(), (1 << 28) + 1);
        assert_eq!(reader.next_line().expect("read"), None);
    }
}
