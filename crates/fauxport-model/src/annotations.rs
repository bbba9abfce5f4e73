//! `annotations`: objects, classifications and relationships (spec §12).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Classification, Cuid, Extra};

/// The annotation containers of an LLM, text or conversational label: all three keys always present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Annotations {
    /// Objects: `[]` in prompt/response projects; multimodal-chat selections and rankings.
    pub objects: Vec<AnnotationObject>,
    /// Classifications: prompts, responses, ratings.
    pub classifications: Vec<Classification>,
    /// Relationships between objects: always `[]` in LLM projects.
    pub relationships: Vec<serde_json::Value>,
    /// Containers of other media (`frames`, `segments`, ...), kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An annotation object; for LLM data, a multimodal-chat evaluation object (spec §12.7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnotationObject {
    /// This object's cuid.
    pub feature_id: Cuid,
    /// The ontology tool's cuid.
    pub feature_schema_id: Cuid,
    /// The tool's name.
    pub name: String,
    /// The tool's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `MessageSingleSelection`, `MessageMultiSelection`, `MessageRanking`, `ConversationalTextEntity`, ...
    pub annotation_kind: String,
    /// `MessageSingleSelection` payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_message: Option<SelectedMessage>,
    /// `MessageMultiSelection` payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_messages: Option<SelectedMessages>,
    /// `MessageRanking` payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranked_messages: Option<RankedMessages>,
    /// Nested classifications.
    #[serde(default)]
    pub classifications: Vec<Classification>,
    /// Any other payload (e.g. `conversational_location`), kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `selected_message`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SelectedMessage {
    /// The chosen model message.
    pub message_id: String,
    /// The model configuration that produced it.
    pub model_config_name: String,
    /// The human turn it answers.
    pub parent_message_id: String,
}

/// `selected_messages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SelectedMessages {
    /// The chosen model messages.
    pub messages: Vec<MessageRef>,
    /// The human turn they answer.
    pub parent_message_id: String,
}

/// A model message reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MessageRef {
    /// The message id.
    pub message_id: String,
    /// The model configuration that produced it.
    pub model_config_name: String,
}

/// `ranked_messages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RankedMessages {
    /// The ranking; `order` starts at 1.
    pub ranked_messages: Vec<RankedMessage>,
    /// The human turn they answer.
    pub parent_message_id: String,
}

/// One ranked model message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RankedMessage {
    /// The message id.
    pub message_id: String,
    /// The model configuration that produced it.
    pub model_config_name: String,
    /// Rank, from 1.
    #[schemars(range(min = 1))]
    pub order: u32,
}
