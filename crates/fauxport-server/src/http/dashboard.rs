//! The dashboard at `/__admin/ui`: one page, its script and its style sheet, compiled into the
//! binary (no CDN, no build step). The page reads only the admin API, from the same origin; it
//! renders every value from data as text, never as markup.
//!
//! The routes sit behind the admin guard (`admin_access.rs`) like every `/__admin` route, with
//! one difference: with `--admin-token`, the three static files are served without the token,
//! because a browser cannot send `Authorization` when it opens a URL; they hold no data, and the
//! page sends the token (from the URL fragment `#token=...`) on every admin request it makes.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::Ctx;

/// The page's path.
pub(crate) const PAGE: &str = "/__admin/ui";

const HTML: &str = include_str!("dashboard/index.html");
const SCRIPT: &str = include_str!("dashboard/dashboard.js");
const STYLE: &str = include_str!("dashboard/dashboard.css");

/// Same origin only: the script and the style sheet are these files, every fetch goes to this
/// server, nothing may frame the page, and no inline script or style runs.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// Whether `path` is the page or one of its files (what a browser opens without a token).
pub(crate) fn is_page(path: &str) -> bool {
    path == PAGE
        || path
            .strip_prefix(PAGE)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The page and its two files.
pub(crate) fn routes() -> Router<Ctx> {
    Router::new()
        .route(
            PAGE,
            get(|| async { file(HTML, "text/html; charset=utf-8") }),
        )
        .route(
            "/__admin/ui/dashboard.js",
            get(|| async { file(SCRIPT, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/__admin/ui/dashboard.css",
            get(|| async { file(STYLE, "text/css; charset=utf-8") }),
        )
}

fn file(body: &'static str, content_type: &'static str) -> Response {
    let mut resp = body.into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_and_its_files_are_pages_and_nothing_else_is() {
        assert!(is_page("/__admin/ui"));
        assert!(is_page("/__admin/ui/dashboard.js"));
        assert!(!is_page("/__admin/uix"));
        assert!(!is_page("/__admin/requests"));
    }

    #[test]
    fn the_page_loads_only_its_own_files() {
        assert!(HTML.contains(r#"<script src="/__admin/ui/dashboard.js""#));
        assert!(HTML.contains(r#"href="/__admin/ui/dashboard.css""#));
        // No inline script or style (the policy would refuse them), no other origin.
        assert!(!HTML.contains("<script>") && !HTML.contains("style="));
        assert!(!HTML.contains("://"));
        assert_eq!(
            SCRIPT.matches("://").count(),
            SCRIPT.matches("http://www.w3.org/2000/svg").count(),
            "the script names no URL but the SVG namespace"
        );
        // Data is rendered as text.
        assert!(!SCRIPT.contains("innerHTML") && !SCRIPT.contains("insertAdjacentHTML"));
    }
}
