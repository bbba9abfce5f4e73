//! The wiremock matcher that selects GraphQL requests by the protocol [`Operation`] their query
//! text performs (classified by `fauxport_model::protocol`, as the server classifies them).

use fauxport_model::protocol::Operation;
use serde_json::Value;
use wiremock::{Match, Request};

/// A wiremock [`Match`]er: `Mock::given(method("POST")).and(IsOperation(Operation::FileFromOffset))`
/// matches only page lookups by offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsOperation(pub Operation);

/// The operation of a request whose body is `{"query": ..., "variables": ...}`.
pub fn operation_of(request: &Request) -> Option<Operation> {
    let body: Value = serde_json::from_slice(&request.body).ok()?;
    Operation::of_query(body.get("query")?.as_str()?)
}

impl Match for IsOperation {
    fn matches(&self, request: &Request) -> bool {
        operation_of(request) == Some(self.0)
    }
}
