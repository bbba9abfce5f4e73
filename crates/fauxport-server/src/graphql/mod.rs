//! The GraphQL endpoint: a real engine (async-graphql) over a schema that mirrors the part of
//! Labelbox's the SDK uses, so any well-formed query over these fields works: selections,
//! aliases, fragments, variables.
//!
//! Errors carry the codes the SDK maps to exceptions: resolver errors come from
//! [`crate::errors`]; text that does not parse gets `GRAPHQL_PARSE_FAILED`; anything the engine
//! rejects before running gets `GRAPHQL_VALIDATION_FAILED`.

mod budget;
mod context;
mod filtering;
pub mod objects;
pub mod scalars;
pub mod tasks;

pub use objects::{
    DatasetObject, OrganizationObject, ProjectObject, UserObject, WhereUniqueIdInput,
};
use objects::{EditorTaskType, MediaType, QueueMode, UploadType};
use scalars::{DatasetWhere, DateTime, PageSize, ProjectWhere};
pub use tasks::{MutationRoot, TaskObject, TaskStreamType};

pub use context::{BaseUrl, Caller};
pub(crate) use context::{Receipt, api, check_first, state, world};

use async_graphql::{Context, EmptySubscription, Object, Request, Result, Schema, Variables};
use serde_json::{Value, json};

use crate::errors::{ApiError, ErrorKind};
use crate::state::AppState;

/// The schema type.
pub type FauxportSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Builds the schema over `state`, with the engine's limits from its [`crate::limits::Limits`]
/// (a second line behind the checks `execute` makes on the parsed document first).
pub fn schema(state: AppState) -> FauxportSchema {
    let limits = &state.config.limits;
    Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .limit_depth(limits.query_depth)
        .limit_complexity(limits.query_complexity)
        .limit_recursive_depth(crate::limits::QUERY_RECURSION)
        .limit_directives(crate::limits::QUERY_DIRECTIVES)
        // Types that only appear in the variable declarations of the SDK's where clauses.
        .register_input_type::<DateTime>()
        .register_input_type::<PageSize>()
        .register_input_type::<MediaType>()
        .register_input_type::<EditorTaskType>()
        .register_input_type::<UploadType>()
        .register_input_type::<QueueMode>()
        .data(state)
        .finish()
}

/// The query root.
pub struct QueryRoot;

#[Object]
impl QueryRoot {
    /// A project by id.
    async fn project(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: WhereUniqueIdInput,
    ) -> Result<Option<ProjectObject>> {
        let world = world(ctx)?;
        let p = world
            .project_by_id(&filter.id)
            .ok_or_else(|| api(ApiError::not_found("Project", &filter.id)))?;
        Ok(Some(ProjectObject::new(world, p, state(ctx)?.now_ms())))
    }
    /// Projects, in world order, narrowed by an ORM where clause.
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<ProjectWhere>,
        skip: Option<i32>,
        first: Option<i32>,
    ) -> Result<Vec<ProjectObject>> {
        check_first(ctx, "projects.first", first.map(i64::from))?;
        let world = world(ctx)?;
        let at = state(ctx)?.now_ms();
        let all = world
            .projects
            .iter()
            .map(|p| ProjectObject::new(world, p, at));
        select(all, filter.map(|f| f.0), skip, first)
    }
    /// A dataset by id.
    async fn dataset(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: WhereUniqueIdInput,
    ) -> Result<Option<DatasetObject>> {
        let world = world(ctx)?;
        let p = world
            .projects
            .iter()
            .find(|p| p.dataset.id.as_str() == filter.id.as_str());
        let p = p.ok_or_else(|| api(ApiError::not_found("Dataset", &filter.id)))?;
        Ok(Some(DatasetObject::new(world, p, state(ctx)?.now_ms())))
    }
    /// Datasets, in world order, narrowed by an ORM where clause.
    async fn datasets(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<DatasetWhere>,
        skip: Option<i32>,
        first: Option<i32>,
    ) -> Result<Vec<DatasetObject>> {
        check_first(ctx, "datasets.first", first.map(i64::from))?;
        let (world, at) = (world(ctx)?, state(ctx)?.now_ms());
        select(
            world
                .projects
                .iter()
                .map(|p| DatasetObject::new(world, p, at)),
            filter.map(|f| f.0),
            skip,
            first,
        )
    }
    /// The API user (`where` is accepted and must name that user when given).
    async fn user(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<WhereUniqueIdInput>,
    ) -> Result<Option<UserObject>> {
        let world = world(ctx)?;
        match filter {
            Some(w) if w.id.as_str() != world.user.id.as_str() => {
                Err(api(ApiError::not_found("User", &w.id)))
            }
            _ => Ok(Some(UserObject::new(world))),
        }
    }
    /// The organisation.
    async fn organization(&self, ctx: &Context<'_>) -> Result<OrganizationObject> {
        Ok(OrganizationObject::new(world(ctx)?))
    }
    /// A task by id.
    async fn task(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<WhereUniqueIdInput>,
    ) -> Result<Option<TaskObject>> {
        let Some(w) = filter else {
            return Err(api(ApiError::bad_input("where.id", "missing task id")));
        };
        let caller = ctx.data::<Caller>()?;
        let task = state(ctx)?
            .task(&w.id, Some(&*caller.0.api_key))
            .await
            .ok_or_else(|| api(ApiError::not_found("Task", &w.id)))?;
        Ok(Some(TaskObject(task)))
    }
}

/// Applies an ORM where clause, then `skip`/`first`.
fn select<T: serde::Serialize>(
    items: impl Iterator<Item = T>,
    clause: Option<Value>,
    skip: Option<i32>,
    first: Option<i32>,
) -> Result<Vec<T>> {
    let clause = clause.unwrap_or(Value::Null);
    let mut kept = Vec::new();
    for item in items {
        let fields = match serde_json::to_value(&item) {
            Ok(Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        if filtering::matches(&clause, &fields, "where").map_err(api)? {
            kept.push(item);
        }
    }
    Ok(page(kept.into_iter(), skip, first))
}

fn page<T>(items: impl Iterator<Item = T>, skip: Option<i32>, first: Option<i32>) -> Vec<T> {
    let skip = skip.unwrap_or(0).max(0) as usize;
    let first = first.map_or(usize::MAX, |f| f.max(0) as usize);
    items.skip(skip).take(first).collect()
}

/// What [`execute`] answers.
#[derive(Debug, Clone)]
pub struct Executed {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
    /// The operation names the document declares, in document order (empty for an anonymous
    /// operation or a document that does not parse).
    pub operations: Vec<String>,
    /// The table row of the first error (`None` without errors).
    pub error: Option<ErrorKind>,
    /// The task an export mutation created.
    pub task: Option<String>,
}

/// The operation names a GraphQL document declares, in document order; empty for an anonymous
/// operation or text that does not parse.
pub fn operation_names(query: &str) -> Vec<String> {
    async_graphql::parser::parse_query(query)
        .map(|d| names(&d.operations))
        .unwrap_or_default()
}

fn names(operations: &async_graphql::parser::types::DocumentOperations) -> Vec<String> {
    match operations {
        async_graphql::parser::types::DocumentOperations::Single(_) => Vec::new(),
        async_graphql::parser::types::DocumentOperations::Multiple(ops) => {
            ops.keys().map(ToString::to_string).collect()
        }
    }
}

/// Runs one GraphQL request body: the HTTP status, the JSON body and the operation names.
pub async fn execute(
    schema: &FauxportSchema,
    mut body: Value,
    caller: Caller,
    base: BaseUrl,
) -> Executed {
    // Taken out first (owned, not copied): the query below borrows the body.
    let variables = body.get_mut("variables").map(Value::take);
    let Some(query) = body.get("query").and_then(Value::as_str) else {
        return reject(ApiError::bad_input(
            "query",
            "the request body must be {\"query\": \"...\", \"variables\": {...}}",
        ));
    };
    let limits = caller_limits(schema);
    let document = match parse_within_limits(query, limits).await {
        Ok(d) => d,
        Err(e) => return reject(e),
    };
    let operations = names(&document.operations);
    let operation = if operations.is_empty() {
        "(anonymous)".to_owned()
    } else {
        operations.join(",")
    };
    tracing::info!(%operation, scenario = %caller.0.label(), "graphql");
    let variables = match variables {
        None | Some(Value::Null) => Variables::default(),
        Some(v @ Value::Object(_)) => Variables::from_json(v),
        Some(_) => {
            return Executed {
                operations,
                ..reject(ApiError::bad_input(
                    "variables",
                    "expected an object or null",
                ))
            };
        }
    };
    let receipt = std::sync::Arc::new(Receipt::default());
    let mut request = Request::new(query)
        .variables(variables)
        .data(caller)
        .data(base)
        .data(std::sync::Arc::clone(&receipt));
    if let Some(name) = body.get("operationName").and_then(Value::as_str) {
        request = request.operation_name(name);
    }
    // The engine would parse the text again: give it the document parsed above.
    request.set_parsed_query(document);
    let response = schema.execute(request).await;
    // Resolver errors carry their table row ([`api`]); the engine's own carry none.
    let kinds: Vec<Option<ErrorKind>> = response
        .errors
        .iter()
        .map(|e| e.source::<ErrorKind>().copied())
        .collect();
    let error = kinds
        .first()
        .map(|k| k.unwrap_or(ErrorKind::ValidationFailed));
    // A rate limit is answered as the table says (HTTP 429, a top-level `message`), as the
    // scenario's rate limit is.
    if error == Some(ErrorKind::RateLimited) {
        let message = response.errors.first().map(|e| e.message.clone());
        let e = ApiError::new(ErrorKind::RateLimited, message.unwrap_or_default());
        return Executed {
            status: e.http_status(),
            body: e.body(),
            operations,
            error,
            task: receipt.take(),
        };
    }
    let mut out = serde_json::to_value(&response).unwrap_or_else(|_| json!({"data": null}));
    let rejected = ErrorKind::ValidationFailed.info().http_status;
    let mut status = 200;
    let mut failed_paths = Vec::new();
    if let Some(Value::Array(errors)) = out.get_mut("errors") {
        for (e, kind) in errors.iter_mut().zip(kinds) {
            match kind {
                Some(kind) => {
                    // Resolver errors: the status the table gives (e.g. 403 for AUTHORIZATION_ERROR).
                    if status == 200 {
                        status = kind.info().http_status;
                    }
                }
                None => {
                    // The engine rejected the request before running it (unknown field, wrong
                    // variable type, bad argument): the SDK expects GRAPHQL_VALIDATION_FAILED.
                    status = rejected;
                    if let Some(o) = e.as_object_mut() {
                        // The engine's messages may quote a value the request sent.
                        if let Some(Value::String(m)) = o.get_mut("message") {
                            *m = crate::errors::bounded(std::mem::take(m));
                        }
                        let ext = o.entry("extensions").or_insert_with(|| json!({}));
                        if let Some(ext) = ext.as_object_mut() {
                            ext.insert(
                                "code".into(),
                                Value::from(ErrorKind::ValidationFailed.info().code),
                            );
                        }
                    }
                }
            }
            if let Some(Value::Array(path)) = e.get("path") {
                failed_paths.push(path.clone());
            }
        }
    }
    // A field whose resolver failed is `null`, not missing (`{"data":{"project":null}}`): the
    // engine drops such fields, and an object left empty, so put them back.
    if !failed_paths.is_empty() && status != rejected {
        if out.get("data").is_none_or(Value::is_null) {
            out["data"] = json!({});
        }
        for path in &failed_paths {
            insert_null(&mut out["data"], path);
        }
    }
    if out.get("data").is_none() {
        out["data"] = Value::Null;
    }
    Executed {
        status,
        body: out,
        operations,
        error,
        task: receipt.take(),
    }
}

/// The limits of the server the schema serves.
fn caller_limits(schema: &FauxportSchema) -> crate::limits::Limits {
    schema
        .data::<AppState>()
        .map(|state| state.config.limits.clone())
        .unwrap_or_default()
}

/// Parses `query` and measures it against `limits` ([`budget::check`]): inline for a small
/// text, on the blocking pool for a large one, so a big body never holds an async worker.
async fn parse_within_limits(
    query: &str,
    limits: crate::limits::Limits,
) -> std::result::Result<async_graphql::parser::types::ExecutableDocument, ApiError> {
    fn parse(
        query: &str,
        limits: &crate::limits::Limits,
    ) -> std::result::Result<async_graphql::parser::types::ExecutableDocument, ApiError> {
        let document = async_graphql::parser::parse_query(query).map_err(ApiError::parse_failed)?;
        budget::check(&document, limits)?;
        Ok(document)
    }
    if query.len() <= crate::limits::BLOCKING_BODY_BYTES {
        return parse(query, &limits);
    }
    let owned = query.to_owned();
    tokio::task::spawn_blocking(move || parse(&owned, &limits))
        .await
        .unwrap_or_else(|_| {
            Err(ApiError::validation_failed(
                "the query could not be checked",
            ))
        })
}

/// Sets `null` at `path` inside `data` where the parent exists and the key is missing.
fn insert_null(data: &mut Value, path: &[Value]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = data;
    for seg in parents {
        at = match (seg, at) {
            (Value::String(k), Value::Object(o)) => match o.get_mut(k) {
                Some(v) => v,
                None => return,
            },
            (Value::Number(n), Value::Array(a)) => {
                match n.as_u64().and_then(|i| a.get_mut(i as usize)) {
                    Some(v) => v,
                    None => return,
                }
            }
            _ => return,
        };
    }
    if let (Value::String(k), Value::Object(o)) = (last, at) {
        o.entry(k.clone()).or_insert(Value::Null);
    }
}

fn reject(e: ApiError) -> Executed {
    Executed {
        status: e.http_status(),
        body: e.body(),
        operations: Vec::new(),
        error: Some(e.kind),
        task: None,
    }
}
