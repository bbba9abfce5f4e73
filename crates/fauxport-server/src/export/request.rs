//! From the GraphQL `input` of an export mutation to an [`ExportSpec`], checking every field and
//! naming it in errors (`input.filters.searchQuery.query[0].value.operator`).

use fauxport_gen::World;
use fauxport_model::filters::{Filter, parse_search_query};
use fauxport_model::{ExportParams, Param};
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

fn object<'v>(
    v: Option<&'v Value>,
    field: &str,
) -> Result<Option<&'v serde_json::Map<String, Value>>, ApiError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(ApiError::bad_input(field, "expected an object")),
    }
}

fn flag(params: Option<&serde_json::Map<String, Value>>, key: &str) -> Result<bool, ApiError> {
    match params.and_then(|p| p.get(key)) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(ApiError::bad_input(
            &format!("input.params.{key}"),
            "expected true or false",
        )),
    }
}

/// The nine project params, by their GraphQL names (protocol spec §2.4.1).
fn params(input: &serde_json::Map<String, Value>) -> Result<ExportParams, ApiError> {
    let p = object(input.get("params"), "input.params")?;
    let media_type_override = match p.and_then(|p| p.get("mediaTypeOverride")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(ApiError::bad_input(
                "input.params.mediaTypeOverride",
                "expected a media type name",
            ));
        }
    };
    let mut params = ExportParams {
        media_type_override,
        ..ExportParams::none()
    };
    for &param in Param::ALL {
        params.turn(param, flag(p, param.graphql_field())?);
    }
    Ok(params)
}

fn search_query(filters: Option<&serde_json::Map<String, Value>>) -> Result<Vec<Filter>, ApiError> {
    let Some(search) = object(
        filters.and_then(|f| f.get("searchQuery")),
        "input.filters.searchQuery",
    )?
    else {
        return Ok(Vec::new());
    };
    parse_search_query(search.get("query").unwrap_or(&Value::Null)).map_err(|e| {
        ApiError::bad_input(&format!("input.filters.searchQuery.{}", e.path), e.message)
    })
}

fn common(input: &serde_json::Map<String, Value>) -> Result<(Option<String>, bool), ApiError> {
    let task_name = match input.get("taskName") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(ApiError::bad_input("input.taskName", "expected a string")),
    };
    let streamable = match input.get("streamable") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiError::bad_input(
                "input.streamable",
                "expected true or false",
            ));
        }
    };
    Ok((task_name, streamable))
}

/// `exportDataRowsInProject(input: ExportDataRowsInProjectInput!)`.
pub fn project_export(world: &World, input: &Value) -> Result<ExportSpec, ApiError> {
    let input = input
        .as_object()
        .ok_or_else(|| ApiError::bad_input("input", "expected an object"))?;
    let filters = object(input.get("filters"), "input.filters")?;
    let project_id = filters
        .and_then(|f| f.get("projectId"))
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_input("input.filters.projectId", "missing project id"))?;
    let project = world
        .project_by_id(project_id)
        .ok_or_else(|| ApiError::not_found("Project", project_id))?;
    let (task_name, streamable) = common(input)?;
    Ok(ExportSpec {
        projects: vec![project.index],
        params: params(input)?,
        filters: search_query(filters)?,
        streamable,
        task_name,
        at: None,
    })
}

/// `exportDataRowsInCatalog(input: ExportDataRowsInCatalogInput!)`: data rows of every dataset,
/// narrowed by the filters (`DataRow.export`, `dataset.export`, `catalog.export`). Each row
/// carries its own project's entry: see `fauxport_model::inferred::CATALOG_ROWS_CARRY_THEIR_PROJECT`.
pub fn catalog_export(world: &World, input: &Value) -> Result<ExportSpec, ApiError> {
    let input = input
        .as_object()
        .ok_or_else(|| ApiError::bad_input("input", "expected an object"))?;
    let filters = object(input.get("filters"), "input.filters")?;
    let (task_name, streamable) = common(input)?;
    let parsed = search_query(filters)?;
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
    Ok(ExportSpec {
        projects: (0..world.projects.len()).collect(),
        params: params(input)?,
        filters: parsed,
        streamable,
        task_name,
        at: None,
    })
}
