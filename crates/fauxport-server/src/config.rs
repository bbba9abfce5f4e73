//! Server settings.

use std::time::Duration;

use crate::export::ExportConfig;
use crate::limits::Limits;
use crate::scenario::Scenario;
use crate::scenario::registry::DefaultScenario;

/// Everything `fauxport serve` can set.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The base URL page links are built from (behind a proxy); `None` uses the request's `Host`.
    pub public_url: Option<String>,
    /// API keys that are accepted (besides `fauxport:<scenario>[:<seed>]` keys).
    pub api_keys: Vec<String>,
    /// Accept any API key.
    pub any_key: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How long page URLs stay valid.
    pub url_ttl: Duration,
    /// The key page URLs are signed with (shared by replicas).
    pub url_secret: Vec<u8>,
    /// Export settings.
    pub export: ExportConfig,
    /// How many requests the journal keeps (oldest evicted first); 0 records nothing.
    pub journal_capacity: usize,
    /// Scenarios loaded from files, besides the built-ins.
    pub scenario_files: Vec<Scenario>,
    /// The scenario of requests that do not choose one (`happy` when `None`).
    pub default_scenario: Option<DefaultScenario>,
    /// A live world (`serve --live`): a clock runs from where the world's `[clock]` section
    /// starts it, and exports see the world at the clock's time. Needs a world with a clock
    /// section (`WorldSpec::clock`); a world without one has no clock and does not move.
    pub live: bool,
    /// What one request, one key and one served world may cost.
    pub limits: Limits,
}

/// The API key the default world prints.
pub const DEFAULT_API_KEY: &str = "fauxport-local-dev-key";

/// How many requests the journal keeps unless told otherwise.
pub const DEFAULT_JOURNAL_CAPACITY: usize = 10_000;

impl ServerConfig {
    /// Defaults for a world with `seed`: the default key, 1 MiB bodies, one-hour URLs, a journal
    /// of [`DEFAULT_JOURNAL_CAPACITY`] requests.
    pub fn for_seed(seed: u64) -> ServerConfig {
        ServerConfig {
            public_url: None,
            api_keys: vec![DEFAULT_API_KEY.to_owned()],
            any_key: false,
            max_body_bytes: 1 << 20,
            url_ttl: Duration::from_secs(3600),
            url_secret: format!("fauxport-url-secret-{seed}").into_bytes(),
            export: ExportConfig::default(),
            journal_capacity: DEFAULT_JOURNAL_CAPACITY,
            scenario_files: Vec::new(),
            default_scenario: None,
            live: false,
            limits: Limits::default(),
        }
    }
}
