//! Page files (`/files/{task}/{stream}/{page}`), behaving like pre-signed storage URLs, and the
//! plain whole-stream download for curl users (`/projects/{id}/export.ndjson`).

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fauxport_gen::Stream;
use fauxport_model::ExportParams;
use fauxport_model::filters::parse_filters;
use fauxport_model::protocol::RequestKind;
use serde::Deserialize;

use super::api_key::request_key;
use super::record::JournalNote;
use super::{Ctx, graphql_fault, noted, noted_error, scenario_header};
use crate::errors::ApiError;
use crate::export::cache::PageKey;
use crate::export::render::BodySource;
use crate::export::tables::selection;
use crate::export::tokens::FileRef;
use crate::export::{ExportSpec, Page, tables};
use crate::scenario::shaping::shape;
use crate::scenario::{CallKind, PageOutcome, TaskEnd};

/// How far a replica's clock may run behind the one that signed a URL, in seconds.
const MAX_CLOCK_SKEW_SECS: u64 = 300;

/// `?expires=…&sig=…`.
#[derive(Debug, Deserialize)]
pub(crate) struct Signature {
    expires: Option<u64>,
    sig: Option<String>,
}

fn plain(status: StatusCode, text: &str) -> Response {
    (status, format!("{text}\n")).into_response()
}

/// A page fault's refusal: its status (500 when it is no HTTP status) and text.
fn refusal(status: u16, text: &str) -> Response {
    plain(
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        text,
    )
}

/// A page (or, for legacy tasks, the whole stream) of a task.
pub(crate) async fn page(
    State(ctx): State<Ctx>,
    Path((task_id, stream, page)): Path<(String, String, String)>,
    Query(sig): Query<Signature>,
) -> Response {
    let (Some(expires), Some(signature)) = (sig.expires, sig.sig) else {
        return plain(StatusCode::FORBIDDEN, "AccessDenied: the URL is not signed");
    };
    let page_index = if page == "all" {
        None
    } else {
        page.parse::<usize>().ok()
    };
    let r = FileRef {
        task: task_id.clone(),
        stream: stream.clone(),
        page: page_index,
        expires,
    };
    if (page != "all" && page_index.is_none())
        || !r.verify(&ctx.state.config.url_secret, &signature)
    {
        return plain(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch: the URL signature is not valid",
        );
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    if now > expires {
        return plain(StatusCode::FORBIDDEN, "AccessDenied: Request has expired");
    }
    // This server signs URLs that expire `url_ttl` from now; one that lasts longer was not
    // signed by a replica with these settings (a leaked secret cannot mint eternal URLs).
    let ttl = ctx.state.config.url_ttl.as_secs();
    if expires > now.saturating_add(ttl).saturating_add(MAX_CLOCK_SKEW_SECS) {
        return plain(
            StatusCode::FORBIDDEN,
            "AccessDenied: the URL expires later than this server's URLs do",
        );
    }
    let Some(stream) = Stream::from_wire(&stream) else {
        return plain(StatusCode::NOT_FOUND, "NoSuchKey: unknown stream");
    };
    // Page URLs carry no key: a task rebuilt here is filed under no key in the journal.
    let Some(task) = ctx.state.task(&task_id, None).await else {
        return plain(
            StatusCode::NOT_FOUND,
            "NoSuchKey: the export is no longer kept (server restarted or task evicted)",
        );
    };
    let Some(tables) = task.tables() else {
        return plain(
            StatusCode::NOT_FOUND,
            "NoSuchKey: the export is not complete",
        );
    };
    // Whole-stream files exist only for legacy (non-streamable) tasks, as `result_url` says.
    if page_index.is_none() && task.spec.streamable {
        return plain(
            StatusCode::NOT_FOUND,
            "NoSuchKey: a streamable export has pages, not one file",
        );
    }
    let table = tables.stream(stream);
    let pages: Vec<Page> = match page_index {
        Some(i) => match table.pages.get(i) {
            Some(p) => vec![*p],
            None => return plain(StatusCode::NOT_FOUND, "NoSuchKey: no such page"),
        },
        None => table.pages.clone(),
    };
    let length: u64 = pages.iter().map(|p| p.bytes).sum();
    // The journal files page downloads under the key and scenario of the task's creator.
    let active = &task.active;
    let mut note = JournalNote {
        api_key: Some(active.api_key.to_string()),
        scenario: Some(active.label()),
        task: Some(task.id.to_string()),
        ..JournalNote::new(RequestKind::Page)
    };
    let attempt = task.count_download(stream, page_index);
    let decision = page_index.and_then(|i| {
        active
            .scenario
            .decide_page(active.seed, stream.into(), i as u64, attempt)
    });
    let (plan, announced) = match decision {
        None => (Default::default(), Some(length)),
        Some(d) => {
            note.fault = Some(d.describe(length));
            match d.outcome(Some(length), &active.scenario.name, "this page", attempt) {
                PageOutcome::Refuse { status, text } => return noted(refusal(status, &text), note),
                PageOutcome::Shape(plan, announced) => (plan, announced),
            }
        }
    };
    let selection = std::sync::Arc::new(selection(&task.spec, stream));
    // One page is kept in the page cache after its first download; a legacy whole-stream URL
    // is rendered each time.
    let cache_key = match (page_index, pages.as_slice()) {
        (Some(_), [p]) => Some(PageKey::new(task.world(), task.selection, stream, p)),
        _ => None,
    };
    let pieces = ctx.state.render.body(BodySource {
        world: std::sync::Arc::clone(task.world()),
        selection,
        pages,
        cache_key,
    });
    ndjson(pieces, decision.is_some().then_some(plan), announced, note)
}

/// `?stream=result|errors&params=all|none|a,b&filters=<JSON>&api_key=…`.
#[derive(Debug, Deserialize)]
pub(crate) struct DownloadQuery {
    stream: Option<String>,
    params: Option<String>,
    filters: Option<String>,
}

/// The whole result (or errors) stream of a project as chunked NDJSON, rendered as it is sent.
pub(crate) async fn project_download(
    State(ctx): State<Ctx>,
    Path(project): Path<String>,
    Query(q): Query<DownloadQuery>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    let state = &ctx.state;
    // A plain route: every error has its plain status (an unknown project 404, a bad value
    // 400), so curl and load tools see the failure; the body is the usual error JSON.
    let refuse = |e: ApiError, note| noted_error(&e, e.plain_http_status(), note);
    let key = request_key(&headers, &uri);
    let active = match state.resolve(key.as_deref(), scenario_header(&headers)) {
        Ok(a) => a,
        Err(e) => return refuse(e, JournalNote::new(RequestKind::Refused)),
    };
    let note = JournalNote {
        scenario: Some(active.label()),
        ..JournalNote::new(RequestKind::Download)
    };
    let world = active.world.clone();
    let Some(p) = world.project_by_id(&project) else {
        return refuse(ApiError::not_found("Project", &project), note);
    };
    let stream = match q.stream.as_deref() {
        None | Some("result") => Stream::Result,
        Some("errors") => Stream::Errors,
        Some(other) => {
            return refuse(
                ApiError::bad_input(
                    "stream",
                    format!("expected result or errors, found {other:?}"),
                ),
                note,
            );
        }
    };
    let params = match ExportParams::from_names(q.params.as_deref().unwrap_or("all")) {
        Ok(params) => params,
        Err(e) => return refuse(ApiError::bad_input("params", e), note),
    };
    let filters = match q.filters.as_deref() {
        None => Vec::new(),
        Some(text) => match serde_json::from_str(text)
            .map_err(|e| e.to_string())
            .and_then(|v| parse_filters(&v).map_err(|e| e.to_string()))
        {
            Ok(f) => f,
            Err(e) => return refuse(ApiError::bad_input("filters", e), note),
        },
    };
    let spec = ExportSpec {
        projects: vec![p.index],
        params,
        filters,
        streamable: true,
        task_name: None,
        at: state.now_ms(),
    };
    plain_export(&ctx, &active, spec, stream, note).await
}

/// The plain download of `spec`'s `stream` under `active`'s scenario, which it obeys as an
/// SDK export would meet it: GraphQL faults of export mutations (rate limits, outages,
/// refusals) answer in their place, a slow task delays the answer, a failed or canceled task
/// is an error, and page rules (whatever pages they name; attempts counted per caller, project
/// and stream) shape the body.
async fn plain_export(
    ctx: &Ctx,
    active: &crate::scenario::Active,
    spec: ExportSpec,
    stream: Stream,
    mut note: JournalNote,
) -> Response {
    let state = &ctx.state;
    let scenario = &active.scenario;
    let decision = state
        .scenarios
        .decide_graphql(active, CallKind::CreateExport, &[]);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    if let Some((rule, fault)) = decision.fault {
        return graphql_fault(active, rule, fault, note, true);
    }
    if scenario.task.in_progress_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(
            scenario.task.in_progress_ms,
        ))
        .await;
    }
    let ended = match scenario.task.end {
        TaskEnd::Complete => None,
        TaskEnd::Failed => Some("failed"),
        TaskEnd::Canceled => Some("was canceled"),
    };
    if let Some(how) = ended {
        let e = ApiError::export_failed(&format!(
            "the export {how} (fauxport scenario {})",
            scenario.name
        ));
        return noted_error(&e, e.plain_http_status(), note);
    }
    let what = format!("{}/{}", spec.projects[0], stream.wire_name());
    let attempt = state.scenarios.count_download(active, &what);
    let page = active
        .scenario
        .decide_download(active.seed, stream.into(), attempt);
    let source = BodySource {
        world: std::sync::Arc::clone(&active.world),
        selection: std::sync::Arc::new(selection(&spec, stream)),
        // One "page" covering every row of the project: rendered as it is sent, never held.
        pages: vec![Page {
            project: spec.projects[0],
            first_row: 0,
            lines: u64::MAX,
            offset: 0,
            line: 0,
            bytes: 0,
        }],
        cache_key: None,
    };
    let (plan, announced) = match page {
        None => (Default::default(), None),
        Some(d) => {
            // Only a fault that cuts at a share of the body needs its length: one pass learns it.
            let length = if d.fault.needs_length() {
                let (world, threads) = (
                    std::sync::Arc::clone(&active.world),
                    state.exports.config().threads,
                );
                let spec = spec.clone();
                tokio::task::spawn_blocking(move || {
                    tables::build(&world, &spec, u64::MAX, threads)
                        .stream(stream)
                        .total_size
                })
                .await
                .unwrap_or(0)
            } else {
                0
            };
            note.fault = Some(d.describe(length));
            let known = d.needs_length().then_some(length);
            match d.outcome(known, &scenario.name, "this stream", attempt) {
                PageOutcome::Refuse { status, text } => return noted(refusal(status, &text), note),
                PageOutcome::Shape(plan, announced) => (plan, announced),
            }
        }
    };
    let pieces = state.render.body(source);
    ndjson(pieces, page.is_some().then_some(plan), announced, note)
}

/// A `200` NDJSON response of `pieces`, shaped by `plan` when a page fault decided one, with
/// `announced` as its `Content-Length` when known, journaled with `note`.
fn ndjson(
    pieces: crate::export::render::Pieces,
    plan: Option<crate::scenario::BodyPlan>,
    announced: Option<u64>,
    note: JournalNote,
) -> Response {
    let body = match plan {
        Some(plan) => axum::body::Body::from_stream(shape(pieces, plan)),
        None => axum::body::Body::from_stream(pieces),
    };
    let mut resp = (StatusCode::OK, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    if let Some(length) = announced {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    noted(resp, note)
}
