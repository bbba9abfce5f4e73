//! [`RequestKind`]: what a request to the server was for, as the journal, the metrics, the
//! admin API's `kind=` filter, `check` and the Rust client's observer name it; and [`CallKind`],
//! the part of it a GraphQL call can be (what scenario rules select with `on`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a GraphQL call does, from its [`Operation`](super::Operation) (so faults, the journal
/// and clients agree whatever the client names its operations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallKind {
    /// An export mutation (`exportDataRowsInProject`, `exportDataRowsInCatalog`).
    CreateExport,
    /// A task status read (`createdTasks`, or `task(...)` without a header or a page).
    Task,
    /// A stream header (`exportMetadataHeader`).
    Header,
    /// A page lookup (`exportFileFromOffset` / `exportFileFromLine`).
    PageLookup,
    /// Anything else (`GetProjectPyApi`, `GetUserPyApi`, text that is not GraphQL, ...).
    Other,
}

impl CallKind {
    /// Every kind, in the order of an export.
    pub const ALL: [CallKind; 5] = [
        CallKind::CreateExport,
        CallKind::Task,
        CallKind::Header,
        CallKind::PageLookup,
        CallKind::Other,
    ];

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        RequestKind::Call(self).as_str()
    }
}

/// What a request was for: a GraphQL call, a page download, a plain download, or a request
/// refused before the server knew what it asked for. On the wire (journal JSON, metrics
/// labels, the admin filter) a kind is its kebab-case name: `create-export`, `task`, `header`,
/// `page-lookup`, `other`, `page`, `download`, `refused`. Kinds sort by that name, so maps
/// keyed by kind (`check`'s calls, its snapshots) list them alphabetically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// A GraphQL call (`POST /graphql` or `/_gql`).
    Call(CallKind),
    /// A page file (`GET /files/...`): the whole body, checked for length.
    Page,
    /// The plain whole-stream download (`GET /projects/{id}/export.ndjson`).
    Download,
    /// A request refused before the server knew what it asked for or whose it was: a page URL
    /// with a bad signature, expired, or naming an unknown task, stream or page; a plain
    /// download with a bad API key; a GraphQL body over the size limit.
    Refused,
}

impl RequestKind {
    /// Every kind, in the order of an export.
    pub const ALL: [RequestKind; 8] = [
        RequestKind::Call(CallKind::CreateExport),
        RequestKind::Call(CallKind::Task),
        RequestKind::Call(CallKind::Header),
        RequestKind::Call(CallKind::PageLookup),
        RequestKind::Page,
        RequestKind::Download,
        RequestKind::Call(CallKind::Other),
        RequestKind::Refused,
    ];

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Call(CallKind::CreateExport) => "create-export",
            RequestKind::Call(CallKind::Task) => "task",
            RequestKind::Call(CallKind::Header) => "header",
            RequestKind::Call(CallKind::PageLookup) => "page-lookup",
            RequestKind::Call(CallKind::Other) => "other",
            RequestKind::Page => "page",
            RequestKind::Download => "download",
            RequestKind::Refused => "refused",
        }
    }
}

impl Ord for RequestKind {
    fn cmp(&self, other: &RequestKind) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for RequestKind {
    fn partial_cmp(&self, other: &RequestKind) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<CallKind> for RequestKind {
    fn from(kind: CallKind) -> RequestKind {
        RequestKind::Call(kind)
    }
}

/// A name that is no [`RequestKind`]; its message lists the names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = RequestKind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown kind {:?}: expected one of {}",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for RequestKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<RequestKind, UnknownKind> {
        RequestKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

impl fmt::Display for RequestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RequestKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RequestKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RequestKind, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for kind in RequestKind::ALL {
            assert_eq!(kind.as_str().parse::<RequestKind>(), Ok(kind));
            let json = serde_json::to_value(kind).expect("serialises");
            assert_eq!(json, kind.as_str());
            assert_eq!(serde_json::from_value::<RequestKind>(json).ok(), Some(kind));
        }
        for kind in CallKind::ALL {
            // A call kind's serde name is its request kind's.
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.as_str().into()));
        }
        let names: Vec<&str> = RequestKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "create-export",
                "task",
                "header",
                "page-lookup",
                "page",
                "download",
                "other",
                "refused"
            ]
        );
        let mut sorted = RequestKind::ALL;
        sorted.sort();
        let sorted: Vec<&str> = sorted.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            sorted,
            [
                "create-export",
                "download",
                "header",
                "other",
                "page",
                "page-lookup",
                "refused",
                "task"
            ]
        );
        assert_eq!(
            "pages".parse::<RequestKind>().map_err(|e| e.to_string()),
            Err(
                "unknown kind \"pages\": expected one of create-export, task, header, \
                 page-lookup, page, download, other, refused"
                    .to_owned()
            )
        );
    }
}
