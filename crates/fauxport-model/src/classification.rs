//! Classifications: one object with common fields and exactly one answer key (spec §12.2-12.4).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Cuid, Extra};

/// A classification annotation: global, or message-scoped when `message_id` is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// This annotation instance's cuid.
    pub feature_id: Cuid,
    /// The ontology feature's cuid; stable across rows.
    pub feature_schema_id: Cuid,
    /// The ontology feature's name (question text).
    pub name: String,
    /// The feature's stored value; opaque (spec §13). Missing in some older exports.
    pub value: Option<String>,
    /// The message a `conversational_*` answer is scoped to.
    pub message_id: Option<String>,
    /// The answer; its kind decides the JSON key.
    pub answer: Answer,
    /// Keys this version does not know.
    pub extra: Extra,
}

/// The answer of a classification, tied to its JSON key.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `text_answer`: free text, prompts and responses.
    Text(TextAnswer),
    /// `radio_answer`: one option.
    Radio(Box<OptionAnswer>),
    /// `checklist_answers`: several options.
    Checklist(Vec<OptionAnswer>),
    /// `conversational_text_answer`: message-scoped text.
    ConversationalText(TextAnswer),
    /// `conversational_radio_answer`: message-scoped radio.
    ConversationalRadio(Box<OptionAnswer>),
    /// `conversational_checklist_answers`: message-scoped checklist.
    ConversationalChecklist(Vec<OptionAnswer>),
}

impl Answer {
    /// Every answer key, in the order the schema lists them.
    pub const KEYS: [&'static str; 6] = [
        "text_answer",
        "radio_answer",
        "checklist_answers",
        "conversational_text_answer",
        "conversational_radio_answer",
        "conversational_checklist_answers",
    ];

    /// This answer's JSON key.
    pub fn key(&self) -> &'static str {
        match self {
            Answer::Text(_) => Self::KEYS[0],
            Answer::Radio(_) => Self::KEYS[1],
            Answer::Checklist(_) => Self::KEYS[2],
            Answer::ConversationalText(_) => Self::KEYS[3],
            Answer::ConversationalRadio(_) => Self::KEYS[4],
            Answer::ConversationalChecklist(_) => Self::KEYS[5],
        }
    }

    /// The options this answer selected (empty for text answers).
    pub fn options(&self) -> &[OptionAnswer] {
        match self {
            Answer::Radio(o) | Answer::ConversationalRadio(o) => std::slice::from_ref(o),
            Answer::Checklist(v) | Answer::ConversationalChecklist(v) => v,
            Answer::Text(_) | Answer::ConversationalText(_) => &[],
        }
    }
}

/// `{"content": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TextAnswer {
    /// The text.
    pub content: String,
}

/// An option object inside `radio_answer` / `checklist_answers` (spec §12.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OptionAnswer {
    /// This selection's cuid.
    pub feature_id: Cuid,
    /// The option's ontology cuid; missing on some checklist answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_schema_id: Option<Cuid>,
    /// The option's label (`Red shirt`).
    pub name: String,
    /// The option's value (`red_shirt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Nested questions hanging off this option, at any depth.
    pub classifications: Vec<Classification>,
    /// Keys this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Serialize for Classification {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("feature_id", &self.feature_id)?;
        m.serialize_entry("feature_schema_id", &self.feature_schema_id)?;
        m.serialize_entry("name", &self.name)?;
        if let Some(v) = &self.value {
            m.serialize_entry("value", v)?;
        }
        if let Some(id) = &self.message_id {
            m.serialize_entry("message_id", id)?;
        }
        match &self.answer {
            Answer::Text(t) | Answer::ConversationalText(t) => {
                m.serialize_entry(self.answer.key(), t)?
            }
            Answer::Radio(o) | Answer::ConversationalRadio(o) => {
                m.serialize_entry(self.answer.key(), o)?
            }
            Answer::Checklist(v) | Answer::ConversationalChecklist(v) => {
                m.serialize_entry(self.answer.key(), v)?
            }
        }
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// What a classification looks like on the wire before the one-answer rule is applied.
#[derive(Deserialize)]
struct RawClassification {
    feature_id: Cuid,
    feature_schema_id: Cuid,
    name: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    message_id: Option<String>,
    #[serde(default)]
    text_answer: Option<TextAnswer>,
    #[serde(default)]
    radio_answer: Option<Box<OptionAnswer>>,
    #[serde(default)]
    checklist_answers: Option<Vec<OptionAnswer>>,
    #[serde(default)]
    conversational_text_answer: Option<TextAnswer>,
    #[serde(default)]
    conversational_radio_answer: Option<Box<OptionAnswer>>,
    #[serde(default)]
    conversational_checklist_answers: Option<Vec<OptionAnswer>>,
    #[serde(flatten)]
    extra: Extra,
}

impl<'de> Deserialize<'de> for Classification {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawClassification::deserialize(d)?;
        let mut answers: Vec<Answer> = Vec::with_capacity(1);
        answers.extend(raw.text_answer.map(Answer::Text));
        answers.extend(raw.radio_answer.map(Answer::Radio));
        answers.extend(raw.checklist_answers.map(Answer::Checklist));
        answers.extend(
            raw.conversational_text_answer
                .map(Answer::ConversationalText),
        );
        answers.extend(
            raw.conversational_radio_answer
                .map(Answer::ConversationalRadio),
        );
        answers.extend(
            raw.conversational_checklist_answers
                .map(Answer::ConversationalChecklist),
        );
        if answers.len() != 1 {
            let found: Vec<&str> = answers.iter().map(Answer::key).collect();
            return Err(serde::de::Error::custom(format_args!(
                "classification `{}` must have exactly one answer key of {}; found {}",
                raw.name,
                Answer::KEYS.join(", "),
                if found.is_empty() {
                    "none".to_owned()
                } else {
                    found.join(" and ")
                },
            )));
        }
        let answer = answers.remove(0);
        Ok(Classification {
            feature_id: raw.feature_id,
            feature_schema_id: raw.feature_schema_id,
            name: raw.name,
            value: raw.value,
            message_id: raw.message_id,
            answer,
            extra: raw.extra,
        })
    }
}

impl JsonSchema for Classification {
    fn schema_name() -> Cow<'static, str> {
        "Classification".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let cuid = g.subschema_for::<Cuid>();
        let text = g.subschema_for::<TextAnswer>();
        let option = g.subschema_for::<OptionAnswer>();
        let one_of: Vec<serde_json::Value> = Answer::KEYS
            .iter()
            .map(|key| {
                let others: Vec<&str> = Answer::KEYS.iter().copied().filter(|k| k != key).collect();
                serde_json::json!({
                    "required": [key],
                    "not": { "anyOf": others.iter().map(|k| serde_json::json!({"required": [k]})).collect::<Vec<_>>() },
                })
            })
            .collect();
        json_schema!({
            "description": "A classification: common fields plus exactly one answer key. `message_id` scopes a conversational_* answer to a message.",
            "type": "object",
            "properties": {
                "feature_id": cuid,
                "feature_schema_id": cuid,
                "name": { "type": "string" },
                "value": { "type": "string" },
                "message_id": { "type": "string" },
                "text_answer": text,
                "radio_answer": option,
                "checklist_answers": { "type": "array", "items": option },
                "conversational_text_answer": text,
                "conversational_radio_answer": option,
                "conversational_checklist_answers": { "type": "array", "items": option },
            },
            "required": ["feature_id", "feature_schema_id", "name"],
            "oneOf": one_of,
        })
    }
}
