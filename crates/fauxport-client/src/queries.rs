//! The GraphQL texts the client sends: byte for byte what the official SDK 7.17.0 sends
//! (`compat/SDK_QUERIES.md`), so a server that serves the SDK serves this client.

/// `project.export()`: create an export task.
pub const EXPORT_PROJECT: &str = "mutation exportDataRowsInProjectPyApi($input: ExportDataRowsInProjectInput!){exportDataRowsInProject(input: $input){taskId isStreamable}}";

/// The API user (its id is needed to look tasks up).
pub const GET_USER: &str = "query GetUserPyApi{user{createdAt email isExternalUser isViewer lastLoginAt nickname name picture id updatedAt}}";

/// Task fetch and polling (`$param_0` the task, `$param_1` the user; `status` twice, as sent).
pub const CREATED_TASKS: &str = "query GetUserCreatedTasksPyApi($param_0: ID!, $param_1: ID!){user(where: {id: $param_1}){createdTasks(where: {id: $param_0} skip: 0 first: 100){completionPercentage createdAt errors metadata name result status status type id updatedAt}}}";

/// A stream's totals.
pub const HEADER: &str = "query GetExportMetadataHeaderPyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!){task(where: $where){exportMetadataHeader(streamType: $streamType){totalSize totalLines}}}";

/// The page containing a byte offset (`$offset` is sent as a string).
pub const FILE_FROM_OFFSET: &str = "query GetExportFileFromOffsetPyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!, $offset: UInt64!){task(where: $where){exportFileFromOffset(streamType: $streamType, offset: $offset){offsets {start end} lines {start end} file}}}";
