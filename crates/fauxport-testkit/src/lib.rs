//! Test helpers for Rust code that reads Labelbox exports: fauxport's fake of the export API,
//! with the ground truth of what every export holds.
//!
//! Two ways in:
//!
//! - [`FauxportServer`]: the real fauxport server, in-process on `127.0.0.1:0` on your tokio
//!   runtime. It speaks the whole protocol the official SDK speaks, and its scenarios (chosen by
//!   the API key, [`FauxportServerBuilder::scenario`]) inject faults: failed or slow tasks, flaky
//!   pages and more.
//! - [`LabelboxExport`]: the export protocol as [`wiremock`] responders, for tests that already
//!   mount mocks on their own [`wiremock::MockServer`]. Tasks complete at once and pages live in
//!   memory; wiremock's own expectations (`.expect(n)`) count the calls.
//!
//! Both answer with the rows fauxport's generator makes from a seed, and both tell you what a
//! full export must yield ([`GroundTruth::expected_rows`] on either), byte for byte what the
//! server serves; [`assert_rows`] compares a reader's rows with it and, on a difference, names
//! the first row that differs instead of printing every row.
//!
//! ```rust
//! use std::time::Duration;
//!
//! use fauxport_client::{Client, ExportParams, ExportRequest, StreamKind};
//! use fauxport_testkit::{FauxportServer, GroundTruth, LabelboxExport, ProjectKind};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // The real server: seed 7, 20 rows per project, pages of 8 lines.
//!     let server = FauxportServer::builder().seed(7).rows(20).page_rows(8).start().await?;
//!     let project = server
//!         .project_id(ProjectKind::PromptResponseCreation)
//!         .expect("the default world has a project of each kind")
//!         .to_owned();
//!     let client = Client::new(&server.graphql_url(), server.api_key());
//!     let request = ExportRequest { params: ExportParams::all(), ..ExportRequest::default() };
//!     let task = client.export_project(&project, &request).await?;
//!     client.wait(&task, Duration::from_millis(20), Duration::from_secs(30)).await?;
//!     let rows = client.collect(&task, StreamKind::Result).await?;
//!     assert_eq!(rows, server.expected_rows(&project));
//!     server.shutdown().await?;
//!
//!     // The same world on a wiremock server, expecting exactly one download per page file.
//!     let mock = wiremock::MockServer::start().await;
//!     let export = LabelboxExport::new(7, 20).page_rows(8);
//!     let pages = export.expected_pages(&project, fauxport_testkit::Stream::Result);
//!     let mut mocks = export.mocks();
//!     mocks.pages = mocks.pages.expect(pages);
//!     mocks.mount(&mock).await;
//!     let client = Client::new(&format!("{}/graphql", mock.uri()), "any key");
//!     let task = client.export_project(&project, &request).await?;
//!     client.wait(&task, Duration::from_millis(20), Duration::from_secs(30)).await?;
//!     assert_eq!(client.collect(&task, StreamKind::Result).await?, export.expected_rows(&project));
//!     mock.verify().await; // panics unless exactly `pages` page files were fetched
//!     Ok(())
//! }
//! ```

mod mock;
mod rows;
mod server;
mod truth;

pub use mock::{
    ExportMocks, GraphqlResponder, IsOperation, LabelboxExport, Operation, PAGE_PATH_PREFIX,
    PageResponder, operation_of,
};
pub use rows::assert_rows;
pub use server::{FauxportServer, FauxportServerBuilder, ShutdownError, StartError};
pub use truth::{GroundTruth, ProjectInfo};

pub use fauxport_gen::world::WorldError;
pub use fauxport_gen::{ProjectKind, Stream, World, WorldSpec};
pub use fauxport_model::ExportParams;
pub use fauxport_server::ServerConfig;
/// The wiremock version the responders implement, for tests that want to be sure to match it.
pub use wiremock;
