//! The figures a reader of the data would check, computed from exported rows as a user sees them.
//!
//! Everything here reads [`ExportRow`]s (and, for the preference ground truth, the generator's
//! row [`Content`](fauxport_gen::text::Content)); nothing trusts a claim the generator makes
//! about its own text.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use fauxport_gen::world::Role;
use fauxport_gen::{Project, ProjectKind, World};
use fauxport_model::{Answer, Classification, ExportParams, ExportRow, OptionAnswer};

/// What one project's rows look like.
#[derive(Debug, Default)]
pub(crate) struct Figures {
    pub(crate) kind: Option<ProjectKind>,
    pub(crate) name: String,
    pub(crate) rows: usize,
    /// Every text answer (prompts, responses, reasons) written by labelers.
    pub(crate) texts: Vec<String>,
    /// The responses a reader compares (written responses, or the model outputs).
    pub(crate) responses: Vec<String>,
    /// (prompt, response) pairs where the response is meant to answer the prompt.
    pub(crate) pairs: Vec<(String, String)>,
    /// (characters written, seconds_to_create) of labels that wrote text and were not skipped.
    pub(crate) effort: Vec<(f64, f64)>,
    /// Labels, and labels with at least one review; rejections among the reviews.
    pub(crate) labels: usize,
    pub(crate) reviewed_labels: usize,
    pub(crate) rejections: usize,
    /// Checklist answers whose option carries nested classifications.
    pub(crate) nested_checklist: usize,
    /// Rows with at least one embedding whose values have the announced dimensions.
    pub(crate) embedded_rows: usize,
    pub(crate) external_ids: Vec<String>,
    pub(crate) global_keys: Vec<String>,
    pub(crate) statuses: BTreeMap<String, usize>,
    /// Conversational rows: messages per conversation, model names, and per label (chosen option,
    /// reason, issues checked).
    pub(crate) messages: Vec<usize>,
    pub(crate) models: BTreeSet<String>,
    pub(crate) choices: Vec<Choice>,
    /// (prompt, topics checked) of labels that answer a "Topics covered" checklist.
    pub(crate) topics: Vec<(String, Vec<String>)>,
}

/// One preference label.
#[derive(Debug)]
pub(crate) struct Choice {
    pub(crate) row: u64,
    pub(crate) chosen: String,
    pub(crate) reason: String,
    pub(crate) issues: Vec<String>,
    pub(crate) outputs: [String; 2],
}

/// Figures of project `p` of `world`, from its first `rows` rows with every param on.
pub(crate) fn measure(world: &World, p: usize) -> Figures {
    let rows = world.rows(p).expect("project");
    let project = rows.project();
    let roles = roles(project);
    let mut f = Figures {
        kind: Some(project.spec.kind),
        name: project.name.clone(),
        ..Figures::default()
    };
    for i in 0..rows.len() {
        let plan = rows.plan(i);
        if plan.failed || plan.hostile || plan.huge {
            continue;
        }
        let row = rows.row(i, &ExportParams::all());
        f.rows += 1;
        *f.statuses.entry(plan.status.to_string()).or_default() += 1;
        f.global_keys
            .extend(row.data_row.global_key.iter().cloned());
        f.external_ids
            .extend(row.data_row.external_id.iter().cloned());
        if row.embeddings.as_ref().is_some_and(|e| {
            !e.is_empty()
                && e.iter().all(|e| {
                    e.values
                        .iter()
                        .all(|v| v.value.len() as u32 == e.dimensions)
                })
        }) {
            f.embedded_rows += 1;
        }
        read_row(&mut f, project.spec.kind, i, &row, &roles);
    }
    f
}

fn roles(project: &Project) -> HashMap<String, Role> {
    let mut out = HashMap::new();
    fn go(features: &[fauxport_gen::world::Feature], out: &mut HashMap<String, Role>) {
        for feature in features {
            out.insert(feature.schema_id.0.clone(), feature.role);
            for o in &feature.options {
                go(&o.nested, out);
            }
        }
    }
    go(&project.ontology.features, &mut out);
    out
}

fn read_row(
    f: &mut Figures,
    kind: ProjectKind,
    i: u64,
    row: &ExportRow,
    roles: &HashMap<String, Role>,
) {
    let (row_prompt, outputs) = match kind {
        ProjectKind::ResponseCreation => (Some(row.data_row.row_data.clone()), None),
        ProjectKind::ConversationalPreference => {
            let c: serde_json::Value =
                serde_json::from_str(&row.data_row.row_data).expect("conversation JSON");
            let messages = c["messages"].as_array().expect("messages");
            f.messages.push(messages.len());
            let outputs: Vec<String> = c["modelOutputs"]
                .as_array()
                .expect("outputs")
                .iter()
                .map(|o| {
                    f.models
                        .insert(o["modelConfigName"].as_str().unwrap_or_default().to_owned());
                    o["content"].as_str().unwrap_or_default().to_owned()
                })
                .collect();
            f.responses.extend(outputs.iter().cloned());
            let last = messages
                .last()
                .and_then(|m| m["content"].as_str())
                .unwrap_or_default()
                .to_owned();
            (Some(last), Some(outputs))
        }
        _ => (None, None),
    };
    for label in row.projects.values().flat_map(|p| &p.labels) {
        f.labels += 1;
        if let Some(d) = &label.label_details
            && !d.reviews.is_empty()
        {
            f.reviewed_labels += 1;
            f.rejections += d
                .reviews
                .iter()
                .filter(|r| r.get("score").and_then(|s| s.as_i64()) == Some(-1))
                .count();
        }
        let mut prompt = row_prompt.clone();
        let mut response = None;
        let mut reason = None;
        let mut chosen = None;
        let mut issues = Vec::new();
        let mut topics = None;
        let mut written = 0usize;
        for c in &label.annotations.classifications {
            visit(c, &mut |c: &Classification| {
                if let Answer::Checklist(options) | Answer::ConversationalChecklist(options) =
                    &c.answer
                {
                    f.nested_checklist += options
                        .iter()
                        .filter(|o| !o.classifications.is_empty())
                        .count();
                }
            });
            match (&c.answer, roles.get(&c.feature_schema_id.0)) {
                (Answer::Text(t) | Answer::ConversationalText(t), Some(role)) => {
                    f.texts.push(t.content.clone());
                    written += t.content.chars().count();
                    match role {
                        Role::Prompt => prompt = Some(t.content.clone()),
                        Role::Response => response = Some(t.content.clone()),
                        Role::Reason | Role::Rating => reason = Some(t.content.clone()),
                    }
                }
                (Answer::Radio(o), _) if c.name == "Choose the best response" => {
                    chosen = Some(o.name.clone());
                }
                (Answer::Checklist(options), _) if c.name == "Issues found" => {
                    issues = names(options);
                }
                (Answer::Checklist(options), _) if c.name == "Topics covered" => {
                    topics = Some(names(options));
                }
                _ => {}
            }
        }
        let perf = label
            .performance_details
            .as_ref()
            .expect("performance_details");
        if written > 0 && !perf.skipped && kind != ProjectKind::ConversationalPreference {
            f.effort.push((written as f64, perf.seconds_to_create.0));
        }
        if let (Some(p), Some(r)) = (&prompt, &response) {
            f.pairs.push((p.clone(), r.clone()));
        }
        if let Some(r) = &response {
            f.responses.push(r.clone());
        }
        if let (Some(t), Some(p)) = (topics, &prompt) {
            f.topics.push((p.clone(), t));
        }
        if let (Some(chosen), Some(reason), Some(outputs)) = (chosen, reason, &outputs) {
            f.choices.push(Choice {
                row: i,
                chosen,
                reason,
                issues,
                outputs: [outputs[0].clone(), outputs[1].clone()],
            });
        }
    }
}

fn names(options: &[OptionAnswer]) -> Vec<String> {
    options.iter().map(|o| o.name.clone()).collect()
}

fn visit(c: &Classification, each: &mut dyn FnMut(&Classification)) {
    each(c);
    let nested: Vec<&OptionAnswer> = match &c.answer {
        Answer::Radio(o) | Answer::ConversationalRadio(o) => vec![o.as_ref()],
        Answer::Checklist(os) | Answer::ConversationalChecklist(os) => os.iter().collect(),
        _ => Vec::new(),
    };
    for o in nested {
        for n in &o.classifications {
            visit(n, each);
        }
    }
}

/// The share of `items` that are distinct.
pub(crate) fn distinct(items: &[String]) -> f64 {
    let set: HashSet<&String> = items.iter().collect();
    set.len() as f64 / items.len().max(1) as f64
}

/// The 5-word phrase found in the most texts, and the share of texts it is in.
pub(crate) fn top_phrase(texts: &[String]) -> (String, f64) {
    top_phrases(texts, 1).pop().unwrap_or_default()
}

/// The `n` 5-word phrases found in the most texts, with the share of texts each is in.
pub(crate) fn top_phrases(texts: &[String], n: usize) -> Vec<(String, f64)> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for t in texts {
        let words: Vec<String> = t
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let grams: HashSet<String> = words.windows(5).map(|w| w.join(" ")).collect();
        for g in grams {
            *df.entry(g).or_default() += 1;
        }
    }
    let mut all: Vec<(String, usize)> = df.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(n);
    all.into_iter()
        .map(|(g, k)| (g, k as f64 / texts.len().max(1) as f64))
        .collect()
}

/// Words of at least five letters that are not function words: what a topic is about.
pub(crate) fn content_words(text: &str) -> BTreeSet<String> {
    const COMMON: &[&str] = &[
        "about",
        "there",
        "their",
        "which",
        "would",
        "could",
        "should",
        "these",
        "those",
        "thing",
        "where",
        "after",
        "before",
        "other",
        "being",
        "because",
        "please",
        "thanks",
        "hello",
        "question",
        "really",
        "still",
        "right",
        "while",
        "might",
        "every",
        "something",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect()
}

/// The share of pairs whose two texts share a content word.
pub(crate) fn answered(pairs: &[(String, String)]) -> f64 {
    let hits = pairs
        .iter()
        .filter(|(p, r)| !content_words(p).is_disjoint(&content_words(r)))
        .count();
    hits as f64 / pairs.len().max(1) as f64
}

/// Pearson's correlation.
pub(crate) fn correlation(xy: &[(f64, f64)]) -> f64 {
    let n = xy.len() as f64;
    let (mx, my) = xy
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xy {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx.sqrt() * syy.sqrt()).max(f64::MIN_POSITIVE)
}

/// The `q`-quantile of the texts' lengths in characters.
pub(crate) fn length_quantile(texts: &[String], q: f64) -> usize {
    let mut lens: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    lens.sort_unstable();
    lens.get(((lens.len() as f64 - 1.0) * q) as usize)
        .copied()
        .unwrap_or(0)
}
