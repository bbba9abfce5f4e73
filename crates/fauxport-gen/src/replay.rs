//! Replaying a user's own NDJSON export (`fauxport serve --from export.ndjson`).
//!
//! The recording is read once to index it (offset and length of each line, grouped by project)
//! and to report the lines it cannot parse; rows are then read back on demand from a
//! [`RowStore`], so a replayed export costs 16 bytes of memory per row, not the rows. Params strip
//! keys from the recorded rows; filters are decided on the recorded fields.
//!
//! The generator does no file I/O here: the CLI gives it the file as a reader to index and as a
//! [`RowStore`] to read rows back from (a `Vec<u8>` is one too, for tests and small recordings).

use std::io::{self, BufRead};

use fauxport_lines::{Line, LineReader};
use fauxport_model::{ExportParams, ExportRow};

pub use fauxport_lines::DEFAULT_MAX_LINE_BYTES;

/// A line of the file that cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: u64,
    /// Why.
    pub message: String,
}

/// One project found in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayProject {
    /// The project id (the key in `projects`).
    pub id: String,
    /// Its name, from the first row.
    pub name: String,
    /// The mime type of its first row.
    pub mime_type: String,
    /// Its dataset, when the rows carry `data_row.details`.
    pub dataset: Option<(String, String)>,
    /// Where each of its rows is in the file: byte offset and length (without the newline).
    rows: Vec<(u64, u32)>,
}

impl ReplayProject {
    /// How many rows it has.
    pub fn len(&self) -> u64 {
        self.rows.len() as u64
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Where recorded rows are read back from: random access by byte offset.
pub trait RowStore: Send + Sync + std::fmt::Debug {
    /// Fills `buf` with the bytes at `offset`; an error when there are not that many.
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()>;
}

impl RowStore for Vec<u8> {
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let start = usize::try_from(offset).map_err(|_| io::ErrorKind::UnexpectedEof)?;
        let bytes = start
            .checked_add(buf.len())
            .and_then(|end| self.get(start..end))
            .ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.copy_from_slice(bytes);
        Ok(())
    }
}

/// An indexed export recording.
#[derive(Debug)]
pub struct ReplayFile {
    store: Box<dyn RowStore>,
    /// The projects, in order of first appearance.
    pub projects: Vec<ReplayProject>,
}

impl ReplayFile {
    /// Indexes the recording `reader` reads, whose bytes `store` holds at the same offsets;
    /// returns it and the lines that cannot be replayed. A line over `max_line_bytes` (see
    /// [`DEFAULT_MAX_LINE_BYTES`]) is one of those, skipped without being held in memory.
    pub fn index(
        reader: impl BufRead,
        store: Box<dyn RowStore>,
        max_line_bytes: u64,
    ) -> io::Result<(ReplayFile, Vec<Problem>)> {
        let mut projects: Vec<ReplayProject> = Vec::new();
        let mut problems = Vec::new();
        let mut lines = LineReader::new(reader, max_line_bytes);
        let mut line_no = 0u64;
        while let Some(line) = lines.next_line()? {
            line_no += 1;
            let problem = |message: String| Problem {
                line: line_no,
                message,
            };
            let line = match line {
                Line::Text(line) => line,
                Line::TooLong(e) => {
                    problems.push(problem(format!(
                        "line longer than the limit of {} bytes (--max-line-bytes), skipped unread",
                        e.limit
                    )));
                    continue;
                }
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                problems.push(problem("blank line".into()));
                continue;
            }
            let row: ExportRow = match serde_json::from_slice(line) {
                Ok(row) => row,
                Err(e) => {
                    problems.push(problem(format!("not an Export v2 row: {e}")));
                    continue;
                }
            };
            let Some((id, entry)) = row.projects.iter().next() else {
                problems.push(problem(
                    "`projects` is empty: no project to serve the row in".into(),
                ));
                continue;
            };
            let Ok(len) = u32::try_from(line.len()) else {
                problems.push(problem(format!(
                    "line longer than {} bytes, the most a replayed row may have",
                    u32::MAX
                )));
                continue;
            };
            let at = match projects.iter().position(|p| &p.id == id) {
                Some(i) => i,
                None => {
                    projects.push(ReplayProject {
                        id: id.clone(),
                        name: entry.name.clone(),
                        mime_type: row.media_attributes.mime_type.clone(),
                        dataset: row
                            .data_row
                            .details
                            .as_ref()
                            .map(|d| (d.dataset_id.0.clone(), d.dataset_name.clone())),
                        rows: Vec::new(),
                    });
                    projects.len() - 1
                }
            };
            projects[at].rows.push((lines.line_start(), len));
        }
        Ok((ReplayFile { store, projects }, problems))
    }

    /// Row `i` of project `p`, parsed.
    pub fn row(&self, p: usize, i: u64) -> Option<ExportRow> {
        let &(offset, len) = self.projects.get(p)?.rows.get(usize::try_from(i).ok()?)?;
        let mut buf = vec![0; len as usize];
        self.store.read_exact_at(&mut buf, offset).ok()?;
        serde_json::from_slice(&buf).ok()
    }
}

/// Removes the parts of a recorded row that `params` turns off.
pub fn apply_params(row: &mut ExportRow, params: &ExportParams) {
    if !params.data_row_details {
        row.data_row.details = None;
    }
    if !params.attachments {
        row.attachments = None;
    }
    if !params.metadata_fields {
        row.metadata_fields = None;
    }
    if !params.embeddings {
        row.embeddings = None;
    }
    for entry in row.projects.values_mut() {
        if !params.project_details {
            entry.project_details = None;
        }
        for label in &mut entry.labels {
            if !params.label_details {
                label.label_details = None;
            }
            if !params.performance_details {
                label.performance_details = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RowStore;

    #[test]
    fn a_byte_vector_is_a_row_store_that_refuses_short_reads() {
        let store = b"0123456789".to_vec();
        let mut buf = [0u8; 4];
        store.read_exact_at(&mut buf, 3).expect("in range");
        assert_eq!(&buf, b"3456");
        assert!(store.read_exact_at(&mut buf, 7).is_err(), "past the end");
        assert!(
            store.read_exact_at(&mut buf, u64::MAX).is_err(),
            "far past the end"
        );
    }
}
