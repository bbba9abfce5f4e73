//! What resolvers read from a request's context (the state, the caller and its world, the base
//! URL of page links) and what they hand back typed: errors with their
//! [`ErrorKind`](crate::errors::ErrorKind) as source,
//! the created task in a [`Receipt`].

use async_graphql::{Context, ErrorExtensions, Result};

use crate::errors::ApiError;
use crate::scenario::Active;
use crate::state::AppState;

/// The base URL page links are built from.
#[derive(Debug, Clone)]
pub struct BaseUrl(pub String);

/// Who is calling, and under which scenario.
#[derive(Debug, Clone)]
pub struct Caller(pub Active);

/// What resolvers tell the journal about one request, typed (never read back from the
/// response body): the task an export mutation created.
#[derive(Debug, Default)]
pub(crate) struct Receipt {
    task: std::sync::Mutex<Option<String>>,
}

impl Receipt {
    /// Notes the task a mutation created (the first, when a document creates several).
    pub(crate) fn created(&self, task: &str) {
        let mut slot = self
            .task
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.get_or_insert_with(|| task.to_owned());
    }

    pub(super) fn take(&self) -> Option<String> {
        self.task
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

pub(crate) fn state<'c>(ctx: &Context<'c>) -> Result<&'c AppState> {
    ctx.data::<AppState>()
}

/// The world of the caller's scenario (the server's, or one a content scenario derives), so
/// that counts and batches agree with what an export of the same caller delivers.
pub(crate) fn world<'c>(ctx: &Context<'c>) -> Result<&'c fauxport_gen::World> {
    Ok(&ctx.data::<Caller>()?.0.world)
}

/// Refuses a `first:` argument over the server's page size limit
/// ([`Limits::page_size`](crate::limits::Limits::page_size)), naming the argument.
pub(crate) fn check_first(ctx: &Context<'_>, argument: &str, first: Option<i64>) -> Result<()> {
    let Some(first) = first else {
        return Ok(());
    };
    let limits = &state(ctx)?.config.limits;
    limits
        .check_page_size(argument, first.max(0) as u64)
        .map_err(api)
}

/// An [`ApiError`] as a GraphQL error with its code (and `exception.status`); its
/// [`ErrorKind`](crate::errors::ErrorKind) travels as the error's source, for
/// [`execute`](super::execute) to read back typed.
pub(crate) fn api(e: ApiError) -> async_graphql::Error {
    let info = e.kind.info();
    let mut error = async_graphql::Error::new(e.message);
    error.source = Some(std::sync::Arc::new(e.kind));
    error.extend_with(|_, ext| {
        if let Some(code) = info.code {
            ext.set("code", code);
        }
        if let Some(status) = info.exception_status {
            let mut exception = async_graphql::indexmap::IndexMap::new();
            exception.insert(
                async_graphql::Name::new("status"),
                async_graphql::Value::from(status),
            );
            ext.set("exception", async_graphql::Value::Object(exception));
        }
    })
}
