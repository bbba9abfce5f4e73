//! The API key of a request, read one way by authentication, the routes and the journal's
//! recording layer (which is why it is not in `http/`: the journal's layer would call back into
//! the routes), and the short digest call counters key a caller by.

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

/// Who is calling, for call counters: the first 128 bits of SHA-256 over the key and the
/// selector header, in hex.
pub(crate) fn caller_digest(api_key: &str, header: &str) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    hasher.update(api_key.as_bytes());
    hasher.update([0x1f]);
    hasher.update(header.as_bytes());
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
