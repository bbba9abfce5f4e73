//! The admin API under `/__admin`: the request journal (list, clear, count, verify), scenarios
//! (list, get, put, delete, the default), a live server's clock (`admin_clock.rs`), the world's
//! projects, and a reset. JSON in and out; errors are `{"error": "..."}` naming the field. The
//! dashboard page that reads them (`/__admin/ui`) is `dashboard.rs`.
//!
//! Like WireMock's admin API it needs no Labelbox API key, so it must not be reachable from
//! beyond localhost (or the test network). `docs/admin-openapi.json` documents every route of
//! [`AdminRoute::ALL`], which is also the list the router is built from (a test holds them
//! together).

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{Method, Uri};
use axum::response::Response;
use axum::routing::{MethodRouter, any, delete, get, post, put};
use fauxport_model::protocol::RequestKind;
use serde::Deserialize;
use serde_json::{Value, json};

use super::admin_body::{AdminError, CountBody, DefaultBody, VerifyBody, json_body, typed_body};
use super::record::shown_key;
use super::{Ctx, json_response};
use crate::journal::{Expectation, Filter};
use crate::scenario::Scenario;
use crate::scenario::registry::DefaultScenario;

/// Every admin endpoint: the router is built from this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminRoute {
    /// `GET /__admin/requests?api_key=&operation=&after_seq=&limit=`: journal entries, oldest
    /// first.
    ListRequests,
    /// `DELETE /__admin/requests`: clears the journal.
    ClearRequests,
    /// `POST /__admin/requests/count` `{"api_key", "operation"}`: how many entries match.
    CountRequests,
    /// `POST /__admin/requests/verify`: counts and gaps against an expectation.
    VerifyRequests,
    /// `GET /__admin/scenarios`: every scenario, with its definition.
    ListScenarios,
    /// `GET /__admin/scenarios/{name}`: one scenario.
    GetScenario,
    /// `PUT /__admin/scenarios/{name}`: defines or replaces a scenario (JSON body, the TOML
    /// format's fields).
    PutScenario,
    /// `DELETE /__admin/scenarios/{name}`: removes a scenario put through the API.
    DeleteScenario,
    /// `GET /__admin/default-scenario`: the scenario of requests that do not choose one.
    GetDefault,
    /// `PUT /__admin/default-scenario` `{"name", "seed"}`: sets it.
    PutDefault,
    /// `DELETE /__admin/default-scenario`: back to the one the server started with.
    DeleteDefault,
    /// `POST /__admin/reset`: clears the journal, admin scenarios, the admin default and the
    /// scenarios' call counters.
    Reset,
    /// `GET /__admin/clock`: a live server's time and speed.
    GetClock,
    /// `PUT /__admin/clock` `{"now", "speed"}`: sets them.
    PutClock,
    /// `GET /__admin/world`: the world's projects (kinds, row counts), as `/world.json` has it.
    GetWorld,
}

impl AdminRoute {
    /// Every route.
    pub const ALL: [AdminRoute; 15] = [
        AdminRoute::ListRequests,
        AdminRoute::ClearRequests,
        AdminRoute::CountRequests,
        AdminRoute::VerifyRequests,
        AdminRoute::ListScenarios,
        AdminRoute::GetScenario,
        AdminRoute::PutScenario,
        AdminRoute::DeleteScenario,
        AdminRoute::GetDefault,
        AdminRoute::PutDefault,
        AdminRoute::DeleteDefault,
        AdminRoute::Reset,
        AdminRoute::GetClock,
        AdminRoute::PutClock,
        AdminRoute::GetWorld,
    ];

    /// The HTTP method.
    pub fn method(self) -> Method {
        match self {
            AdminRoute::ListRequests
            | AdminRoute::ListScenarios
            | AdminRoute::GetScenario
            | AdminRoute::GetDefault
            | AdminRoute::GetClock
            | AdminRoute::GetWorld => Method::GET,
            AdminRoute::PutScenario | AdminRoute::PutDefault | AdminRoute::PutClock => Method::PUT,
            AdminRoute::ClearRequests | AdminRoute::DeleteScenario | AdminRoute::DeleteDefault => {
                Method::DELETE
            }
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
            AdminRoute::GetScenario | AdminRoute::PutScenario | AdminRoute::DeleteScenario => {
                "/__admin/scenarios/{name}"
            }
            AdminRoute::GetDefault | AdminRoute::PutDefault | AdminRoute::DeleteDefault => {
                "/__admin/default-scenario"
            }
            AdminRoute::Reset => "/__admin/reset",
            AdminRoute::GetClock | AdminRoute::PutClock => "/__admin/clock",
            AdminRoute::GetWorld => "/__admin/world",
        }
    }

    fn handler(self) -> MethodRouter<Ctx> {
        match self {
            AdminRoute::ListRequests => get(list_requests),
            AdminRoute::ClearRequests => delete(clear_requests),
            AdminRoute::CountRequests => post(count_requests),
            AdminRoute::VerifyRequests => post(verify_requests),
            AdminRoute::ListScenarios => get(list_scenarios),
            AdminRoute::GetScenario => get(get_scenario),
            AdminRoute::PutScenario => put(put_scenario),
            AdminRoute::DeleteScenario => delete(delete_scenario),
            AdminRoute::GetDefault => get(get_default),
            AdminRoute::PutDefault => put(put_default),
            AdminRoute::DeleteDefault => delete(delete_default),
            AdminRoute::Reset => post(reset),
            AdminRoute::GetClock => get(super::admin_clock::get_clock),
            AdminRoute::PutClock => put(super::admin_clock::put_clock),
            AdminRoute::GetWorld => get(super::info::world_json),
        }
    }
}

/// The admin routes, with JSON answers for unknown paths (404) and wrong methods (405).
pub(crate) fn routes() -> Router<Ctx> {
    let mut by_path: Vec<(&'static str, MethodRouter<Ctx>)> = Vec::new();
    for route in AdminRoute::ALL {
        match by_path.iter_mut().find(|(p, _)| *p == route.path()) {
            Some((_, methods)) => *methods = std::mem::take(methods).merge(route.handler()),
            None => by_path.push((route.path(), route.handler())),
        }
    }
    let mut router = Router::new();
    for (path, methods) in by_path {
        router = router.route(path, methods);
    }
    router
        .merge(super::dashboard::routes())
        .method_not_allowed_fallback(method_not_allowed)
        .route("/__admin", any(not_found))
        .route("/__admin/{*rest}", any(not_found))
}

/// `?api_key=K&operation=OP&kind=K&path_prefix=P&faulted=B&after_seq=S&limit=N`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    api_key: Option<String>,
    operation: Option<String>,
    kind: Option<String>,
    path_prefix: Option<String>,
    faulted: Option<bool>,
    after_seq: Option<u64>,
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
    let kind = match q.kind.as_deref().map(|k| known_kind("kind", k)).transpose() {
        Ok(kind) => kind,
        Err(e) => return e.into_response(),
    };
    let filter = Filter {
        api_key: q.api_key.as_deref().map(shown_key),
        operation: q.operation,
        kind,
        path_prefix: q.path_prefix,
        faulted: q.faulted,
        after_seq: q.after_seq,
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
        let body: CountBody = typed_body(body).await?;
        let filter = filter(body)?;
        Ok::<_, AdminError>(json!({ "count": ctx.state.journal.count(&filter) }))
    };
    match result.await {
        Ok(v) => json_response(200, &v),
        Err(e) => e.into_response(),
    }
}

async fn verify_requests(State(ctx): State<Ctx>, body: Body) -> Response {
    let result = async {
        let body: VerifyBody = typed_body(body).await?;
        let expected = Expectation {
            min_count: body.min_count.map(|c| c.0),
            max_count: body.max_count.map(|c| c.0),
            min_gap_ms: body.min_gap_ms.map(|m| m.0),
            order: body
                .order
                .map(|o| o.0)
                .unwrap_or_default()
                .iter()
                .map(|k| known_kind("order", k))
                .collect::<Result<_, _>>()?,
            filter: filter(CountBody {
                api_key: body.api_key.as_deref().map(shown_key),
                operation: body.operation,
                kind: body.kind,
                path_prefix: body.path_prefix,
                faulted: body.faulted,
            })?,
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

/// A scenario as the admin API lists it: its definition plus where it comes from.
fn scenario_json(s: &Scenario, origin: crate::scenario::registry::Origin) -> Value {
    let mut v = s.to_json();
    if let Some(o) = v.as_object_mut() {
        o.insert("origin".into(), Value::from(origin.as_str()));
    }
    v
}

async fn list_scenarios(State(ctx): State<Ctx>) -> Response {
    let scenarios: Vec<Value> = ctx
        .state
        .scenarios
        .list()
        .iter()
        .map(|(s, origin)| scenario_json(s, *origin))
        .collect();
    json_response(200, &json!({ "scenarios": scenarios }))
}

fn no_scenario(name: &str) -> AdminError {
    AdminError(404, format!("no scenario named {name:?}"))
}

async fn get_scenario(State(ctx): State<Ctx>, Path(name): Path<String>) -> Response {
    match ctx.state.scenarios.get_with_origin(&name) {
        Some((s, origin)) => json_response(200, &scenario_json(&s, origin)),
        None => no_scenario(&name).into_response(),
    }
}

async fn put_scenario(State(ctx): State<Ctx>, Path(name): Path<String>, body: Body) -> Response {
    let result = async {
        let mut body = json_body(body).await?;
        let Some(fields) = body.as_object_mut() else {
            return Err(AdminError::bad(format!(
                "request body: expected a JSON object (a scenario), found {body}"
            )));
        };
        match fields.get("name") {
            None | Some(Value::Null) => {
                fields.insert("name".into(), Value::from(name.clone()));
            }
            Some(Value::String(n)) if *n == name => {}
            Some(other) => {
                return Err(AdminError::bad(format!(
                    "name: {other} differs from the name in the path, {name:?}"
                )));
            }
        }
        let scenario = Scenario::from_json(body).map_err(|e| AdminError::bad(e.to_string()))?;
        let replaced = ctx
            .state
            .scenarios
            .put(scenario)
            .map_err(|e| AdminError(409, e.to_string()))?;
        Ok::<_, AdminError>((replaced, name))
    };
    match result.await {
        Ok((replaced, name)) => json_response(
            if replaced { 200 } else { 201 },
            &json!({ "name": name, "replaced": replaced }),
        ),
        Err(e) => e.into_response(),
    }
}

async fn delete_scenario(State(ctx): State<Ctx>, Path(name): Path<String>) -> Response {
    match ctx.state.scenarios.delete(&name) {
        Ok(true) => json_response(200, &json!({ "deleted": name })),
        Ok(false) => no_scenario(&name).into_response(),
        Err(e) => AdminError(409, e.to_string()).into_response(),
    }
}

fn default_json(ctx: &Ctx) -> Value {
    match ctx.state.scenarios.default_scenario() {
        Some(d) => json!({ "name": d.name, "seed": d.seed }),
        None => json!({ "name": crate::scenario::registry::HAPPY, "seed": null }),
    }
}

async fn get_default(State(ctx): State<Ctx>) -> Response {
    json_response(200, &default_json(&ctx))
}

async fn put_default(State(ctx): State<Ctx>, body: Body) -> Response {
    let result = async {
        let body: DefaultBody = typed_body(body).await?;
        let name = body
            .name
            .ok_or_else(|| AdminError::bad("name: required (a scenario name)"))?;
        let seed = body.seed.map(|s| s.0);
        ctx.state
            .scenarios
            .set_default(Some(DefaultScenario { name, seed }))
            .map_err(|e| AdminError::bad(e.to_string()))
    };
    match result.await {
        Ok(()) => json_response(200, &default_json(&ctx)),
        Err(e) => e.into_response(),
    }
}

async fn delete_default(State(ctx): State<Ctx>) -> Response {
    // Clearing cannot fail.
    let _ = ctx.state.scenarios.set_default(None);
    json_response(200, &default_json(&ctx))
}

async fn reset(State(ctx): State<Ctx>) -> Response {
    let cleared = ctx.state.journal.clear();
    let scenarios = ctx.state.scenarios.reset();
    json_response(
        200,
        &json!({ "cleared": cleared, "scenarios_removed": scenarios }),
    )
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
    let mut allowed: Vec<String> = AdminRoute::ALL
        .iter()
        .filter(|r| template_matches(r.path(), uri.path()))
        .map(|r| r.method().to_string())
        .collect();
    if super::dashboard::is_page(uri.path()) {
        allowed.push(Method::GET.to_string());
    }
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

/// Whether `path` is an instance of the route `template` (`{name}` matches one segment).
fn template_matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}') && !p.is_empty()))
}

fn filter(body: CountBody) -> Result<Filter, AdminError> {
    let kind = body.kind.map(|k| known_kind("kind", &k)).transpose()?;
    Ok(Filter {
        api_key: body.api_key.as_deref().map(shown_key),
        operation: body.operation,
        kind,
        path_prefix: body.path_prefix,
        faulted: body.faulted.map(|f| f.0),
        after_seq: None,
    })
}

/// `kind` parsed, when it is one the journal records ([`RequestKind::ALL`]), else an error
/// naming `field`.
fn known_kind(field: &str, kind: &str) -> Result<RequestKind, AdminError> {
    kind.parse().map_err(|_| {
        let known: Vec<&str> = RequestKind::ALL.iter().map(|k| k.as_str()).collect();
        AdminError::bad(format!(
            "{field}: unknown request kind {kind:?}; expected one of {}",
            known.join(", ")
        ))
    })
}
