//! What every handler shares.

use std::sync::Arc;

use fauxport_gen::World;

use crate::config::ServerConfig;
use crate::errors::ApiError;
use crate::export::Exports;
use crate::journal::Journal;
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
}

impl AppState {
    /// State over `world` with `config`, or why its scenario settings are invalid (a scenario
    /// file reusing a built-in name, a default that names no scenario).
    pub fn new(world: World, config: ServerConfig) -> Result<AppState, ScenarioError> {
        let world = Arc::new(world);
        let scenarios = Arc::new(Scenarios::new(
            Arc::clone(&world),
            config.scenario_files.clone(),
            config.default_scenario.clone(),
        )?);
        let exports = Arc::new(Exports::new(config.export.clone()));
        Ok(AppState {
            world,
            journal: Arc::new(Journal::new(config.journal_capacity)),
            config: Arc::new(config),
            scenarios,
            exports,
        })
    }

    /// Whether `key` is accepted as a plain API key.
    pub fn accepts_key(&self, key: &str) -> bool {
        self.config.any_key || self.config.api_keys.iter().any(|k| k == key)
    }

    /// Who is calling and under which scenario: from the request's API key (see
    /// `http::request_key`) and the `x-fauxport-scenario` header; an error for a bad key or an
    /// unknown scenario.
    pub fn resolve(
        &self,
        api_key: Option<&str>,
        scenario_header: Option<&str>,
    ) -> Result<Active, ApiError> {
        self.scenarios
            .resolve(api_key.unwrap_or_default(), scenario_header, |k| {
                self.accepts_key(k)
            })
    }
}
