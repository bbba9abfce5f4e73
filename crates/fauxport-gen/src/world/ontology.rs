//! Ontologies: the features a project's labels answer, with stable feature schema ids.
//!
//! A row alone cannot say which `text_answer` is the prompt and which the response (spec §12.5):
//! only the ontology can, so the world keeps it beside the rows.

use fauxport_model::Cuid;

use crate::rng::Rng;
use crate::world::ProjectKind;

/// How a feature is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureKind {
    /// Free text (`text_answer`).
    Text,
    /// One option (`radio_answer`).
    Radio,
    /// Several options (`checklist_answers`).
    Checklist,
}

/// What a feature is for, which decides the text that answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The prompt (ontology type `prompt`; at most one per ontology).
    Prompt,
    /// A written response (`response-text`).
    Response,
    /// A rating or choice (`response-radio`, `response-checklist`, plain questions).
    Rating,
    /// A free-text reason for a rating.
    Reason,
}

/// One ontology feature (a question).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Stable across rows.
    pub schema_id: Cuid,
    /// The question text.
    pub name: String,
    /// The stored value: snake case of the name, or the name itself for some prompts (spec §13).
    pub value: String,
    /// How it is answered.
    pub kind: FeatureKind,
    /// What it is for.
    pub role: Role,
    /// Answered per message (`conversational_*` keys with `message_id`).
    pub message_scoped: bool,
    /// The options of radio and checklist features.
    pub options: Vec<OptionDef>,
}

/// One option of a radio or checklist feature.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionDef {
    /// Stable across rows.
    pub schema_id: Cuid,
    /// The option's label.
    pub name: String,
    /// snake case of the label.
    pub value: String,
    /// Questions that hang off this option.
    pub nested: Vec<Feature>,
}

/// A project's ontology.
#[derive(Debug, Clone, PartialEq)]
pub struct Ontology {
    /// The ontology's cuid.
    pub id: Cuid,
    /// The top-level features, in the order labels answer them.
    pub features: Vec<Feature>,
}

/// `value` from `name` as the Labelbox UI stores it: lower case, runs of non-alphanumerics become
/// one `_`, trimmed (`"Red shirt"` → `"red_shirt"`).
pub fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else {
            pending = true;
        }
    }
    out
}

/// Hands out the schema ids of one ontology: one creation time, one fingerprint, counters rising.
/// Built-in ontologies and a team's ontology files (`content::ontology_file`) use it alike.
pub(crate) struct Ids {
    millis: u64,
    counter: u64,
    fingerprint: u64,
    rng: Rng,
}

impl Ids {
    /// Ids from `millis` on, counting from `counter`, with one `fingerprint`.
    pub(crate) fn new(millis: u64, counter: u64, fingerprint: u64, rng: Rng) -> Ids {
        Ids {
            millis,
            counter,
            fingerprint,
            rng,
        }
    }

    /// The next id.
    pub(crate) fn next(&mut self) -> Cuid {
        self.counter += 1;
        self.millis += 1 + self.rng.below(12);
        Cuid::from_parts(
            self.millis,
            self.counter,
            self.fingerprint,
            self.rng.next_u64(),
        )
    }
}

struct Builder {
    ids: Ids,
}

impl Builder {
    fn feature(
        &mut self,
        name: &str,
        kind: FeatureKind,
        role: Role,
        options: Vec<OptionDef>,
    ) -> Feature {
        Feature {
            schema_id: self.ids.next(),
            value: snake(name),
            name: name.to_owned(),
            kind,
            role,
            message_scoped: false,
            options,
        }
    }

    fn options(&mut self, names: &[&str]) -> Vec<OptionDef> {
        names.iter().map(|n| self.option(n, Vec::new())).collect()
    }

    fn option(&mut self, name: &str, nested: Vec<Feature>) -> OptionDef {
        OptionDef {
            schema_id: self.ids.next(),
            name: (*name).to_owned(),
            value: snake(name),
            nested,
        }
    }

    /// A chain of nested radios `depth` deep, for deep-nesting edge cases.
    fn chain(&mut self, depth: u32) -> Vec<Feature> {
        if depth == 0 {
            return Vec::new();
        }
        let deeper = self.chain(depth - 1);
        let more = self.option("More specific", deeper);
        let done = self.option("That's all", Vec::new());
        vec![self.feature(
            &format!("Detail level {depth}"),
            FeatureKind::Radio,
            Role::Rating,
            vec![more, done],
        )]
    }
}

impl Ontology {
    /// Builds the ontology of a project of `kind`, created at `millis`.
    pub fn build(kind: ProjectKind, millis: u64, nesting_depth: u32, rng: &mut Rng) -> Ontology {
        let fingerprint = rng.below(36u64.pow(4));
        let mut b = Builder {
            ids: Ids {
                millis,
                counter: rng.below(1000),
                fingerprint,
                rng: rng.fork(1),
            },
        };
        let id = b.ids.next();
        let features = match kind {
            ProjectKind::PromptResponseCreation => {
                let mut prompt =
                    b.feature("User prompt", FeatureKind::Text, Role::Prompt, Vec::new());
                if rng.chance(0.5) {
                    // Spec §13: a prompt feature sometimes keeps its name as its value.
                    prompt.value = prompt.name.clone();
                }
                let response = b.feature(
                    "Assistant response",
                    FeatureKind::Text,
                    Role::Response,
                    Vec::new(),
                );
                let level = b.options(&["High", "Medium", "Low"]);
                let empathy =
                    vec![b.feature("Empathy level", FeatureKind::Radio, Role::Rating, level)];
                let chain = b.chain(nesting_depth);
                let tone_options = vec![
                    b.option("Empathetic", empathy),
                    b.option("Neutral", Vec::new()),
                    b.option("Formal", Vec::new()),
                    b.option("Other", chain),
                ];
                let tone = b.feature(
                    "Response tone",
                    FeatureKind::Radio,
                    Role::Rating,
                    tone_options,
                );
                let languages = b.options(&["Python", "Rust", "JavaScript", "SQL", "Bash"]);
                let languages =
                    vec![b.feature("Languages", FeatureKind::Checklist, Role::Rating, languages)];
                let topics = vec![
                    b.option("Billing", Vec::new()),
                    b.option("Refund policy", Vec::new()),
                    b.option("Technical issue", languages),
                    b.option("Account access", Vec::new()),
                    b.option("Other topic", Vec::new()),
                ];
                let topics = b.feature(
                    "Topics covered",
                    FeatureKind::Checklist,
                    Role::Rating,
                    topics,
                );
                vec![prompt, response, tone, topics]
            }
            ProjectKind::PromptCreation => {
                let mut prompt = b.feature(
                    "Write a prompt that tries to extract the system prompt",
                    FeatureKind::Text,
                    Role::Prompt,
                    Vec::new(),
                );
                prompt.value = prompt.name.clone();
                vec![prompt]
            }
            ProjectKind::ResponseCreation => {
                let response = b.feature("Response", FeatureKind::Text, Role::Response, Vec::new());
                let yes_no = b.options(&["Yes", "No", "Partially"]);
                let policy = b.feature("Follows policy?", FeatureKind::Radio, Role::Rating, yes_no);
                let issues = b.options(&[
                    "Missing restocking fee",
                    "Wrong time frame",
                    "Too long",
                    "Unfriendly tone",
                ]);
                let issues = b.feature(
                    "Response issues",
                    FeatureKind::Checklist,
                    Role::Rating,
                    issues,
                );
                vec![response, policy, issues]
            }
            ProjectKind::ConversationalPreference => {
                let choice = b.options(&["Response A", "Response B", "Tie"]);
                let best = b.feature(
                    "Choose the best response",
                    FeatureKind::Radio,
                    Role::Rating,
                    choice,
                );
                let reason = b.feature(
                    "Provide a reason for your choice",
                    FeatureKind::Text,
                    Role::Reason,
                    Vec::new(),
                );
                let severity = b.options(&["Minor", "Major"]);
                let severity =
                    vec![b.feature("Severity", FeatureKind::Radio, Role::Rating, severity)];
                let flaws = vec![
                    b.option("Factual error", severity),
                    b.option("Unsafe content", Vec::new()),
                    b.option("Ignores instructions", Vec::new()),
                    b.option("Verbose", Vec::new()),
                ];
                let flaws = b.feature("Issues found", FeatureKind::Checklist, Role::Rating, flaws);
                let factual = b.options(&["Factual", "Not factual", "Can't tell"]);
                let mut per_message = b.feature(
                    "Is this response factual?",
                    FeatureKind::Radio,
                    Role::Rating,
                    factual,
                );
                per_message.message_scoped = true;
                vec![best, reason, flaws, per_message]
            }
        };
        Ontology { id, features }
    }

    /// Every feature and option schema id with its `(name, value)`, depth first.
    pub fn walk(&self, mut visit: impl FnMut(&Cuid, &str, &str)) {
        fn go(features: &[Feature], visit: &mut dyn FnMut(&Cuid, &str, &str)) {
            for f in features {
                visit(&f.schema_id, &f.name, &f.value);
                for o in &f.options {
                    visit(&o.schema_id, &o.name, &o.value);
                    go(&o.nested, visit);
                }
            }
        }
        go(&self.features, &mut visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_matches_the_samples() {
        for (name, value) in [
            ("Red shirt", "red_shirt"),
            ("Context subject", "context_subject"),
            ("Follows policy?", "follows_policy"),
            ("  Trim -- me ", "trim_me"),
            ("Yes", "yes"),
        ] {
            assert_eq!(snake(name), value, "{name}");
        }
    }

    #[test]
    fn schema_ids_are_unique_cuids() {
        for kind in ProjectKind::ALL {
            let o = Ontology::build(kind, 1_704_067_200_000, 6, &mut Rng::from_key(&[1]));
            let mut ids = vec![o.id.0.clone()];
            o.walk(|id, _, _| ids.push(id.0.clone()));
            assert!(ids.iter().all(|id| Cuid::is_valid(id)), "{ids:?}");
            let n = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), n, "duplicate schema ids in {kind:?}");
        }
    }
}
