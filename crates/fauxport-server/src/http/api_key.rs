//! The API key of a request, read one way by authentication, the routes and the journal's
//! recording layer (`record.rs`).

use axum::http::{HeaderMap, Uri, header};

/// `?api_key=` of the plain download.
#[derive(Debug, serde::Deserialize)]
struct KeyParam {
    api_key: Option<String>,
}

/// The API key of a request, as authentication and the journal both read it: the token of an
/// `Authorization: Bearer <key>` header, else the `api_key` query parameter (the plain
/// download's); `None` when there is neither.
pub(crate) fn request_key(headers: &HeaderMap, uri: &Uri) -> Option<String> {
    if let Some(key) = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
    {
        return Some(key.trim().to_owned());
    }
    // Only the plain download takes a key parameter: skip parsing other query strings.
    if !uri.query().is_some_and(|q| q.contains("api_key")) {
        return None;
    }
    axum::extract::Query::<KeyParam>::try_from_uri(uri)
        .ok()
        .and_then(|q| q.0.api_key)
}
