//! The GraphQL texts the client sends: byte for byte what the official SDK 7.17.0 sends
//! (`protocol/sdk-queries/`, loaded by `fauxport_model::protocol::sdk_queries`), so a server
//! that serves the SDK serves this client. The short names are the client's.

pub use fauxport_model::protocol::sdk_queries::{
    EXPORT_DATA_ROWS_IN_PROJECT as EXPORT_PROJECT, GET_EXPORT_FILE_FROM_OFFSET as FILE_FROM_OFFSET,
    GET_EXPORT_METADATA_HEADER as HEADER, GET_USER_CREATED_TASKS_V7 as CREATED_TASKS,
    GET_USER_V7 as GET_USER,
};
