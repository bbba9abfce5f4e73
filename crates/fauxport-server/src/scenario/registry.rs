//! The scenarios a server knows (built-ins, files loaded at start, ones put through the admin
//! API), the default, the per-caller call counters, and the worlds content changes derive.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use fauxport_gen::World;

use super::{CallKind, GraphqlDecision, Scenario, ScenarioError, catalog};
use crate::errors::{ApiError, ErrorKind};

/// The header that selects a scenario.
pub const SCENARIO_HEADER: &str = "x-fauxport-scenario";

/// The prefix of API keys that select a scenario.
pub const KEY_PREFIX: &str = "fauxport:";

/// Most call counters kept before they are all forgotten (a bound, not a limit anyone should
/// reach: one counter per caller and rule).
const MAX_COUNTERS: usize = 100_000;

/// The scenario of a request that selects none and finds no default.
pub const HAPPY: &str = "happy";

/// Where a request's scenario selector came from.
#[derive(Debug, Clone, Copy)]
enum Source {
    Header,
    Key,
    Default,
}

impl Source {
    /// The field an error about the selector names.
    fn field(self) -> &'static str {
        match self {
            Source::Header => "header x-fauxport-scenario",
            Source::Key => "API key",
            Source::Default => "default scenario",
        }
    }
}

/// Most derived worlds kept.
const MAX_WORLDS: usize = 32;

/// The scenario a request runs under.
#[derive(Debug, Clone)]
pub struct Active {
    /// The scenario.
    pub scenario: Arc<Scenario>,
    /// Its seed.
    pub seed: u64,
    /// Who is calling, for call counters: a digest of the API key and the selector (short, so a
    /// long key is not kept again per counter).
    pub caller: Arc<str>,
    /// The API key as sent, shared by every task and counter made under it.
    pub api_key: Arc<str>,
    /// The world rows come from (the server's, or one derived by the scenario's content).
    pub world: Arc<World>,
}

impl Active {
    /// `name` or `name:seed`, as a key or header would select it again.
    pub fn label(&self) -> String {
        format!("{}:{}", self.scenario.name, self.seed)
    }
}

/// Which scenario a request runs under when it does not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultScenario {
    /// The name.
    pub name: String,
    /// The seed; the world's seed when absent.
    pub seed: Option<u64>,
}

impl DefaultScenario {
    /// Reads a selector, `<name>` or `<name>:<seed>`, as a key, a header or `--scenario`
    /// write it; the error says what is wrong with it.
    pub fn parse(selector: &str) -> Result<DefaultScenario, &'static str> {
        match selector.split_once(':') {
            None => Ok(DefaultScenario {
                name: selector.to_owned(),
                seed: None,
            }),
            Some((name, seed)) => match seed.parse() {
                Ok(seed) => Ok(DefaultScenario {
                    name: name.to_owned(),
                    seed: Some(seed),
                }),
                Err(_) => Err("the seed after ':' is not a number"),
            },
        }
    }

    /// The selector: `<name>` or `<name>:<seed>`.
    pub fn selector(&self) -> String {
        match self.seed {
            Some(seed) => format!("{}:{seed}", self.name),
            None => self.name.clone(),
        }
    }

    /// The API key that selects it: `fauxport:<name>[:<seed>]`.
    pub fn api_key(&self) -> String {
        format!("{KEY_PREFIX}{}", self.selector())
    }
}

#[derive(Debug, Default)]
struct Inner {
    custom: BTreeMap<String, Arc<Scenario>>,
    /// Set through the admin API; overrides `startup_default`.
    admin_default: Option<DefaultScenario>,
    counters: HashMap<(Arc<str>, String, u64, usize), u64>,
    /// Plain downloads per caller, scenario, seed and what was downloaded.
    downloads: HashMap<(Arc<str>, String, u64, String), u64>,
    /// Derived worlds by the scenario (the very `Arc`) they were made for: a scenario
    /// replaced through the admin API is a new `Arc`, so it never gets its predecessor's.
    worlds: Vec<(Arc<Scenario>, Arc<World>)>,
}

/// Every scenario a server knows.
#[derive(Debug)]
pub struct Scenarios {
    /// In catalog order.
    builtin: Vec<Arc<Scenario>>,
    /// Loaded from files at start (`serve --scenario-file`): kept across resets.
    files: BTreeMap<String, Arc<Scenario>>,
    startup_default: Option<DefaultScenario>,
    world: Arc<World>,
    inner: Mutex<Inner>,
}

/// Where a scenario comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with fauxport.
    Builtin,
    /// Loaded from a file when the server started.
    File,
    /// Put through the admin API.
    Admin,
}

impl Origin {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Builtin => "builtin",
            Origin::File => "file",
            Origin::Admin => "admin",
        }
    }
}

impl Scenarios {
    /// The built-ins plus `files` over `world`, with `default` for requests that do not choose.
    pub fn new(
        world: Arc<World>,
        files: Vec<Scenario>,
        default: Option<DefaultScenario>,
    ) -> Result<Scenarios, ScenarioError> {
        let builtin: Vec<Arc<Scenario>> = catalog::builtin().into_iter().map(Arc::new).collect();
        let mut by_name = BTreeMap::new();
        for s in files {
            if builtin.iter().any(|b| b.name == s.name) {
                return Err(ScenarioError(format!(
                    "name: {:?} is a built-in scenario; choose another name",
                    s.name
                )));
            }
            by_name.insert(s.name.clone(), Arc::new(s));
        }
        let scenarios = Scenarios {
            builtin,
            files: by_name,
            startup_default: default,
            world,
            inner: Mutex::new(Inner::default()),
        };
        if let Some(d) = &scenarios.startup_default
            && scenarios.get(&d.name).is_none()
        {
            return Err(ScenarioError(format!(
                "default scenario: {:?} is not a known scenario ({})",
                d.name,
                scenarios.names().join(", ")
            )));
        }
        Ok(scenarios)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A scenario by name, and where it comes from.
    pub fn get_with_origin(&self, name: &str) -> Option<(Arc<Scenario>, Origin)> {
        if let Some(s) = self.builtin.iter().find(|s| s.name == name) {
            return Some((Arc::clone(s), Origin::Builtin));
        }
        if let Some(s) = self.files.get(name) {
            return Some((Arc::clone(s), Origin::File));
        }
        self.lock()
            .custom
            .get(name)
            .map(|s| (Arc::clone(s), Origin::Admin))
    }

    /// A scenario by name.
    pub fn get(&self, name: &str) -> Option<Arc<Scenario>> {
        self.get_with_origin(name).map(|(s, _)| s)
    }

    /// Every scenario, built-ins first, then files, then admin ones, each by name.
    pub fn list(&self) -> Vec<(Arc<Scenario>, Origin)> {
        let mut out: Vec<(Arc<Scenario>, Origin)> = self
            .builtin
            .iter()
            .map(|s| (Arc::clone(s), Origin::Builtin))
            .collect();
        out.extend(self.files.values().map(|s| (Arc::clone(s), Origin::File)));
        out.extend(
            self.lock()
                .custom
                .values()
                .map(|s| (Arc::clone(s), Origin::Admin)),
        );
        out
    }

    /// Whether `name` is a built-in or file scenario (which the admin API cannot change).
    fn is_fixed(&self, name: &str) -> bool {
        self.builtin.iter().any(|s| s.name == name) || self.files.contains_key(name)
    }

    /// Every name.
    pub fn names(&self) -> Vec<String> {
        self.list()
            .into_iter()
            .map(|(s, _)| s.name.clone())
            .collect()
    }

    /// Adds or replaces an admin scenario; returns whether it replaced one. Built-in and file
    /// scenarios cannot be replaced.
    pub fn put(&self, scenario: Scenario) -> Result<bool, ScenarioError> {
        if self.is_fixed(&scenario.name) {
            return Err(ScenarioError(format!(
                "name: {:?} is a built-in or file scenario and cannot be replaced; choose another name",
                scenario.name
            )));
        }
        let mut inner = self.lock();
        let name = scenario.name.clone();
        // Its counters restart with the new definition.
        inner.counters.retain(|(_, n, _, _), _| *n != name);
        Ok(inner.custom.insert(name, Arc::new(scenario)).is_some())
    }

    /// Removes an admin scenario; `Ok(false)` when there was none by that name.
    pub fn delete(&self, name: &str) -> Result<bool, ScenarioError> {
        if self.is_fixed(name) {
            return Err(ScenarioError(format!(
                "{name:?} is a built-in or file scenario and cannot be deleted"
            )));
        }
        let mut inner = self.lock();
        if inner.admin_default.as_ref().is_some_and(|d| d.name == name) {
            inner.admin_default = None;
        }
        Ok(inner.custom.remove(name).is_some())
    }

    /// The default in force: the admin one, else the one the server started with.
    pub fn default_scenario(&self) -> Option<DefaultScenario> {
        self.lock()
            .admin_default
            .clone()
            .or_else(|| self.startup_default.clone())
    }

    /// Sets (or, with `None`, clears) the admin default.
    pub fn set_default(&self, default: Option<DefaultScenario>) -> Result<(), ScenarioError> {
        if let Some(d) = &default
            && self.get(&d.name).is_none()
        {
            return Err(ScenarioError(format!(
                "scenario: {:?} is not a known scenario ({})",
                d.name,
                self.names().join(", ")
            )));
        }
        self.lock().admin_default = default;
        Ok(())
    }

    /// Forgets admin scenarios, the admin default and every call counter.
    pub fn reset(&self) -> usize {
        let mut inner = self.lock();
        let removed = inner.custom.len();
        *inner = Inner {
            worlds: std::mem::take(&mut inner.worlds),
            ..Inner::default()
        };
        removed
    }

    /// The scenario a request runs under: the header's, else the key's (`fauxport:<name>[:<seed>]`),
    /// else the default, else `happy`. `accepted` says whether the key is valid.
    pub fn resolve(
        &self,
        api_key: &str,
        header: Option<&str>,
        accepted: impl FnOnce(&str) -> bool,
    ) -> Result<Active, ApiError> {
        let from_key = api_key.strip_prefix(KEY_PREFIX);
        if !accepted(api_key) {
            return Err(ApiError::unauthenticated());
        }
        let (selector, source) = match (header, from_key) {
            (Some(h), _) => (h.trim().to_owned(), Source::Header),
            (None, Some(k)) => (k.to_owned(), Source::Key),
            (None, None) => match self.default_scenario() {
                Some(d) => (d.selector(), Source::Default),
                None => (HAPPY.to_owned(), Source::Default),
            },
        };
        let (name, seed) = match DefaultScenario::parse(&selector) {
            Ok(d) => {
                let seed = d.seed.unwrap_or_else(|| self.world.seed());
                (d.name, seed)
            }
            Err(why) => return Err(self.unknown(source, &selector, why)),
        };
        let name = name.as_str();
        let Some(scenario) = self.get(name) else {
            return Err(self.unknown(source, &selector, "no scenario by that name"));
        };
        let world = self
            .world_for(&scenario)
            .map_err(|e| ApiError::bad_input(&format!("scenario {name}: content"), e))?;
        Ok(Active {
            caller: super::caller::digest(api_key, header.unwrap_or_default()).into(),
            api_key: api_key.into(),
            scenario,
            seed,
            world,
        })
    }

    fn unknown(&self, source: Source, selector: &str, why: &str) -> ApiError {
        let problem = format!(
            "{selector:?} does not select a scenario ({why}); known scenarios: {}",
            self.names().join(", ")
        );
        match source {
            // The SDK shows AuthenticationError for any bad key; other clients see the message.
            Source::Key => ApiError::new(
                ErrorKind::Unauthenticated,
                format!("{}: {problem}", source.field()),
            ),
            Source::Header | Source::Default => ApiError::bad_input(source.field(), problem),
        }
    }

    /// What the scenario does to a GraphQL call of `kind` with `operations` from `active`'s
    /// caller: counts the call against every rule it matches, then decides.
    pub fn decide_graphql(
        &self,
        active: &Active,
        kind: CallKind,
        operations: &[String],
    ) -> GraphqlDecision {
        let rules = active.scenario.matching_graphql_rules(kind, operations);
        if rules.is_empty() {
            return GraphqlDecision::default();
        }
        let positions: Vec<(usize, u64)> = {
            let mut inner = self.lock();
            if inner.counters.len() > MAX_COUNTERS {
                inner.counters.clear();
            }
            rules
                .into_iter()
                .map(|i| {
                    let key = (
                        active.caller.clone(),
                        active.scenario.name.clone(),
                        active.seed,
                        i,
                    );
                    let n = inner.counters.entry(key).or_insert(0);
                    *n += 1;
                    (i, *n)
                })
                .collect()
        };
        active.scenario.decide_graphql(active.seed, &positions)
    }

    /// Counts a plain download of `what` by `active`'s caller; returns which one it is
    /// (1-based), the `attempt` page rules select.
    pub fn count_download(&self, active: &Active, what: &str) -> u64 {
        let mut inner = self.lock();
        if inner.downloads.len() > MAX_COUNTERS {
            inner.downloads.clear();
        }
        let key = (
            active.caller.clone(),
            active.scenario.name.clone(),
            active.seed,
            what.to_owned(),
        );
        let n = inner.downloads.entry(key).or_insert(0);
        *n += 1;
        *n
    }

    /// The world a scenario's rows come from: the server's, or one with its content changes
    /// (made once per scenario and kept; looked up by pointer, so a request pays no hashing).
    pub fn world_for(&self, scenario: &Arc<Scenario>) -> Result<Arc<World>, String> {
        let c = &scenario.content;
        if c.is_unchanged() || self.world.replay.is_some() && !c.empty {
            return Ok(Arc::clone(&self.world));
        }
        let cached = |inner: &Inner| {
            inner
                .worlds
                .iter()
                .find(|(s, _)| Arc::ptr_eq(s, scenario))
                .map(|(_, w)| Arc::clone(w))
        };
        if let Some(w) = cached(&self.lock()) {
            return Ok(w);
        }
        let mut spec = self.world.spec.clone();
        if let Some(rate) = c.edge_case_rate {
            spec.edge_case_rate = rate;
        }
        if let Some(messages) = &c.error_messages {
            spec.error_messages = messages.clone();
        }
        if let Some(rate) = c.huge_row_rate {
            spec.huge_row_rate = rate;
        }
        if let Some(bytes) = c.huge_row_bytes {
            spec.huge_row_bytes = bytes;
        }
        for p in &mut spec.projects {
            if let Some(rate) = c.error_rate {
                p.error_rate = rate;
            }
            if let Some(rows) = c.rows {
                p.rows = rows;
            }
            if c.empty {
                p.rows = 0;
            }
        }
        // The base world's corpus and ontology files, if it has some, stay with its spec.
        let mut world = World::with_content(spec, self.world.content.clone()).map_err(|e| e.0)?;
        if self.world.replay.is_some() {
            // An empty export of a replayed file: its projects, with no rows.
            for (p, original) in world.projects.iter_mut().zip(&self.world.projects) {
                p.id = original.id.clone();
                p.name = original.name.clone();
                p.dataset = original.dataset.clone();
            }
        }
        let world = Arc::new(world);
        let mut inner = self.lock();
        // Another request may have made it meanwhile: keep one.
        if let Some(w) = cached(&inner) {
            return Ok(w);
        }
        if inner.worlds.len() >= MAX_WORLDS {
            inner.worlds.clear();
        }
        inner
            .worlds
            .push((Arc::clone(scenario), Arc::clone(&world)));
        Ok(world)
    }
}
