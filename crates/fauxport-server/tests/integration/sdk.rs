//! The SDK's query texts, byte for byte as captured in `compat/SDK_QUERIES.md`.

/// `client.get_project(id)`, SDK 7.17.0.
pub(crate) const GET_PROJECT_V7: &str = "query GetProjectPyApi($param_0: ID!){project(where: {id: $param_0}){autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name setupComplete id updatedAt uploadType}}";

/// `client.get_project(id)`, SDK 5.2.1 (adds `queueMode`).
pub(crate) const GET_PROJECT_V5: &str = "query GetProjectPyApi($param_0: ID!){project(where: {id: $param_0}){autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name queueMode setupComplete id updatedAt uploadType}}";

/// The V7 selection of a project (shared by `GetProjectPyApi` and `GetProjectsPyApi`).
pub(crate) const PROJECT_SELECTION_V7: &str = "{autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name setupComplete id updatedAt uploadType}";

/// `client.get_projects()` without `where=`, SDK 7.17.0.
pub(crate) const GET_PROJECTS_V7: &str = "query GetProjectsPyApi($param_0: Boolean!){projects(where: {deleted: $param_0} skip: 0 first: 100){autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name setupComplete id updatedAt uploadType}}";

/// `client.get_projects(where=Project.name == ...)`, SDK 7.17.0: the captured head with the V7 selection.
pub(crate) const GET_PROJECTS_BY_NAME_V7: &str = "query GetProjectsPyApi($param_0: String!, $param_1: Boolean!){projects(where: {AND: [{name: $param_0}, {deleted: $param_1}]} skip: 0 first: 100){autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name setupComplete id updatedAt uploadType}}";

/// `client.get_projects(where=Project.created_at > datetime(...))`, SDK 7.17.0: the captured head with
/// the V7 selection.
pub(crate) const GET_PROJECTS_CREATED_AFTER_V7: &str = "query GetProjectsPyApi($param_0: DateTime!, $param_1: Boolean!){projects(where: {AND: [{createdAt_gt: $param_0}, {deleted: $param_1}]} skip: 0 first: 100){autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name setupComplete id updatedAt uploadType}}";

/// `client.get_projects(where=(Project.name == ...) & (Project.description == ...))`: the captured head
/// with the V7 selection.
pub(crate) const GET_PROJECTS_NAME_AND_DESCRIPTION_V7: &str = "query GetProjectsPyApi($param_0: String!, $param_1: String!, $param_2: Boolean!){projects(where: {AND: [{AND: [{name: $param_0}, {description: $param_1}]}, {deleted: $param_2}]} skip: 0 first: 100){autoAuditNumberOfLabels autoAuditPercentage createdAt dataRowCount description editorTaskType isBenchmarkEnabled isConsensusEnabled lastActivityTime allowedMediaType modelSetupComplete name setupComplete id updatedAt uploadType}}";

/// `client.get_dataset(id)`.
pub(crate) const GET_DATASET: &str = "query GetDatasetPyApi($param_0: ID!){dataset(where: {id: $param_0}){createdAt description name rowCount id updatedAt}}";

/// `client.get_datasets()`.
pub(crate) const GET_DATASETS: &str = "query GetDatasetsPyApi($param_0: Boolean!){datasets(where: {deleted: $param_0} skip: 0 first: 100){createdAt description name rowCount id updatedAt}}";

/// `client.get_datasets(where=Dataset.name == ...)`.
pub(crate) const GET_DATASETS_BY_NAME: &str = "query GetDatasetsPyApi($param_0: String!, $param_1: Boolean!){datasets(where: {AND: [{name: $param_0}, {deleted: $param_1}]} skip: 0 first: 100){createdAt description name rowCount id updatedAt}}";

/// `client.get_organization()`.
pub(crate) const GET_ORGANIZATION: &str =
    "query GetOrganizationPyApi{organization{createdAt name id updatedAt}}";

/// `client.get_user()`, SDK 7.17.0.
pub(crate) const GET_USER_V7: &str = "query GetUserPyApi{user{createdAt email isExternalUser isViewer lastLoginAt nickname name picture id updatedAt}}";

/// `client.get_user()`, SDK 5.2.1.
pub(crate) const GET_USER_V5: &str = "query GetUserPyApi{user{createdAt email intercomHash isExternalUser isViewer nickname name picture id updatedAt}}";

/// The user's time zone (sent with `variables: null`).
pub(crate) const CURRENT_USER: &str = "query CurrentUserPyApi { user { timezone } }";

/// `project.export()` / `project.export_v2()`.
pub(crate) const EXPORT_PROJECT: &str = "mutation exportDataRowsInProjectPyApi($input: ExportDataRowsInProjectInput!){exportDataRowsInProject(input: $input){taskId isStreamable}}";

/// `DataRow.export`, `dataset.export`, `catalog.export`.
pub(crate) const EXPORT_CATALOG: &str = "mutation exportDataRowsInCatalogPyApi($input: ExportDataRowsInCatalogInput!){exportDataRowsInCatalog(input: $input){taskId isStreamable}}";

/// `slice.export()`: not faked by fauxport. Built like the other export mutations (not captured).
pub(crate) const EXPORT_SLICE: &str = "mutation exportDataRowsInSlicePyApi($input: ExportDataRowsInSliceInput!){exportDataRowsInSlice(input: $input){taskId isStreamable}}";

/// Task fetch and polling (form A), SDK 7.17.0: `status` twice.
pub(crate) const CREATED_TASKS_V7: &str = "query GetUserCreatedTasksPyApi($param_0: ID!, $param_1: ID!){user(where: {id: $param_1}){createdTasks(where: {id: $param_0} skip: 0 first: 100){completionPercentage createdAt errors metadata name result status status type id updatedAt}}}";

/// Task fetch and polling (form A), SDK 5.2.1.
pub(crate) const CREATED_TASKS_V5: &str = "query GetUserCreatedTasksPyApi($param_0: ID!, $param_1: ID!){user(where: {id: $param_1}){createdTasks(where: {id: $param_0} skip: 0 first: 100){completionPercentage createdAt errors metadata name result status type id updatedAt}}}";

/// `client.get_task_by_id(id)` (form B), with its leading and trailing whitespace.
pub(crate) const TASK_BY_ID: &str = "\n            query GetUserCreatedTasksPyApi($userId: ID!, $taskId: ID!) {\n            user(where: {id: $userId}) {\n                createdTasks(where: {id: $taskId} skip: 0 first: 1) {\n                    completionPercentage\n                    createdAt\n                    errors\n                    metadata\n                    name\n                    result\n                    status\n                    type\n                    id\n                    updatedAt\n                }\n            }\n        }\n        ";

/// Stream totals.
pub(crate) const HEADER: &str = "query GetExportMetadataHeaderPyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!){task(where: $where){exportMetadataHeader(streamType: $streamType){totalSize totalLines}}}";

/// Page lookup by byte offset (`offset` is sent as a string).
pub(crate) const FILE_FROM_OFFSET: &str = "query GetExportFileFromOffsetPyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!, $offset: UInt64!){task(where: $where){exportFileFromOffset(streamType: $streamType, offset: $offset){offsets {start end} lines {start end} file}}}";

/// Page lookup by line (SDK 5.2.1 `with_line`; `line` is sent as an integer).
pub(crate) const FILE_FROM_LINE: &str = "query GetExportFileFromLinePyApi($where: WhereUniqueIdInput, $streamType: TaskStreamType!, $line: UInt64!){task(where: $where){exportFileFromLine(streamType: $streamType, line: $line){offsets {start end} lines {start end} file}}}";

/// `project.batches()`, posted to `/_gql`.
pub(crate) const PROJECT_BATCHES: &str = "query GetProjectBatchesPyApi($from: String, $first: PageSize, $projectId: ID!) {\n            project(where: {id: $projectId}) {id\n            batches(after: $from, first: $first) { nodes { consensusSettingsJson createdAt name size id updatedAt } pageInfo { endCursor }}}}\n        ";
