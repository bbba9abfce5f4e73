//! What a newcomer sees first: the landing page, `/world.json`, and the start-up banner's text.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Ctx, base_url, json_response};
use crate::config::DEFAULT_API_KEY;
use crate::state::AppState;

/// What pages show where a key goes when the server's keys are not for printing.
pub const KEY_PLACEHOLDER: &str = "YOUR_API_KEY";

/// The API key that may be shown to anyone who can reach the server: the default key, which is
/// public (it is in the docs); `None` when keys were configured (`serve --api-key`), which only
/// the start-up banner on a loopback address prints.
pub fn public_key(state: &AppState) -> Option<&'static str> {
    let keys = &state.config.api_keys;
    (keys.len() == 1 && keys[0] == DEFAULT_API_KEY).then_some(DEFAULT_API_KEY)
}

/// The world as JSON: seed, key (`null` when it is not the public default, see [`public_key`]),
/// URLs, user, organisation and projects; and a live server's clock (`now`, `speed`, the admin
/// URL that moves it).
pub fn world_info(state: &AppState, base: &str) -> Value {
    let w = &state.world;
    let shown = public_key(state);
    let key = shown.unwrap_or(KEY_PLACEHOLDER);
    let mut info = json!({
        "seed": w.seed(),
        "api_key": shown,
        "graphql": format!("{base}/graphql"),
        "user": {"id": w.user.id.as_str(), "email": w.user.email},
        "organization": {"id": w.org.id.as_str(), "name": w.org.name},
        "projects": w.projects.iter().map(|p| json!({
            "index": p.index,
            "id": p.id.as_str(),
            "name": p.name,
            "kind": p.spec.kind.slug(),
            "rows": p.spec.rows,
            "dataset_id": p.dataset.id.as_str(),
            "dataset_name": p.dataset.name,
            "download": format!("{base}/projects/{}/export.ndjson?api_key={key}", p.id.as_str()),
        })).collect::<Vec<_>>(),
    });
    if let (Some(clock), Some(fields)) = (&state.clock, info.as_object_mut()) {
        fields.insert(
            "clock".into(),
            json!({
                "now": fauxport_model::Timestamp::from_millis(clock.now_ms()).0,
                "speed": clock.speed(),
                "admin": format!("{base}/__admin/clock"),
            }),
        );
    }
    info
}

/// A Python snippet that exports the first project with the official SDK, as pasted.
pub fn python_snippet(base: &str, key: &str, project_id: &str) -> String {
    format!(
        r#"import labelbox as lb

client = lb.Client(api_key="{key}", endpoint="{base}/graphql")
project = client.get_project("{project_id}")
task = project.export(params={{"data_row_details": True, "label_details": True, "project_details": True}})
task.wait_till_done()
rows = [r.json for r in task.get_buffered_stream()]
print(len(rows), "rows; first data row:", rows[0]["data_row"]["id"])
"#
    )
}

pub(crate) async fn world_json(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    json_response(
        200,
        &world_info(&ctx.state, &base_url(&ctx.state, &headers)),
    )
}

/// `s` safe inside HTML text and quoted attributes.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub(crate) async fn landing(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    let base = base_url(&ctx.state, &headers);
    let key = public_key(&ctx.state).unwrap_or(KEY_PLACEHOLDER);
    let rows: String = ctx
        .state
        .world
        .projects
        .iter()
        .map(|p| {
            format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                p.id.as_str(),
                escape(&p.name),
                p.spec.kind.slug(),
                p.spec.rows
            )
        })
        .collect();
    let first = ctx
        .state
        .world
        .projects
        .first()
        .map_or("", |p| p.id.as_str());
    let html = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>fauxport</title></head><body>\
         <h1>fauxport</h1><p>A fake of Labelbox's export API. GraphQL endpoint: <code>{base}/graphql</code>; \
         API key: <code>{key}</code>; seed {seed}.</p>\
         <table><tr><th>project id</th><th>name</th><th>kind</th><th>rows</th></tr>{rows}</table>\
         <h2>Python (official SDK)</h2><pre>{snippet}</pre>\
         <h2>curl</h2><pre>curl '{base}/projects/{first}/export.ndjson?api_key={key}' | head -n 1</pre>\
         <p><a href=\"/world.json\">world.json</a> · <a href=\"/healthz\">healthz</a></p></body></html>",
        seed = ctx.state.world.seed(),
        snippet = escape(&python_snippet(&base, key, first)),
        base = escape(&base),
        key = escape(key),
    );
    let mut resp = html.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}
