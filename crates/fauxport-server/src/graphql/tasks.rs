//! Export mutations, tasks and their streams: header, page lookups by offset and by line.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use fauxport_gen::Stream;

use super::scalars::{
    CatalogExportInput, ModelRunExportInput, ProjectExportInput, SliceExportInput, UInt64, datetime,
};
use super::{BaseUrl, Caller, api, state};
use crate::errors::ApiError;
use crate::export::tokens::FileRef;
use crate::export::{
    ExportSpec, Page, StreamTable, Task, TaskStatus, catalog_export, project_export,
};
use crate::state::AppState;

/// `TaskStreamType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum TaskStreamType {
    /// The rows.
    #[graphql(name = "RESULT")]
    Result,
    /// The error lines.
    #[graphql(name = "ERRORS")]
    Errors,
}

impl From<TaskStreamType> for Stream {
    fn from(t: TaskStreamType) -> Stream {
        match t {
            TaskStreamType::Result => Stream::Result,
            TaskStreamType::Errors => Stream::Errors,
        }
    }
}

/// `{taskId isStreamable}`.
#[derive(Debug, SimpleObject)]
pub struct ExportPayload {
    task_id: ID,
    is_streamable: bool,
}

/// `{totalSize totalLines}`.
#[derive(Debug, SimpleObject)]
pub struct ExportMetadataHeader {
    total_size: u64,
    total_lines: u64,
}

/// An inclusive range.
#[derive(Debug, SimpleObject)]
pub struct ExportRange {
    start: UInt64,
    end: UInt64,
}

/// A page: its byte and line ranges and the URL of its bytes.
#[derive(Debug, SimpleObject)]
pub struct ExportFile {
    offsets: ExportRange,
    lines: ExportRange,
    file: String,
}

/// The signed URL of a page (or of the whole stream, `page = None`).
pub(crate) fn file_url(
    state: &AppState,
    base: &str,
    task: &Task,
    stream: Stream,
    page: Option<usize>,
) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let r = FileRef {
        task: task.id.to_string(),
        stream: stream.wire_name().to_owned(),
        page,
        expires: now + state.config.url_ttl.as_secs(),
    };
    format!("{base}{}", r.path(&state.config.url_secret))
}

/// An export task.
pub struct TaskObject(pub(crate) Arc<Task>);

impl TaskObject {
    /// A page found in a stream's table (none before the task completes).
    fn lookup(
        &self,
        ctx: &Context<'_>,
        stream_type: TaskStreamType,
        find: impl FnOnce(&StreamTable) -> Option<(usize, &Page)>,
    ) -> Result<Option<ExportFile>> {
        let stream: Stream = stream_type.into();
        let Some(tables) = self.0.complete_tables() else {
            return Ok(None);
        };
        let Some((i, page)) = find(tables.stream(stream)) else {
            return Ok(None);
        };
        let base = ctx.data::<BaseUrl>()?;
        let (bs, be) = page.byte_range();
        let (ls, le) = page.line_range();
        Ok(Some(ExportFile {
            offsets: ExportRange {
                start: UInt64::new(bs),
                end: UInt64::new(be),
            },
            lines: ExportRange {
                start: UInt64::new(ls),
                end: UInt64::new(le),
            },
            file: file_url(state(ctx)?, &base.0, &self.0, stream, Some(i)),
        }))
    }

    fn legacy_url(&self, ctx: &Context<'_>, stream: Stream) -> Result<Option<String>> {
        let task = &self.0;
        if task.spec.streamable || task.status() != TaskStatus::Complete {
            return Ok(None);
        }
        let Some(tables) = task.tables() else {
            return Ok(None);
        };
        if stream == Stream::Errors && tables.errors.total_lines == 0 {
            return Ok(None);
        }
        let base = ctx.data::<BaseUrl>()?;
        Ok(Some(file_url(state(ctx)?, &base.0, task, stream, None)))
    }
}

#[Object(name = "Task")]
impl TaskObject {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> Option<String> {
        self.0.spec.task_name.clone()
    }
    /// Always `export-data-rows`: the SDK branches on it.
    #[graphql(name = "type")]
    async fn kind(&self) -> &'static str {
        "export-data-rows"
    }
    async fn status(&self) -> &'static str {
        self.0.status().as_str()
    }
    async fn completion_percentage(&self) -> f64 {
        self.0.completion()
    }
    async fn created_at(&self) -> String {
        datetime(self.0.created_ms)
    }
    async fn updated_at(&self) -> String {
        datetime(self.0.created_ms)
    }
    async fn metadata(&self) -> Option<String> {
        None
    }
    /// Legacy (non-streamable) tasks: the URL of the whole result file.
    async fn result(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        self.legacy_url(ctx, Stream::Result)
    }
    /// Legacy (non-streamable) tasks: the URL of the whole errors file, when there are errors.
    async fn errors(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        self.legacy_url(ctx, Stream::Errors)
    }
    /// Totals of a stream; `null` when the stream is empty or the task not complete.
    async fn export_metadata_header(
        &self,
        stream_type: TaskStreamType,
    ) -> Option<ExportMetadataHeader> {
        let table = self.0.complete_tables()?.stream(stream_type.into());
        (table.total_lines > 0).then_some(ExportMetadataHeader {
            total_size: table.total_size,
            total_lines: table.total_lines,
        })
    }
    /// The page holding byte `offset`.
    async fn export_file_from_offset(
        &self,
        ctx: &Context<'_>,
        stream_type: TaskStreamType,
        offset: UInt64,
    ) -> Result<Option<ExportFile>> {
        let offset = offset.get("offset").map_err(api)?;
        self.lookup(ctx, stream_type, |t| t.page_at_offset(offset))
    }
    /// The page holding line `line`.
    async fn export_file_from_line(
        &self,
        ctx: &Context<'_>,
        stream_type: TaskStreamType,
        line: UInt64,
    ) -> Result<Option<ExportFile>> {
        let line = line.get("line").map_err(api)?;
        self.lookup(ctx, stream_type, |t| t.page_at_line(line))
    }
}

/// Creates the task an export mutation asks for, over the caller's scenario world, and waits
/// up to the settle time for its page tables.
async fn create_export(
    ctx: &Context<'_>,
    spec: impl FnOnce(&fauxport_gen::World) -> std::result::Result<ExportSpec, ApiError>,
) -> Result<ExportPayload> {
    let state = state(ctx)?;
    let caller = ctx.data::<Caller>()?;
    let mut spec = spec(&caller.0.world).map_err(api)?;
    spec.streamable = caller.0.scenario.task.streamable;
    spec.at = state.now_ms();
    let task = state.exports.create(spec, caller.0.clone()).map_err(api)?;
    task.settle(state.exports.config().settle).await;
    if let Ok(receipt) = ctx.data::<std::sync::Arc<super::Receipt>>() {
        receipt.created(&task.id);
    }
    Ok(ExportPayload {
        task_id: ID(task.id.to_string()),
        is_streamable: task.spec.streamable,
    })
}

/// The export mutations.
#[derive(Default)]
pub struct MutationRoot;

#[Object]
impl MutationRoot {
    /// `project.export()` / `project.export_v2()`.
    async fn export_data_rows_in_project(
        &self,
        ctx: &Context<'_>,
        input: ProjectExportInput,
    ) -> Result<ExportPayload> {
        create_export(ctx, |world| project_export(world, &input.0)).await
    }
    /// `DataRow.export()`, `dataset.export()`, `catalog.export()`.
    async fn export_data_rows_in_catalog(
        &self,
        ctx: &Context<'_>,
        input: CatalogExportInput,
    ) -> Result<ExportPayload> {
        create_export(ctx, |world| catalog_export(world, &input.0)).await
    }
    /// Slice exports are not faked.
    async fn export_data_rows_in_slice(&self, _input: SliceExportInput) -> Result<ExportPayload> {
        Err(api(ApiError::unsupported("exportDataRowsInSlice")))
    }
    /// Model-run exports are not faked.
    async fn export_data_rows_in_model_run(
        &self,
        _input: ModelRunExportInput,
    ) -> Result<ExportPayload> {
        Err(api(ApiError::unsupported("exportDataRowsInModelRun")))
    }
}
