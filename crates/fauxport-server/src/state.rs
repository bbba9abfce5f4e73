//! What every handler shares.

use std::sync::Arc;

use fauxport_gen::World;

use crate::clock::Clock;
use crate::config::ServerConfig;
use crate::errors::ApiError;
use crate::export::render::Renderer;
use crate::export::{Exports, IdKeys, Task};
use crate::journal::Journal;
use crate::metrics::Metrics;
use crate::scenario::{Active, ScenarioError, Scenarios};

/// Shared server state: the world, the settings, the scenarios, the tasks, the journal.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The generated world.
    pub world: Arc<World>,
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// The scenarios the server knows, and the default.
    pub scenarios: Arc<Scenarios>,
    /// Export tasks.
    pub exports: Arc<Exports>,
    /// The bounded request journal.
    pub journal: Arc<Journal>,
    /// Renders page bodies and keeps the page cache.
    pub render: Arc<Renderer>,
    /// What `/metrics` shows.
    pub metrics: Arc<Metrics>,
    /// The world's clock, when the server is live ([`ServerConfig::live`]).
    pub clock: Option<Arc<Clock>>,
}

impl AppState {
    /// State over `world` with `config`, or why its scenario settings are invalid (a scenario
    /// file reusing a built-in name, a default that names no scenario).
    /// A world over the served limits (`crate::limits::check_served_sizes`) is refused too.
    pub fn new(world: World, config: ServerConfig) -> Result<AppState, ScenarioError> {
        crate::limits::check_served_world(&world.spec).map_err(ScenarioError)?;
        let world = Arc::new(world);
        let scenarios = Arc::new(Scenarios::new(
            Arc::clone(&world),
            config.scenario_files.clone(),
            config.default_scenario.clone(),
        )?);
        let ids = IdKeys {
            secret: config.url_secret.clone(),
            world: world.fingerprint(),
            nonce_salt: process_salt(),
        };
        let render = Arc::new(Renderer::new(
            config.export.threads,
            config.export.page_cache_bytes,
        ));
        let exports = Arc::new(
            Exports::new(config.export.clone(), ids)
                .with_running_per_key(config.limits.running_exports_per_key),
        );
        let clock = world
            .clock_start()
            .filter(|_| config.live)
            .map(|(start, speed)| Arc::new(Clock::new(start, speed)));
        Ok(AppState {
            clock,
            world,
            journal: Arc::new(Journal::new(config.journal_capacity)),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new(Arc::clone(&render), Arc::clone(&exports))),
            scenarios,
            exports,
            render,
        })
    }

    /// Whether `key` is accepted: any key with `any_key`; a scenario key
    /// (`fauxport:<scenario>[:<seed>]`) when scenario keys are on; else a configured key.
    pub fn accepts_key(&self, key: &str) -> bool {
        if self.config.any_key {
            return true;
        }
        if key.starts_with(crate::scenario::registry::KEY_PREFIX) {
            return self.config.scenario_keys;
        }
        self.config.api_keys.iter().any(|k| k == key)
    }

    /// The task with `id`, known here or rebuilt from its portable id (see
    /// [`Exports::find`]); `api_key` is the caller's, when the request carries one.
    pub async fn task(&self, id: &str, api_key: Option<&str>) -> Option<Arc<Task>> {
        self.exports.find(id, &self.scenarios, api_key).await
    }

    /// The world's time now, Unix milliseconds, when the server is live; `None` otherwise (every
    /// export sees the whole world).
    pub fn now_ms(&self) -> Option<i64> {
        self.clock.as_ref().map(|c| c.now_ms())
    }

    /// Who is calling and under which scenario: from the request's API key (see
    /// `api_key::request_key`) and the `x-fauxport-scenario` header; an error for a bad key or an
    /// unknown scenario.
    pub fn resolve(
        &self,
        api_key: Option<&str>,
        scenario_header: Option<&str>,
    ) -> Result<Active, ApiError> {
        let api_key = api_key.unwrap_or_default();
        self.config.limits.check_key(api_key)?;
        self.scenarios
            .resolve(api_key, scenario_header, |k| self.accepts_key(k))
    }
}

/// Differs between processes (and so between replicas): the clock at start and the process id.
fn process_salt() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    fauxport_gen::rng::hash_key(&[nanos, u64::from(std::process::id())])
}
