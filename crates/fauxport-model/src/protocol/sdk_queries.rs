//! The official SDK's GraphQL texts, byte for byte (leading and trailing whitespace included),
//! as captured from labelbox 7.17.0 and 5.2.1. Each text lives once, in
//! `protocol/sdk-queries/<OperationName>[.<variant>][.v5|.v7].graphql`; Rust loads them here and
//! Python (`compat/`) reads the same files. `.v5`/`.v7` mark texts that differ between the two
//! versions; a file without one is sent by both (`GetExportFileFromLinePyApi` only exists in 5.x).

use super::Operation;

/// Includes `protocol/sdk-queries/<file>` (paths are relative to this file).
macro_rules! sdk_query {
    ($file:literal) => {
        include_str!(concat!("../../../../protocol/sdk-queries/", $file))
    };
}

/// One captured text: its file, the operation it performs, and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SdkQuery {
    /// The file name under `protocol/sdk-queries/`.
    pub file: &'static str,
    /// What the text asks for.
    pub operation: Operation,
    /// The text, byte for byte.
    pub text: &'static str,
}

/// `project.export()` / `project.export_v2()` (both versions).
pub const EXPORT_PROJECT: &str = sdk_query!("exportDataRowsInProjectPyApi.graphql");
/// `DataRow.export`, `dataset.export`, `catalog.export` (both versions).
pub const EXPORT_CATALOG: &str = sdk_query!("exportDataRowsInCatalogPyApi.graphql");
/// `client.get_user()` and the user lookup before every task fetch, SDK 7.17.0.
pub const GET_USER_V7: &str = sdk_query!("GetUserPyApi.v7.graphql");
/// `client.get_user()`, SDK 5.2.1.
pub const GET_USER_V5: &str = sdk_query!("GetUserPyApi.v5.graphql");
/// The user's time zone, once per date filter of an export (sent with `variables: null`).
pub const CURRENT_USER: &str = sdk_query!("CurrentUserPyApi.graphql");
/// Task fetch and polling (form A), SDK 7.17.0: `$param_0` the task, `$param_1` the user;
/// `status` twice, as sent.
pub const CREATED_TASKS_V7: &str = sdk_query!("GetUserCreatedTasksPyApi.v7.graphql");
/// Task fetch and polling (form A), SDK 5.2.1.
pub const CREATED_TASKS_V5: &str = sdk_query!("GetUserCreatedTasksPyApi.v5.graphql");
/// `client.get_task_by_id(id)` (form B, both versions), with its leading and trailing whitespace.
pub const TASK_BY_ID: &str = sdk_query!("GetUserCreatedTasksPyApi.by-id.graphql");
/// A stream's totals (both versions).
pub const HEADER: &str = sdk_query!("GetExportMetadataHeaderPyApi.graphql");
/// The page holding a byte offset (both versions; `$offset` is sent as a string).
pub const FILE_FROM_OFFSET: &str = sdk_query!("GetExportFileFromOffsetPyApi.graphql");
/// The page holding a line (SDK 5.2.1 `with_line`; `$line` is sent as an integer).
pub const FILE_FROM_LINE: &str = sdk_query!("GetExportFileFromLinePyApi.graphql");
/// `client.get_project(id)`, SDK 7.17.0.
pub const GET_PROJECT_V7: &str = sdk_query!("GetProjectPyApi.v7.graphql");
/// `client.get_project(id)`, SDK 5.2.1 (adds `queueMode`).
pub const GET_PROJECT_V5: &str = sdk_query!("GetProjectPyApi.v5.graphql");
/// `client.get_projects()` without `where=`, SDK 7.17.0.
pub const GET_PROJECTS_V7: &str = sdk_query!("GetProjectsPyApi.v7.graphql");
/// `client.get_projects()` without `where=`, SDK 5.2.1 (adds `queueMode`).
pub const GET_PROJECTS_V5: &str = sdk_query!("GetProjectsPyApi.v5.graphql");
/// `client.get_projects(where=Project.name == ...)`, SDK 7.17.0.
pub const GET_PROJECTS_WHERE_NAME_V7: &str = sdk_query!("GetProjectsPyApi.where-name.v7.graphql");
/// `client.get_projects(where=Project.created_at > datetime(...))`, SDK 7.17.0.
pub const GET_PROJECTS_WHERE_CREATED_AFTER_V7: &str =
    sdk_query!("GetProjectsPyApi.where-created-after.v7.graphql");
/// `client.get_projects(where=(Project.name == ...) & (Project.description == ...))`, SDK 7.17.0.
pub const GET_PROJECTS_WHERE_NAME_AND_DESCRIPTION_V7: &str =
    sdk_query!("GetProjectsPyApi.where-name-and-description.v7.graphql");
/// `client.get_dataset(id)` (both versions).
pub const GET_DATASET: &str = sdk_query!("GetDatasetPyApi.graphql");
/// `client.get_datasets()` (both versions).
pub const GET_DATASETS: &str = sdk_query!("GetDatasetsPyApi.graphql");
/// `client.get_datasets(where=Dataset.name == ...)` (both versions).
pub const GET_DATASETS_WHERE_NAME: &str = sdk_query!("GetDatasetsPyApi.where-name.graphql");
/// `client.get_organization()`, and `ExportTask.result_url` / `errors_url` (both versions).
pub const GET_ORGANIZATION: &str = sdk_query!("GetOrganizationPyApi.graphql");
/// `project.batches()`, posted to `/_gql` (both versions).
pub const PROJECT_BATCHES: &str = sdk_query!("GetProjectBatchesPyApi.graphql");

/// Every captured text, with its file and operation.
pub const ALL: &[SdkQuery] = &[
    q(
        "exportDataRowsInProjectPyApi.graphql",
        Operation::ExportProject,
        EXPORT_PROJECT,
    ),
    q(
        "exportDataRowsInCatalogPyApi.graphql",
        Operation::ExportCatalog,
        EXPORT_CATALOG,
    ),
    q("GetUserPyApi.v7.graphql", Operation::User, GET_USER_V7),
    q("GetUserPyApi.v5.graphql", Operation::User, GET_USER_V5),
    q("CurrentUserPyApi.graphql", Operation::User, CURRENT_USER),
    q(
        "GetUserCreatedTasksPyApi.v7.graphql",
        Operation::CreatedTasks,
        CREATED_TASKS_V7,
    ),
    q(
        "GetUserCreatedTasksPyApi.v5.graphql",
        Operation::CreatedTasks,
        CREATED_TASKS_V5,
    ),
    q(
        "GetUserCreatedTasksPyApi.by-id.graphql",
        Operation::CreatedTasks,
        TASK_BY_ID,
    ),
    q(
        "GetExportMetadataHeaderPyApi.graphql",
        Operation::Header,
        HEADER,
    ),
    q(
        "GetExportFileFromOffsetPyApi.graphql",
        Operation::FileFromOffset,
        FILE_FROM_OFFSET,
    ),
    q(
        "GetExportFileFromLinePyApi.graphql",
        Operation::FileFromLine,
        FILE_FROM_LINE,
    ),
    q(
        "GetProjectPyApi.v7.graphql",
        Operation::Project,
        GET_PROJECT_V7,
    ),
    q(
        "GetProjectPyApi.v5.graphql",
        Operation::Project,
        GET_PROJECT_V5,
    ),
    q(
        "GetProjectsPyApi.v7.graphql",
        Operation::Projects,
        GET_PROJECTS_V7,
    ),
    q(
        "GetProjectsPyApi.v5.graphql",
        Operation::Projects,
        GET_PROJECTS_V5,
    ),
    q(
        "GetProjectsPyApi.where-name.v7.graphql",
        Operation::Projects,
        GET_PROJECTS_WHERE_NAME_V7,
    ),
    q(
        "GetProjectsPyApi.where-created-after.v7.graphql",
        Operation::Projects,
        GET_PROJECTS_WHERE_CREATED_AFTER_V7,
    ),
    q(
        "GetProjectsPyApi.where-name-and-description.v7.graphql",
        Operation::Projects,
        GET_PROJECTS_WHERE_NAME_AND_DESCRIPTION_V7,
    ),
    q("GetDatasetPyApi.graphql", Operation::Dataset, GET_DATASET),
    q(
        "GetDatasetsPyApi.graphql",
        Operation::Datasets,
        GET_DATASETS,
    ),
    q(
        "GetDatasetsPyApi.where-name.graphql",
        Operation::Datasets,
        GET_DATASETS_WHERE_NAME,
    ),
    q(
        "GetOrganizationPyApi.graphql",
        Operation::Organization,
        GET_ORGANIZATION,
    ),
    q(
        "GetProjectBatchesPyApi.graphql",
        Operation::ProjectBatches,
        PROJECT_BATCHES,
    ),
];

const fn q(file: &'static str, operation: Operation, text: &'static str) -> SdkQuery {
    SdkQuery {
        file,
        operation,
        text,
    }
}

impl SdkQuery {
    /// The operation name the text declares (`GetUserPyApi`), which starts its file name.
    pub fn sdk_name(&self) -> &'static str {
        self.file.split('.').next().unwrap_or(self.file)
    }
}

impl Operation {
    /// The operation name the official SDK gives its first text of this operation
    /// (`GetUserPyApi` for [`Operation::User`]); `None` for [`Operation::Task`], which the SDK
    /// never sends.
    pub fn sdk_name(self) -> Option<&'static str> {
        ALL.iter()
            .find(|q| q.operation == self)
            .map(SdkQuery::sdk_name)
    }
}
