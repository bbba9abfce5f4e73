//! NDJSON bytes to rows, as they arrive: the one splitter behind every way the client reads a
//! stream ([`crate::pages`], page by page; [`crate::plain`], one body), and the row stream both
//! hand out.

use std::collections::VecDeque;
use std::future::Future;

use futures_util::Stream;
use serde_json::Value;

use crate::error::ClientError;

/// The rows read so far and not yet yielded, and the partial line after them.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    /// Bytes after the last newline: a line that continues in the next piece.
    carry: Vec<u8>,
    /// Lines split so far.
    lines: u64,
    /// Rows not yet yielded.
    queue: VecDeque<Value>,
    /// Set when nothing more will be read.
    pub(crate) done: bool,
}

impl Rows {
    /// How many lines have been split so far.
    pub(crate) fn lines(&self) -> u64 {
        self.lines
    }

    /// Why the bytes cannot end here: a partial line is left over.
    pub(crate) fn unfinished(&self) -> Option<String> {
        (!self.carry.is_empty()).then(|| {
            format!(
                "ends inside a line ({} bytes after the last newline)",
                self.carry.len()
            )
        })
    }

    /// Splits `bytes`, after the partial line carried from the previous piece, into parsed rows;
    /// a partial line at the end is carried. A blank line, one that is not JSON, or a partial
    /// line already longer than `max_line` bytes is the error, described.
    pub(crate) fn split(&mut self, bytes: &[u8], max_line: u64) -> Result<(), String> {
        // The carried partial line holds no newline: the search for the next one starts after
        // it, and it grows in place, so a long line costs its length, not its length squared.
        let carried = self.carry.len();
        let mut joined = std::mem::take(&mut self.carry);
        let data: &[u8] = if carried == 0 {
            bytes
        } else {
            joined.extend_from_slice(bytes);
            &joined
        };
        let (mut start, mut search) = (0, carried);
        while let Some(len) = data[search..].iter().position(|&b| b == b'\n') {
            let end = search + len;
            let line = &data[start..end];
            self.lines += 1;
            let n = self.lines;
            if line.is_empty() {
                return Err(format!("line {n} is blank"));
            }
            let row =
                serde_json::from_slice(line).map_err(|e| format!("line {n} is not JSON: {e}"))?;
            self.queue.push_back(row);
            start = end + 1;
            search = start;
        }
        if (data.len() - start) as u64 > max_line {
            return Err(format!(
                "line {} is longer than the limit of {max_line} bytes",
                self.lines + 1
            ));
        }
        if carried == 0 {
            self.carry = bytes[start..].to_vec();
        } else {
            joined.drain(..start);
            self.carry = joined;
        }
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn drain(&mut self) -> Vec<Value> {
        self.queue.drain(..).collect()
    }
}

/// Something that reads a stream's bytes piece by piece into its [`Rows`].
pub(crate) trait Source: Send + 'static {
    /// Its rows.
    fn rows(&mut self) -> &mut Rows;

    /// Reads the next piece into [`rows`](Self::rows), or sets `done`.
    fn fill(&mut self) -> impl Future<Output = Result<(), ClientError>> + Send;
}

/// The rows of `source`, in order; the first error ends the stream.
pub(crate) fn stream_of<S: Source>(
    source: S,
) -> impl Stream<Item = Result<Value, ClientError>> + Send + 'static {
    futures_util::stream::try_unfold(source, |mut source| async move {
        loop {
            if let Some(row) = source.rows().queue.pop_front() {
                return Ok(Some((row, source)));
            }
            if source.rows().done {
                return Ok(None);
            }
            source.fill().await?;
        }
    })
}
