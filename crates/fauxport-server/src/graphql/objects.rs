//! Organisation, user, project, dataset and batch objects, with every field either SDK version
//! selects. Each object is built once from the world; where clauses read the same values.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Result, SimpleObject};
use fauxport_gen::World;
use fauxport_gen::world::Project;
use serde::Serialize;

use super::scalars::{PageSize, datetime};
use super::tasks::TaskObject;
use super::{Caller, state};

/// `where: {id: ...}` for single lookups.
#[derive(Debug, InputObject)]
pub struct WhereUniqueIdInput {
    /// The id.
    pub id: ID,
}

/// `where: {id: ...}` on `createdTasks` (the id is optional there).
#[derive(Debug, InputObject)]
pub(crate) struct TaskWhereInput {
    /// The task id.
    pub(crate) id: Option<ID>,
}

/// Media types either SDK version can send (`mediaTypeOverride`, where clauses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize)]
#[allow(missing_docs)]
pub enum MediaType {
    Audio,
    Conversational,
    Dicom,
    Pdf,
    TmsGeo,
    Html,
    Image,
    LlmPromptCreation,
    LlmPromptResponseCreation,
    TmsSimple,
    Text,
    Unknown,
    Unsupported,
    Video,
    PointCloud,
    Llm,
}

/// Editor task types (where clauses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[allow(missing_docs)]
pub enum EditorTaskType {
    ModelChatEvaluation,
    ResponseCreation,
    OfflineModelChatEvaluation,
}

/// Upload types (where clauses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[allow(missing_docs)]
pub enum UploadType {
    Auto,
    Manual,
}

/// Queue modes; SDK 5.x requires a non-null value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Serialize)]
#[allow(missing_docs)]
pub enum QueueMode {
    #[serde(rename = "BATCH")]
    Batch,
    #[serde(rename = "DATA_SET")]
    DataSet,
}

/// The organisation.
#[derive(Debug, SimpleObject, Serialize)]
#[graphql(name = "Organization")]
#[serde(rename_all = "camelCase")]
pub struct OrganizationObject {
    id: ID,
    name: String,
    created_at: String,
    updated_at: String,
}

impl OrganizationObject {
    /// The world's organisation.
    pub fn new(world: &World) -> Self {
        let o = &world.org;
        OrganizationObject {
            id: ID(o.id.0.clone()),
            name: o.name.clone(),
            created_at: datetime(o.created_ms),
            updated_at: datetime(o.created_ms),
        }
    }
}

/// The API user.
#[derive(Debug, SimpleObject)]
#[graphql(name = "User", complex)]
pub struct UserObject {
    id: ID,
    email: String,
    name: String,
    nickname: String,
    picture: Option<String>,
    intercom_hash: Option<String>,
    is_external_user: bool,
    is_viewer: bool,
    last_login_at: String,
    created_at: String,
    updated_at: String,
    /// The user's time zone: plain filter dates are read in it. fauxport users live in UTC.
    timezone: String,
}

impl UserObject {
    /// The world's API user.
    pub fn new(world: &World) -> Self {
        let u = &world.user;
        let local = u.email.split('@').next().unwrap_or_default().to_owned();
        UserObject {
            id: ID(u.id.0.clone()),
            email: u.email.clone(),
            name: local.replace('.', " "),
            nickname: local,
            picture: None,
            intercom_hash: None,
            is_external_user: false,
            is_viewer: false,
            last_login_at: datetime(world.end_ms),
            created_at: datetime(world.org.created_ms + 60_000),
            updated_at: datetime(world.org.created_ms + 60_000),
            timezone: "UTC".to_owned(),
        }
    }
}

#[ComplexObject]
impl UserObject {
    /// Tasks this user created; `where: {id}` narrows to one. Unknown ids give `[]`, never an
    /// error: the SDK needs exactly one task, or an empty list.
    async fn created_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "where")] filter: Option<TaskWhereInput>,
        skip: Option<i32>,
        first: Option<i32>,
    ) -> Result<Vec<TaskObject>> {
        super::check_first(ctx, "createdTasks.first", first.map(i64::from))?;
        let state = state(ctx)?;
        let Some(id) = filter.and_then(|w| w.id) else {
            return Ok(Vec::new());
        };
        let (skip, first) = (
            skip.unwrap_or(0).max(0) as usize,
            first.unwrap_or(100).max(0) as usize,
        );
        let caller = ctx.data::<Caller>()?;
        Ok(state
            .task(&id, Some(&*caller.0.api_key))
            .await
            .into_iter()
            .skip(skip)
            .take(first)
            .map(TaskObject)
            .collect())
    }
}

/// A project.
#[derive(Debug, SimpleObject, Serialize)]
#[graphql(name = "Project", complex)]
#[serde(rename_all = "camelCase")]
pub struct ProjectObject {
    #[graphql(skip)]
    #[serde(skip)]
    index: usize,
    id: ID,
    name: String,
    description: String,
    created_at: String,
    updated_at: String,
    setup_complete: String,
    last_activity_time: String,
    auto_audit_number_of_labels: u32,
    auto_audit_percentage: f64,
    data_row_count: u64,
    /// Inferred: what prompt/response projects report (see `fauxport_model::inferred`).
    allowed_media_type: MediaType,
    media_type: MediaType,
    editor_task_type: Option<String>,
    upload_type: Option<String>,
    model_setup_complete: Option<String>,
    is_benchmark_enabled: bool,
    is_consensus_enabled: bool,
    queue_mode: QueueMode,
    ontology_id: ID,
}

impl ProjectObject {
    /// A project of the world, as it stands at `at` (a live server's time; `None`: the whole
    /// world): its rows that exist then, its last activity no later.
    pub fn new(world: &World, p: &Project, at: Option<i64>) -> Self {
        let rows = world.rows(p.index).map_or(p.spec.rows, |r| r.len_at(at));
        // Whole seconds, as a row's `last_activity_at`.
        let last_activity = at.map_or(world.end_ms, |t| {
            world.end_ms.min(t.div_euclid(1000) * 1000)
        });
        ProjectObject {
            index: p.index,
            id: ID(p.id.0.clone()),
            name: p.name.clone(),
            description: format!("A fauxport {} project", p.spec.kind.slug()),
            created_at: datetime(p.created_ms),
            updated_at: datetime(p.created_ms + 120_000),
            setup_complete: datetime(p.created_ms + 95_000),
            last_activity_time: datetime(last_activity),
            auto_audit_number_of_labels: p.spec.consensus,
            auto_audit_percentage: 1.0,
            data_row_count: rows,
            allowed_media_type: MediaType::Llm,
            media_type: MediaType::Llm,
            editor_task_type: None,
            upload_type: None,
            model_setup_complete: None,
            is_benchmark_enabled: false,
            is_consensus_enabled: p.spec.consensus > 1,
            queue_mode: QueueMode::Batch,
            ontology_id: ID(p.ontology.id.0.clone()),
        }
    }
}

/// One page of batches.
#[derive(Debug, SimpleObject)]
pub struct BatchConnection {
    nodes: Vec<BatchObject>,
    page_info: PageInfo,
}

/// Cursor paging state.
#[derive(Debug, SimpleObject)]
pub struct PageInfo {
    end_cursor: Option<String>,
}

/// A batch.
#[derive(Debug, SimpleObject)]
#[graphql(name = "Batch")]
pub struct BatchObject {
    id: ID,
    name: String,
    created_at: String,
    updated_at: String,
    size: u64,
    consensus_settings_json: Option<String>,
}

#[ComplexObject]
impl ProjectObject {
    /// The project's batches, cursor-paged (`project.batches()` in the SDK).
    async fn batches(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<PageSize>,
    ) -> Result<BatchConnection> {
        super::check_first(ctx, "batches.first", first.map(|f| i64::from(f.0)))?;
        let world = super::world(ctx)?;
        // A replayed export's batches are not known beyond the ids its rows carry.
        let rows = world.rows(self.index).filter(|_| world.replay.is_none());
        let Some(rows) = rows else {
            return Ok(BatchConnection {
                nodes: Vec::new(),
                page_info: PageInfo { end_cursor: None },
            });
        };
        let project = rows.project();
        // A live world lists the batches that have arrived by the clock's time.
        let arrived = rows.len_at(super::state(ctx)?.now_ms());
        let count = arrived.div_ceil(project.spec.batch_size);
        let start: u64 = after.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0);
        let take = u64::from(first.map_or(100, |f| f.0.max(1)));
        // `after` comes from the client: any u64, so no plain `+`.
        let end = start.saturating_add(take).min(count);
        let nodes = (start..end)
            .map(|b| {
                let plan = rows.plan(b * project.spec.batch_size).batch;
                let size = project
                    .spec
                    .batch_size
                    .min(arrived - b * project.spec.batch_size);
                BatchObject {
                    id: ID(plan.id.0),
                    name: plan.name,
                    created_at: datetime(plan.created_ms),
                    updated_at: datetime(plan.created_ms),
                    size,
                    consensus_settings_json: None,
                }
            })
            .collect();
        Ok(BatchConnection {
            nodes,
            page_info: PageInfo {
                end_cursor: (end < count).then(|| end.to_string()),
            },
        })
    }
}

/// A dataset.
#[derive(Debug, SimpleObject, Serialize)]
#[graphql(name = "Dataset")]
#[serde(rename_all = "camelCase")]
pub struct DatasetObject {
    id: ID,
    name: String,
    description: String,
    created_at: String,
    updated_at: String,
    row_count: u64,
    data_row_count: u64,
}

impl DatasetObject {
    /// The dataset of a project of the world, as it stands at `at` (see [`ProjectObject::new`]).
    pub fn new(world: &World, p: &Project, at: Option<i64>) -> Self {
        let rows = world.rows(p.index).map_or(p.spec.rows, |r| r.len_at(at));
        let d = &p.dataset;
        DatasetObject {
            id: ID(d.id.0.clone()),
            name: d.name.clone(),
            description: format!("Data rows of {}", p.name),
            created_at: datetime(d.created_ms),
            updated_at: datetime(d.created_ms),
            row_count: rows,
            data_row_count: rows,
        }
    }
}
