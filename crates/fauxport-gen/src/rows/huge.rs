//! Huge rows: which text of a row planned [`huge`](super::RowPlan::huge) grows to about
//! `huge_row_bytes`, and that text.
//!
//! A huge row carries exactly one huge text, in the place its project kind keeps its main text,
//! so a line is about `huge_row_bytes` (plus JSON escaping) whatever the consensus. The text opens
//! with what the field would have held and draws from its own stream, forked from the row's
//! `HUGE` section: nothing else in the row changes, and rows that are not huge are untouched.

use super::plan::{RowPlan, section};
use crate::text::{self, Exchange};
use crate::world::{Project, ProjectKind, World};

/// Where a project kind's rows carry their main text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// `data_row.row_data` itself: the uploaded prompt (response creation).
    RowPrompt,
    /// "Response A" of the conversation in `row_data` (conversational preference).
    ModelOutput,
    /// The response text answer of the first submitted label (prompt-response creation).
    LabelResponse,
    /// The prompt text answer of the first submitted label (prompt creation).
    LabelPrompt,
}

impl Place {
    /// The place of a project kind's main text.
    pub(crate) fn of(kind: ProjectKind) -> Place {
        match kind {
            ProjectKind::ResponseCreation => Place::RowPrompt,
            ProjectKind::ConversationalPreference => Place::ModelOutput,
            ProjectKind::PromptResponseCreation => Place::LabelResponse,
            ProjectKind::PromptCreation => Place::LabelPrompt,
        }
    }
}

/// The huge text of one huge row: where it goes, and how to write it.
pub(crate) struct HugeText<'a> {
    world: &'a World,
    project: &'a Project,
    row: u64,
    /// Where the text goes.
    pub(crate) place: Place,
    /// For label places, the label that carries it: the first one not skipped (skipped labels
    /// have no annotations). `None` there means the row has no text to grow.
    label: Option<usize>,
}

impl<'a> HugeText<'a> {
    /// The huge text of a row, or `None` when the row is not huge.
    pub(crate) fn of(
        world: &'a World,
        project: &'a Project,
        plan: &RowPlan<'_>,
    ) -> Option<HugeText<'a>> {
        plan.huge.then(|| HugeText {
            world,
            project,
            row: plan.index,
            place: Place::of(project.spec.kind),
            label: plan.labels.iter().position(|l| !l.skipped),
        })
    }

    /// The huge text, opening with `lead` (the text the field would otherwise hold).
    pub(crate) fn write(&self, lead: &str) -> String {
        let mut rng =
            super::plan::stream(self.world, self.project, self.row, section::HUGE).fork(1);
        let target = usize::try_from(self.world.spec.huge_row_bytes).unwrap_or(usize::MAX);
        text::huge(&mut rng, &self.world.text, lead, target)
    }

    /// Grows the text of label `l` when that label carries the row's huge text.
    pub(crate) fn grow_label(&self, l: usize, exchange: &mut Exchange) {
        if self.label != Some(l) {
            return;
        }
        match self.place {
            Place::LabelResponse => exchange.response = self.write(&exchange.response),
            Place::LabelPrompt => exchange.prompt = self.write(&exchange.prompt),
            Place::RowPrompt | Place::ModelOutput => {}
        }
    }
}
