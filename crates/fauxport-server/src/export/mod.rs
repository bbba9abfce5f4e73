//! Export tasks: created by a mutation, completed by a background pass that builds the page
//! tables, read by the header and page lookups, served page by page.
//!
//! Tasks live in a bounded in-memory registry (oldest evicted first). A task whose spec is small
//! has a portable id ([`task_id`]): a replica that does not know it (another replica made it, or
//! this one restarted) rebuilds it from the id and computes its page tables again. Page bytes
//! are rendered from the world when a page is downloaded; [`cache`] keeps recent pages.

pub mod cache;
pub mod render;
mod request;
pub mod tables;
pub mod task_id;
pub mod tokens;

pub use request::{ExportSpec, catalog_export, project_export};
pub use tables::{Page, StreamTable, Tables, render_page};

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fauxport_gen::{Stream, World};
use fauxport_model::Cuid;

use crate::errors::ApiError;
use crate::scenario::{Active, Scenarios, TaskEnd};
use task_id::Portable;

/// Task status, as the SDK reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    /// Still running: the SDK polls every 2 s.
    InProgress,
    /// Done: streams can be read.
    Complete,
    /// Failed: the SDK raises.
    Failed,
    /// Canceled: the SDK stops waiting; its readers say the task is not ready.
    Canceled,
}

impl TaskStatus {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::InProgress => "IN_PROGRESS",
            TaskStatus::Complete => "COMPLETE",
            TaskStatus::Failed => "FAILED",
            TaskStatus::Canceled => "CANCELED",
        }
    }
}

/// One export task.
#[derive(Debug)]
pub struct Task {
    /// Its id (a cuid, or a portable id); the registry keeps this one copy.
    pub id: Arc<str>,
    /// What it exports.
    pub spec: ExportSpec,
    /// The scenario of the request that created it (and the world its rows come from).
    pub active: Active,
    /// When it was created, Unix milliseconds.
    pub created_ms: i64,
    started: Instant,
    /// Downloads so far of each page, by stream and page (`None`: the whole-file URL).
    downloads: Mutex<HashMap<(Stream, Option<usize>), u64>>,
    tables: OnceLock<Tables>,
    ready_after: Duration,
    /// Set once the table pass has ended (built or cancelled); `done` wakes who waits for it.
    finished: AtomicBool,
    done: tokio::sync::Notify,
    /// Made again from its id by a replica that did not create it.
    rebuilt: bool,
    /// Set when the task is evicted: its table pass stops at the next chunk.
    cancelled: AtomicBool,
    /// What its pages' bytes depend on besides the world (the page cache's key).
    pub selection: cache::SelectionDigest,
}

impl Task {
    /// The status now.
    pub fn status(&self) -> TaskStatus {
        if self.started.elapsed() < self.ready_after || self.tables.get().is_none() {
            TaskStatus::InProgress
        } else {
            match self.active.scenario.task.end {
                TaskEnd::Complete => TaskStatus::Complete,
                TaskEnd::Failed => TaskStatus::Failed,
                TaskEnd::Canceled => TaskStatus::Canceled,
            }
        }
    }

    /// The world its rows come from.
    pub fn world(&self) -> &Arc<World> {
        &self.active.world
    }

    /// Counts a download of `page` of `stream`; returns which download it is (1-based).
    pub fn count_download(&self, stream: Stream, page: Option<usize>) -> u64 {
        let mut downloads = self.downloads.lock().unwrap_or_else(|e| e.into_inner());
        let n = downloads.entry((stream, page)).or_insert(0);
        *n += 1;
        *n
    }

    /// Whether its table pass was cancelled (the task was evicted before the pass ended).
    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The page tables, once the pass is done.
    pub fn tables(&self) -> Option<&Tables> {
        self.tables.get()
    }

    /// The page tables, once the task is `COMPLETE` (what header and page lookups read).
    pub fn complete_tables(&self) -> Option<&Tables> {
        self.tables
            .get()
            .filter(|_| self.status() == TaskStatus::Complete)
    }

    /// Waits until the page tables are built, or `limit` has passed; returns whether they are.
    pub async fn settle(&self, limit: Duration) -> bool {
        let ended = async {
            loop {
                let notified = self.done.notified();
                let mut notified = std::pin::pin!(notified);
                // Registered before the flag is read, so the end cannot slip in between.
                notified.as_mut().enable();
                if self.finished.load(Ordering::Acquire) {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(limit, ended).await.is_ok() && self.tables.get().is_some()
    }

    /// Completion in percent.
    pub fn completion(&self) -> f64 {
        if self.status() == TaskStatus::InProgress {
            0.0
        } else {
            100.0
        }
    }
}

/// Settings of the export machinery.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    /// Lines per page.
    pub page_rows: u64,
    /// Minimum time a task stays `IN_PROGRESS`.
    pub task_delay: Duration,
    /// Threads for the table pass.
    pub threads: usize,
    /// How long an export mutation waits for the table pass before answering, so small
    /// exports are `COMPLETE` at the SDK's first look and it does not sleep 2 s to poll.
    pub settle: Duration,
    /// Most tasks kept; the oldest is forgotten first.
    pub max_tasks: usize,
    /// Bytes of rendered pages kept for repeated downloads (0: none).
    pub page_cache_bytes: u64,
}

/// The page cache's size unless told otherwise: 64 MiB.
pub const DEFAULT_PAGE_CACHE_BYTES: u64 = 64 << 20;

/// Tasks kept unless told otherwise (about 1 KB each with their page tables, for small exports).
pub const DEFAULT_MAX_TASKS: usize = 10_000;

impl Default for ExportConfig {
    fn default() -> Self {
        ExportConfig {
            page_rows: 1000,
            task_delay: Duration::ZERO,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            settle: Duration::from_millis(500),
            max_tasks: DEFAULT_MAX_TASKS,
            page_cache_bytes: DEFAULT_PAGE_CACHE_BYTES,
        }
    }
}

/// The task registry.
#[derive(Debug)]
pub struct Exports {
    config: ExportConfig,
    tasks: Mutex<Registry>,
    /// Table passes running now, by API key.
    running: Arc<Mutex<HashMap<Arc<str>, usize>>>,
    /// Most passes one key may have running ([`crate::limits::Limits::running_exports_per_key`]).
    per_key: usize,
    counter: AtomicU64,
    ids: IdKeys,
}

/// What portable task ids are made and checked with.
#[derive(Debug, Clone)]
pub struct IdKeys {
    /// The signing secret (the URL secret, shared by replicas).
    pub secret: Vec<u8>,
    /// The server world's fingerprint.
    pub world: u64,
    /// Tells this process's ids apart from another replica's made in the same millisecond.
    pub nonce_salt: u64,
}

/// How long a lookup of a rebuilt task waits for its page tables.
const REBUILD_WAIT: Duration = Duration::from_secs(120);

/// One running table pass, counted against its key until dropped.
struct Pass {
    running: Arc<Mutex<HashMap<Arc<str>, usize>>>,
    key: Arc<str>,
}

impl Drop for Pass {
    fn drop(&mut self) {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = running.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                running.remove(&self.key);
            }
        }
    }
}

/// The tasks kept, by id and oldest first; the two share each id's one copy.
#[derive(Debug, Default)]
struct Registry {
    by_id: HashMap<Arc<str>, Arc<Task>>,
    order: VecDeque<Arc<str>>,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Exports {
    /// An empty registry whose tasks get ids made with `ids`.
    pub fn new(config: ExportConfig, ids: IdKeys) -> Exports {
        Exports {
            config,
            tasks: Mutex::new(Registry::default()),
            running: Arc::default(),
            per_key: usize::MAX,
            counter: AtomicU64::new(0),
            ids,
        }
    }

    /// The registry with at most `per_key` table passes running at once per API key.
    pub fn with_running_per_key(mut self, per_key: usize) -> Exports {
        self.per_key = per_key.max(1);
        self
    }

    /// How many table passes `key` has running now.
    pub fn running(&self, key: &str) -> usize {
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        running.get(key).copied().unwrap_or(0)
    }

    /// Counts a pass of `key`'s; refused (`None`) when `enforce` and the key is at its limit.
    fn pass(&self, key: &Arc<str>, enforce: bool) -> Option<Pass> {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        let n = running.entry(Arc::clone(key)).or_insert(0);
        if enforce && *n >= self.per_key {
            return None;
        }
        *n += 1;
        Some(Pass {
            running: Arc::clone(&self.running),
            key: Arc::clone(key),
        })
    }

    /// The settings.
    pub fn config(&self) -> &ExportConfig {
        &self.config
    }

    /// Creates a task over the world of `active` and starts its pass on a blocking thread. The
    /// task is visible at once. Refused with the rate-limit error when the caller's key has
    /// [`Exports::with_running_per_key`] passes running already.
    pub fn create(&self, spec: ExportSpec, active: Active) -> Result<Arc<Task>, ApiError> {
        let Some(pass) = self.pass(&active.api_key, true) else {
            return Err(ApiError::rate_limited(&format!(
                "exports running at once: this API key has {} running, the limit is {} \
                 (running exports per key limit)",
                self.running(&active.api_key),
                self.per_key
            )));
        };
        let created_ms = now_ms();
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let nonce = fauxport_gen::rng::hash_key(&[self.ids.nonce_salt, created_ms as u64, n]);
        let portable = Portable {
            world: self.ids.world,
            created_ms,
            nonce,
            scenario: active.label(),
            spec,
        };
        let id = portable
            .encode(&self.ids.secret)
            .unwrap_or_else(|| Cuid::from_parts(created_ms as u64, n, 0x7a5c, nonce).0);
        Ok(self.start(id.into(), portable.spec, active, created_ms, pass, false))
    }

    /// Registers a task and starts its table pass; an already registered task of that id wins.
    fn start(
        &self,
        id: Arc<str>,
        spec: ExportSpec,
        active: Active,
        created_ms: i64,
        pass: Pass,
        rebuilt: bool,
    ) -> Arc<Task> {
        let age = Duration::from_millis(now_ms().saturating_sub(created_ms).max(0) as u64);
        let task = Arc::new(Task {
            id,
            created_ms,
            started: Instant::now().checked_sub(age).unwrap_or_else(Instant::now),
            tables: OnceLock::new(),
            ready_after: self
                .config
                .task_delay
                .max(Duration::from_millis(active.scenario.task.in_progress_ms)),
            finished: AtomicBool::new(false),
            done: tokio::sync::Notify::new(),
            downloads: Mutex::new(HashMap::new()),
            active,
            rebuilt,
            cancelled: AtomicBool::new(false),
            selection: cache::SelectionDigest::of(&spec),
            spec,
        });
        {
            let mut reg = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(known) = reg.by_id.get(&task.id) {
                return Arc::clone(known);
            }
            reg.by_id.insert(Arc::clone(&task.id), Arc::clone(&task));
            reg.order.push_back(Arc::clone(&task.id));
            while reg.order.len() > self.config.max_tasks {
                if let Some(old) = reg.order.pop_front()
                    && let Some(evicted) = reg.by_id.remove(&old)
                {
                    evicted.cancelled.store(true, Ordering::Relaxed);
                }
            }
        }
        let (world, worker, page_rows, threads) = (
            Arc::clone(task.world()),
            Arc::clone(&task),
            self.config.page_rows,
            self.config.threads,
        );
        crate::blocking::spawn(move || {
            let _pass = pass;
            let built =
                tables::build_until(&world, &worker.spec, page_rows, threads, &worker.cancelled);
            if let Some(tables) = built {
                let _ = worker.tables.set(tables);
            }
            worker.finished.store(true, Ordering::Release);
            worker.done.notify_waiters();
        });
        task
    }

    /// A task by id: a known one, or one rebuilt from a portable id (made by another replica,
    /// or by this one before a restart) under its scenario, looked up in `scenarios`, with
    /// `api_key` (the caller's, when the request has one) as its key in the journal. A rebuilt
    /// task is answered for once its page tables are computed again (waited for here), so a
    /// header or page lookup never sees it half-made. `None` for an unknown id, an id signed
    /// with another secret, made over another world, or under a scenario this server lacks.
    pub async fn find(
        &self,
        id: &str,
        scenarios: &Scenarios,
        api_key: Option<&str>,
    ) -> Option<Arc<Task>> {
        let task = match self.get(id) {
            Some(task) => task,
            None => {
                let p = Portable::decode(id, &self.ids.secret)?;
                if p.world != self.ids.world {
                    return None;
                }
                let active = scenarios
                    .resolve(api_key.unwrap_or_default(), Some(&p.scenario), |_| true)
                    .ok()?;
                // A rebuilt pass is counted against the key but never refused: the task exists.
                let pass = self.pass(&active.api_key, false)?;
                self.start(id.into(), p.spec, active, p.created_ms, pass, true)
            }
        };
        if task.rebuilt && task.tables().is_none() {
            task.settle(REBUILD_WAIT).await;
        }
        Some(task)
    }

    /// A task by id.
    pub fn get(&self, id: &str) -> Option<Arc<Task>> {
        self.tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .by_id
            .get(id)
            .cloned()
    }

    /// How many tasks are kept.
    pub fn len(&self) -> usize {
        self.tasks
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .by_id
            .len()
    }

    /// Whether no task is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
