//! From the GraphQL `input` of an export mutation to an [`ExportSpec`]: the input types below are
//! the only definition of what an export mutation takes (unknown fields are refused), and every
//! error names its field (`input.params.includeMetadata`,
//! `input.filters.searchQuery.query[0].value.operator`).

use fauxport_gen::World;
use fauxport_model::filters::{Filter, parse_search_query};
use fauxport_model::json_input::{Object, sentence};
use fauxport_model::{ExportParams, Param};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::errors::ApiError;

/// What an export task exports.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportSpec {
    /// The projects whose rows are exported, in order (one for a project export).
    pub projects: Vec<usize>,
    /// Which optional parts rows carry.
    pub params: ExportParams,
    /// Rows must pass every filter.
    pub filters: Vec<Filter>,
    /// `false` for `export_v2` legacy mode.
    pub streamable: bool,
    /// The task's name.
    pub task_name: Option<String>,
    /// The instant a live server's clock showed when the task was created, Unix milliseconds:
    /// the export sees the world as it stood then. `None` (not live): the whole world.
    pub at: Option<i64>,
}

/// `ExportDataRowsInProjectInput` / `ExportDataRowsInCatalogInput` (compat/SDK_QUERIES.md §3.2,
/// §3.7), generic over its `filters`.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    expecting = "an object",
    bound = "F: Deserialize<'de>"
)]
struct ExportInput<F> {
    #[serde(default)]
    task_name: Option<String>,
    /// Sent by the SDK, always `true`; it changes nothing.
    #[serde(default)]
    #[allow(dead_code)]
    is_streamable_ready: Option<bool>,
    /// `false` for `export_v2` legacy mode; absent or `null` means `true`.
    #[serde(default)]
    streamable: Option<bool>,
    #[serde(default)]
    filters: Option<Object<F>>,
    #[serde(default)]
    params: Option<ParamsInput>,
}

/// `ProjectExportFiltersInput`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "an object")]
struct ProjectFilters {
    #[serde(default)]
    project_id: Option<String>,
    #[serde(default)]
    search_query: Option<Object<SearchQuery>>,
}

/// `CatalogExportFiltersInput`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "an object")]
struct CatalogFilters {
    #[serde(default)]
    search_query: Option<Object<SearchQuery>>,
}

/// `SearchQueryInput`: `query` is the SDK's filter list, read by
/// [`fauxport_model::filters::parse_search_query`]; `scope` is always `null` and ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object")]
struct SearchQuery {
    #[serde(default)]
    #[allow(dead_code)]
    scope: Value,
    #[serde(default)]
    query: Value,
}

impl SearchQuery {
    fn filters(search: Option<&Object<SearchQuery>>) -> Result<Vec<Filter>, ApiError> {
        let Some(Object(search)) = search else {
            return Ok(Vec::new());
        };
        parse_search_query(&search.query).map_err(|e| {
            ApiError::bad_input(&format!("input.filters.searchQuery.{}", e.path), e.message)
        })
    }
}

/// `ExportParamsInput`: one boolean per [`Param`] (its GraphQL field), `mediaTypeOverride`, and
/// the catalog's five fields, which are checked and ignored.
#[derive(Debug, Default)]
struct ParamsInput(ExportParams);

/// The catalog's `ExportParamsInput` fields that change nothing here.
const IGNORED_PARAMS: [&str; 5] = [
    "includePredictions",
    "allProjects",
    "allModelRuns",
    "projectIds",
    "modelRunIds",
];

impl<'de> Deserialize<'de> for ParamsInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ParamsVisitor)
    }
}

struct ParamsVisitor;

impl<'de> Visitor<'de> for ParamsVisitor {
    type Value = ParamsInput;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamsInput, A::Error> {
        let mut params = ExportParams::none();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(&param) = Param::ALL.iter().find(|p| p.graphql_field() == key) {
                params.turn(param, map.next_value::<Option<bool>>()?.unwrap_or(false));
            } else if key == "mediaTypeOverride" {
                params.media_type_override = map.next_value()?;
            } else if matches!(
                key.as_str(),
                "includePredictions" | "allProjects" | "allModelRuns"
            ) {
                map.next_value::<Option<bool>>()?;
            } else if matches!(key.as_str(), "projectIds" | "modelRunIds") {
                map.next_value::<Option<Vec<String>>>()?;
            } else {
                // Refused while reading its value, so the error's path ends with the key.
                map.next_value_seed(UnknownParam(&key))?;
            }
        }
        Ok(ParamsInput(params))
    }
}

/// The value of an unknown `input.params` key: always an error, listing the known keys.
struct UnknownParam<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for UnknownParam<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        let known: Vec<String> = Param::ALL
            .iter()
            .map(|p| p.graphql_field())
            .chain(["mediaTypeOverride"])
            .chain(IGNORED_PARAMS)
            .map(|k| format!("`{k}`"))
            .collect();
        Err(de::Error::custom(format!(
            "unknown field `{}`, expected one of {}",
            self.0,
            known.join(", ")
        )))
    }
}

/// Reads `input` as `T`, naming the field of the first problem (`input.params.includeMetadata`).
fn read<'v, T: Deserialize<'v>>(input: &'v Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(input)
        .map(|Object(t)| t)
        .map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "input".to_owned()
            } else {
                format!("input.{path}")
            };
            ApiError::bad_input(&field, sentence(&e.inner().to_string()))
        })
}

impl<F> ExportInput<F> {
    /// The spec of these `projects`, with the given filters.
    fn spec(self, projects: Vec<usize>, filters: Vec<Filter>) -> ExportSpec {
        ExportSpec {
            projects,
            params: self.params.unwrap_or_default().0,
            filters,
            streamable: self.streamable.unwrap_or(true),
            task_name: self.task_name,
            at: None,
        }
    }
}

/// `exportDataRowsInProject(input: ExportDataRowsInProjectInput!)`.
pub fn project_export(world: &World, input: &Value) -> Result<ExportSpec, ApiError> {
    let mut input: ExportInput<ProjectFilters> = read(input)?;
    let filters = input.filters.take();
    let project_id = filters
        .as_ref()
        .and_then(|f| f.0.project_id.as_deref())
        .ok_or_else(|| ApiError::bad_input("input.filters.projectId", "missing project id"))?;
    let project = world
        .project_by_id(project_id)
        .ok_or_else(|| ApiError::not_found("Project", project_id))?;
    let parsed = SearchQuery::filters(filters.as_ref().and_then(|f| f.0.search_query.as_ref()))?;
    Ok(input.spec(vec![project.index], parsed))
}

/// `exportDataRowsInCatalog(input: ExportDataRowsInCatalogInput!)`: data rows of every dataset,
/// narrowed by the filters (`DataRow.export`, `dataset.export`, `catalog.export`). Each row
/// carries its own project's entry: see `fauxport_model::inferred::CATALOG_ROWS_CARRY_THEIR_PROJECT`.
pub fn catalog_export(world: &World, input: &Value) -> Result<ExportSpec, ApiError> {
    let mut input: ExportInput<CatalogFilters> = read(input)?;
    let filters = input.filters.take();
    let parsed = SearchQuery::filters(filters.as_ref().and_then(|f| f.0.search_query.as_ref()))?;
    // A dataset filter naming no dataset of this world is an unknown dataset, not an empty export.
    for f in &parsed {
        if let Filter::DatasetIds(ids) = f {
            for id in ids {
                if !world.projects.iter().any(|p| p.dataset.id.as_str() == id) {
                    return Err(ApiError::not_found("Dataset", id));
                }
            }
        }
    }
    Ok(input.spec((0..world.projects.len()).collect(), parsed))
}

#[cfg(test)]
mod tests {
    use fauxport_gen::WorldSpec;
    use serde_json::json;

    use super::*;

    /// Runs a project export of `input` (with `projectId` set to project 0's id when it holds
    /// `"P0"`) and compares the params it asks for, or the error message.
    fn check(input: Value, expect: Result<ExportParams, &str>) {
        let world = World::new(WorldSpec::default_world(1, 10)).expect("a valid world");
        let id = world.projects[0].id.as_str().to_owned();
        let text = input.to_string().replace("\"P0\"", &format!("{id:?}"));
        let input: Value = serde_json::from_str(&text).expect("JSON");
        let got = project_export(&world, &input)
            .map(|spec| spec.params)
            .map_err(|e| e.message);
        assert_eq!(got, expect.map_err(str::to_owned), "{input}");
    }

    #[test]
    fn reads_what_the_sdk_sends() {
        let mut two = ExportParams::none();
        two.turn(Param::Embeddings, true);
        two.turn(Param::LabelDetails, true);
        two.media_type_override = Some("IMAGE".into());
        check(
            json!({"taskName": null, "isStreamableReady": true, "streamable": true,
                   "filters": {"projectId": "P0", "searchQuery": {"scope": null, "query": []}},
                   "params": {"mediaTypeOverride": "IMAGE", "includeEmbeddings": true,
                              "includeLabelDetails": true, "includeMetadata": null,
                              "includePredictions": false, "projectIds": null}}),
            Ok(two),
        );
        let mut each = serde_json::Map::new();
        for &p in Param::ALL {
            each.insert(p.graphql_field().into(), true.into());
        }
        check(
            json!({"filters": {"projectId": "P0"}, "params": each}),
            Ok(ExportParams::all()),
        );
        check(
            json!({"filters": {"projectId": "P0"}}),
            Ok(ExportParams::none()),
        );
    }

    #[test]
    fn errors_name_the_field() {
        check(
            json!("export"),
            Err("input: expected an object, found string \"export\""),
        );
        check(
            json!({"filters": {}}),
            Err("input.filters.projectId: missing project id"),
        );
        // Serde's structs also read lists, by position; an input object is never a list.
        check(
            json!(["x", true, true, {"projectId": "P0"}]),
            Err("input: expected an object, found sequence"),
        );
        check(
            json!({"filters": ["P0"]}),
            Err("input.filters: expected an object, found sequence"),
        );
        check(
            json!({"filters": {"projectId": "P0", "searchQuery": [null, []]}}),
            Err("input.filters.searchQuery: expected an object, found sequence"),
        );
        check(
            json!({"filters": {"projectId": 7}}),
            Err("input.filters.projectId: expected a string, found integer `7`"),
        );
        check(
            json!({"filters": {"projectId": "P0"}, "params": {"includeMetadata": "yes"}}),
            Err("input.params.includeMetadata: expected a boolean, found string \"yes\""),
        );
        check(
            json!({"filters": {"projectId": "P0"}, "params": {"includeLabels": true}}),
            Err(
                "input.params.includeLabels: unknown field `includeLabels`, expected one of `includeDataRowDetails`, `includeAttachments`, `includeMetadata`, `includeEmbeddings`, `includeProjectDetails`, `includeLabelDetails`, `includePerformanceDetails`, `includeInterpolatedFrames`, `mediaTypeOverride`, `includePredictions`, `allProjects`, `allModelRuns`, `projectIds`, `modelRunIds`",
            ),
        );
        check(
            json!({"filters": {"projectId": "P0"}, "params": {"projectIds": "p"}}),
            Err("input.params.projectIds: expected a sequence, found string \"p\""),
        );
        check(
            json!({"filters": {"projectId": "P0"}, "taskname": "x"}),
            Err(
                "input.taskname: unknown field `taskname`, expected one of `taskName`, `isStreamableReady`, `streamable`, `filters`, `params`",
            ),
        );
        check(
            json!({"filters": {"projectId": "P0", "searchQuery": {"query": [{"type": "x"}]}}}),
            Err(
                "input.filters.searchQuery.query[0].type: unknown filter type \"x\": expected data_row_last_activity_at, labeled_at, data_row_id, global_key, batch, dataset, task_queue_status or task_queue_not_exist",
            ),
        );
        check(
            json!({"filters": {"projectId": "P0"}, "streamable": "yes"}),
            Err("input.streamable: expected a boolean, found string \"yes\""),
        );
    }
}
