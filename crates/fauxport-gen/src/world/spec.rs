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
    /// The projects.
    pub projects: Vec<ProjectSpec>,
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
fn default_annotator_noise() -> f64 {
    0.1
}
fn default_multi_turn_rate() -> f64 {
    0.35
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
