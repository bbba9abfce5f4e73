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
    /// API keys that are accepted.
    pub api_keys: Vec<String>,
    /// Accept `fauxport:<scenario>[:<seed>]` keys (on by default; `serve --api-key` turns it off
    /// unless `--scenario-keys` is given too).
    pub scenario_keys: bool,
    /// Accept any API key.
    pub any_key: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How long page URLs stay valid.
    pub url_ttl: Duration,
    /// The key page URLs and portable task ids are signed with: random for each start unless
    /// given (replicas share one, `serve --url-secret`).
    pub url_secret: Vec<u8>,
    /// Who may use the admin API (`/__admin`).
    pub admin: AdminAccess,
    /// Connection limits and timeouts.
    pub connections: Connections,
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

/// How many connections, for how long, and how long a stop waits for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connections {
    /// Open connections at most; one more is answered `503` with `Retry-After` and closed (a
    /// health probe, `GET /healthz`, is answered `200` even then).
    pub max: usize,
    /// How long a request's headers (and an idle keep-alive connection's next request) and its
    /// body may take to arrive: headers too slow close the connection, a body too slow is
    /// answered `408`.
    pub request_timeout: Duration,
    /// How long a stop (SIGTERM, Ctrl-C) waits for open responses before it cuts them.
    pub shutdown_grace: Duration,
}

impl Default for Connections {
    /// 8192 connections (256 clients that each keep a few connections open are far below it),
    /// 30-second requests, 10 seconds of grace.
    fn default() -> Connections {
        Connections {
            max: 8192,
            request_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Who may use the admin API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminAccess {
    /// Requests from a loopback peer that name a loopback host and come from no other web page
    /// (`Host` and `Origin` checked: no DNS rebinding, no cross-site request).
    Loopback,
    /// Any peer that sends `Authorization: Bearer <token>` (`serve --admin-token`).
    Token(String),
    /// Nobody (`serve --no-admin`): every `/__admin` route answers 404.
    Off,
}

/// The API key the default world prints.
pub const DEFAULT_API_KEY: &str = "fauxport-local-dev-key";

/// How many requests the journal keeps unless told otherwise.
pub const DEFAULT_JOURNAL_CAPACITY: usize = 10_000;

impl ServerConfig {
    /// Defaults for a world with `seed`: the default key and scenario keys, 1 MiB bodies,
    /// one-hour URLs signed with a random secret, the admin API for loopback callers, a journal
    /// of [`DEFAULT_JOURNAL_CAPACITY`] requests.
    pub fn for_seed(seed: u64) -> ServerConfig {
        ServerConfig {
            public_url: None,
            api_keys: vec![DEFAULT_API_KEY.to_owned()],
            scenario_keys: true,
            any_key: false,
            max_body_bytes: 1 << 20,
            url_ttl: Duration::from_secs(3600),
            url_secret: random_secret(seed),
            admin: AdminAccess::Loopback,
            connections: Connections::default(),
            export: ExportConfig::default(),
            journal_capacity: DEFAULT_JOURNAL_CAPACITY,
            scenario_files: Vec::new(),
            default_scenario: None,
            live: false,
            limits: Limits::default(),
        }
    }
}

/// 32 bytes from the operating system's randomness. Should that fail (no such source), the clock,
/// the process id and `seed` hashed: unpredictable enough for a local test server, and logged.
fn random_secret(seed: u64) -> Vec<u8> {
    let mut secret = vec![0u8; 32];
    if let Err(e) = getrandom::fill(&mut secret) {
        tracing::warn!("no OS randomness ({e}): the URL secret is derived from the clock");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let text = format!("{nanos}-{}-{seed}", std::process::id());
        secret = <sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()).to_vec();
    }
    secret
}
