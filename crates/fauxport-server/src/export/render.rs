//! Response bodies of page files and plain downloads. A body is rendered a piece at a time on at
//! most one thread per core: one piece ahead (and in larger pieces) for a reader that waits for
//! the renderer, only when asked for a slower one. A slow reader holds one piece and no thread,
//! so hundreds of streams cost buffers, not threads, and memory does not grow with their
//! number. Pages that fit the [`PageCache`] are kept after their first
//! download and served from memory afterwards.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use axum::body::Bytes;
use fauxport_gen::{Selection, World};
use futures_util::Stream;
use tokio::sync::Semaphore;

use super::Page;
use super::cache::{PageCache, PageKey};
use super::tables::Cursor;

/// Bytes rendered per piece for a reader that keeps up with nothing (a slow or stalled one):
/// small, so that it holds little.
pub const PIECE: usize = 128 * 1024;

/// The largest piece: a reader that waits for the renderer gets pieces doubled up to this, so a
/// fast stream is not slowed by handing every 128 KiB to the pool.
pub const MAX_PIECE: usize = 1024 * 1024;

/// What larger pieces may add up to across all live bodies: each body may grow its pieces to
/// this divided by the number of live bodies, so many streams stay at [`PIECE`] and memory stays
/// bounded by the number of streams times two small pieces.
const GROWTH_BUDGET: usize = 16 * 1024 * 1024;

/// A body's pieces.
pub type Pieces = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

/// Renders bodies on a bounded pool and keeps the page cache.
#[derive(Debug)]
pub struct Renderer {
    permits: Semaphore,
    /// The pages kept.
    pub cache: PageCache,
    /// Pieces waiting for a render thread now.
    pub queued: AtomicI64,
    /// Bodies being sent now (rendered or from the cache).
    pub streams: Arc<AtomicI64>,
    /// Body bytes rendered so far.
    pub rendered_bytes: AtomicU64,
    /// Body bytes sent from the cache so far.
    pub cached_bytes: Arc<AtomicU64>,
}

/// What a body renders: rows of `pages` of a world, selected by `selection`.
#[derive(Debug, Clone)]
pub struct BodySource {
    /// The world.
    pub world: Arc<World>,
    /// Params, filters and stream.
    pub selection: Arc<Selection>,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Set when the body is one cacheable page: its key.
    pub cache_key: Option<PageKey>,
}

/// Counts a body while it lives.
struct Live(Arc<AtomicI64>);

impl Live {
    fn new(streams: &Arc<AtomicI64>) -> Live {
        streams.fetch_add(1, Ordering::Relaxed);
        Live(Arc::clone(streams))
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What a render job owns while it runs on the pool.
struct Job {
    source: BodySource,
    cursor: Cursor,
    /// Bytes to render next.
    piece: usize,
}

/// A piece being rendered: the job back with its bytes, or `None` if its thread panicked.
type Pending = tokio::task::JoinHandle<Option<(Job, Vec<u8>)>>;

struct Rendering {
    renderer: Arc<Renderer>,
    /// The next piece, already rendering while the current one is sent (one piece ahead), for a
    /// reader that waits for the renderer.
    next: Option<Pending>,
    /// The job of a reader slower than the renderer: its next piece renders when it asks.
    idle: Option<Job>,
    /// The bytes so far of a page that will be kept, and the length it must reach.
    keep: Option<(Vec<u8>, u64)>,
    key: Option<PageKey>,
    world: Arc<World>,
    _live: Live,
}

impl Renderer {
    /// A renderer running at most `threads` pieces at once, with a page cache of `cache_bytes`.
    pub fn new(threads: usize, cache_bytes: u64) -> Renderer {
        Renderer {
            permits: Semaphore::new(threads.max(1)),
            cache: PageCache::new(cache_bytes),
            queued: AtomicI64::new(0),
            streams: Arc::new(AtomicI64::new(0)),
            rendered_bytes: AtomicU64::new(0),
            cached_bytes: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The body of `source`: from the cache when it holds the page, else rendered piece by piece
    /// as the connection takes them (and kept, when the page fits the cache).
    pub fn body(self: &Arc<Self>, source: BodySource) -> Pieces {
        let live = Live::new(&self.streams);
        let length: u64 = source.pages.iter().map(|p| p.bytes).sum();
        let keep = match source.cache_key {
            Some(key) if self.cache.admits(length) => match self.cache.get(&key) {
                Some(bytes) => {
                    self.cached_bytes
                        .fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    return cached(bytes, live);
                }
                None => Some((Vec::with_capacity(length as usize), length)),
            },
            _ => None,
        };
        let job = Job {
            cursor: Cursor::new(source.pages.clone()),
            source,
            piece: PIECE,
        };
        let mut state = Rendering {
            renderer: Arc::clone(self),
            next: None,
            idle: None,
            keep,
            key: job.source.cache_key,
            world: Arc::clone(&job.source.world),
            _live: live,
        };
        if !job.cursor.done() {
            state.next = Some(self.start(job));
        }
        Box::pin(futures_util::stream::unfold(
            Some(state),
            |state| async move {
                let mut st = state?;
                // A reader that finds its next piece not ready yet is waiting for the renderer:
                // it gets the piece after rendered ahead, and larger pieces. One that finds it
                // ready is slower than the renderer: its pieces render when it asks, small.
                let (pending, waited) = match (st.next.take(), st.idle.take()) {
                    (Some(pending), _) => {
                        let waited = !pending.is_finished();
                        (pending, waited)
                    }
                    (None, Some(job)) => (st.renderer.start(job), false),
                    (None, None) => {
                        st.finish();
                        return None;
                    }
                };
                let Ok(Some((mut job, buf))) = pending.await else {
                    // The render thread panicked: end with an error, so the client sees a
                    // broken body, never a clean end of a partial one.
                    let e = io::Error::other("the renderer stopped before the end");
                    return Some((Err(e), None));
                };
                if let Some((kept, _)) = &mut st.keep {
                    kept.extend_from_slice(&buf);
                }
                let live = st.renderer.streams.load(Ordering::Relaxed).max(1) as usize;
                let ceiling = (GROWTH_BUDGET / live).clamp(PIECE, MAX_PIECE);
                job.piece = if waited {
                    (job.piece * 2).min(ceiling)
                } else {
                    PIECE
                };
                if job.cursor.done() {
                    // Kept as soon as the last piece is rendered: a server stops polling a
                    // body once its Content-Length is sent, so there may be no next poll.
                    st.finish();
                } else if waited {
                    st.next = Some(st.renderer.start(job));
                } else {
                    st.idle = Some(job);
                }
                if buf.is_empty() {
                    return None;
                }
                let rendered = &st.renderer.rendered_bytes;
                rendered.fetch_add(buf.len() as u64, Ordering::Relaxed);
                Some((Ok(Bytes::from(buf)), Some(st)))
            },
        ))
    }

    /// Renders the next piece of `job` on the pool, as soon as a render thread is free.
    fn start(self: &Arc<Self>, mut job: Job) -> Pending {
        let renderer = Arc::clone(self);
        tokio::spawn(async move {
            renderer.queued.fetch_add(1, Ordering::Relaxed);
            let permit = renderer.permits.acquire().await;
            renderer.queued.fetch_sub(1, Ordering::Relaxed);
            let rendered = tokio::task::spawn_blocking(move || {
                let mut buf = Vec::with_capacity(job.piece + 64 * 1024);
                let source = &job.source;
                job.cursor
                    .fill(&source.world, &source.selection, &mut buf, job.piece);
                (job, buf)
            })
            .await;
            drop(permit);
            rendered.ok()
        })
    }
}

impl Rendering {
    /// Keeps the page, when it was to be kept and came out whole.
    fn finish(&mut self) {
        if let (Some((bytes, length)), Some(key)) = (self.keep.take(), self.key)
            && bytes.len() as u64 == length
        {
            let world = Arc::clone(&self.world);
            self.renderer.cache.put(key, world, Bytes::from(bytes));
        }
    }
}

/// A kept page, sent in pieces (so body faults cut and pace it as they do a rendered one).
fn cached(bytes: Bytes, live: Live) -> Pieces {
    let pieces: Vec<io::Result<Bytes>> = (0..bytes.len())
        .step_by(PIECE)
        .map(|at| Ok(bytes.slice(at..(at + PIECE).min(bytes.len()))))
        .collect();
    Box::pin(futures_util::stream::unfold(
        (pieces.into_iter(), live),
        |(mut it, live)| async move { it.next().map(|piece| (piece, (it, live))) },
    ))
}
