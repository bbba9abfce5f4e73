//! Export params: which optional parts a row carries (spec §15).
//!
//! Every param is declared once, in the `params!` invocation below: its [`Param`] variant, its
//! [`ExportParams`] field (the SDK's name), its GraphQL input field, its `generate` flag and that
//! flag's help. Adding a param is one line there plus the renderer that honours it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares [`Param`], [`ExportParams`] and the per-param tables from one list.
macro_rules! params {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident => $field:ident, graphql: $graphql:literal, cli: $cli:literal, help: $help:literal;
    )*) => {
        /// One export param (spec §15): a part of the row the SDK can ask for. The declaration
        /// order is the order of bits in portable task ids: append, never reorder.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Param {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Param {
            /// Every param, in declaration order.
            pub const ALL: &'static [Param] = &[$(Param::$variant),*];

            /// The SDK's name (`ProjectExportParams` key, `ExportParams` field, `params=` word).
            pub const fn sdk_name(self) -> &'static str {
                match self { $(Param::$variant => stringify!($field)),* }
            }

            /// The GraphQL input field (`input.params.<field>`, protocol §2.4.1).
            pub const fn graphql_field(self) -> &'static str {
                match self { $(Param::$variant => $graphql),* }
            }

            /// The `fauxport generate` flag that turns it off, without the leading `--`.
            pub const fn cli_flag(self) -> &'static str {
                match self { $(Param::$variant => $cli),* }
            }

            /// The help line of [`Param::cli_flag`].
            pub const fn cli_help(self) -> &'static str {
                match self { $(Param::$variant => $help),* }
            }
        }

        /// The SDK's export params (`ProjectExportParams`), by their SDK names. Every flag
        /// defaults to off.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(default)]
        pub struct ExportParams {
            $( $(#[doc = $doc])* pub $field: bool, )*
            /// Overrides media-type detection; has no effect on the row shape.
            pub media_type_override: Option<String>,
        }

        impl ExportParams {
            /// Whether `param` is on.
            pub fn is_on(&self, param: Param) -> bool {
                match param { $(Param::$variant => self.$field),* }
            }

            /// Turns `param` on or off.
            pub fn turn(&mut self, param: Param, on: bool) {
                match param { $(Param::$variant => self.$field = on),* }
            }
        }
    };
}

params! {
    /// `data_row.details`.
    DataRowDetails => data_row_details, graphql: "includeDataRowDetails",
        cli: "no-data-row-details", help: "Leave out `data_row.details`";
    /// `attachments`.
    Attachments => attachments, graphql: "includeAttachments",
        cli: "no-attachments", help: "Leave out `attachments`";
    /// `metadata_fields`.
    MetadataFields => metadata_fields, graphql: "includeMetadata",
        cli: "no-metadata-fields", help: "Leave out `metadata_fields`";
    /// `embeddings`.
    Embeddings => embeddings, graphql: "includeEmbeddings",
        cli: "no-embeddings", help: "Leave out `embeddings`";
    /// `projects.<id>.project_details`.
    ProjectDetails => project_details, graphql: "includeProjectDetails",
        cli: "no-project-details", help: "Leave out `project_details`";
    /// `labels[].label_details`.
    LabelDetails => label_details, graphql: "includeLabelDetails",
        cli: "no-label-details", help: "Leave out `label_details`";
    /// `labels[].performance_details`.
    PerformanceDetails => performance_details, graphql: "includePerformanceDetails",
        cli: "no-performance-details", help: "Leave out `performance_details`";
    /// Video only: interpolated frames. Has no effect on LLM rows.
    InterpolatedFrames => interpolated_frames, graphql: "includeInterpolatedFrames",
        cli: "no-interpolated-frames",
        help: "Turn `interpolated_frames` off (no effect on LLM rows; kept for parity with the SDK)";
}

impl Param {
    /// The param with this SDK name.
    pub fn from_sdk_name(name: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.sdk_name() == name)
    }
}

impl ExportParams {
    /// Every flag on.
    pub fn all() -> ExportParams {
        let mut params = ExportParams::none();
        for &p in Param::ALL {
            params.turn(p, true);
        }
        params
    }

    /// Every flag off (the SDK's default).
    pub fn none() -> ExportParams {
        ExportParams::default()
    }

    /// The flags by SDK name, in [`Param::ALL`] order, for CLIs and reports.
    pub fn flags(&self) -> Vec<(&'static str, bool)> {
        Param::ALL
            .iter()
            .map(|&p| (p.sdk_name(), self.is_on(p)))
            .collect()
    }

    /// The flag with this SDK name, if any.
    pub fn get(&self, name: &str) -> Option<bool> {
        Param::from_sdk_name(name).map(|p| self.is_on(p))
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
        for &p in Param::ALL {
            m.insert(p.graphql_field().into(), self.is_on(p).into());
        }
        serde_json::Value::Object(m)
    }

    /// Params from their `params=` form (the plain download, `fauxport load --params`): `all`,
    /// `none`, or the SDK names of the params that are on, comma-separated.
    pub fn from_names(text: &str) -> Result<ExportParams, String> {
        match text {
            "all" => Ok(ExportParams::all()),
            "none" => Ok(ExportParams::none()),
            list => {
                let mut params = ExportParams::none();
                for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    let param = Param::from_sdk_name(name).ok_or_else(|| {
                        let known: Vec<&str> = Param::ALL.iter().map(|p| p.sdk_name()).collect();
                        format!(
                            "unknown param {name:?}; expected all, none or some of {}",
                            known.join(", ")
                        )
                    })?;
                    params.turn(param, true);
                }
                Ok(params)
            }
        }
    }

    /// The `params=` form of the flags ([`ExportParams::from_names`] reads it back).
    pub fn names(&self) -> String {
        let on: Vec<&str> = Param::ALL
            .iter()
            .filter(|&&p| self.is_on(p))
            .map(|p| p.sdk_name())
            .collect();
        match on.len() {
            0 => "none".to_owned(),
            n if n == Param::ALL.len() => "all".to_owned(),
            _ => on.join(","),
        }
    }

    /// Sets a flag by its SDK name; `false` when the name is unknown.
    pub fn set(&mut self, name: &str, on: bool) -> bool {
        match Param::from_sdk_name(name) {
            Some(p) => {
                self.turn(p, on);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_param_names_itself_consistently() {
        let fields = serde_json::to_value(ExportParams::all()).unwrap_or_default();
        for &p in Param::ALL {
            let name = p.sdk_name();
            assert_eq!(
                fields.get(name),
                Some(&serde_json::Value::Bool(true)),
                "{name}"
            );
            assert_eq!(p.cli_flag(), format!("no-{}", name.replace('_', "-")));
            let camel: String = name
                .split('_')
                .map(|w| w[..1].to_uppercase() + &w[1..])
                .collect();
            // The SDK shortens `metadata_fields` to `includeMetadata`; every other field is
            // `include` + the name in camel case.
            let expect = if p == Param::MetadataFields {
                "includeMetadata".to_owned()
            } else {
                format!("include{camel}")
            };
            assert_eq!(p.graphql_field(), expect);
            assert_eq!(Param::from_sdk_name(name), Some(p));
            let mut one = ExportParams::none();
            one.turn(p, true);
            assert_eq!(
                one.flags().iter().filter(|(_, on)| *on).count(),
                1,
                "{name}"
            );
            assert_eq!(one.get(name), Some(true));
        }
        assert_eq!(Param::from_sdk_name("include_labels"), None);
    }

    #[test]
    fn names_round_trip() {
        let mut two = ExportParams::none();
        two.turn(Param::LabelDetails, true);
        two.turn(Param::Attachments, true);
        for params in [ExportParams::all(), ExportParams::none(), two.clone()] {
            assert_eq!(
                ExportParams::from_names(&params.names()),
                Ok(params.clone())
            );
        }
        assert_eq!(two.names(), "attachments,label_details");
        assert_eq!(
            ExportParams::from_names(" label_details , attachments,"),
            Ok(two)
        );
        assert!(
            ExportParams::from_names("labels").is_err_and(|e| e.starts_with(
                "unknown param \"labels\"; expected all, none or some of data_row_details,"
            ))
        );
    }

    #[test]
    fn graphql_input_sends_all_nine_fields() {
        let input = ExportParams::none().graphql_input();
        let keys: Vec<&str> = input
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "includeAttachments",
                "includeDataRowDetails",
                "includeEmbeddings",
                "includeInterpolatedFrames",
                "includeLabelDetails",
                "includeMetadata",
                "includePerformanceDetails",
                "includeProjectDetails",
                "mediaTypeOverride",
            ]
        );
    }
}
