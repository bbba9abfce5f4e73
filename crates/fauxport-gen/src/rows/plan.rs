//! A row's plan: ids, times, workflow and labels, decided before any text is written.
//!
//! Filters (dates, status, ids, batches) need only the plan, so a server can filter millions of
//! rows without rendering them. Every number here comes from streams keyed by
//! `(seed, project, index, section)`.

use fauxport_model::{Cuid, UuidLike, WorkflowStatus};

use crate::rng::Rng;
use crate::world::{Project, ProjectKind, World, cuid_at, uuid};

/// Section labels of a row's random streams.
pub(crate) mod section {
    pub(crate) const IDS: u64 = 10;
    pub(crate) const WORKFLOW: u64 = 11;
    pub(crate) const LABELS: u64 = 12;
    pub(crate) const EDGE: u64 = 13;
    pub(crate) const ERROR: u64 = 14;
    pub(crate) const BATCH: u64 = 15;
    pub(crate) const TEXT: u64 = 16;
    pub(crate) const EXTRAS: u64 = 17;
    /// Whether the row is huge, and (forked) its huge text.
    pub(crate) const HUGE: u64 = 18;
    /// A preference pair's ground truth (which output is better, and why).
    pub(crate) const PREFERENCE: u64 = 19;
    /// Review ids.
    pub(crate) const REVIEWS: u64 = 20;
}

/// Where a row stands in the workflow, and how it got there.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPlan<'w> {
    /// Position in the project.
    pub index: u64,
    /// The data row's cuid.
    pub id: Cuid,
    /// The global key.
    pub global_key: String,
    /// The external id (uploaded rows only).
    pub external_id: Option<String>,
    /// `details.created_at`, Unix milliseconds.
    pub created_ms: i64,
    /// `details.updated_at`.
    pub updated_ms: i64,
    /// `details.last_activity_at` (whole seconds).
    pub last_activity_ms: i64,
    /// The batch.
    pub batch: BatchPlan,
    /// Submitted labels, oldest first.
    pub labels: Vec<LabelPlan<'w>>,
    /// Workflow moves, oldest first.
    pub moves: Vec<Move<'w>>,
    /// The current status.
    pub status: WorkflowStatus,
    /// Whether this row's text is hostile (edge case).
    pub hostile: bool,
    /// Whether this row fails to export (goes to the ERRORS stream).
    pub failed: bool,
    /// Whether this row's main text is huge (about `huge_row_bytes`; see
    /// [`WorldSpec::huge_row_rate`](crate::WorldSpec::huge_row_rate)).
    pub huge: bool,
}

/// A batch of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPlan {
    /// Index of the batch in the project.
    pub index: u64,
    /// UUID-shaped id.
    pub id: UuidLike,
    /// Name.
    pub name: String,
    /// Priority 1..=5.
    pub priority: u8,
    /// When it was created.
    pub created_ms: i64,
}

/// One submitted label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelPlan<'w> {
    /// The label's cuid; its time is when the editor opened.
    pub id: Cuid,
    /// When the editor opened.
    pub open_ms: i64,
    /// Submission, exact milliseconds (`content_last_updated_at`, feature ids).
    pub submit_ms: i64,
    /// `created_at` (whole seconds).
    pub created_ms: i64,
    /// `updated_at` (whole seconds).
    pub updated_ms: i64,
    /// Characters the labeler writes (the response, or the prompt in prompt creation; 0 when
    /// they only choose): the text is written to this length, and the time in the editor follows
    /// from it.
    pub chars: usize,
    /// Seconds in the editor.
    pub seconds_to_create: f64,
    /// Seconds reviewers spent.
    pub seconds_to_review: f64,
    /// Whether the labeler skipped.
    pub skipped: bool,
    /// Who labelled.
    pub labeler: &'w str,
    /// Agreement with the other labels (consensus projects only).
    pub consensus_score: Option<f64>,
}

/// The workflow tasks a move goes between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Initial labeling task.
    Labeling,
    /// Initial review task.
    Review,
    /// Rework.
    Rework,
    /// Done.
    Done,
}

/// One workflow move.
#[derive(Debug, Clone, PartialEq)]
pub struct Move<'w> {
    /// When, exact milliseconds.
    pub at_ms: i64,
    /// Who.
    pub by: &'w str,
    /// From (absent on the first move).
    pub from: Option<Step>,
    /// To.
    pub to: Step,
}

/// The random stream of `section` of row (or batch) `index` of `project`. The project's kind is
/// part of the key, so projects of different kinds never share a draw.
pub(crate) fn stream(world: &World, project: &Project, index: u64, section: u64) -> Rng {
    Rng::from_key(&[
        world.seed(),
        project.spec.kind as u64,
        project.index as u64,
        index,
        section,
    ])
}

/// What a label's author writes, in characters, and the seconds it takes: time to read the task
/// and think, plus the text at an authoring speed of 1.5 to 6 characters a second. A preference
/// rater writes only a reason: their time is reading both outputs.
fn effort(kind: ProjectKind, lr: &mut Rng) -> (usize, f64) {
    let think = lr.long_tail(20, 240) as f64;
    let chars = match kind {
        ProjectKind::PromptCreation => lr.long_tail(80, 900) as usize,
        ProjectKind::ConversationalPreference => 0,
        _ => crate::text::response_target(lr),
    };
    let speed = 1.5 + 4.5 * lr.unit();
    let reading = if chars == 0 {
        lr.long_tail(20, 600) as f64
    } else {
        0.0
    };
    let seconds = think + reading + chars as f64 / speed;
    (chars, (seconds * 10.0).round() / 10.0)
}

fn whole_seconds(ms: i64) -> i64 {
    ms.div_euclid(1000) * 1000
}

/// Plans row `index` of `project`.
pub(crate) fn plan<'w>(world: &'w World, project: &'w Project, index: u64) -> RowPlan<'w> {
    let key = |s: u64| stream(world, project, index, s);
    let spec = &project.spec;

    let batch = batch(world, project, index / spec.batch_size);
    let mut ids = key(section::IDS);
    let in_batch = (index % spec.batch_size) as i64;
    let created_ms = batch.created_ms - 30_000 + in_batch * 25 + ids.below(20) as i64;
    let id = cuid_at(created_ms - 200 - ids.below(400) as i64, &mut ids);
    let (global_key, external_id) = if spec.kind.rows_are_generated() {
        (
            cuid_at(created_ms - 600 - ids.below(400) as i64, &mut ids).0,
            None,
        )
    } else {
        let key = crate::text::user_global_key(&mut ids, project.theme, index);
        let name = key.rsplit('/').next().unwrap_or(&key);
        let ext = if name.ends_with(".txt") {
            name.to_owned()
        } else {
            format!("{name}.txt")
        };
        (key, Some(ext))
    };
    let updated_ms = created_ms + 100 + ids.below(1900) as i64;

    let mut wf = key(section::WORKFLOW);
    let first_move = updated_ms + 800 + wf.below(2200) as i64;
    let mut moves = vec![Move {
        at_ms: first_move,
        by: project.creator.as_str(),
        from: None,
        to: Step::Labeling,
    }];
    let room = (world.end_ms - first_move).max(3_600_000) as u64;

    let labeled = wf.chance(spec.label_rate);
    let want = if !labeled {
        0
    } else if spec.consensus > 1 && wf.chance(0.25) {
        1 + wf.below(u64::from(spec.consensus - 1)) as u32
    } else {
        spec.consensus
    };
    let mut lr = key(section::LABELS);
    let mut labels: Vec<LabelPlan<'w>> = (0..want)
        .map(|_| {
            let open_ms = first_move + lr.long_tail(30_000, room / 2) as i64;
            let (chars, stc) = effort(spec.kind, &mut lr);
            let submit_ms = open_ms + (stc * 1000.0) as i64;
            let created = whole_seconds(submit_ms);
            LabelPlan {
                id: cuid_at(open_ms, &mut lr),
                open_ms,
                submit_ms,
                created_ms: created,
                updated_ms: created,
                chars,
                seconds_to_create: stc,
                seconds_to_review: 0.0,
                skipped: lr.chance(spec.skip_rate),
                labeler: world.text.email(&mut lr),
                consensus_score: (spec.consensus > 1).then(|| (lr.below(1001) as f64) / 1000.0),
            }
        })
        .collect();
    labels.sort_by_key(|l| l.open_ms);

    let status = if want == 0 || want < spec.consensus {
        WorkflowStatus::ToLabel
    } else {
        let last = labels
            .iter()
            .map(|l| l.submit_ms)
            .max()
            .unwrap_or(first_move);
        let labeler = labels
            .last()
            .map_or(project.creator.as_str(), |l| l.labeler);
        let reviewer = world.text.email(&mut wf);
        let mut t = last + 300 + wf.below(600) as i64;
        moves.push(Move {
            at_ms: t,
            by: labeler,
            from: Some(Step::Labeling),
            to: Step::Review,
        });
        let mut step = |from: Step, to: Step, by: &'w str, wf: &mut Rng| {
            t += wf.long_tail(60_000, 7 * 86_400_000) as i64;
            moves.push(Move {
                at_ms: t,
                by,
                from: Some(from),
                to,
            });
        };
        let roll = wf.unit();
        let status = if roll < 0.35 {
            WorkflowStatus::InReview
        } else if roll < 0.45 {
            step(Step::Review, Step::Rework, reviewer, &mut wf);
            WorkflowStatus::InRework
        } else {
            if wf.chance(0.2) {
                step(Step::Review, Step::Rework, reviewer, &mut wf);
                step(Step::Rework, Step::Review, labeler, &mut wf);
            }
            step(Step::Review, Step::Done, reviewer, &mut wf);
            WorkflowStatus::Done
        };
        if status != WorkflowStatus::InReview {
            let decided = moves.last().map_or(t, |m| m.at_ms);
            for l in &mut labels {
                l.seconds_to_review = wf.long_tail(5, 300) as f64;
                l.updated_ms = whole_seconds(decided - wf.below(1500) as i64).max(l.created_ms);
            }
        }
        status
    };

    let latest_move = moves.last().map_or(first_move, |m| m.at_ms);
    let latest_label = labels.iter().map(|l| l.updated_ms).max().unwrap_or(0);
    let last_activity_ms = whole_seconds(latest_move.max(latest_label));

    RowPlan {
        index,
        id,
        global_key,
        external_id,
        created_ms,
        updated_ms,
        last_activity_ms,
        batch,
        labels,
        moves,
        status,
        hostile: key(section::EDGE).chance(world.spec.edge_case_rate),
        failed: key(section::ERROR).chance(spec.error_rate),
        huge: key(section::HUGE).chance(world.spec.huge_row_rate),
    }
}

/// Plans batch `b` of `project`.
pub(crate) fn batch(world: &World, project: &Project, b: u64) -> BatchPlan {
    let mut r = stream(world, project, b, section::BATCH);
    let batches = project.spec.rows.div_ceil(project.spec.batch_size).max(1);
    let span = (world.end_ms - project.created_ms).max(86_400_000) as u64;
    let gap = batch_gap(world, project, batches)
        .unwrap_or((span * 3 / 10 / batches).min(2 * 86_400_000) as i64);
    let created_ms =
        project.created_ms + 60_000 + b as i64 * gap + r.below(gap.max(1) as u64 / 2) as i64;
    let name = if project.spec.kind.rows_are_generated() {
        if b == 0 {
            format!("batch_{}", project.id.as_str())
        } else {
            format!("batch_{}_{}", project.id.as_str(), b + 1)
        }
    } else {
        format!("{}-batch-{}", project.dataset.name, b + 1)
    };
    BatchPlan {
        index: b,
        id: uuid(&mut r, true),
        name,
        priority: 1 + r.below(5) as u8,
        created_ms,
    }
}

/// A live world's gap between the creation of consecutive batches: the batches spread evenly
/// from the project's creation to the end of the timeline, and never closer than 50 ms per row,
/// so that each batch's rows (25 ms apart) are created before the next batch's and the rows stay
/// in creation-time order. `None` for a world that is not live.
fn batch_gap(world: &World, project: &Project, batches: u64) -> Option<i64> {
    world.spec.clock.as_ref()?;
    let span = (world.end_ms - project.created_ms - 60_000).max(1);
    let even = span / batches.max(1) as i64;
    let rows = project.spec.batch_size.min(1 << 32) as i64;
    Some(even.max(50 * rows + 100))
}
