//! Page tables: one streaming pass renders every selected row once to learn its length, and cuts
//! each stream into line-aligned pages. Only the table is kept, never the bytes.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use fauxport_gen::ndjson::map_chunks_ordered;
use fauxport_gen::{Selection, Stream, World};

use super::request::ExportSpec;

/// One page of a stream: where it starts in the rows and in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The project its rows come from.
    pub project: usize,
    /// The first row index to scan from.
    pub first_row: u64,
    /// How many selected rows (= lines) it holds.
    pub lines: u64,
    /// Byte offset of its first byte in the stream.
    pub offset: u64,
    /// Line number of its first line in the stream.
    pub line: u64,
    /// Its length in bytes.
    pub bytes: u64,
}

impl Page {
    /// The inclusive byte range (`offsets {start end}`).
    pub fn byte_range(&self) -> (u64, u64) {
        (self.offset, self.offset + self.bytes - 1)
    }

    /// The inclusive line range (`lines {start end}`).
    pub fn line_range(&self) -> (u64, u64) {
        (self.line, self.line + self.lines - 1)
    }
}

/// A stream's pages and totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamTable {
    /// Total bytes.
    pub total_size: u64,
    /// Total lines.
    pub total_lines: u64,
    /// Pages in order.
    pub pages: Vec<Page>,
}

impl StreamTable {
    /// The page holding byte `offset`.
    pub fn page_at_offset(&self, offset: u64) -> Option<(usize, &Page)> {
        let i = self.pages.partition_point(|p| p.offset + p.bytes <= offset);
        self.pages
            .get(i)
            .filter(|p| p.offset <= offset)
            .map(|p| (i, p))
    }

    /// The page holding line `line`.
    pub fn page_at_line(&self, line: u64) -> Option<(usize, &Page)> {
        let i = self.pages.partition_point(|p| p.line + p.lines <= line);
        self.pages.get(i).filter(|p| p.line <= line).map(|p| (i, p))
    }

    fn push(&mut self, project: usize, row: u64, len: u64, page_rows: u64) {
        let start_new = match self.pages.last() {
            None => true,
            Some(p) => p.project != project || p.lines >= page_rows,
        };
        if start_new {
            self.pages.push(Page {
                project,
                first_row: row,
                lines: 0,
                offset: self.total_size,
                line: self.total_lines,
                bytes: 0,
            });
        }
        if let Some(p) = self.pages.last_mut() {
            p.lines += 1;
            p.bytes += len;
        }
        self.total_size += len;
        self.total_lines += 1;
    }
}

/// Both streams of an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tables {
    /// `RESULT`.
    pub result: StreamTable,
    /// `ERRORS`.
    pub errors: StreamTable,
}

impl Tables {
    /// The table of a stream.
    pub fn stream(&self, stream: Stream) -> &StreamTable {
        match stream {
            Stream::Result => &self.result,
            Stream::Errors => &self.errors,
        }
    }
}

/// The selection of a stream of an export.
pub fn selection(spec: &ExportSpec, stream: Stream) -> Selection {
    Selection {
        params: spec.params.clone(),
        filters: spec.filters.clone(),
        stream,
        format: fauxport_gen::RowFormat::V2,
        at: spec.at,
    }
}

const CHUNK_ROWS: u64 = 256;

/// Renders every selected row once, on `threads` threads, and builds both page tables.
pub fn build(world: &World, spec: &ExportSpec, page_rows: u64, threads: usize) -> Tables {
    build_until(world, spec, page_rows, threads, &AtomicBool::new(false)).unwrap_or_default()
}

/// [`build`], stopping at the next chunk once `cancelled` is set (`None` then).
pub fn build_until(
    world: &World,
    spec: &ExportSpec,
    page_rows: u64,
    threads: usize,
    cancelled: &AtomicBool,
) -> Option<Tables> {
    let chunks: Vec<(usize, Range<u64>)> = spec
        .projects
        .iter()
        .filter_map(|&p| world.rows(p).map(|r| (p, r.len_at(spec.at))))
        .flat_map(|(p, n)| {
            (0..n.div_ceil(CHUNK_ROWS))
                .map(move |k| (p, k * CHUNK_ROWS..((k + 1) * CHUNK_ROWS).min(n)))
        })
        .collect();
    let result = selection(spec, Stream::Result);
    let errors = selection(spec, Stream::Errors);
    let mut tables = Tables::default();
    let page_rows = page_rows.max(1);
    // Writing into memory cannot fail: the pass fails only when it is cancelled.
    let pass = map_chunks_ordered(
        chunks.len() as u64,
        threads,
        |k| {
            let (p, range) = &chunks[k as usize];
            let mut lens = Vec::new();
            let mut buf = Vec::with_capacity(64 * 1024);
            let rows = world
                .rows(*p)
                .filter(|_| !cancelled.load(Ordering::Relaxed));
            if let Some(rows) = rows {
                for i in range.clone() {
                    // A row belongs to one stream: plan it once for both.
                    let plan = rows.planned_at(i, spec.at);
                    for (stream, selection) in
                        [(Stream::Result, &result), (Stream::Errors, &errors)]
                    {
                        buf.clear();
                        match &plan {
                            Some(plan) => rows.write_planned(plan, selection, &mut buf),
                            None => rows.write_selected(i, selection, &mut buf),
                        }
                        if !buf.is_empty() {
                            lens.push((i, buf.len() as u64, stream));
                        }
                    }
                }
            }
            (*p, lens)
        },
        |_, (p, lens)| {
            if cancelled.load(Ordering::Relaxed) {
                return Err(std::io::Error::other("the task was evicted"));
            }
            for (i, len, stream) in lens {
                let table = match stream {
                    Stream::Result => &mut tables.result,
                    Stream::Errors => &mut tables.errors,
                };
                table.push(p, i, len, page_rows);
            }
            Ok(())
        },
    );
    pass.ok().map(|()| {
        // Tables are kept as long as their task: no room for pages that never came.
        tables.result.pages.shrink_to_fit();
        tables.errors.pages.shrink_to_fit();
        tables
    })
}

/// Where a render of some pages stands: the page, the next row to scan and the lines written
/// from that page so far. Rendering resumes from it, so a body can be rendered a piece at a time.
#[derive(Debug, Clone)]
pub struct Cursor {
    pages: Vec<Page>,
    page: usize,
    row: u64,
    written: u64,
    /// The rows of the current page's project that exist at the selection's instant, once
    /// looked up.
    rows: Option<u64>,
}

impl Cursor {
    /// At the start of `pages`, in order.
    pub fn new(pages: Vec<Page>) -> Cursor {
        let row = pages.first().map_or(0, |p| p.first_row);
        Cursor {
            pages,
            page: 0,
            row,
            written: 0,
            rows: None,
        }
    }

    /// Whether every page is rendered.
    pub fn done(&self) -> bool {
        self.page >= self.pages.len()
    }

    /// Appends whole lines to `buf` until it holds at least `piece` bytes or the pages end.
    pub fn fill(&mut self, world: &World, selection: &Selection, buf: &mut Vec<u8>, piece: usize) {
        while buf.len() < piece {
            let Some(page) = self.pages.get(self.page) else {
                return;
            };
            let rows = world.rows(page.project);
            let len = *self
                .rows
                .get_or_insert_with(|| rows.as_ref().map_or(0, |r| r.len_at(selection.at)));
            match rows.filter(|_| self.written < page.lines && self.row < len) {
                Some(rows) => {
                    let before = buf.len();
                    rows.write_selected(self.row, selection, buf);
                    self.written += u64::from(buf.len() > before);
                    self.row += 1;
                }
                None => {
                    self.page += 1;
                    self.written = 0;
                    self.rows = None;
                    self.row = self.pages.get(self.page).map_or(0, |p| p.first_row);
                }
            }
        }
    }
}

/// Renders the bytes of `page` of `stream`, handing them to `sink` in pieces of about `piece`
/// bytes. Stops early when `sink` returns `false` (the client went away).
pub fn render_page(
    world: &World,
    spec: &ExportSpec,
    stream: Stream,
    page: &Page,
    piece: usize,
    sink: &mut dyn FnMut(Vec<u8>) -> bool,
) {
    let selection = selection(spec, stream);
    let mut cursor = Cursor::new(vec![*page]);
    while !cursor.done() {
        let mut buf = Vec::with_capacity(piece + 64 * 1024);
        cursor.fill(world, &selection, &mut buf, piece);
        if !buf.is_empty() && !sink(buf) {
            return;
        }
    }
}
