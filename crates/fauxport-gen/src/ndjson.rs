//! Writing a range of rows as NDJSON, in parallel, in order, in constant memory.
//!
//! Worker `t` of `T` renders chunks `t, t + T, t + 2T, ...` into buffers and hands each to the
//! writer through its own two-slot channel; the writer takes chunks round-robin, so output order
//! never depends on scheduling, and at most `3 T` chunks are alive at once.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::mpsc;

use fauxport_model::ExportParams;

use crate::rows::{Rows, Selection};

/// How to write.
#[derive(Debug, Clone)]
pub struct WriteConfig {
    /// Which stream, params, filters and format.
    pub selection: Selection,
    /// Worker threads; `1` renders on the calling thread.
    pub threads: usize,
    /// Rows per chunk (at most 16 MiB of huge text per chunk in worlds with huge rows).
    pub chunk_rows: u64,
}

impl WriteConfig {
    /// v2 rows with `params` on `threads` threads.
    pub fn new(params: ExportParams, threads: usize) -> WriteConfig {
        WriteConfig {
            selection: Selection::rows(params),
            threads: threads.max(1),
            chunk_rows: 256,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows that wrote at least one line.
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
    let chunk = chunk_rows(rows, config);
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
            rows.write_selected(i, &config.selection, buf);
            n += u64::from(buf.len() > before);
        }
        n
    };
    let mut written = Written::default();
    // Buffers go back to a free list once written, so chunks reuse them instead of
    // allocating (and page-faulting) a fresh megabyte each.
    let free: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());
    map_chunks_ordered(
        chunks,
        threads(rows, config),
        |k| {
            let reused = free.lock().ok().and_then(|mut f| f.pop());
            let mut buf = reused.unwrap_or_else(|| Vec::with_capacity(1 << 20));
            let n = render(k, &mut buf);
            (n, buf)
        },
        |k, (n, buf)| {
            out.write_all(&buf)?;
            written.rows += n;
            written.bytes += buf.len() as u64;
            progress(bounds(k).end - range.start);
            if let Ok(mut f) = free.lock() {
                f.push(buf);
            }
            Ok(())
        },
    )?;
    Ok(written)
}

/// Huge text one chunk may plan for (16 MiB): chunks of worlds with huge rows shrink to stay under
/// it (down to one row), so the `3 × threads` live chunks stay a modest amount of memory.
const CHUNK_HUGE_BYTES: u64 = 16 << 20;

/// Rows per chunk: `config.chunk_rows`, fewer when every row could be huge. Bytes never depend
/// on the chunk size, only memory does.
fn chunk_rows(rows: Rows<'_>, config: &WriteConfig) -> u64 {
    let spec = &rows.world().spec;
    let mut chunk = config.chunk_rows.max(1);
    if spec.huge_row_rate > 0.0 && spec.huge_row_bytes > 0 {
        chunk = chunk.min((CHUNK_HUGE_BYTES / spec.huge_row_bytes).max(1));
    }
    chunk
}

/// Huge text all live chunks together may plan for (1 GiB). A chunk shrinks to one row, so with
/// rows bigger than a chunk's share the thread count shrinks instead: 256 MiB rows render on
/// one thread, never `3 × threads × 256 MiB` at once.
const LIVE_HUGE_BYTES: u64 = 1 << 30;

/// Threads for `rows`: `config.threads`, fewer when huge rows would make the live chunks
/// (`3 × threads`) exceed [`LIVE_HUGE_BYTES`]. Bytes never depend on it, only speed and memory.
fn threads(rows: Rows<'_>, config: &WriteConfig) -> usize {
    let spec = &rows.world().spec;
    if spec.huge_row_rate > 0.0 && spec.huge_row_bytes > CHUNK_HUGE_BYTES {
        let fit = LIVE_HUGE_BYTES / (3 * spec.huge_row_bytes);
        return config.threads.min(usize::try_from(fit.max(1)).unwrap_or(1));
    }
    config.threads
}

/// Computes `produce(k)` for `k` in `0..chunks` on `threads` threads and hands the results to
/// `consume` in order of `k`, on the calling thread. At most `3 × threads` results are alive at
/// once. `consume` returning an error stops the work and returns that error.
pub fn map_chunks_ordered<T: Send>(
    chunks: u64,
    threads: usize,
    produce: impl Fn(u64) -> T + Sync,
    mut consume: impl FnMut(u64, T) -> io::Result<()>,
) -> io::Result<()> {
    if threads <= 1 || chunks <= 1 {
        for k in 0..chunks {
            consume(k, produce(k))?;
        }
        return Ok(());
    }
    let threads = threads as u64;
    std::thread::scope(|scope| {
        let receivers: Vec<mpsc::Receiver<T>> = (0..threads)
            .map(|t| {
                let (tx, rx) = mpsc::sync_channel::<T>(2);
                let produce = &produce;
                scope.spawn(move || {
                    let mut k = t;
                    while k < chunks {
                        if tx.send(produce(k)).is_err() {
                            return; // The consumer stopped (an error): stop too.
                        }
                        k += threads;
                    }
                });
                rx
            })
            .collect();
        for k in 0..chunks {
            let Ok(item) = receivers[(k % threads) as usize].recv() else {
                return Err(io::Error::other("a worker thread stopped unexpectedly"));
            };
            consume(k, item)?;
        }
        Ok(())
    })
}
