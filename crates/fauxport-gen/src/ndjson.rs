//! Writing a range of rows as NDJSON, in parallel, in order, in constant memory.
//!
//! Worker `t` of `T` renders chunks `t, t + T, t + 2T, ...` into buffers and hands each to the
//! writer through its own two-slot channel; the writer takes chunks round-robin, so output order
//! never depends on scheduling, and at most `3 T` chunks are alive at once.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::mpsc;

use fauxport_model::ExportParams;

use crate::rows::{RowFormat, Rows};

/// How to write.
#[derive(Debug, Clone)]
pub struct WriteConfig {
    /// Which optional parts rows carry.
    pub params: ExportParams,
    /// v2 or v1.
    pub format: RowFormat,
    /// Worker threads; `1` renders on the calling thread.
    pub threads: usize,
    /// Rows per chunk.
    pub chunk_rows: u64,
}

impl WriteConfig {
    /// v2 rows with `params` on `threads` threads.
    pub fn new(params: ExportParams, threads: usize) -> WriteConfig {
        WriteConfig {
            params,
            format: RowFormat::V2,
            threads: threads.max(1),
            chunk_rows: 256,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows rendered (failed rows are skipped and not counted).
    pub rows: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// Renders rows `range` of `rows` into `out`. `progress` is called after each chunk with the
/// number of rows of the range done so far.
pub fn write_rows<W: Write>(
    rows: Rows<'_>,
    range: Range<u64>,
    config: &WriteConfig,
    out: &mut W,
    progress: &mut dyn FnMut(u64),
) -> io::Result<Written> {
    let chunk = config.chunk_rows.max(1);
    let chunks = (range.end.saturating_sub(range.start)).div_ceil(chunk);
    let bounds = |k: u64| {
        let lo = range.start + k * chunk;
        lo..(lo + chunk).min(range.end)
    };
    let render = |k: u64, buf: &mut Vec<u8>| {
        buf.clear();
        let mut n = 0;
        for i in bounds(k) {
            let before = buf.len();
            rows.write(i, &config.params, config.format, buf);
            n += u64::from(buf.len() > before);
        }
        n
    };
    let mut written = Written::default();
    if config.threads <= 1 || chunks <= 1 {
        let mut buf = Vec::with_capacity(1 << 20);
        for k in 0..chunks {
            written.rows += render(k, &mut buf);
            out.write_all(&buf)?;
            written.bytes += buf.len() as u64;
            progress(bounds(k).end - range.start);
        }
        return Ok(written);
    }
    let threads = config.threads as u64;
    std::thread::scope(|scope| {
        let receivers: Vec<mpsc::Receiver<(u64, Vec<u8>)>> = (0..threads)
            .map(|t| {
                let (tx, rx) = mpsc::sync_channel::<(u64, Vec<u8>)>(2);
                let render = &render;
                scope.spawn(move || {
                    let mut k = t;
                    while k < chunks {
                        let mut buf = Vec::with_capacity(1 << 20);
                        let n = render(k, &mut buf);
                        if tx.send((n, buf)).is_err() {
                            return; // The writer stopped (an I/O error): stop too.
                        }
                        k += threads;
                    }
                });
                rx
            })
            .collect();
        for k in 0..chunks {
            let Ok((n, buf)) = receivers[(k % threads) as usize].recv() else {
                return Err(io::Error::other("a row worker stopped unexpectedly"));
            };
            out.write_all(&buf)?;
            written.rows += n;
            written.bytes += buf.len() as u64;
            progress(bounds(k).end - range.start);
        }
        Ok(written)
    })
}
