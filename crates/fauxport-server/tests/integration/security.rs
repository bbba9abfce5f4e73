//! What is open and what is not (issue 10's findings 6, 7 and 12, as attacks): URL secrets differ
//! per start, configured keys are the only keys, a configured key is never shown over HTTP, the
//! admin API answers only local callers (or a token, or nobody) and no other web page, and the
//! landing page does not reflect a hostile `Host`.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use fauxport_server::ServerConfig;
use fauxport_server::config::AdminAccess;
use serde_json::json;

use crate::sdk;
use crate::support::{
    BEARER_TOKEN, KEY, REMOTE, REMOTE_HOST, SEED, Server, TOKEN, config, with_admin,
};

#[test]
fn each_start_signs_with_its_own_secret() {
    let a = ServerConfig::for_seed(SEED).url_secret;
    let b = ServerConfig::for_seed(SEED).url_secret;
    assert_eq!(a.len(), 32);
    assert_ne!(
        a, b,
        "two starts with the same seed must not share a URL secret"
    );
    assert!(
        !String::from_utf8_lossy(&a).contains(&SEED.to_string()),
        "the secret is not derived from the public seed"
    );
}

/// `GET /__admin/requests` as `peer` with these headers.
async fn admin_get(s: &Server, peer: Option<&str>, headers: &[(&str, &str)]) -> u16 {
    s.get_as("/__admin/requests", peer, headers).await.status
}

#[tokio::test]
async fn the_admin_api_answers_local_callers_only() {
    let s = Server::new(config());
    let local = Some("127.0.0.1:40000");
    let host = ("host", "127.0.0.1:8080");
    assert_eq!(admin_get(&s, local, &[host]).await, 200);
    assert_eq!(
        admin_get(&s, REMOTE, &[host]).await,
        403,
        "a peer on another machine"
    );
    assert_eq!(
        admin_get(&s, local, &[("host", "rebound.example:8080")]).await,
        403,
        "DNS rebinding: a page of rebound.example resolved to 127.0.0.1"
    );
    assert_eq!(
        admin_get(&s, local, &[host, ("origin", "http://evil.example")]).await,
        403,
        "a cross-origin request from a web page"
    );
    // The cross-site reset of the finding: a simple POST (text/plain) from another origin.
    let reset = Request::post("/__admin/reset")
        .header("host", "127.0.0.1:8080")
        .header("origin", "http://evil.example")
        .header("content-type", "text/plain")
        .body(Body::from("{}"))
        .map(|mut r| {
            r.extensions_mut().insert(ConnectInfo(
                "127.0.0.1:40000".parse::<SocketAddr>().expect("an address"),
            ));
            r
        })
        .expect("a request");
    assert_eq!(s.send(reset).await.status, 403);
}

#[tokio::test]
async fn a_token_opens_the_admin_api_and_no_admin_closes_it() {
    let s = with_admin(AdminAccess::Token(TOKEN.into()));
    assert_eq!(admin_get(&s, REMOTE, &[REMOTE_HOST]).await, 401);
    assert_eq!(
        admin_get(&s, REMOTE, &[REMOTE_HOST, BEARER_TOKEN]).await,
        200
    );

    let s = with_admin(AdminAccess::Off);
    assert_eq!(admin_get(&s, None, &[("host", "127.0.0.1")]).await, 404);
}

#[tokio::test]
async fn configured_keys_are_the_only_keys_and_are_not_shown() {
    let mut c = config();
    c.api_keys = vec!["s3cret".into()];
    c.scenario_keys = false;
    let s = Server::new(c);
    let (status, _) = s.gql("s3cret", sdk::GET_USER_V7, json!({})).await;
    assert_eq!(status, 200);
    for key in ["fauxport:happy", KEY, "s3cre"] {
        let (status, body) = s.gql(key, sdk::GET_USER_V7, json!({})).await;
        assert_eq!(status, 401, "{key}: {body}");
    }
    for path in ["/", "/world.json"] {
        let page = s.get(path).await;
        let text = String::from_utf8_lossy(&page.body);
        assert_eq!(page.status, 200);
        assert!(!text.contains("s3cret"), "{path} shows the key: {text}");
        assert!(text.contains("YOUR_API_KEY"), "{path}: {text}");
    }

    // With scenario keys turned on again, they are accepted beside the configured key.
    let mut c = config();
    c.api_keys = vec!["s3cret".into()];
    let s = Server::new(c);
    let (status, _) = s.gql("fauxport:happy", sdk::GET_USER_V7, json!({})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_landing_page_does_not_reflect_a_hostile_host() {
    let s = Server::new(config());
    let request = Request::get("/")
        .header("host", "x\"><script>alert(1)</script>")
        .body(Body::empty())
        .expect("a request");
    let page = s.send(request).await;
    let text = String::from_utf8_lossy(&page.body);
    assert_eq!(page.status, 200);
    assert!(!text.contains("<script>"), "{text}");
    assert!(text.contains("&lt;script&gt;"), "{text}");
}

#[tokio::test]
async fn the_journal_keeps_a_secret_key_only_as_a_prefix_and_a_digest() {
    let mut c = config();
    let secret = "sk-live-0123456789abcdef";
    c.api_keys = vec![secret.into()];
    let s = Server::new(c);
    let (status, _) = s.gql(secret, sdk::GET_USER_V7, json!({})).await;
    assert_eq!(status, 200);
    let listed = s.get(&format!("/__admin/requests?api_key={secret}")).await;
    let text = String::from_utf8_lossy(&listed.body);
    assert_eq!(listed.status, 200, "{text}");
    assert!(!text.contains("0123456789"), "{text}");
    let entries = listed.json()["requests"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(entries.len(), 1, "the filter takes the key itself: {text}");
    assert_eq!(
        entries[0]["api_key"],
        json!(fauxport_server::http::shown_key(secret))
    );
}
