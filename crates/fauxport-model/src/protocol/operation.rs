//! [`Operation`]: what a GraphQL text asks for, recognised by the fields it selects.

use super::request_kind::CallKind;

/// One operation's facts.
struct Row {
    /// The root (or task) field that decides it.
    field: &'static str,
    operation: Operation,
    /// The names the official SDK gives the texts that perform it (`protocol/sdk-queries/`).
    sdk_names: &'static [&'static str],
    kind: CallKind,
}

/// Declares [`Operation`] and its table from one list: each operation with the field that
/// decides it, the SDK's names for it and its kind of call. Adding an operation is a line here,
/// its text in `protocol/sdk-queries/` and its resolver. The list is in the order the classifier tries it, most
/// specific first: a task lookup also selects `user`, every task query `task`, a batches query
/// `project`.
macro_rules! operations {
    ($($(#[doc = $doc:literal])* $name:ident = $field:literal [$($sdk:literal),*] => $kind:ident,)*) => {
        /// An operation of the protocol, named by the root (or task) field it selects; the
        /// official SDK's operation names are in the comments (`protocol/sdk-queries/` has the
        /// texts).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Operation {
            $($(#[doc = $doc])* $name,)*
        }

        /// One row per operation, in the classifier's order.
        const TABLE: &[Row] = &[
            $(Row {
                field: $field,
                operation: Operation::$name,
                sdk_names: &[$($sdk),*],
                kind: CallKind::$kind,
            },)*
        ];
    };
}

operations! {
    /// `exportDataRowsInProject` (`exportDataRowsInProjectPyApi`): create a project export.
    ExportProject = "exportDataRowsInProject" ["exportDataRowsInProjectPyApi"] => CreateExport,
    /// `exportDataRowsInCatalog` (`exportDataRowsInCatalogPyApi`): create a catalog export.
    ExportCatalog = "exportDataRowsInCatalog" ["exportDataRowsInCatalogPyApi"] => CreateExport,
    /// `task { exportMetadataHeader(...) }` (`GetExportMetadataHeaderPyApi`): a stream's totals.
    Header = "exportMetadataHeader" ["GetExportMetadataHeaderPyApi"] => Header,
    /// `task { exportFileFromOffset(...) }` (`GetExportFileFromOffsetPyApi`): the page holding
    /// a byte offset.
    FileFromOffset = "exportFileFromOffset" ["GetExportFileFromOffsetPyApi"] => PageLookup,
    /// `task { exportFileFromLine(...) }` (`GetExportFileFromLinePyApi`, SDK 5.x): the page
    /// holding a line.
    FileFromLine = "exportFileFromLine" ["GetExportFileFromLinePyApi"] => PageLookup,
    /// `user { createdTasks(...) }` (`GetUserCreatedTasksPyApi`): task fetch and polling.
    CreatedTasks = "createdTasks" ["GetUserCreatedTasksPyApi"] => Task,
    /// `project { batches(...) }` (`GetProjectBatchesPyApi`, on `/_gql`).
    ProjectBatches = "batches" ["GetProjectBatchesPyApi"] => Other,
    /// `task(...)` selecting neither a header nor a page: a plain task read (no SDK text).
    Task = "task" [] => Task,
    /// `projects(...)` (`GetProjectsPyApi`): projects, by an ORM where clause.
    Projects = "projects" ["GetProjectsPyApi"] => Other,
    /// `project(...)` (`GetProjectPyApi`): one project.
    Project = "project" ["GetProjectPyApi"] => Other,
    /// `datasets(...)` (`GetDatasetsPyApi`): datasets, by an ORM where clause.
    Datasets = "datasets" ["GetDatasetsPyApi"] => Other,
    /// `dataset(...)` (`GetDatasetPyApi`): one dataset.
    Dataset = "dataset" ["GetDatasetPyApi"] => Other,
    /// `organization` (`GetOrganizationPyApi`).
    Organization = "organization" ["GetOrganizationPyApi"] => Other,
    /// `user` (`GetUserPyApi`, `CurrentUserPyApi`): the API user.
    User = "user" ["GetUserPyApi", "CurrentUserPyApi"] => Other,
}

impl Operation {
    /// Every operation, most specific first (the order [`Operation::of_query`] tries them in).
    pub const ALL: [Operation; TABLE.len()] = {
        let mut all = [Operation::User; TABLE.len()];
        let mut i = 0;
        while i < TABLE.len() {
            all[i] = TABLE[i].operation;
            i += 1;
        }
        all
    };

    /// This operation's row of the table.
    fn row(self) -> &'static Row {
        TABLE
            .iter()
            .find(|row| row.operation == self)
            .expect("every operation has a row: the macro writes both")
    }

    /// The root (or task) field that decides this operation (`exportFileFromOffset`).
    pub fn field(self) -> &'static str {
        self.row().field
    }

    /// The names the official SDK gives the texts that perform this operation, its usual one
    /// first (`GetUserPyApi`, `CurrentUserPyApi`); none for [`Operation::Task`].
    pub fn sdk_names(self) -> &'static [&'static str] {
        self.row().sdk_names
    }

    /// The operation the official SDK names `name` (`GetProjectsPyApi`).
    pub fn of_sdk_name(name: &str) -> Option<Operation> {
        TABLE
            .iter()
            .find(|row| row.sdk_names.contains(&name))
            .map(|row| row.operation)
    }

    /// The operation of a GraphQL text, by the fields it selects (a name followed by arguments
    /// or a selection set), whatever the operation is named, aliased or spaced; string
    /// literals and comments are skipped. `None` when it selects none of the protocol's fields.
    pub fn of_query(query: &str) -> Option<Operation> {
        let selected = selected_fields(query);
        TABLE
            .iter()
            .find(|row| selected.contains(&row.field))
            .map(|row| row.operation)
    }

    /// What kind of call this operation is, for scenario rules, the journal and metrics.
    pub fn call_kind(self) -> CallKind {
        self.row().kind
    }
}

impl CallKind {
    /// The kind of a GraphQL call sending `query` ([`Operation::of_query`]; `Other` when it is
    /// none of the operations).
    pub fn of_query(query: &str) -> CallKind {
        Operation::of_query(query).map_or(CallKind::Other, Operation::call_kind)
    }
}

/// The names in `query` followed by `(` or `{`, except variables (`$x`), the name an operation
/// or fragment declares and type conditions (`on X`).
fn selected_fields(query: &str) -> Vec<&str> {
    let bytes = query.as_bytes();
    let mut fields = Vec::new();
    let mut previous: Option<&str> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            // A string (block strings end at the next `"` too: only field names matter here).
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            previous = None;
        } else if b == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b == b'_' || b.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            let name = &query[start..i];
            let variable = start > 0 && bytes[start - 1] == b'$';
            let declared = matches!(
                previous,
                Some("query" | "mutation" | "subscription" | "fragment" | "on")
            );
            let next = bytes[i..].iter().find(|c| !c.is_ascii_whitespace());
            if !variable && !declared && matches!(next, Some(b'(' | b'{')) {
                fields.push(name);
            }
            previous = Some(name);
        } else {
            if !b.is_ascii_whitespace() {
                previous = None;
            }
            i += 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, expect: Option<Operation>) {
        assert_eq!(Operation::of_query(query), expect, "{query}");
    }

    #[test]
    fn texts_are_classified_by_the_fields_they_select() {
        use Operation::*;
        check(
            "mutation { exportDataRowsInProject(input: $i) { taskId } }",
            Some(ExportProject),
        );
        check(
            "mutation m { e: exportDataRowsInCatalog(input: $i) { taskId } }",
            Some(ExportCatalog),
        );
        check(
            "query q { task(where:{id:$t}) { exportFileFromOffset(streamType: RESULT, offset: $o) { file } } }",
            Some(FileFromOffset),
        );
        check(
            "query { task (where: {id: $t}) { exportFileFromLine (streamType: RESULT, line: 1) { file } } }",
            Some(FileFromLine),
        );
        check(
            "{ task(where:{id:$t}) { exportMetadataHeader(streamType: RESULT) { totalSize } } }",
            Some(Header),
        );
        check("{ task(where: {id: \"t\"}) { status } }", Some(Task));
        check(
            "query GetUserCreatedTasksPyApi { user { createdTasks(where:{id:$t}) { status } } }",
            Some(CreatedTasks),
        );
        check("query CurrentUserPyApi { user { timezone } }", Some(User));
        check(
            "query GetProjectPyApi { project(where:{id:$p}) { id } }",
            Some(Project),
        );
        check("query { projects(skip: 0) { id } }", Some(Projects));
        check(
            "{ project(where: {id: $p}) { id batches(first: $f) { nodes { id } } } }",
            Some(ProjectBatches),
        );
        check("{ organization { id } }", Some(Organization));
        check(
            "{ datasets { id } dataset(where: {id: $d}) { id } }",
            Some(Datasets),
        );
        // Names that are not selected fields do not count: operation names, variables, strings,
        // comments, arguments.
        check(
            "query exportMetadataHeader($task: ID) { organization { id } }",
            Some(Organization),
        );
        check(
            "{ organization { id } } # task(where: {id: 1}) { }",
            Some(Organization),
        );
        check(
            "{ project(where: {id: \"exportFileFromLine(\"}) { id } }",
            Some(Project),
        );
        check("query NoSuchOperationPyApi { noSuchRoot { id } }", None);
        check(
            "mutation { exportDataRowsInSlice(input: $i) { taskId } }",
            None,
        );
        check("", None);
        check("{ \"unterminated", None);
    }

    #[test]
    fn each_operation_has_its_field_and_kind() {
        let got: Vec<(&str, &str)> = Operation::ALL
            .iter()
            .map(|o| (o.field(), o.call_kind().as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("exportDataRowsInProject", "create-export"),
                ("exportDataRowsInCatalog", "create-export"),
                ("exportMetadataHeader", "header"),
                ("exportFileFromOffset", "page-lookup"),
                ("exportFileFromLine", "page-lookup"),
                ("createdTasks", "task"),
                ("batches", "other"),
                ("task", "task"),
                ("projects", "other"),
                ("project", "other"),
                ("datasets", "other"),
                ("dataset", "other"),
                ("organization", "other"),
                ("user", "other"),
            ]
        );
    }
}
