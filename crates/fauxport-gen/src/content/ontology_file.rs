//! An ontology file: a team's own features, in the shape of the world's built-in ontologies
//! ([`crate::world::Ontology`]), as JSON.
//!
//! ```json
//! {"features": [
//!   {"name": "Customer question", "kind": "text", "role": "prompt"},
//!   {"name": "Mechanic's answer", "kind": "text", "role": "response"},
//!   {"name": "Repair area", "kind": "checklist", "options": [
//!     {"name": "Brakes"},
//!     {"name": "Drivetrain", "nested": [
//!       {"name": "Part", "kind": "radio", "options": [{"name": "Chain"}, {"name": "Cassette"}]}
//!     ]}
//!   ]}
//! ]}
//! ```
//!
//! `kind` is `text`, `radio` or `checklist`; `role` is `prompt`, `response`, `reason` (the
//! default of text features) or `rating` (the only role of choices); `value` defaults to the
//! snake case of `name`; `message_scoped` (default false) answers a conversation's message.
//! Schema ids are generated from the world's seed, like the built-in ontologies'.

use fauxport_model::Cuid;
use serde::Deserialize;

use crate::rng::Rng;
use crate::world::{Feature, FeatureKind, Ids, Ontology, OptionDef, ProjectKind, Role, snake};

/// The largest ontology file: 1 MiB.
pub const MAX_ONTOLOGY_BYTES: u64 = 1 << 20;
/// The deepest nesting of options' questions.
const MAX_DEPTH: usize = 64;

/// A parsed, checked ontology file.
#[derive(Debug, Clone, PartialEq)]
pub struct OntologyFile {
    /// The file's name as reported in errors.
    pub path: String,
    features: Vec<FeatureDef>,
    digest: u64,
}

/// Why an ontology file cannot be used: the file, the field (a path such as
/// `features[2].options[0].name`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {field}: {message}")]
pub struct OntologyError {
    /// The file.
    pub path: String,
    /// The field.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    features: Vec<FeatureDef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeatureDef {
    name: String,
    #[serde(default)]
    value: Option<String>,
    kind: KindDef,
    #[serde(default)]
    role: Option<RoleDef>,
    #[serde(default)]
    message_scoped: bool,
    #[serde(default)]
    options: Vec<OptionFileDef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFileDef {
    name: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    nested: Vec<FeatureDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindDef {
    Text,
    Radio,
    Checklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RoleDef {
    Prompt,
    Response,
    Rating,
    Reason,
}

impl OntologyFile {
    /// Parses and checks an ontology file's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<OntologyFile, OntologyError> {
        let err = |field: String, message: String| OntologyError {
            path: path.to_owned(),
            field,
            message,
        };
        let de = &mut serde_json::Deserializer::from_str(text);
        let file: FileDef = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = match e.path().to_string() {
                p if p == "." => "(top level)".to_owned(),
                p => p,
            };
            err(field, e.into_inner().to_string())
        })?;
        if file.features.is_empty() {
            return Err(err(
                "features".into(),
                "must list at least one feature".into(),
            ));
        }
        let mut prompt: Option<String> = None;
        check_features(&file.features, "features", 0, &mut prompt).map_err(|(f, m)| err(f, m))?;
        let digest = crate::rng::hash_str(&format!("{:?}", file.features));
        Ok(OntologyFile {
            path: path.to_owned(),
            features: file.features,
            digest,
        })
    }

    /// Whether a project of `kind` can use this ontology: the kinds whose labels write text need
    /// a feature to hold it. `Err` says what is missing.
    pub fn fits(&self, kind: ProjectKind) -> Result<(), String> {
        let has = |role: RoleDef| {
            self.features
                .iter()
                .any(|f| f.kind == KindDef::Text && f.role == Some(role))
        };
        let needs: &[(RoleDef, &str)] = match kind {
            ProjectKind::PromptResponseCreation => {
                &[(RoleDef::Prompt, "prompt"), (RoleDef::Response, "response")]
            }
            ProjectKind::PromptCreation => &[(RoleDef::Prompt, "prompt")],
            ProjectKind::ResponseCreation => &[(RoleDef::Response, "response")],
            ProjectKind::ConversationalPreference => &[],
        };
        match needs.iter().find(|(role, _)| !has(*role)) {
            None => Ok(()),
            Some((_, name)) => Err(format!(
                "a {} project needs a top-level text feature with role \"{name}\"",
                kind.slug()
            )),
        }
    }

    /// A digest of the features, for the world's fingerprint.
    pub fn digest(&self) -> u64 {
        self.digest
    }

    /// The ontology with schema ids: id `id`, features created from `millis` on.
    pub fn ontology(&self, id: Cuid, millis: u64, rng: &mut Rng) -> Ontology {
        let counter = rng.below(1000);
        let fingerprint = rng.below(36u64.pow(4));
        let mut ids = Ids::new(millis, counter, fingerprint, rng.fork(1));
        Ontology {
            id,
            features: self.features.iter().map(|f| feature(&mut ids, f)).collect(),
        }
    }
}

/// Checks features at `at` (`features`, `features[0].options[1].nested`), `depth` levels down.
fn check_features(
    features: &[FeatureDef],
    at: &str,
    depth: usize,
    prompt: &mut Option<String>,
) -> Result<(), (String, String)> {
    if depth > MAX_DEPTH {
        return Err((at.to_owned(), format!("nested more than {MAX_DEPTH} deep")));
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, f) in features.iter().enumerate() {
        let here = format!("{at}[{i}]");
        named(&f.name, f.value.as_deref(), &here)?;
        if !names.insert(f.name.as_str()) {
            return Err((
                format!("{here}.name"),
                format!("{:?} is listed twice", f.name),
            ));
        }
        let choice = f.kind != KindDef::Text;
        match (f.kind, f.role) {
            (KindDef::Text, Some(RoleDef::Rating)) => {
                return Err((
                    format!("{here}.role"),
                    "a text feature's role is prompt, response or reason".into(),
                ));
            }
            (KindDef::Radio | KindDef::Checklist, Some(r)) if r != RoleDef::Rating => {
                return Err((
                    format!("{here}.role"),
                    "a radio or checklist feature's role is rating".into(),
                ));
            }
            (_, Some(RoleDef::Prompt)) if depth > 0 => {
                return Err((
                    format!("{here}.role"),
                    "a prompt feature must be at the top level".into(),
                ));
            }
            (_, Some(RoleDef::Prompt)) => {
                if let Some(first) = prompt.replace(here.clone()) {
                    return Err((
                        format!("{here}.role"),
                        format!("a second prompt feature (the first is {first})"),
                    ));
                }
            }
            _ => {}
        }
        if choice && f.options.is_empty() {
            return Err((
                format!("{here}.options"),
                "a radio or checklist feature needs at least one option".into(),
            ));
        }
        if !choice && !f.options.is_empty() {
            return Err((
                format!("{here}.options"),
                "a text feature has no options".into(),
            ));
        }
        let mut option_names = std::collections::BTreeSet::new();
        for (k, o) in f.options.iter().enumerate() {
            let there = format!("{here}.options[{k}]");
            named(&o.name, o.value.as_deref(), &there)?;
            if !option_names.insert(o.name.as_str()) {
                return Err((
                    format!("{there}.name"),
                    format!("{:?} is listed twice", o.name),
                ));
            }
            check_features(&o.nested, &format!("{there}.nested"), depth + 1, prompt)?;
        }
    }
    Ok(())
}

/// A name (1 to 200 characters, with a letter or digit) and its value, if given.
fn named(name: &str, value: Option<&str>, at: &str) -> Result<(), (String, String)> {
    if name.trim().is_empty() || name.chars().count() > 200 || snake(name).is_empty() {
        return Err((
            format!("{at}.name"),
            format!("{name:?}: a name needs 1 to 200 characters, a letter or digit among them"),
        ));
    }
    if value.is_some_and(|v| v.trim().is_empty()) {
        return Err((format!("{at}.value"), "is empty".into()));
    }
    Ok(())
}

/// A feature of the file with its options, its schema ids handed out by `ids` in order.
fn feature(ids: &mut Ids, f: &FeatureDef) -> Feature {
    let schema_id = ids.next();
    Feature {
        schema_id,
        name: f.name.clone(),
        value: f.value.clone().unwrap_or_else(|| snake(&f.name)),
        kind: match f.kind {
            KindDef::Text => FeatureKind::Text,
            KindDef::Radio => FeatureKind::Radio,
            KindDef::Checklist => FeatureKind::Checklist,
        },
        role: match f.role {
            Some(RoleDef::Prompt) => Role::Prompt,
            Some(RoleDef::Response) => Role::Response,
            Some(RoleDef::Rating) => Role::Rating,
            Some(RoleDef::Reason) => Role::Reason,
            None if f.kind == KindDef::Text => Role::Reason,
            None => Role::Rating,
        },
        message_scoped: f.message_scoped,
        options: f
            .options
            .iter()
            .map(|o| OptionDef {
                schema_id: ids.next(),
                name: o.name.clone(),
                value: o.value.clone().unwrap_or_else(|| snake(&o.name)),
                nested: o.nested.iter().map(|n| feature(ids, n)).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `json` and checks the error (or "ok") contains `expect`.
    fn check(json: &str, expect: &str) {
        let got = match OntologyFile::parse("o.json", json) {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        assert!(got.contains(expect), "{expect:?} not in {got:?}");
    }

    const TEXT: &str = r#"{"name": "Question", "kind": "text", "role": "prompt"}"#;

    #[test]
    fn errors_name_the_file_and_the_field() {
        check(&format!(r#"{{"features": [{TEXT}]}}"#), "ok");
        check(
            r#"{"features": []}"#,
            "o.json: features: must list at least one",
        );
        check(
            r#"{"feature": []}"#,
            "o.json: feature: unknown field `feature`",
        );
        check(
            &format!(
                r#"{{"features": [{TEXT}, {{"name": "Tone", "kind": "radio", "options": [{{"name": "Calm", "colour": 1}}]}}]}}"#
            ),
            "o.json: features[1].options[0].colour: unknown field `colour`",
        );
        check(
            r#"{"features": [{"name": "Tone", "kind": "slider"}]}"#,
            "o.json: features[0].kind: unknown variant `slider`",
        );
        check(
            r#"{"features": [{"name": "Tone", "kind": "radio"}]}"#,
            "o.json: features[0].options: a radio or checklist feature needs at least one option",
        );
        check(
            r#"{"features": [{"name": "Note", "kind": "text", "options": [{"name": "x"}]}]}"#,
            "o.json: features[0].options: a text feature has no options",
        );
        check(
            &format!(r#"{{"features": [{TEXT}, {TEXT}]}}"#),
            "o.json: features[1].name: \"Question\" is listed twice",
        );
        check(
            r#"{"features": [{"name": "A", "kind": "text", "role": "prompt"}, {"name": "B", "kind": "text", "role": "prompt"}]}"#,
            "o.json: features[1].role: a second prompt feature (the first is features[0])",
        );
        check(
            r#"{"features": [{"name": "Area", "kind": "checklist", "options": [{"name": "Brakes", "nested": [{"name": "--", "kind": "text"}]}]}]}"#,
            "o.json: features[0].options[0].nested[0].name",
        );
        check(
            r#"{"features": ["#,
            "o.json: features: EOF while parsing a list",
        );
        check("3", "o.json: (top level): invalid type: integer `3`");
    }

    #[test]
    fn kinds_need_the_text_features_their_labels_write() {
        let only_prompt =
            OntologyFile::parse("o.json", &format!(r#"{{"features": [{TEXT}]}}"#)).expect("valid");
        assert!(only_prompt.fits(ProjectKind::PromptCreation).is_ok());
        assert!(
            only_prompt
                .fits(ProjectKind::ConversationalPreference)
                .is_ok()
        );
        let err = only_prompt
            .fits(ProjectKind::PromptResponseCreation)
            .expect_err("no response feature");
        assert!(err.contains("role \"response\""), "{err}");
        assert!(only_prompt.fits(ProjectKind::ResponseCreation).is_err());
    }

    #[test]
    fn the_ontology_keeps_names_values_and_nesting_with_unique_ids() {
        let file = OntologyFile::parse(
            "o.json",
            r#"{"features": [
                {"name": "Question", "kind": "text", "role": "prompt", "value": "Question"},
                {"name": "Repair area", "kind": "checklist", "options": [
                    {"name": "Brakes"},
                    {"name": "Drive train", "nested": [{"name": "Part", "kind": "radio", "options": [{"name": "Chain"}]}]}
                ]},
                {"name": "Why?", "kind": "text", "message_scoped": true}
            ]}"#,
        )
        .expect("valid");
        let o = file.ontology(
            Cuid("cx".into()),
            1_704_067_200_000,
            &mut Rng::from_key(&[1]),
        );
        let f = &o.features;
        assert_eq!((f[0].value.as_str(), f[0].role), ("Question", Role::Prompt));
        assert_eq!(
            (f[1].value.as_str(), f[1].role),
            ("repair_area", Role::Rating)
        );
        assert_eq!(f[1].options[1].nested[0].options[0].value, "chain");
        assert_eq!((f[2].role, f[2].message_scoped), (Role::Reason, true));
        let mut ids = Vec::new();
        o.walk(|id, _, _| ids.push(id.0.clone()));
        assert_eq!(ids.len(), 7);
        assert!(ids.iter().all(|id| Cuid::is_valid(id)), "{ids:?}");
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 7);
    }
}
