//! What a world is made of, as data: the TOML-describable [`WorldSpec`].

use serde::{Deserialize, Serialize};

/// The kinds of LLM project fauxport generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectKind {
    /// "Humans generate prompts and responses": auto-generated rows, prompt + responses per label.
    PromptResponseCreation,
    /// "Humans generate prompts": auto-generated rows, one prompt per label.
    PromptCreation,
    /// "Humans generate responses to uploaded prompts": text rows hold the prompt.
    ResponseCreation,
    /// Human preference between two model outputs of a conversation (`modelOutputs`).
    ConversationalPreference,
}

impl ProjectKind {
    /// Every kind, in the order the default world lists them.
    pub const ALL: [ProjectKind; 4] = [
        ProjectKind::PromptResponseCreation,
        ProjectKind::PromptCreation,
        ProjectKind::ResponseCreation,
        ProjectKind::ConversationalPreference,
    ];

    /// The kebab-case name used in TOML, on the command line and in file names.
    pub fn slug(self) -> &'static str {
        match self {
            ProjectKind::PromptResponseCreation => "prompt-response-creation",
            ProjectKind::PromptCreation => "prompt-creation",
            ProjectKind::ResponseCreation => "response-creation",
            ProjectKind::ConversationalPreference => "conversational-preference",
        }
    }

    /// Parses a slug.
    pub fn from_slug(s: &str) -> Option<ProjectKind> {
        ProjectKind::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// Whether Labelbox creates the data rows itself (global key = cuid, no external id).
    pub fn rows_are_generated(self) -> bool {
        matches!(
            self,
            ProjectKind::PromptResponseCreation | ProjectKind::PromptCreation
        )
    }
}

/// The default of [`WorldSpec::huge_row_bytes`]: 1 MiB.
pub const DEFAULT_HUGE_ROW_BYTES: u64 = 1 << 20;

/// The largest [`WorldSpec::huge_row_bytes`] a world accepts: 256 MiB.
pub const MAX_HUGE_ROW_BYTES: u64 = 256 << 20;
/// The most rows a project may have ([`ProjectSpec::rows`]): 100 million. A world's rows are
/// rendered on demand, but an export's page table and a check's truth grow with them; a world
/// file or `--rows` asking for more is refused by name.
pub const MAX_PROJECT_ROWS: u64 = 100_000_000;
/// The most messages [`WorldSpec::error_messages`] may hold.
pub const MAX_ERROR_MESSAGES: usize = 100;
/// The longest message of [`WorldSpec::error_messages`], in bytes.
pub const MAX_ERROR_MESSAGE_BYTES: usize = 1000;

/// A whole world: an organisation with one dataset and one ontology per project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorldSpec {
    /// The seed every byte derives from.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// First day of the world's history, `YYYY-MM-DD` (UTC).
    #[serde(default = "default_start")]
    pub start: String,
    /// Last day of the world's history, `YYYY-MM-DD` (UTC).
    #[serde(default = "default_end")]
    pub end: String,
    /// Share of rows whose text is hostile but valid (empty strings, 100 KB responses, RTL text,
    /// combining marks, braces and quotes, deep nesting). `0` never, `1` always.
    #[serde(default = "default_edge_case_rate")]
    pub edge_case_rate: f64,
    /// Share of rows whose main text is replaced by a huge but valid text of about
    /// [`huge_row_bytes`](Self::huge_row_bytes), for load and fault scenarios. `0` never (the
    /// default: existing worlds are unchanged), `1` always.
    ///
    /// The main text is the uploaded prompt (`row_data`) of response-creation rows, "Response A"
    /// of conversational rows, and the first submitted label's response (prompt-response
    /// creation) or prompt (prompt creation): those two kinds keep their text in labels, so a
    /// huge row without a submitted label has nothing to enlarge and stays small.
    #[serde(default)]
    pub huge_row_rate: f64,
    /// Target size of a huge row's text, in bytes (of UTF-8, before JSON escaping); the text
    /// lands within about a kilobyte of it. Default 1 MiB, at most [`MAX_HUGE_ROW_BYTES`].
    #[serde(default = "default_huge_row_bytes")]
    pub huge_row_bytes: u64,
    /// The messages errors-stream lines carry, one picked per failed row; empty (the default):
    /// the inferred messages in `fauxport_model::inferred::ERROR_LINE_MESSAGES`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error_messages: Vec<String>,
    /// Share of preference labels whose rater picks the worse output (annotator noise); the
    /// others pick the better one, or call a minor difference a tie. Default 0.1.
    #[serde(default = "default_annotator_noise")]
    pub annotator_noise: f64,
    /// Share of preference conversations with earlier turns (2 to 6 user messages); the others
    /// are one question. Default 0.35.
    #[serde(default = "default_multi_turn_rate")]
    pub multi_turn_rate: f64,
    /// A corpus of prompts and responses that rows show instead of generated text: a JSONL file,
    /// relative to the world file (see [`crate::content`]). Read by
    /// [`crate::content::read_world_file`]; a world built from a spec naming one needs its
    /// content ([`crate::World::with_content`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<std::path::PathBuf>,
    /// A live world's clock (`[clock]`): when present, the rows are laid out around the instant
    /// the clock starts at, and `fauxport serve --live` shows the world as it stands at the
    /// clock's time. Absent (the default): the world is laid out over `start`..`end` as always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<ClockSpec>,
    /// The projects.
    pub projects: Vec<ProjectSpec>,
}

/// The default of [`ClockSpec::history_days`] and [`ClockSpec::future_days`].
pub const DEFAULT_CLOCK_DAYS: u32 = 30;
/// The most days [`ClockSpec::history_days`] and [`ClockSpec::future_days`] may each span.
pub const MAX_CLOCK_DAYS: u32 = 36_500;

/// The `[clock]` section of a world file: a live world's timeline. Rows arrive (in batches, in
/// creation-time order) from `history_days` before `start` to `future_days` after it, and are
/// labelled, reviewed and reworked as time passes, so the world at instant T is a pure function
/// of (seed, T). In a live world the `start` date of the world is not used; its `end` date is
/// the clock's default start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockSpec {
    /// The instant the clock starts at, RFC 3339 (`2026-01-15T09:00:00Z`); default: midnight
    /// UTC of the world's `end` date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// How fast the clock runs against real time: 1 is real time, 60 a minute a second.
    /// Default 1; must be above 0.
    #[serde(default = "default_speed")]
    pub speed: f64,
    /// Days of the world's history that exist when the clock starts: the first rows arrived
    /// this long before `start`. Default 30.
    #[serde(default = "default_clock_days")]
    pub history_days: u32,
    /// Days after `start` during which new rows keep arriving (labels and reviews follow them
    /// for a while longer). Default 30.
    #[serde(default = "default_clock_days")]
    pub future_days: u32,
}

impl Default for ClockSpec {
    fn default() -> Self {
        ClockSpec {
            start: None,
            speed: default_speed(),
            history_days: DEFAULT_CLOCK_DAYS,
            future_days: DEFAULT_CLOCK_DAYS,
        }
    }
}

const DAY_MS: i64 = 86_400_000;

impl ClockSpec {
    /// Checks the section, naming the field at fault (`clock.speed`), and gives the instant the
    /// clock starts at, Unix milliseconds. `end_day_ms`: midnight UTC of the world's `end` date.
    pub fn start_ms(&self, end_day_ms: i64) -> Result<i64, String> {
        if !(self.speed.is_finite() && self.speed > 0.0) {
            return Err(format!(
                "`clock.speed` must be a number above 0, found {}",
                self.speed
            ));
        }
        for (name, days) in [
            ("history_days", self.history_days),
            ("future_days", self.future_days),
        ] {
            if days > MAX_CLOCK_DAYS {
                return Err(format!(
                    "`clock.{name}` must be at most {MAX_CLOCK_DAYS}, found {days}"
                ));
            }
        }
        if self.history_days == 0 && self.future_days == 0 {
            return Err("`clock.history_days` and `clock.future_days` must not both be 0".into());
        }
        match &self.start {
            None => Ok(end_day_ms),
            Some(text) => fauxport_model::time::parse_rfc3339_millis(text).ok_or_else(|| {
                    format!(
                        "`clock.start` must be an RFC 3339 instant such as \"2026-01-15T09:00:00Z\", found {text:?}"
                    )
                }),
        }
    }

    /// The live world's timeline `(first, last)`, Unix milliseconds: from `history_days` before
    /// the clock's start to `future_days` after it.
    pub fn window(&self, start_ms: i64) -> (i64, i64) {
        (
            start_ms - i64::from(self.history_days) * DAY_MS,
            start_ms + i64::from(self.future_days) * DAY_MS,
        )
    }
}

/// The world's first and last instants, Unix milliseconds: `start`..`end` as checked (`start_ms`,
/// `end_ms`), or a live world's timeline (see [`ClockSpec`]).
pub(crate) fn timeline(spec: &WorldSpec, start_ms: i64, end_ms: i64) -> Result<(i64, i64), String> {
    match &spec.clock {
        None => Ok((start_ms, end_ms)),
        // `end_ms` is the last millisecond of the `end` day.
        Some(clock) => Ok(clock.window(clock.start_ms(end_ms + 1 - DAY_MS)?)),
    }
}

/// One project of a world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSpec {
    /// The project kind.
    pub kind: ProjectKind,
    /// Number of data rows.
    pub rows: u64,
    /// The project's name; generated when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Share of rows with at least one submitted label.
    #[serde(default = "default_label_rate")]
    pub label_rate: f64,
    /// Labels each row needs (consensus when above 1).
    #[serde(default = "default_consensus")]
    pub consensus: u32,
    /// Share of labels that were skipped (empty annotations).
    #[serde(default = "default_skip_rate")]
    pub skip_rate: f64,
    /// Share of rows that fail to export and appear on the ERRORS stream instead.
    #[serde(default)]
    pub error_rate: f64,
    /// Rows per batch.
    #[serde(default = "default_batch_size")]
    pub batch_size: u64,
    /// Depth of the deepest nested classification chain in the ontology.
    #[serde(default = "default_nesting")]
    pub nesting_depth: u32,
    /// An ontology file (JSON, relative to the world file) that replaces the kind's built-in
    /// ontology (see [`crate::content`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ontology: Option<std::path::PathBuf>,
}

impl ProjectSpec {
    /// A project of `kind` with `rows` rows and default rates.
    pub fn new(kind: ProjectKind, rows: u64) -> ProjectSpec {
        ProjectSpec {
            kind,
            rows,
            name: None,
            label_rate: default_label_rate(),
            consensus: default_consensus(),
            skip_rate: default_skip_rate(),
            error_rate: 0.0,
            batch_size: default_batch_size(),
            nesting_depth: default_nesting(),
            ontology: None,
        }
    }
}

impl WorldSpec {
    /// The embedded default world: one project of each kind with `rows` rows each.
    pub fn default_world(seed: u64, rows: u64) -> WorldSpec {
        let mut projects: Vec<ProjectSpec> = ProjectKind::ALL
            .iter()
            .map(|&k| ProjectSpec::new(k, rows))
            .collect();
        // Response creation has rows that fail to export, so the ERRORS stream is not empty.
        if let Some(p) = projects.get_mut(2) {
            p.error_rate = 0.02;
        }
        // One consensus project, so consensus rows exist in the default world.
        if let Some(p) = projects.get_mut(3) {
            p.consensus = 2;
        }
        WorldSpec {
            projects,
            // No hostile rows: SDK 5.x `get_stream(JsonConverter())` finds rows by counting braces,
            // and the legacy `Task.result` splits on Python's `splitlines()` line breaks (U+0085,
            // U+2028, form feed...); hostile strings hold both (seen breaking them). Worlds that
            // want hostile rows set `edge_case_rate`.
            edge_case_rate: 0.0,
            ..WorldSpec::single(seed, ProjectKind::PromptResponseCreation, rows)
        }
    }

    /// A world with one project.
    pub fn single(seed: u64, kind: ProjectKind, rows: u64) -> WorldSpec {
        WorldSpec {
            seed,
            start: default_start(),
            end: default_end(),
            edge_case_rate: default_edge_case_rate(),
            huge_row_rate: 0.0,
            huge_row_bytes: default_huge_row_bytes(),
            error_messages: Vec::new(),
            annotator_noise: default_annotator_noise(),
            multi_turn_rate: default_multi_turn_rate(),
            corpus: None,
            clock: None,
            projects: vec![ProjectSpec::new(kind, rows)],
        }
    }

    /// Parses a TOML world description.
    pub fn from_toml(text: &str) -> Result<WorldSpec, toml::de::Error> {
        toml::from_str(text)
    }
}

fn default_seed() -> u64 {
    42
}
fn default_start() -> String {
    "2024-01-01".to_owned()
}
fn default_end() -> String {
    "2024-12-31".to_owned()
}
fn default_edge_case_rate() -> f64 {
    0.01
}
pub(crate) fn default_annotator_noise() -> f64 {
    0.1
}
pub(crate) fn default_multi_turn_rate() -> f64 {
    0.35
}
fn default_speed() -> f64 {
    1.0
}
fn default_clock_days() -> u32 {
    DEFAULT_CLOCK_DAYS
}
fn default_huge_row_bytes() -> u64 {
    DEFAULT_HUGE_ROW_BYTES
}
fn default_label_rate() -> f64 {
    0.8
}
fn default_consensus() -> u32 {
    1
}
fn default_skip_rate() -> f64 {
    0.03
}
fn default_batch_size() -> u64 {
    1000
}
fn default_nesting() -> u32 {
    6
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::World;

    const PROJECT: &str = "[[projects]]\nkind = \"prompt-creation\"\nrows = 3\n";

    /// The error of building the world `clock` (a `[clock]` section's lines) describes, if any.
    fn check(clock: &str) -> Option<String> {
        let spec = WorldSpec::from_toml(&format!("[clock]\n{clock}\n{PROJECT}"))
            .map_err(|e| e.to_string())
            .ok()?;
        World::new(spec).err().map(|e| e.0)
    }

    #[test]
    fn a_clock_section_has_defaults_and_no_section_means_no_clock() {
        let plain = WorldSpec::from_toml(PROJECT).expect("toml");
        assert_eq!(plain.clock, None);
        let live = WorldSpec::from_toml(&format!("[clock]\n{PROJECT}")).expect("toml");
        assert_eq!(live.clock, Some(ClockSpec::default()));
        let world = World::new(live).expect("valid");
        let end = crate::world::parse_day(&world.spec.end).expect("a day");
        assert_eq!(
            world.clock_start(),
            Some((end, 1.0)),
            "starts at the end date"
        );
        let unknown = WorldSpec::from_toml(&format!("[clock]\nsped = 2\n{PROJECT}"));
        assert!(unknown.is_err_and(|e| e.to_string().contains("sped")));
    }

    #[test]
    fn bad_clock_fields_are_named() {
        for (clock, field) in [
            ("speed = 0", "`clock.speed`"),
            ("speed = -2.5", "`clock.speed`"),
            ("speed = inf", "`clock.speed`"),
            ("speed = nan", "`clock.speed`"),
            ("start = \"2026-13-01T00:00:00Z\"", "`clock.start`"),
            ("start = \"yesterday\"", "`clock.start`"),
            ("history_days = 36501", "`clock.history_days`"),
            ("future_days = 99999", "`clock.future_days`"),
            ("history_days = 0\nfuture_days = 0", "`clock.history_days`"),
        ] {
            let err = check(clock).unwrap_or_else(|| panic!("{clock}: accepted"));
            assert!(err.contains(field), "{clock}: {err}");
        }
        for good in [
            "speed = 3600",
            "start = \"2026-01-15T09:00:00+02:00\"",
            "history_days = 0",
            "future_days = 0",
        ] {
            assert_eq!(check(good), None, "{good}");
        }
    }
}
