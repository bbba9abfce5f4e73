//! Open enums (`workflow_status`, `workflow_history[].action`, `label_kind`, attachment `type`):
//! mostly known values, sometimes `Other(..)`.
//!
//! An `Other` value is never a known spelling: `Other("DONE")` would read back as `Done`, so it
//! could not round-trip. Near misses (`done`, `InReview`, `DONE `) are included on purpose: they
//! must stay `Other`.

use fauxport_model::{AttachmentType, LabelKind, WorkflowAction, WorkflowStatus};
use proptest::prelude::*;
use proptest::sample::select;

use super::text::hostile_short_string;

/// A string that is not one of `known`: a near miss of a known spelling, or any short string.
///
/// A generated string that happens to be known gets a trailing `?`, so the result never is.
pub fn other_spelling(known: &'static [&'static str]) -> BoxedStrategy<String> {
    let near_miss = (select(known), 0..5u8).prop_map(|(k, how)| match how {
        0 => k.to_lowercase(),
        1 => k.to_uppercase(),
        2 => format!("{k} "),
        3 => format!(" {k}"),
        // Spaces and underscores dropped, case kept: `IN_REVIEW` -> `INREVIEW`, `Image` -> `Image`.
        _ => k.replace(['_', ' '], ""),
    });
    prop_oneof![
        3 => near_miss,
        2 => hostile_short_string(),
        1 => select(NEAR_MISSES).prop_map(str::to_owned),
    ]
    .prop_map(move |s| {
        if known.contains(&s.as_str()) {
            s + "?"
        } else {
            s
        }
    })
    .boxed()
}

/// `workflow_status`: one of the four known values, or `Other`.
pub fn workflow_status() -> BoxedStrategy<WorkflowStatus> {
    open(WorkflowStatus::KNOWN, WorkflowStatus::Other).boxed()
}

/// `workflow_history[].action`: `Move`, or `Other` (approvals and rejections are unknown).
pub fn workflow_action() -> BoxedStrategy<WorkflowAction> {
    open(WorkflowAction::KNOWN, WorkflowAction::Other).boxed()
}

/// `label_kind`: `Default` or `Video`, or `Other`.
pub fn label_kind() -> BoxedStrategy<LabelKind> {
    open(LabelKind::KNOWN, LabelKind::Other).boxed()
}

/// Attachment `type`: one of the nine known values, or `Other` (e.g. legacy `TEXT`).
pub fn attachment_type() -> BoxedStrategy<AttachmentType> {
    open(AttachmentType::KNOWN, AttachmentType::Other).boxed()
}

/// Plausible values no enum knows: the SDK filter spellings of statuses, a legacy attachment type,
/// a status the UI shows but exports were never seen to write.
const NEAR_MISSES: &[&str] = &["ToLabel", "InReview", "InRework", "Done", "TEXT", "Skipped"];

/// Known values four times in five, `Other` otherwise.
fn open<T: From<&'static str> + Clone + std::fmt::Debug + 'static>(
    known: &'static [&'static str],
    other: fn(String) -> T,
) -> BoxedStrategy<T> {
    prop_oneof![
        4 => select(known).prop_map(T::from),
        1 => other_spelling(known).prop_map(other),
    ]
    .boxed()
}
