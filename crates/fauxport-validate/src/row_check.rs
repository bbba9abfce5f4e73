//! What every rule of the semantic half works with: the row being checked ([`RowCheck`]: its
//! line, the expected project, the file-wide feature map, the findings so far) and the latest
//! activity a row's `last_activity_at` must not precede.

use fauxport_model::Timestamp;

use super::features::FeatureMap;
use super::report::{Code, Finding};

/// What the rules need besides the row.
pub(crate) struct RowCheck<'a> {
    pub(crate) line: u64,
    pub(crate) expected_project: Option<&'a str>,
    pub(crate) features: &'a mut FeatureMap,
    pub(crate) out: &'a mut Vec<Finding>,
}

/// A time that `last_activity_at` must not precede, and where it came from.
pub(super) struct Activity<'r> {
    pub(super) millis: i64,
    pub(super) raw: &'r str,
    pub(super) pointer: String,
}

impl RowCheck<'_> {
    pub(super) fn push(&mut self, finding: Finding) {
        self.out.push(finding);
    }

    pub(super) fn finding(
        &self,
        pointer: impl Into<String>,
        code: Code,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(self.line, pointer, code, message)
    }

    /// Parses a timestamp, reporting one that the schema let through but fauxport cannot read.
    pub(super) fn millis(
        &mut self,
        t: &Timestamp,
        pointer: impl FnOnce() -> String,
    ) -> Option<i64> {
        let parsed = t.millis();
        if parsed.is_none() {
            let pointer = pointer();
            let finding = self
                .finding(
                    pointer.clone(),
                    Code::BadTimestamp,
                    format!("`{}` is not a readable RFC 3339 timestamp", last(&pointer)),
                )
                .expected("YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)")
                .found_value(t.as_str());
            self.push(finding);
        }
        parsed
    }
}

pub(super) fn note_activity<'r>(
    latest: &mut Option<Activity<'r>>,
    millis: Option<i64>,
    raw: &'r Timestamp,
    pointer: impl FnOnce() -> String,
) {
    let Some(millis) = millis else { return };
    if latest.as_ref().is_none_or(|l| millis > l.millis) {
        *latest = Some(Activity {
            millis,
            raw: raw.as_str(),
            pointer: pointer(),
        });
    }
}

fn last(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}
