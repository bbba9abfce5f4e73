//! The export protocol on a [`wiremock::MockServer`] you already have: [`LabelboxExport`] holds a
//! world and makes the responders and mocks.

mod operation;
mod respond;

pub use fauxport_model::protocol::Operation;
pub use operation::{IsOperation, operation_of};
pub use respond::{GraphqlResponder, PAGE_PATH_PREFIX, PageResponder};

use std::sync::Arc;

use fauxport_gen::world::WorldError;
use fauxport_gen::{Stream, World, WorldSpec};
use fauxport_model::ExportParams;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer};

use crate::truth::{self, GroundTruth, ProjectInfo};
use respond::{Shared, TaskStore};

/// Lines per page unless told otherwise (small: mocks are for small exports).
const DEFAULT_PAGE_ROWS: u64 = 100;

/// Labelbox's export API for one world, as wiremock responders: export tasks complete at once,
/// their pages are rendered in memory when the export mutation arrives (so keep exports small)
/// and are byte-identical to what fauxport's server serves for the same world and page size.
///
/// Every responder and mock made from one `LabelboxExport` (and its clones) shares its tasks.
/// What an export must hold comes from [`GroundTruth`].
#[derive(Debug, Clone)]
pub struct LabelboxExport {
    world: Arc<World>,
    projects: Vec<ProjectInfo>,
    page_rows: u64,
    graphql_path: String,
    tasks: Arc<TaskStore>,
}

impl LabelboxExport {
    /// The default world of `seed` (one project of each [`ProjectKind`]) with `rows` rows per
    /// project, pages of 100 lines, GraphQL at `/graphql`.
    pub fn new(seed: u64, rows: u64) -> LabelboxExport {
        // The default world's spec is always valid.
        match World::new(WorldSpec::default_world(seed, rows)) {
            Ok(world) => LabelboxExport::from_world(Arc::new(world)),
            Err(e) => unreachable!("the default world is valid: {e}"),
        }
    }

    /// The world `spec` describes.
    pub fn from_spec(spec: WorldSpec) -> Result<LabelboxExport, WorldError> {
        Ok(LabelboxExport::from_world(Arc::new(World::new(spec)?)))
    }

    /// A world already built, e.g. a [`FauxportServer`](crate::FauxportServer)'s
    /// ([`world`](crate::FauxportServer::world)), so the mock and the server serve the same rows.
    pub fn from_world(world: Arc<World>) -> LabelboxExport {
        LabelboxExport {
            projects: truth::projects(&world),
            world,
            page_rows: DEFAULT_PAGE_ROWS,
            graphql_path: "/graphql".to_owned(),
            tasks: Arc::default(),
        }
    }

    /// Lines per page file (set it before making responders or mocks).
    pub fn page_rows(mut self, page_rows: u64) -> LabelboxExport {
        self.page_rows = page_rows.max(1);
        self
    }

    /// The path GraphQL requests are posted to (default `/graphql`), for [`mocks`](Self::mocks).
    pub fn graphql_path(mut self, path: impl Into<String>) -> LabelboxExport {
        self.graphql_path = path.into();
        self
    }

    /// How many export tasks the responders have created so far.
    pub fn tasks_created(&self) -> u64 {
        self.tasks.created()
    }

    /// How many page files `stream` of an unfiltered export of `project_id` has: what a client
    /// downloads (and looks up) to read it whole.
    ///
    /// # Panics
    ///
    /// When the world has no project `project_id`.
    pub fn expected_pages(&self, project_id: &str, stream: Stream) -> u64 {
        let lines = self.expected_ndjson(project_id, stream, &ExportParams::all());
        let lines = lines.iter().filter(|&&b| b == b'\n').count() as u64;
        lines.div_ceil(self.page_rows)
    }

    fn shared(&self) -> Arc<Shared> {
        Arc::new(Shared {
            world: Arc::clone(&self.world),
            page_rows: self.page_rows,
            tasks: Arc::clone(&self.tasks),
        })
    }

    /// The GraphQL responder, for mounting with your own matchers.
    pub fn graphql_responder(&self) -> GraphqlResponder {
        GraphqlResponder {
            shared: self.shared(),
        }
    }

    /// The page-file responder, for mounting with your own matchers.
    pub fn page_responder(&self) -> PageResponder {
        PageResponder {
            shared: self.shared(),
        }
    }

    /// One named mock per operation (`POST` to the GraphQL path, matched by [`IsOperation`]) and
    /// one for page downloads (`GET` under [`PAGE_PATH_PREFIX`]), not yet mounted: add
    /// expectations (`mocks.pages = mocks.pages.expect(3)`), then [`ExportMocks::mount`].
    pub fn mocks(&self) -> ExportMocks {
        let graphql = self.graphql_responder();
        let op = |operation: Operation| {
            Mock::given(method("POST"))
                .and(path(self.graphql_path.as_str()))
                .and(IsOperation(operation))
                .respond_with(graphql.clone())
                .named(format!(
                    "fauxport {}",
                    operation.sdk_names().first().copied().unwrap_or("GraphQL")
                ))
        };
        ExportMocks {
            export: op(Operation::ExportProject),
            user: op(Operation::User),
            created_tasks: op(Operation::CreatedTasks),
            header: op(Operation::Header),
            file_from_offset: op(Operation::FileFromOffset),
            file_from_line: op(Operation::FileFromLine),
            project: op(Operation::Project),
            pages: Mock::given(method("GET"))
                .and(path_regex(format!("^{PAGE_PATH_PREFIX}")))
                .respond_with(self.page_responder())
                .named("fauxport page files"),
        }
    }

    /// Mounts [`mocks`](Self::mocks) on `server`, without expectations.
    pub async fn mount(&self, server: &MockServer) {
        self.mocks().mount(server).await;
    }
}

impl GroundTruth for LabelboxExport {
    fn world(&self) -> &Arc<World> {
        &self.world
    }

    fn projects(&self) -> &[ProjectInfo] {
        &self.projects
    }
}

/// The mocks of [`LabelboxExport::mocks`], one per operation, so each can carry its own
/// expectation (`.expect(n)`), priority or name before it is mounted.
#[must_use = "mocks do nothing until mounted"]
pub struct ExportMocks {
    /// `exportDataRowsInProjectPyApi`.
    pub export: Mock,
    /// `GetUserPyApi` (and `CurrentUserPyApi`).
    pub user: Mock,
    /// `GetUserCreatedTasksPyApi`.
    pub created_tasks: Mock,
    /// `GetExportMetadataHeaderPyApi`.
    pub header: Mock,
    /// `GetExportFileFromOffsetPyApi`.
    pub file_from_offset: Mock,
    /// `GetExportFileFromLinePyApi`.
    pub file_from_line: Mock,
    /// `GetProjectPyApi`.
    pub project: Mock,
    /// `GET` of a page file.
    pub pages: Mock,
}

impl std::fmt::Debug for ExportMocks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportMocks").finish_non_exhaustive()
    }
}

impl ExportMocks {
    /// Every mock, in field order.
    pub fn into_vec(self) -> Vec<Mock> {
        vec![
            self.export,
            self.user,
            self.created_tasks,
            self.header,
            self.file_from_offset,
            self.file_from_line,
            self.project,
            self.pages,
        ]
    }

    /// Mounts every mock on `server`; expectations are verified when the server is dropped or
    /// [`MockServer::verify`] is called.
    pub async fn mount(self, server: &MockServer) {
        for mock in self.into_vec() {
            mock.mount(server).await;
        }
    }
}
