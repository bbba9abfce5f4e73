//! Which export-protocol operation a GraphQL request is, decided from its query text, and the
//! wiremock matcher that selects requests by it.

use serde_json::Value;
use wiremock::{Match, Request};

/// An operation of the export protocol, recognised by the root field its query text selects
/// (the SDK's operation names are in the comments; `compat/SDK_QUERIES.md` has the texts).
///
/// Also a wiremock [`Match`]er: `Mock::given(method("POST")).and(Operation::FileFromOffset)`
/// matches only page lookups by offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `exportDataRowsInProjectPyApi`: the export mutation (answers `taskId`).
    ExportProject,
    /// `GetUserPyApi` (and `CurrentUserPyApi`): the API user.
    User,
    /// `GetUserCreatedTasksPyApi`: task fetch and polling.
    CreatedTasks,
    /// `GetExportMetadataHeaderPyApi`: a stream's totals.
    Header,
    /// `GetExportFileFromOffsetPyApi`: the page holding a byte offset.
    FileFromOffset,
    /// `GetExportFileFromLinePyApi`: the page holding a line (SDK 5.x `with_line`).
    FileFromLine,
    /// `GetProjectPyApi`: `client.get_project(id)`, which SDK users call before exporting.
    Project,
}

impl Operation {
    /// Every operation the responder answers.
    pub const ALL: [Operation; 7] = [
        Operation::ExportProject,
        Operation::User,
        Operation::CreatedTasks,
        Operation::Header,
        Operation::FileFromOffset,
        Operation::FileFromLine,
        Operation::Project,
    ];

    /// The operation name the official SDK gives it.
    pub fn sdk_name(self) -> &'static str {
        match self {
            Operation::ExportProject => "exportDataRowsInProjectPyApi",
            Operation::User => "GetUserPyApi",
            Operation::CreatedTasks => "GetUserCreatedTasksPyApi",
            Operation::Header => "GetExportMetadataHeaderPyApi",
            Operation::FileFromOffset => "GetExportFileFromOffsetPyApi",
            Operation::FileFromLine => "GetExportFileFromLinePyApi",
            Operation::Project => "GetProjectPyApi",
        }
    }

    /// The operation of a GraphQL query text, by content: the root field it selects, whatever
    /// the operation is named and however it is spaced. `None` for anything else.
    pub fn of_query(query: &str) -> Option<Operation> {
        let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
        // Most specific first: a task lookup also selects `user(...)`, every task query
        // `task(...)`.
        let by_field = [
            ("exportDataRowsInProject(", Operation::ExportProject),
            ("exportMetadataHeader(", Operation::Header),
            ("exportFileFromOffset(", Operation::FileFromOffset),
            ("exportFileFromLine(", Operation::FileFromLine),
            ("createdTasks(", Operation::CreatedTasks),
            ("{project(", Operation::Project),
            ("{user{", Operation::User),
        ];
        by_field
            .into_iter()
            .find(|(field, _)| compact.contains(field))
            .map(|(_, op)| op)
    }

    /// The operation of a request whose body is `{"query": ..., "variables": ...}`.
    pub fn of_request(request: &Request) -> Option<Operation> {
        let body: Value = serde_json::from_slice(&request.body).ok()?;
        Operation::of_query(body.get("query")?.as_str()?)
    }
}

impl Match for Operation {
    fn matches(&self, request: &Request) -> bool {
        Operation::of_request(request) == Some(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SDK 7.17.0 texts (`compat/SDK_QUERIES.md`) and the operation each must be.
    #[test]
    fn sdk_texts_are_recognised() {
        let check = |query: &str, expected: Option<Operation>| {
            assert_eq!(Operation::of_query(query), expected, "{query}");
        };
        check(
            "mutation exportDataRowsInProjectPyApi($input: ExportDataRowsInProjectInput!){exportDataRowsInProject(input: $input){taskId isStreamable}}",
            Some(Operation::ExportProject),
        );
        check(
            "query GetUserPyApi{user{createdAt email isExternalUser isViewer lastLoginAt nickname name picture id updatedAt}}",
            Some(Operation::User),
        );
        check(
            "query CurrentUserPyApi { user { timezone } }",
            Some(Operation::User),
        );
        check(
            "query GetUserCreatedTasksPyApi($param_0: ID!, $param_1: ID!){user(where: {id: $param_1}){createdTasks(where: {id: $param_0} skip: 0 first: 100){completionPercentage createdAt errors metadata name result status status type id updatedAt}}}",
            Some(Operation::CreatedTasks),
        );
        check(
            "query GetExportMetadataHeaderPyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!){task(where: $where){exportMetadataHeader(streamType: $streamType){totalSize totalLines}}}",
            Some(Operation::Header),
        );
        check(
            "query GetExportFileFromOffsetPyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!, $offset: UInt64!){task(where: $where){exportFileFromOffset(streamType: $streamType, offset: $offset){offsets {start end} lines {start end} file}}}",
            Some(Operation::FileFromOffset),
        );
        check(
            "query GetExportFileFromLinePyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!, $line: UInt64!){task(where: $where){exportFileFromLine(streamType: $streamType, line: $line){offsets {start end} lines {start end} file}}}",
            Some(Operation::FileFromLine),
        );
        check(
            "query GetProjectPyApi($param_0: ID!){project(where: {id: $param_0}){name id}}",
            Some(Operation::Project),
        );
        check(
            "query GetOrganizationPyApi{organization{createdAt name id updatedAt}}",
            None,
        );
        check(
            "mutation exportDataRowsInCatalogPyApi($input: ExportDataRowsInCatalogInput!){exportDataRowsInCatalog(input: $input){taskId isStreamable}}",
            None,
        );
    }
}
