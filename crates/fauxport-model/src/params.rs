//! Export params: which optional parts a row carries (spec §15).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The SDK's export params (`ProjectExportParams`), by their SDK names. Every flag defaults to off.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ExportParams {
    /// `data_row.details`.
    pub data_row_details: bool,
    /// `attachments`.
    pub attachments: bool,
    /// `metadata_fields`.
    pub metadata_fields: bool,
    /// `embeddings`.
    pub embeddings: bool,
    /// `projects.<id>.project_details`.
    pub project_details: bool,
    /// `labels[].label_details`.
    pub label_details: bool,
    /// `labels[].performance_details`.
    pub performance_details: bool,
    /// Video only: interpolated frames. Has no effect on LLM rows.
    pub interpolated_frames: bool,
    /// Overrides media-type detection; has no effect on the row shape.
    pub media_type_override: Option<String>,
}

impl ExportParams {
    /// Every flag on.
    pub fn all() -> ExportParams {
        ExportParams {
            data_row_details: true,
            attachments: true,
            metadata_fields: true,
            embeddings: true,
            project_details: true,
            label_details: true,
            performance_details: true,
            interpolated_frames: true,
            media_type_override: None,
        }
    }

    /// Every flag off (the SDK's default).
    pub fn none() -> ExportParams {
        ExportParams::default()
    }

    /// The flags by SDK name, for CLIs and reports.
    pub fn flags(&self) -> [(&'static str, bool); 8] {
        [
            ("data_row_details", self.data_row_details),
            ("attachments", self.attachments),
            ("metadata_fields", self.metadata_fields),
            ("embeddings", self.embeddings),
            ("project_details", self.project_details),
            ("label_details", self.label_details),
            ("performance_details", self.performance_details),
            ("interpolated_frames", self.interpolated_frames),
        ]
    }

    /// Each flag's SDK name and its GraphQL input field (`input.params.<field>`, protocol §2.4.1).
    pub const GRAPHQL_FIELDS: [(&'static str, &'static str); 8] = [
        ("attachments", "includeAttachments"),
        ("embeddings", "includeEmbeddings"),
        ("metadata_fields", "includeMetadata"),
        ("data_row_details", "includeDataRowDetails"),
        ("project_details", "includeProjectDetails"),
        ("performance_details", "includePerformanceDetails"),
        ("label_details", "includeLabelDetails"),
        ("interpolated_frames", "includeInterpolatedFrames"),
    ];

    /// The flag with this SDK name, if any.
    pub fn get(&self, name: &str) -> Option<bool> {
        self.flags()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, on)| on)
    }

    /// The `params` object of an export mutation, as the SDK sends it: all nine fields.
    pub fn graphql_input(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert(
            "mediaTypeOverride".into(),
            self.media_type_override
                .clone()
                .map_or(serde_json::Value::Null, serde_json::Value::from),
        );
        for (name, field) in Self::GRAPHQL_FIELDS {
            m.insert(
                field.into(),
                serde_json::Value::from(self.get(name).unwrap_or(false)),
            );
        }
        serde_json::Value::Object(m)
    }

    /// Sets a flag by its SDK name; `false` when the name is unknown.
    pub fn set(&mut self, name: &str, on: bool) -> bool {
        let slot = match name {
            "data_row_details" => &mut self.data_row_details,
            "attachments" => &mut self.attachments,
            "metadata_fields" => &mut self.metadata_fields,
            "embeddings" => &mut self.embeddings,
            "project_details" => &mut self.project_details,
            "label_details" => &mut self.label_details,
            "performance_details" => &mut self.performance_details,
            "interpolated_frames" => &mut self.interpolated_frames,
            _ => return false,
        };
        *slot = on;
        true
    }
}
