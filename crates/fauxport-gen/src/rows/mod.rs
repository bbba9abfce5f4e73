//! Rows: row `i` of project `p` is a pure function of `(seed, p, i)` and the export params.
//!
//! Nothing is carried from one row to the next, so any range can be generated alone, on any
//! thread, in any order, with identical bytes.

mod annotate;
pub mod clock;
mod content;
mod corpus;
mod filter;
mod huge;
mod judge;
mod plan;
mod render;
pub(crate) mod v1;

pub use filter::{FilterFacts, Planned, matches};
pub use plan::{BatchPlan, LabelPlan, Move, RowPlan, Step};

use fauxport_model::filters::Filter;
use fauxport_model::{ErrorLine, ExportParams, ExportRow, Extra, inferred};

use crate::json::write_line;
use crate::world::{Project, World};

/// The rows of one project of a world.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'w> {
    world: &'w World,
    project: &'w Project,
}

/// Which stream of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stream {
    /// `RESULT`: the rows that exported.
    Result,
    /// `ERRORS`: one line per row that failed to export.
    Errors,
}

impl Stream {
    /// The protocol's name of the stream (`RESULT`, `ERRORS`): `streamType`, page paths.
    pub const fn wire_name(self) -> &'static str {
        match self {
            Stream::Result => "RESULT",
            Stream::Errors => "ERRORS",
        }
    }

    /// The stream a protocol name names.
    pub fn from_wire(name: &str) -> Option<Stream> {
        [Stream::Result, Stream::Errors]
            .into_iter()
            .find(|s| s.wire_name() == name)
    }
}

/// What to write for each row: which stream, in which format, with which params and filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// Which optional parts rows carry.
    pub params: ExportParams,
    /// Rows must pass every filter.
    pub filters: Vec<Filter>,
    /// Result or errors.
    pub stream: Stream,
    /// v2 or v1 (result stream only).
    pub format: RowFormat,
    /// The instant the world is seen at, Unix milliseconds (a live world, see [`clock`]);
    /// `None`: the whole world.
    pub at: Option<i64>,
}

impl Selection {
    /// The result stream of v2 rows with `params` and no filters.
    pub fn rows(params: ExportParams) -> Selection {
        Selection {
            params,
            filters: Vec::new(),
            stream: Stream::Result,
            format: RowFormat::V2,
            at: None,
        }
    }
}

/// The output format of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    /// Export v2: one data row per line.
    V2,
    /// Legacy Export v1: one label per line (unlabelled rows write nothing).
    V1,
}

impl World {
    /// The rows of project `p`, or `None` when there is no such project.
    pub fn rows(&self, p: usize) -> Option<Rows<'_>> {
        self.projects.get(p).map(|project| Rows {
            world: self,
            project,
        })
    }
}

impl<'w> Rows<'w> {
    /// The project.
    pub fn project(&self) -> &'w Project {
        self.project
    }

    /// The world.
    pub(crate) fn world(&self) -> &'w World {
        self.world
    }

    /// How many rows the project has (failed rows included).
    pub fn len(&self) -> u64 {
        self.project.spec.rows
    }

    /// Whether the project has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s plan: ids, times, workflow, labels; no text. Cheap enough to filter millions.
    /// (A replayed world's rows come from its file; their plans describe generated rows.)
    pub fn plan(&self, i: u64) -> RowPlan<'w> {
        plan::plan(self.world, self.project, i)
    }

    /// The ground truth of a preference row: which model output is better and the kind of
    /// difference. `None` for other kinds of project.
    pub fn preference(&self, plan: &RowPlan<'_>) -> Option<crate::text::preference::Preference> {
        (self.project.spec.kind == crate::ProjectKind::ConversationalPreference)
            .then(|| content::preference(self.world, self.project, plan))
    }

    /// Row `i` shaped by `params`.
    pub fn row(&self, i: u64, params: &ExportParams) -> ExportRow {
        render::render(self.world, self.project, &self.plan(i), params)
    }

    /// Row `i` rendered from a plan already made.
    pub fn render(&self, plan: &RowPlan<'_>, params: &ExportParams) -> ExportRow {
        render::render(self.world, self.project, plan, params)
    }

    /// The errors-stream line of a failed row (see [`RowPlan::failed`]).
    pub fn error_line(&self, plan: &RowPlan<'_>) -> Option<ErrorLine> {
        plan.failed.then(|| {
            let mut r = plan::stream(self.world, self.project, plan.index, 99);
            ErrorLine {
                data_row_id: Some(plan.id.0.clone()),
                project_id: Some(self.project.id.0.clone()),
                error: Some(match self.world.spec.error_messages.as_slice() {
                    [] => (*r.pick(&inferred::ERROR_LINE_MESSAGES)).to_owned(),
                    own => r.pick(own).clone(),
                }),
                extra: Extra::new(),
            }
        })
    }

    /// Whether row `i` belongs to the selected stream: it passes the filters, and it failed
    /// (errors stream) or did not (result stream).
    pub fn selected(&self, plan: &RowPlan<'_>, selection: &Selection) -> bool {
        plan.failed == (selection.stream == Stream::Errors)
            && self.exists_at(plan, selection.at)
            && matches(
                &Planned {
                    project: self.project,
                    plan,
                },
                &selection.filters,
            )
    }

    /// Appends what row `i` contributes to the selected stream as NDJSON (each line ends in
    /// `\n`): nothing when it is not selected; one line, or one per label in v1.
    pub fn write_selected(&self, i: u64, selection: &Selection, out: &mut Vec<u8>) {
        if let Some(replay) = &self.world.replay {
            // A replayed export has no failed rows: its errors stream is empty.
            if selection.stream == Stream::Result
                && let Some(mut row) = replay.row(self.project.index, i)
                && matches(&row, &selection.filters)
            {
                crate::replay::apply_params(&mut row, &selection.params);
                write_line(&row, out);
            }
            return;
        }
        self.write_planned(&self.plan_at(i, selection.at), selection, out);
    }

    /// The plan of row `i`, for [`Rows::write_planned`]; `None` in a replayed world, whose rows
    /// are recorded, not planned.
    pub fn planned(&self, i: u64) -> Option<RowPlan<'w>> {
        self.world.replay.is_none().then(|| self.plan(i))
    }

    /// [`Rows::write_selected`] for a row already planned: a caller writing one row to both
    /// streams plans it once. The plan is the row's at the selection's instant
    /// ([`Rows::planned_at`]).
    pub fn write_planned(&self, plan: &RowPlan<'_>, selection: &Selection, out: &mut Vec<u8>) {
        if !self.selected(plan, selection) {
            return;
        }
        if selection.stream == Stream::Errors {
            if let Some(line) = self.error_line(plan) {
                write_line(&line, out);
            }
            return;
        }
        let row = self.render(plan, &selection.params);
        match selection.format {
            RowFormat::V2 => write_line(&row, out),
            RowFormat::V1 => {
                for label in v1::labels(self.project, plan, &row) {
                    write_line(&label, out);
                }
            }
        }
    }

    /// Appends row `i` of the result stream (no filters) in `format`. Failed rows write nothing:
    /// they belong to the errors stream.
    pub fn write(&self, i: u64, params: &ExportParams, format: RowFormat, out: &mut Vec<u8>) {
        let selection = Selection {
            params: params.clone(),
            filters: Vec::new(),
            stream: Stream::Result,
            format,
            at: None,
        };
        self.write_selected(i, &selection, out);
    }
}
