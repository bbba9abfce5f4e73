//! What every handler shares.

use std::sync::Arc;

use fauxport_gen::World;

use crate::config::ServerConfig;
use crate::errors::ApiError;
use crate::export::Exports;
use crate::journal::Journal;
use crate::scenario::Scenario;

/// Shared server state: the world, the settings, the tasks.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The generated world.
    pub world: Arc<World>,
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// Export tasks.
    pub exports: Arc<Exports>,
    /// The bounded request journal.
    pub journal: Arc<Journal>,
}

impl AppState {
    /// State over `world` with `config`.
    pub fn new(world: World, config: ServerConfig) -> AppState {
        let world = Arc::new(world);
        let exports = Arc::new(Exports::new(Arc::clone(&world), config.export.clone()));
        AppState {
            world,
            journal: Arc::new(Journal::new(config.journal_capacity)),
            config: Arc::new(config),
            exports,
        }
    }

    /// Who is calling: the scenario an API key selects, or an authentication error.
    pub fn authenticate(&self, authorization: Option<&str>) -> Result<Scenario, ApiError> {
        let key = authorization
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        if let Some(rest) = key.strip_prefix("fauxport:") {
            let name = rest.split(':').next().unwrap_or_default();
            return Scenario::from_name(name).ok_or_else(ApiError::unauthenticated);
        }
        if self.config.any_key || self.config.api_keys.iter().any(|k| k == key) {
            Ok(Scenario::Happy)
        } else {
            Err(ApiError::unauthenticated())
        }
    }
}
