//! The admin API under `/__admin`: the request journal (list, clear, count, verify), the built-in
//! scenarios, and a reset. JSON in and out; errors are `{"error": "..."}` naming the field.
//!
//! Like WireMock's admin API it needs no Labelbox API key, so it must not be reachable from
//! beyond localhost (or the test network). `docs/admin-openapi.json` documents every route of
//! [`AdminRoute::ALL`], which is also the list the router is built from (a test holds them
//! together).

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{Method, Uri};
use axum::response::Response;
use axum::routing::{MethodRouter, any, delete, get, post};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{Ctx, json_response};
use crate::journal::{Expectation, Filter};
use crate::scenario::Scenario;

/// The largest admin request body, in bytes.
const MAX_BODY: usize = 64 * 1024;

/// Every admin endpoint: the router is built from this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminRoute {
    /// `GET /__admin/requests?api_key=&operation=&limit=`: journal entries, oldest first.
    ListRequests,
    /// `DELETE /__admin/requests`: clears the journal.
    ClearRequests,
    /// `POST /__admin/requests/count` `{"api_key", "operation"}`: how many entries match.
    CountRequests,
    /// `POST /__admin/requests/verify`: counts and gaps against an expectation.
    VerifyRequests,
    /// `GET /__admin/scenarios`: the built-in scenarios.
    ListScenarios,
    /// `POST /__admin/reset`: clears the journal (and, later, admin-defined scenarios).
    Reset,
}

impl AdminRoute {
    /// Every route.
    pub const ALL: [AdminRoute; 6] = [
        AdminRoute::ListRequests,
        AdminRoute::ClearRequests,
        AdminRoute::CountRequests,
        AdminRoute::VerifyRequests,
        AdminRoute::ListScenarios,
        AdminRoute::Reset,
    ];

    /// The HTTP method.
    pub fn method(self) -> Method {
        match self {
            AdminRoute::ListRequests | AdminRoute::ListScenarios => Method::GET,
            AdminRoute::ClearRequests => Method::DELETE,
            AdminRoute::CountRequests | AdminRoute::VerifyRequests | AdminRoute::Reset => {
                Method::POST
            }
        }
    }

    /// The path.
    pub fn path(self) -> &'static str {
        match self {
            AdminRoute::ListRequests | AdminRoute::ClearRequests => "/__admin/requests",
            AdminRoute::CountRequests => "/__admin/requests/count",
            AdminRoute::VerifyRequests => "/__admin/requests/verify",
            AdminRoute::ListScenarios => "/__admin/scenarios",
            AdminRoute::Reset => "/__admin/reset",
        }
    }

    fn handler(self) -> MethodRouter<Ctx> {
        match self {
            AdminRoute::ListRequests => get(list_requests),
            AdminRoute::ClearRequests => delete(clear_requests),
            AdminRoute::CountRequests => post(count_requests),
            AdminRoute::VerifyRequests => post(verify_requests),
            AdminRoute::ListScenarios => get(list_scenarios),
            AdminRoute::Reset => post(reset),
        }
    }
}

/// The admin routes, with JSON answers for unknown paths (404) and wrong methods (405).
pub(crate) fn routes() -> Router<Ctx> {
    let mut router = Router::new();
    for route in AdminRoute::ALL {
        router = router.route(route.path(), route.handler());
    }
    router
        .method_not_allowed_fallback(method_not_allowed)
        .route("/__admin", any(not_found))
        .route("/__admin/{*rest}", any(not_found))
}

/// An admin error: a status and a sentence.
struct AdminError(u16, String);

impl AdminError {
    fn bad(message: impl Into<String>) -> AdminError {
        AdminError(400, message.into())
    }

    fn into_response(self) -> Response {
        json_response(self.0, &json!({ "error": self.1 }))
    }
}

/// `?api_key=K&operation=OP&limit=N`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    api_key: Option<String>,
    operation: Option<String>,
    limit: Option<usize>,
}

async fn list_requests(
    State(ctx): State<Ctx>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Response {
    let q = match query {
        Ok(Query(q)) => q,
        Err(e) => {
            return AdminError::bad(format!("query string: {}", e.body_text())).into_response();
        }
    };
    let filter = Filter {
        api_key: q.api_key,
        operation: q.operation,
    };
    let snap = ctx.state.journal.snapshot(&filter, q.limit);
    json_response(
        200,
        &json!({
            "requests": snap.entries.iter().map(|e| e.to_json()).collect::<Vec<_>>(),
            "total_recorded": snap.total_recorded,
            "evicted": snap.evicted,
            "capacity": snap.capacity,
        }),
    )
}

async fn clear_requests(State(ctx): State<Ctx>) -> Response {
    let cleared = ctx.state.journal.clear();
    json_response(200, &json!({ "cleared": cleared }))
}

async fn count_requests(State(ctx): State<Ctx>, body: Body) -> Response {
    let result = async {
        let fields = object(body, &["api_key", "operation"]).await?;
        let filter = filter(&fields)?;
        Ok::<_, AdminError>(json!({ "count": ctx.state.journal.count(&filter) }))
    };
    match result.await {
        Ok(v) => json_response(200, &v),
        Err(e) => e.into_response(),
    }
}

async fn verify_requests(State(ctx): State<Ctx>, body: Body) -> Response {
    let result = async {
        let fields = object(
            body,
            &[
                "api_key",
                "operation",
                "min_count",
                "max_count",
                "min_gap_ms",
            ],
        )
        .await?;
        let expected = Expectation {
            filter: filter(&fields)?,
            min_count: count_field(&fields, "min_count")?,
            max_count: count_field(&fields, "max_count")?,
            min_gap_ms: millis_field(&fields, "min_gap_ms")?,
        };
        if let (Some(min), Some(max)) = (expected.min_count, expected.max_count)
            && min > max
        {
            return Err(AdminError::bad(format!(
                "min_count: {min} is greater than max_count {max}"
            )));
        }
        let verdict = ctx.state.journal.verify(&expected);
        Ok(json!({
            "ok": verdict.ok(),
            "count": verdict.count,
            "min_gap_ms": verdict.min_gap_ms,
            "problems": verdict.problems,
        }))
    };
    match result.await {
        Ok(v) => json_response(200, &v),
        Err(e) => e.into_response(),
    }
}

async fn list_scenarios() -> Response {
    let scenarios: Vec<Value> = Scenario::ALL
        .iter()
        .map(|(_, name, description)| json!({ "name": name, "description": description }))
        .collect();
    json_response(200, &json!({ "scenarios": scenarios }))
}

async fn reset(State(ctx): State<Ctx>) -> Response {
    let cleared = ctx.state.journal.clear();
    json_response(200, &json!({ "cleared": cleared }))
}

async fn not_found(method: Method, uri: Uri) -> Response {
    let known: Vec<String> = AdminRoute::ALL
        .iter()
        .map(|r| format!("{} {}", r.method(), r.path()))
        .collect();
    AdminError(
        404,
        format!(
            "no admin endpoint {method} {}; the admin API has {} (see docs/admin-openapi.json)",
            uri.path(),
            known.join(", ")
        ),
    )
    .into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    let allowed: Vec<String> = AdminRoute::ALL
        .iter()
        .filter(|r| r.path() == uri.path())
        .map(|r| r.method().to_string())
        .collect();
    AdminError(
        405,
        format!(
            "{} does not accept {method}; it accepts {}",
            uri.path(),
            allowed.join(", ")
        ),
    )
    .into_response()
}

/// The body as a JSON object with only `allowed` keys; an empty body is `{}`.
async fn object(body: Body, allowed: &[&str]) -> Result<Map<String, Value>, AdminError> {
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        AdminError(
            413,
            format!("request body: over the limit of {MAX_BODY} bytes"),
        )
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| AdminError::bad(format!("request body: not JSON: {e}")))?;
    let Value::Object(fields) = value else {
        return Err(AdminError::bad(format!(
            "request body: expected a JSON object with {}, found {value}",
            allowed.join(", ")
        )));
    };
    if let Some(unknown) = fields.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(AdminError::bad(format!(
            "{unknown}: unknown field; expected {}",
            allowed.join(", ")
        )));
    }
    Ok(fields)
}

fn filter(fields: &Map<String, Value>) -> Result<Filter, AdminError> {
    Ok(Filter {
        api_key: string_field(fields, "api_key")?,
        operation: string_field(fields, "operation")?,
    })
}

/// A string field; absent and `null` are `None`.
fn string_field(fields: &Map<String, Value>, name: &str) -> Result<Option<String>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(AdminError::bad(format!(
            "{name}: expected a string, found {other}"
        ))),
    }
}

/// A non-negative integer field; absent and `null` are `None`.
fn count_field(fields: &Map<String, Value>, name: &str) -> Result<Option<u64>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().map(Some).ok_or_else(|| {
            AdminError::bad(format!(
                "{name}: expected a non-negative integer, found {v}"
            ))
        }),
    }
}

/// A non-negative number of milliseconds; absent and `null` are `None`.
fn millis_field(fields: &Map<String, Value>, name: &str) -> Result<Option<f64>, AdminError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_f64() {
            Some(ms) if ms >= 0.0 => Ok(Some(ms)),
            _ => Err(AdminError::bad(format!(
                "{name}: expected a non-negative number of milliseconds, found {v}"
            ))),
        },
    }
}
