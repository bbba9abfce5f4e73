//! A bounded, byte-budgeted cache of rendered pages, so that a repeated page (what a load test
//! downloads) is a memory copy instead of a render. It is keyed by everything a page's bytes
//! depend on (the world, the selection, the stream and the page's rows), never by task, so
//! every task of the same export shares its pages. It never changes a byte: an entry is the
//! exact bytes a render produced, and a page that does not fit is simply rendered again.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use fauxport_gen::{Stream, World};
use sha2::{Digest, Sha256};

use super::{ExportSpec, Page};

/// What a page's bytes depend on besides its world: the params and filters, as a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SelectionDigest([u8; 16]);

impl SelectionDigest {
    /// The digest of `spec`'s params, filters and instant (SHA-256 of their JSON, first 16
    /// bytes; the instant only when there is one, a live export's).
    pub fn of(spec: &ExportSpec) -> SelectionDigest {
        let mut h = Sha256::new();
        // Both are plain data: serialising them cannot fail.
        h.update(serde_json::to_vec(&spec.params).unwrap_or_default());
        h.update([0]);
        h.update(serde_json::to_vec(&spec.filters).unwrap_or_default());
        if let Some(at) = spec.at {
            h.update([0]);
            h.update(at.to_le_bytes());
        }
        let mut out = [0; 16];
        out.copy_from_slice(&h.finalize()[..16]);
        SelectionDigest(out)
    }
}

/// A page's identity in the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageKey {
    /// The world, by address; an entry holds its world, so the address cannot be reused while
    /// the entry lives.
    world: usize,
    selection: SelectionDigest,
    stream: Stream,
    project: usize,
    first_row: u64,
    lines: u64,
}

impl PageKey {
    /// The key of `page` of `stream` of an export over `world` whose selection is `selection`.
    pub fn new(
        world: &Arc<World>,
        selection: SelectionDigest,
        stream: Stream,
        page: &Page,
    ) -> Self {
        PageKey {
            world: Arc::as_ptr(world) as usize,
            selection,
            stream,
            project: page.project,
            first_row: page.first_row,
            lines: page.lines,
        }
    }
}

struct Entry {
    bytes: Bytes,
    tick: u64,
    _world: Arc<World>,
}

#[derive(Default)]
struct Lru {
    entries: HashMap<PageKey, Entry>,
    by_age: BTreeMap<u64, PageKey>,
    bytes: u64,
    tick: u64,
}

/// Counters the metrics endpoint reads.
#[derive(Debug, Default)]
pub struct CacheStats {
    /// Downloads answered from the cache.
    pub hits: AtomicU64,
    /// Downloads rendered (cacheable pages only).
    pub misses: AtomicU64,
    /// Pages evicted to make room.
    pub evictions: AtomicU64,
}

/// The cache.
pub struct PageCache {
    budget: u64,
    lru: Mutex<Lru>,
    /// Its counters.
    pub stats: CacheStats,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("budget", &self.budget)
            .field("bytes", &self.bytes())
            .finish()
    }
}

impl PageCache {
    /// A cache of at most `budget` bytes of pages (0 turns it off).
    pub fn new(budget: u64) -> PageCache {
        PageCache {
            budget,
            lru: Mutex::new(Lru::default()),
            stats: CacheStats::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Lru> {
        self.lru.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a page of `len` bytes is worth keeping: at most an eighth of the budget, so one
    /// huge page never empties the cache.
    pub fn admits(&self, len: u64) -> bool {
        len > 0 && len <= self.budget / 8
    }

    /// The page's bytes, when kept (counted as a hit or a miss).
    pub fn get(&self, key: &PageKey) -> Option<Bytes> {
        let mut lru = self.lock();
        lru.tick += 1;
        let tick = lru.tick;
        let Some(entry) = lru.entries.get_mut(key) else {
            drop(lru);
            self.stats.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        let old = std::mem::replace(&mut entry.tick, tick);
        let bytes = entry.bytes.clone();
        lru.by_age.remove(&old);
        lru.by_age.insert(tick, *key);
        drop(lru);
        self.stats.hits.fetch_add(1, Ordering::Relaxed);
        Some(bytes)
    }

    /// Keeps a page's bytes, evicting the least recently used pages to stay in budget.
    pub fn put(&self, key: PageKey, world: Arc<World>, bytes: Bytes) {
        let len = bytes.len() as u64;
        if !self.admits(len) {
            return;
        }
        let mut lru = self.lock();
        if lru.entries.contains_key(&key) {
            return;
        }
        while lru.bytes + len > self.budget {
            let Some((_, oldest)) = lru.by_age.pop_first() else {
                break;
            };
            if let Some(e) = lru.entries.remove(&oldest) {
                lru.bytes -= e.bytes.len() as u64;
                self.stats.evictions.fetch_add(1, Ordering::Relaxed);
            }
        }
        lru.tick += 1;
        let tick = lru.tick;
        lru.by_age.insert(tick, key);
        lru.bytes += len;
        lru.entries.insert(
            key,
            Entry {
                bytes,
                tick,
                _world: world,
            },
        );
    }

    /// Bytes kept now.
    pub fn bytes(&self) -> u64 {
        self.lock().bytes
    }

    /// Pages kept now.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use fauxport_gen::WorldSpec;

    use super::*;

    fn key(world: &Arc<World>, first_row: u64) -> PageKey {
        let page = Page {
            project: 0,
            first_row,
            lines: 10,
            offset: 0,
            line: 0,
            bytes: 0,
        };
        PageKey::new(world, SelectionDigest([1; 16]), Stream::Result, &page)
    }

    #[test]
    fn keeps_within_budget_and_evicts_the_least_recently_used() {
        let world = Arc::new(World::new(WorldSpec::default_world(1, 10)).expect("a valid world"));
        let cache = PageCache::new(800);
        for row in 0..3 {
            cache.put(
                key(&world, row),
                Arc::clone(&world),
                Bytes::from(vec![row as u8; 100]),
            );
        }
        assert_eq!(cache.bytes(), 300);
        // Row 0 is used again, so row 1 is now the least recently used.
        assert_eq!(cache.get(&key(&world, 0)), Some(Bytes::from(vec![0; 100])));
        for row in 3..9 {
            cache.put(
                key(&world, row),
                Arc::clone(&world),
                Bytes::from(vec![row as u8; 100]),
            );
        }
        assert!(cache.bytes() <= 800, "{}", cache.bytes());
        assert_eq!(
            cache.get(&key(&world, 1)),
            None,
            "the least recently used goes first"
        );
        assert!(cache.get(&key(&world, 0)).is_some());
        assert_eq!(cache.get(&key(&world, 8)), Some(Bytes::from(vec![8; 100])));
        assert!(cache.stats.evictions.load(Ordering::Relaxed) >= 1);
    }

    #[test]
    fn refuses_pages_over_an_eighth_of_the_budget_and_a_zero_budget() {
        let world = Arc::new(World::new(WorldSpec::default_world(1, 10)).expect("a valid world"));
        let cache = PageCache::new(800);
        cache.put(
            key(&world, 0),
            Arc::clone(&world),
            Bytes::from(vec![0; 101]),
        );
        assert!(cache.is_empty());
        let off = PageCache::new(0);
        off.put(key(&world, 0), Arc::clone(&world), Bytes::from(vec![0; 1]));
        assert!(off.is_empty());
    }

    #[test]
    fn selections_differ_by_params_and_filters() {
        let spec = ExportSpec {
            projects: vec![0],
            params: fauxport_model::ExportParams::none(),
            filters: Vec::new(),
            streamable: true,
            task_name: None,
            at: None,
        };
        let named = ExportSpec {
            task_name: Some("x".into()),
            ..spec.clone()
        };
        assert_eq!(SelectionDigest::of(&spec), SelectionDigest::of(&named));
        let all = ExportSpec {
            params: fauxport_model::ExportParams::all(),
            ..spec.clone()
        };
        assert_ne!(SelectionDigest::of(&spec), SelectionDigest::of(&all));
        let live = |at| ExportSpec {
            at: Some(at),
            ..spec.clone()
        };
        assert_ne!(SelectionDigest::of(&spec), SelectionDigest::of(&live(0)));
        assert_ne!(SelectionDigest::of(&live(0)), SelectionDigest::of(&live(1)));
    }
}
