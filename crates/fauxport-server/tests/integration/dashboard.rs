//! The dashboard at `/__admin/ui`: its page and files are served with a same-origin-only
//! Content-Security-Policy and `no-store`, behind the admin guard (local callers, no other
//! origin; with a token the static files open without it but no data does; `--no-admin` hides
//! them); and the admin API gives the page what it reads: the world, and only new journal
//! entries (`after_seq`).

use fauxport_server::config::AdminAccess;
use serde_json::{Value, json};

use crate::admin::{admin, entries, fresh};
use crate::sdk;
use crate::support::{
    BEARER_TOKEN, KEY, REMOTE, REMOTE_HOST, Response, Server, TOKEN, config, with_admin,
};

const FILES: [(&str, &str); 3] = [
    ("/__admin/ui", "text/html; charset=utf-8"),
    ("/__admin/ui/dashboard.js", "text/javascript; charset=utf-8"),
    ("/__admin/ui/dashboard.css", "text/css; charset=utf-8"),
];

/// `GET path` as `peer` (none: in-process) with these headers.
async fn get(s: &Server, path: &str, peer: Option<&str>, headers: &[(&str, &str)]) -> Response {
    s.get_as(path, peer, headers).await
}

fn header<'a>(r: &'a Response, name: &str) -> &'a str {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

const LOCAL: Option<&str> = Some("127.0.0.1:40000");

/// A caller: its peer address (none: in-process), its headers, and what it stands for.
type Caller<'a> = (Option<&'a str>, &'a [(&'a str, &'a str)], &'a str);
const HOST: (&str, &str) = ("host", "127.0.0.1:8080");

#[tokio::test]
async fn the_page_and_its_files_are_served_same_origin_only_and_never_cached() {
    let s = Server::new(config());
    for (path, content_type) in FILES {
        let r = get(&s, path, LOCAL, &[HOST, ("sec-fetch-site", "same-origin")]).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(header(&r, "content-type"), content_type, "{path}");
        assert_eq!(header(&r, "cache-control"), "no-store", "{path}");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
        let csp = header(&r, "content-security-policy");
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "connect-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {directive} in {csp:?}");
        }
        assert!(!csp.contains("unsafe"), "{path}: {csp}");
    }
    let page = get(&s, "/__admin/ui", LOCAL, &[HOST]).await;
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("/__admin/ui/dashboard.js"), "{html}");
    // Only GET (and HEAD); a wrong method gets the admin API's JSON 405.
    let (status, body) = admin(&s, "POST", "/__admin/ui", "").await;
    assert_eq!(status, 405, "{body}");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.ends_with("it accepts GET")),
        "{body}"
    );
    // Not a page: the admin API's JSON 404.
    let r = get(&s, "/__admin/ui/other.js", LOCAL, &[HOST]).await;
    assert_eq!(r.status, 404);
    assert_eq!(header(&r, "content-type"), "application/json");
}

#[tokio::test]
async fn the_page_is_refused_where_the_admin_api_is() {
    let s = Server::new(config());
    let cases: &[Caller] = &[
        (REMOTE, &[HOST], "a peer on another machine"),
        (LOCAL, &[("host", "rebound.example:8080")], "DNS rebinding"),
        (
            LOCAL,
            &[HOST, ("sec-fetch-site", "cross-site")],
            "a page of another site opening it",
        ),
        (
            LOCAL,
            &[HOST, ("origin", "http://evil.example")],
            "another origin",
        ),
    ];
    for (peer, headers, why) in cases {
        for (path, _) in FILES {
            let r = get(&s, path, *peer, headers).await;
            assert_eq!(r.status, 403, "{path}: {why}");
            assert!(
                !String::from_utf8_lossy(&r.body).contains("<html"),
                "{path}: {why}"
            );
        }
    }

    let off = with_admin(AdminAccess::Off);
    for (path, _) in FILES {
        assert_eq!(get(&off, path, LOCAL, &[HOST]).await.status, 404, "{path}");
    }
}

#[tokio::test]
async fn with_a_token_the_page_opens_but_its_data_needs_the_token() {
    let s = with_admin(AdminAccess::Token(TOKEN.into()));
    let host = REMOTE_HOST;
    for (path, _) in FILES {
        assert_eq!(get(&s, path, REMOTE, &[host]).await.status, 200, "{path}");
        assert_eq!(
            get(&s, path, REMOTE, &[host, ("sec-fetch-site", "cross-site")])
                .await
                .status,
            403,
            "{path}: from another site"
        );
    }
    for path in ["/__admin/world", "/__admin/requests", "/__admin/scenarios"] {
        assert_eq!(get(&s, path, REMOTE, &[host]).await.status, 401, "{path}");
        let with = [host, BEARER_TOKEN];
        assert_eq!(get(&s, path, REMOTE, &with).await.status, 200, "{path}");
    }
}

#[tokio::test]
async fn the_admin_world_lists_the_projects_with_kinds_and_rows() {
    let s = fresh(10);
    let (status, body) = admin(&s, "GET", "/__admin/world", "").await;
    assert_eq!(status, 200, "{body}");
    let got: Vec<Value> = body["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .map(|p| json!([p["id"], p["kind"], p["rows"]]))
        .collect();
    let want: Vec<Value> = s
        .world()
        .projects
        .iter()
        .map(|p| json!([p.id.as_str(), p.spec.kind.slug(), p.spec.rows]))
        .collect();
    assert_eq!(got, want);
    assert!(!want.is_empty());
    assert_eq!(body["seed"], json!(s.world().seed()));
}

#[tokio::test]
async fn after_seq_lists_only_newer_entries() {
    let s = fresh(100);
    for _ in 0..3 {
        assert_eq!(s.gql(KEY, sdk::GET_USER_V7, json!({})).await.0, 200);
    }
    // The sequence numbers of the journal entries `GET /__admin/requests?<query>` lists.
    let seqs = async |query: &str| -> Vec<u64> {
        entries(&s, query)
            .await
            .iter()
            .map(|e| e["seq"].as_u64().expect("a seq"))
            .collect()
    };
    let all = seqs("").await;
    assert_eq!(all.len(), 3);
    assert_eq!(seqs(&format!("after_seq={}", all[0])).await, all[1..]);
    assert_eq!(
        seqs(&format!("after_seq={}&limit=5", all[2])).await,
        Vec::<u64>::new()
    );
    // Sequence numbers outlive a clear: what comes after still counts from the last one seen.
    assert_eq!(admin(&s, "DELETE", "/__admin/requests", "").await.0, 200);
    assert_eq!(s.gql(KEY, sdk::GET_USER_V7, json!({})).await.0, 200);
    assert_eq!(
        seqs(&format!("after_seq={}", all[2])).await,
        vec![all[2] + 1]
    );
    let (status, bad) = admin(&s, "GET", "/__admin/requests?after_seq=-1", "").await;
    assert_eq!(status, 400, "{bad}");
}
