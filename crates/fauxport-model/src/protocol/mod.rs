//! The export protocol as the official SDK speaks it: the query texts it sends
//! ([`sdk_queries`], loaded from `protocol/sdk-queries/*.graphql` at the repository root), the
//! [`Operation`] a GraphQL text performs, and the [`RequestKind`] the server's journal, its
//! metrics, `check` and the Rust client's observer file a request under.
//!
//! The server, the Rust client and the testkit all classify GraphQL text with
//! [`Operation::of_query`], so they agree on what a request is whatever its operation is named.

mod operation;
mod request_kind;
pub mod sdk_queries;

pub use operation::Operation;
pub use request_kind::{CallKind, RequestKind, UnknownKind};
