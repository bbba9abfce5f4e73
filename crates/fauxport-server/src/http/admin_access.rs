//! Who may use `/__admin`: the guard in front of every admin route ([`AdminAccess`]).
//!
//! By default only a caller on this machine: the peer is a loopback address, the `Host` it
//! names is a loopback name (or the `--public-url` host), so a web page cannot reach the API by
//! rebinding a DNS name to 127.0.0.1, and a browser request that comes from another origin
//! (`Origin`, `Sec-Fetch-Site: cross-site`) is refused, so a page cannot post to it either. With
//! `--admin-token`, any peer that sends the token (and no other origin); with `--no-admin`,
//! nobody: the routes answer 404 as if they did not exist. The dashboard's static files
//! (`dashboard.rs`) are the one exception to the token: they hold no data.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

use super::Ctx;
use super::admin_body::AdminError;
use crate::config::AdminAccess;

/// Refuses an admin request that its caller may not make, before any admin handler runs.
pub(crate) async fn guard(State(ctx): State<Ctx>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let public_host = ctx
        .state
        .config
        .public_url
        .as_deref()
        .and_then(url_host)
        .map(str::to_owned);
    let access = &ctx.state.config.admin;
    // The dashboard's static files hold no data, and a browser opening a URL cannot send the
    // token: with a token they are served to any peer (the page's own requests send it).
    let refused = if matches!(access, AdminAccess::Token(_))
        && super::dashboard::is_page(request.uri().path())
    {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        cross_site(request.headers(), host)
    } else {
        refusal(access, peer, request.headers(), public_host.as_deref())
    };
    match refused {
        None => next.run(request).await,
        Some(e) => e.into_response(),
    }
}

/// Why a request may not use the admin API, or `None` when it may. `peer` is `None` for a router
/// driven in-process (no socket), which counts as local whatever `Host` it names.
fn refusal(
    access: &AdminAccess,
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    public_host: Option<&str>,
) -> Option<AdminError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    match access {
        AdminAccess::Off => {
            return Some(AdminError(
                404,
                "the admin API is turned off on this server (serve --no-admin)".into(),
            ));
        }
        AdminAccess::Token(token) => {
            let sent = headers
                .get(header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| h.strip_prefix("Bearer "))
                .unwrap_or_default();
            if !same_bytes(sent.trim().as_bytes(), token.as_bytes()) {
                return Some(AdminError(
                    401,
                    "the admin API needs `Authorization: Bearer <token>` with the server's \
                     --admin-token"
                        .into(),
                ));
            }
        }
        // In-process (no socket): nobody can reach it from elsewhere, nor rebind a name to it.
        AdminAccess::Loopback if peer.is_none() => {}
        AdminAccess::Loopback => {
            if peer.is_some_and(|p| !p.ip().is_loopback()) {
                return Some(AdminError(
                    403,
                    "the admin API answers only callers on this machine; start the server with \
                     --admin-token to reach it from elsewhere"
                        .into(),
                ));
            }
            let name = host_name(host);
            if !is_loopback_name(name) && public_host != Some(name) {
                return Some(AdminError(
                    403,
                    format!(
                        "the admin API answers only requests for a loopback host (localhost, \
                         127.0.0.1, [::1]) or the --public-url host, not Host {:?}",
                        crate::errors::echo(host)
                    ),
                ));
            }
        }
    }
    cross_site(headers, host)
}

/// A browser request from a page of another origin: `Sec-Fetch-Site: cross-site`, or an
/// `Origin` whose host and port are not the `Host` the request names.
fn cross_site(headers: &HeaderMap, host: &str) -> Option<AdminError> {
    let text = |name| headers.get(name).and_then(|h| h.to_str().ok());
    let refused = |why: String| Some(AdminError(403, format!("cross-origin request: {why}")));
    if text("sec-fetch-site") == Some("cross-site") {
        return refused("a web page of another site may not use the admin API".into());
    }
    let origin = text(header::ORIGIN.as_str())?;
    let origin_host = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    if origin_host != Some(host) {
        return refused(format!(
            "Origin {:?} is not this server ({host:?})",
            crate::errors::echo(origin)
        ));
    }
    None
}

/// `host` without its port (`127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `[::1]`).
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return host
            .split_once(']')
            .map_or(host, |(h, _)| &host[..=h.len()]);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// `localhost`, `127.x.y.z` or `[::1]`.
fn is_loopback_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("localhost")
        || name == "[::1]"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The host of `http://host:port/path`, without its port.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split('/').next()?;
    Some(host_name(authority))
}

/// `a == b` in time that depends only on the lengths.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).expect("a header value"));
        }
        h
    }

    fn local() -> Option<SocketAddr> {
        Some("127.0.0.1:5000".parse().expect("an address"))
    }

    fn status(e: Option<AdminError>) -> u16 {
        e.map_or(200, |e| e.0)
    }

    #[test]
    fn loopback_callers_for_a_loopback_host_from_no_other_origin() {
        let open = AdminAccess::Loopback;
        let ok = headers(&[("host", "127.0.0.1:8080")]);
        assert_eq!(status(refusal(&open, local(), &ok, None)), 200);
        assert_eq!(status(refusal(&open, None, &ok, None)), 200);
        for host in ["localhost:1", "[::1]:8080", "127.0.0.2"] {
            assert_eq!(
                status(refusal(&open, local(), &headers(&[("host", host)]), None)),
                200,
                "{host}"
            );
        }
        let remote = Some("10.1.2.3:5000".parse().expect("an address"));
        assert_eq!(status(refusal(&open, remote, &ok, None)), 403);
        // DNS rebinding: a loopback peer asking for another name.
        let rebound = headers(&[("host", "evil.example:8080")]);
        assert_eq!(status(refusal(&open, local(), &rebound, None)), 403);
        assert_eq!(
            status(refusal(&open, local(), &rebound, Some("evil.example"))),
            200,
            "the --public-url host is this server"
        );
        // A page of another origin posting to it.
        let csrf = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://evil.example"),
        ]);
        assert_eq!(status(refusal(&open, local(), &csrf, None)), 403);
        let same = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert_eq!(status(refusal(&open, local(), &same, None)), 200);
        let fetch = headers(&[("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")]);
        assert_eq!(status(refusal(&open, local(), &fetch, None)), 403);
    }

    #[test]
    fn a_token_opens_it_to_any_peer_and_off_closes_it() {
        let token = AdminAccess::Token("s3cret".into());
        let remote = Some("10.1.2.3:5000".parse().expect("an address"));
        let with = headers(&[
            ("host", "fauxport.internal"),
            ("authorization", "Bearer s3cret"),
        ]);
        assert_eq!(status(refusal(&token, remote, &with, None)), 200);
        let wrong = headers(&[
            ("host", "fauxport.internal"),
            ("authorization", "Bearer s3cre"),
        ]);
        assert_eq!(status(refusal(&token, remote, &wrong, None)), 401);
        assert_eq!(
            status(refusal(
                &token,
                local(),
                &headers(&[("host", "127.0.0.1")]),
                None
            )),
            401
        );
        let ok = headers(&[("host", "127.0.0.1:8080")]);
        assert_eq!(status(refusal(&AdminAccess::Off, local(), &ok, None)), 404);
    }

    #[test]
    fn host_names_lose_their_port() {
        assert_eq!(host_name("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_name("[::1]:80"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
        assert_eq!(host_name("localhost"), "localhost");
        assert_eq!(url_host("http://lb.example:9000/x"), Some("lb.example"));
    }
}
