//! From a plan to an [`ExportRow`], shaped by the export params.
//!
//! Each optional part draws from its own random stream, so turning a param off removes its key
//! and changes no other byte of the row.

use std::collections::BTreeMap;

use fauxport_model::vocabulary as vocab;
use fauxport_model::{
    Attachment, AttachmentType, Cuid, DataRow, DataRowDetails, Embedding, EmbeddingValue,
    ExportParams, ExportRow, Extra, Label, LabelDetails, LabelKind, MediaAttributes, MetadataField,
    PerformanceDetails, ProjectDetails, ProjectEntry, Seconds, Timestamp, WorkflowAction,
    WorkflowHistoryEntry, inferred,
};
use serde_json::{Value, json};

use super::annotate::{FeatureIds, Texts, annotations};
use super::content::{self, Conversation, RowContent};
use super::huge::{HugeText, Place};
use super::plan::{RowPlan, Step, section, stream};
use crate::rng::Rng;
use crate::text;
use crate::world::{Project, ProjectKind, World};

/// Renders a planned row.
pub(crate) fn render(
    world: &World,
    project: &Project,
    plan: &RowPlan<'_>,
    params: &ExportParams,
) -> ExportRow {
    let key = |s: u64| stream(world, project, plan.index, s);
    let kind = project.spec.kind;
    let huge = HugeText::of(world, project, plan);
    let mut content = content::write(world, project, plan);
    if let Some(corpus) = &world.content.corpus {
        let r = content::text_stream(world, project, plan);
        super::corpus::show_entry(corpus, world, project, plan, &r, &mut content);
    }
    content.settle_topic();

    let (row_data, media) = row_data(kind, &content, huge.as_ref());
    let data_row = DataRow {
        id: plan.id.clone(),
        global_key: Some(plan.global_key.clone()),
        external_id: plan.external_id.clone(),
        row_data,
        details: params.data_row_details.then(|| DataRowDetails {
            dataset_id: project.dataset.id.clone(),
            dataset_name: project.dataset.name.clone(),
            created_at: Timestamp::from_millis(plan.created_ms),
            updated_at: Timestamp::from_millis(plan.updated_ms),
            last_activity_at: Some(Timestamp::from_millis(plan.last_activity_ms)),
            created_by: project.creator.clone(),
            extra: Extra::new(),
        }),
        extra: Extra::new(),
    };

    let extras = key(section::EXTRAS);
    let attachments = params
        .attachments
        .then(|| attachments(kind, &mut extras.fork(1), world));
    let metadata_fields = params.metadata_fields.then(|| {
        let generated = metadata(plan, &mut extras.fork(2));
        super::corpus::with_entry_metadata(generated, &content.metadata)
    });
    let embeddings = params
        .embeddings
        .then(|| vec![embedding(world, project, &content, &mut extras.fork(3))]);

    let message_id = content
        .conversation
        .as_ref()
        .map_or_else(|| "message-0".to_owned(), Conversation::labelled_id);
    let labels = plan
        .labels
        .iter()
        .zip(content.labels.iter_mut())
        .enumerate()
        .map(|(l, (lp, lc))| {
            let mut lrng = key(section::TEXT).fork(200 + l as u64);
            if let Some(huge) = &huge {
                huge.grow_label(l, &mut lc.exchange);
            }
            let texts = Texts {
                exchange: &lc.exchange,
                pools: &world.text,
                hostile: plan.hostile,
                message_id: &message_id,
                judgement: &lc.judgement,
                by_name: world.content.ontology(project.index).is_some(),
            };
            let mut ids = FeatureIds::new(lp.submit_ms, &mut lrng);
            Label {
                label_kind: LabelKind::Default,
                version: vocab::LABEL_VERSION.to_owned(),
                id: lp.id.clone(),
                label_details: params.label_details.then(|| LabelDetails {
                    extra: Default::default(),
                    created_at: Timestamp::from_millis(lp.created_ms),
                    updated_at: Timestamp::from_millis(lp.updated_ms),
                    created_by: lp.labeler.to_owned(),
                    content_last_updated_at: Some(Timestamp::from_millis(lp.submit_ms)),
                    reviews: reviews(plan, lp, l, world, project),
                }),
                performance_details: params.performance_details.then(|| PerformanceDetails {
                    extra: Default::default(),
                    seconds_to_create: Seconds(lp.seconds_to_create),
                    seconds_to_review: Seconds(lp.seconds_to_review),
                    skipped: lp.skipped,
                    consensus_score: lp.consensus_score,
                    benchmark_score: None,
                }),
                annotations: annotations(
                    &project.ontology.features,
                    &texts,
                    &mut ids,
                    &mut lrng,
                    lp.skipped,
                ),
                extra: Extra::new(),
            }
        })
        .collect();

    let project_details = params
        .project_details
        .then(|| project_details(project, plan));
    let mut projects = BTreeMap::new();
    projects.insert(
        project.id.0.clone(),
        ProjectEntry {
            name: project.name.clone(),
            labels,
            project_details,
            extra: Extra::new(),
        },
    );
    ExportRow {
        data_row,
        media_attributes: media,
        attachments,
        metadata_fields,
        embeddings,
        projects,
        extra: Extra::new(),
    }
}

/// `row_data` and media attributes; a huge row of a kind whose main text lives in `row_data`
/// gets its huge text there.
fn row_data(
    kind: ProjectKind,
    content: &RowContent,
    huge: Option<&HugeText<'_>>,
) -> (String, MediaAttributes) {
    let huge = |place: Place| huge.filter(|h| h.place == place);
    match kind {
        ProjectKind::PromptResponseCreation => (
            vocab::PROMPT_RESPONSE_CREATION_ROW_DATA.to_owned(),
            MediaAttributes::mime(vocab::PROMPT_RESPONSE_CREATION_MIME),
        ),
        ProjectKind::PromptCreation => (
            vocab::PROMPT_CREATION_ROW_DATA.to_owned(),
            MediaAttributes::mime(inferred::PROMPT_CREATION_MIME),
        ),
        ProjectKind::ResponseCreation => {
            let prompt = content.prompt.as_deref().unwrap_or_default();
            (
                huge(Place::RowPrompt).map_or_else(|| prompt.to_owned(), |h| h.write(prompt)),
                MediaAttributes::mime(inferred::RESPONSE_CREATION_MIME),
            )
        }
        ProjectKind::ConversationalPreference => {
            let Some(c) = &content.conversation else {
                return (
                    String::new(),
                    MediaAttributes::mime(vocab::CONVERSATIONAL_MIME),
                );
            };
            let mut conversation = c.to_value(vocab::CONVERSATIONAL_MIME);
            if let Some(h) = huge(Place::ModelOutput)
                && let Some(content) = conversation.pointer_mut("/modelOutputs/0/content")
            {
                *content = Value::String(h.write(&c.outputs[0].1));
            }
            let mut media = MediaAttributes::mime(vocab::CONVERSATIONAL_MIME);
            media.asset_type = Some("conversational".to_owned());
            media.labelable_ids = Some(vec![c.labelled_id()]);
            media.message_count = Some(c.messages.len() as u64);
            (conversation.to_string(), media)
        }
    }
}

/// A label's reviews: one per review decision (a move out of review) after it was submitted,
/// approvals scoring 1 and rejections (sent to rework) -1, in the inferred shape of
/// [`inferred::review`].
fn reviews(
    plan: &RowPlan<'_>,
    lp: &super::LabelPlan<'_>,
    l: usize,
    world: &World,
    project: &Project,
) -> Vec<Value> {
    let mut rng = stream(world, project, plan.index, section::REVIEWS).fork(l as u64);
    plan.moves
        .iter()
        .filter(|m| m.from == Some(Step::Review) && m.at_ms >= lp.submit_ms)
        .map(|m| {
            let score = if m.to == Step::Rework { -1 } else { 1 };
            let id = crate::world::cuid_at(m.at_ms, &mut rng);
            inferred::review(score, id.as_str(), &Timestamp::from_millis(m.at_ms).0, m.by)
        })
        .collect()
}

/// The row's text embedding: its topic's direction plus a little noise, unit length, four
/// decimals. Rows on one topic are close; rows on different topics are not.
fn embedding(world: &World, project: &Project, content: &RowContent, rng: &mut Rng) -> Embedding {
    let (name, dimensions) = inferred::TEXT_EMBEDDING;
    let mut centre = Rng::from_key(&[
        world.seed(),
        crate::rng::hash_str(content.topic),
        content.domain as u64,
    ]);
    let mut value: Vec<f64> = (0..dimensions)
        .map(|_| (centre.unit() - 0.5) + 0.25 * (rng.unit() - 0.5))
        .collect();
    let norm = value.iter().map(|v| v * v).sum::<f64>().sqrt().max(1e-9);
    for v in &mut value {
        *v = (*v / norm * 10_000.0).round() / 10_000.0;
    }
    Embedding {
        id: crate::world::cuid_at(
            project.created_ms,
            &mut Rng::from_key(&[world.seed(), section::EXTRAS]),
        ),
        name: name.to_owned(),
        dimensions,
        is_custom: true,
        values: vec![EmbeddingValue { value }],
    }
}

fn attachments(kind: ProjectKind, rng: &mut Rng, world: &World) -> Vec<Attachment> {
    let p = match kind {
        ProjectKind::ResponseCreation => 0.6,
        ProjectKind::ConversationalPreference => 0.3,
        _ => 0.1,
    };
    let mut out = Vec::new();
    if rng.chance(p) {
        out.push(Attachment {
            extra: Default::default(),
            kind: AttachmentType::RawText,
            value: text::policy_snippet(rng, &world.text),
            name: Some("Policy excerpt".to_owned()),
            id: None,
        });
    }
    if rng.chance(p / 3.0) {
        out.push(Attachment {
            extra: Default::default(),
            kind: AttachmentType::TextUrl,
            value: format!(
                "https://storage.example.com/context/{}.txt",
                rng.below(1_000_000)
            ),
            name: rng.chance(0.5).then(|| "Context document".to_owned()),
            id: None,
        });
    }
    out
}

fn metadata(plan: &RowPlan<'_>, rng: &mut Rng) -> Vec<MetadataField> {
    let mut out = Vec::new();
    if rng.chance(0.5) {
        let (name, id) = vocab::METADATA_TAG;
        out.push(MetadataField {
            extra: Default::default(),
            schema_id: Cuid::from(id),
            schema_name: name.to_owned(),
            value: Value::from(text::tag(rng)),
        });
    }
    if rng.chance(0.6) {
        let (name, id) = vocab::METADATA_SPLIT;
        let (opt, opt_id) = if rng.chance(0.8) {
            vocab::METADATA_SPLIT_OPTIONS[0]
        } else {
            vocab::METADATA_SPLIT_OPTIONS[1]
        };
        out.push(MetadataField {
            extra: Default::default(),
            schema_id: Cuid::from(id),
            schema_name: name.to_owned(),
            value: json!([{ "schema_id": opt_id, "schema_name": opt }]),
        });
    }
    if rng.chance(0.3) {
        let (name, id) = vocab::METADATA_CAPTURE_DATETIME;
        let mut ts = Timestamp::from_millis(plan.created_ms - rng.below(86_400_000) as i64).0;
        ts.truncate(23);
        ts.push_str(inferred::METADATA_DATETIME_SUFFIX);
        out.push(MetadataField {
            extra: Default::default(),
            schema_id: Cuid::from(id),
            schema_name: name.to_owned(),
            value: Value::from(ts),
        });
    }
    out
}

fn step_ref(project: &Project, s: Step) -> (&'static str, &fauxport_model::UuidLike) {
    match s {
        Step::Labeling => (vocab::TASK_INITIAL_LABELING, &project.tasks.labeling),
        Step::Review => (vocab::TASK_INITIAL_REVIEW, &project.tasks.review),
        Step::Rework => (vocab::TASK_REWORK, &project.tasks.rework),
        Step::Done => (vocab::TASK_DONE, &project.tasks.done),
    }
}

fn project_details(project: &Project, plan: &RowPlan<'_>) -> ProjectDetails {
    let current = plan.moves.last().map_or(Step::Labeling, |m| m.to);
    let (task_name, task_id) = step_ref(project, current);
    let workflow_history = plan
        .moves
        .iter()
        .rev()
        .map(|m| {
            let (next_name, next_id) = step_ref(project, m.to);
            let prev = m.from.map(|f| step_ref(project, f));
            WorkflowHistoryEntry {
                extra: Default::default(),
                action: WorkflowAction::Move,
                created_at: Timestamp::from_millis(m.at_ms),
                created_by: m.by.to_owned(),
                previous_task_name: prev.map(|p| p.0.to_owned()),
                previous_task_id: prev.map(|p| p.1.clone()),
                next_task_name: next_name.to_owned(),
                next_task_id: next_id.clone(),
            }
        })
        .collect();
    ProjectDetails {
        ontology_id: project.ontology.id.clone(),
        task_id: task_id.clone(),
        task_name: task_name.to_owned(),
        batch_id: plan.batch.id.clone(),
        batch_name: plan.batch.name.clone(),
        workflow_status: plan.status.clone(),
        priority: plan.batch.priority,
        consensus_expected_label_count: project.spec.consensus,
        workflow_history,
        selected_label_id: None,
        extra: Extra::new(),
    }
}
