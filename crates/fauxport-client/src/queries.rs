//! The GraphQL texts the client sends: byte for byte what the official SDK 7.17.0 sends
//! (`protocol/sdk-queries/`, loaded by `fauxport_model::protocol::sdk_queries`), so a server
//! that serves the SDK serves this client.

pub use fauxport_model::protocol::sdk_queries::{
    CREATED_TASKS_V7 as CREATED_TASKS, EXPORT_PROJECT, FILE_FROM_OFFSET, GET_USER_V7 as GET_USER,
    HEADER,
};
