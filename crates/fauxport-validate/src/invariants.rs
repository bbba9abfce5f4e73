//! The semantic half of the validator: rules a JSON Schema cannot say (spec §20 "Semantic
//! invariants for the validator", §11.2, §13, §14).
//!
//! Every rule is checked on a row that already passed the schema and deserialised into
//! [`ExportRow`]. This module holds the row walk and the project, timestamp, cuid-time, skipped
//! and LLM rules; the workflow rules are in `workflow.rs` and the feature rules (constant
//! `(name, value)`, shared fingerprint) in `features.rs`. A timestamp that cannot be read is
//! reported once and leaves the comparisons it takes part in unchecked.

use std::fmt::Write as _;

use fauxport_model::inferred::RESPONSE_CREATION_MIME;
use fauxport_model::{Cuid, ExportRow, Label, Timestamp};

use super::feature_walk::FeatureWalk;
use super::report::{Code, escape_segment, render};
use super::row_check::{Activity, RowCheck, note_activity};

/// How far a cuid's embedded time may be after the `created_at` of the thing it names: the id is
/// made on one machine and the time stamped on another.
pub const CUID_CLOCK_TOLERANCE_MS: i64 = 1_000;

impl RowCheck<'_> {
    /// Checks every rule on one row.
    pub(crate) fn row(&mut self, row: &ExportRow) {
        self.projects_key(row);
        let llm = is_llm_mime(&row.media_attributes.mime_type);
        let mut latest: Option<Activity<'_>> = None;
        for (project_id, entry) in &row.projects {
            let base = format!("/projects/{}", escape_segment(project_id));
            for (i, label) in entry.labels.iter().enumerate() {
                let label_pointer = format!("{base}/labels/{i}");
                self.label(
                    label,
                    &label_pointer,
                    llm,
                    &row.media_attributes.mime_type,
                    &mut latest,
                );
            }
            if let Some(details) = &entry.project_details {
                self.project_details(entry, details, &base, &mut latest);
            }
        }
        self.data_row(row, latest);
    }

    /// `projects` has exactly one key, a cuid, equal to the expected project when one is given.
    fn projects_key(&mut self, row: &ExportRow) {
        if row.projects.len() != 1 {
            let keys: Vec<&str> = row.projects.keys().map(String::as_str).collect();
            let finding = self
                .finding(
                    "/projects",
                    Code::ProjectKey,
                    "`projects` must have exactly one key in a project export",
                )
                .expected("1 project id")
                .found(format!("{} keys: {}", keys.len(), render(&keys)));
            self.push(finding);
        }
        for id in row.projects.keys() {
            let pointer = format!("/projects/{}", escape_segment(id));
            if !Cuid::is_valid(id) {
                let finding = self
                    .finding(
                        pointer.clone(),
                        Code::ProjectKey,
                        "project id (the key in `projects`) is not a cuid",
                    )
                    .expected(format!(
                        "a 25-char cuid matching {}",
                        fauxport_model::ids::CUID_PATTERN
                    ))
                    .found_value(id.as_str());
                self.push(finding);
            }
            if let Some(expected) = self.expected_project.filter(|e| *e != id) {
                let finding = self
                    .finding(
                        pointer,
                        Code::ProjectKey,
                        "project id (the key in `projects`) is not the expected project",
                    )
                    .expected(render(expected))
                    .found_value(id.as_str());
                self.push(finding);
            }
        }
    }

    /// `details` times in order, the id's cuid time before `created_at`, and `last_activity_at`
    /// at or after every label and workflow time (to the second).
    fn data_row(&mut self, row: &ExportRow, latest: Option<Activity<'_>>) {
        let Some(details) = &row.data_row.details else {
            return;
        };
        let created = self.millis(&details.created_at, || {
            "/data_row/details/created_at".to_owned()
        });
        let updated = self.millis(&details.updated_at, || {
            "/data_row/details/updated_at".to_owned()
        });
        if let (Some(c), Some(u)) = (created, updated)
            && u < c
        {
            let finding = self
                .finding(
                    "/data_row/details/updated_at",
                    Code::TimestampOrder,
                    "`updated_at` is before `created_at` of the data row",
                )
                .expected(format!("at or after {}", details.created_at.as_str()))
                .found(details.updated_at.as_str());
            self.push(finding);
        }
        if let Some(c) = created {
            self.cuid_time(
                row.data_row.id.as_str(),
                c,
                &details.created_at,
                "/data_row/id",
                "data row `id`",
                "`details.created_at`",
            );
        }
        let Some(last_activity) = &details.last_activity_at else {
            return;
        };
        let Some(last_ms) = self.millis(last_activity, || {
            "/data_row/details/last_activity_at".to_owned()
        }) else {
            return;
        };
        if let Some(latest) = latest
            && last_ms.div_euclid(1000) < latest.millis.div_euclid(1000)
        {
            let finding = self
                .finding(
                    "/data_row/details/last_activity_at",
                    Code::TimestampOrder,
                    format!(
                        "`last_activity_at` is before a later activity at {}",
                        latest.pointer
                    ),
                )
                .expected(format!("at or after {} (to the second)", latest.raw))
                .found(last_activity.as_str());
            self.push(finding);
        }
    }

    /// A cuid's embedded time is at most [`CUID_CLOCK_TOLERANCE_MS`] after `created`.
    fn cuid_time(
        &mut self,
        id: &str,
        created: i64,
        created_raw: &Timestamp,
        pointer: &str,
        what: &str,
        against: &str,
    ) {
        let Some(id_ms) = Cuid::millis(id) else {
            return;
        };
        if i64::try_from(id_ms).is_ok_and(|ms| ms > created + CUID_CLOCK_TOLERANCE_MS) {
            let id_time = i64::try_from(id_ms)
                .map(Timestamp::from_millis)
                .map(|t| t.0)
                .unwrap_or_default();
            let finding = self
                .finding(
                    pointer,
                    Code::CuidTime,
                    format!("{what} carries a cuid time after {against}"),
                )
                .expected(format!(
                    "a cuid time at or before {} (+{} ms)",
                    created_raw.as_str(),
                    CUID_CLOCK_TOLERANCE_MS
                ))
                .found(format!("{id} (cuid time {id_time})"));
            self.push(finding);
        }
    }

    fn label<'r>(
        &mut self,
        label: &'r Label,
        pointer: &str,
        llm: bool,
        mime: &str,
        latest: &mut Option<Activity<'r>>,
    ) {
        if let Some(details) = &label.label_details {
            let created = self.millis(&details.created_at, || {
                format!("{pointer}/label_details/created_at")
            });
            let updated = self.millis(&details.updated_at, || {
                format!("{pointer}/label_details/updated_at")
            });
            if let (Some(c), Some(u)) = (created, updated)
                && u < c
            {
                let finding = self
                    .finding(
                        format!("{pointer}/label_details/updated_at"),
                        Code::TimestampOrder,
                        "`updated_at` is before `created_at` of the label",
                    )
                    .expected(format!("at or after {}", details.created_at.as_str()))
                    .found(details.updated_at.as_str());
                self.push(finding);
            }
            if let Some(c) = created {
                self.cuid_time(
                    label.id.as_str(),
                    c,
                    &details.created_at,
                    &format!("{pointer}/id"),
                    "label `id`",
                    "`label_details.created_at`",
                );
            }
            for (ms, t, field) in [
                (created, &details.created_at, "created_at"),
                (updated, &details.updated_at, "updated_at"),
            ] {
                note_activity(latest, ms, t, || format!("{pointer}/label_details/{field}"));
            }
        }
        let annotations = &label.annotations;
        if label
            .performance_details
            .as_ref()
            .is_some_and(|p| p.skipped)
        {
            for (key, len) in [
                ("objects", annotations.objects.len()),
                ("classifications", annotations.classifications.len()),
                ("relationships", annotations.relationships.len()),
            ] {
                if len > 0 {
                    let finding = self
                        .finding(
                            format!("{pointer}/annotations/{key}"),
                            Code::SkippedWithAnnotations,
                            format!("`{key}` must be empty on a skipped label (`performance_details.skipped` is true)"),
                        )
                        .expected("[]")
                        .found(items(len));
                    self.push(finding);
                }
            }
        }
        if llm {
            for (key, len) in [
                ("objects", annotations.objects.len()),
                ("relationships", annotations.relationships.len()),
            ] {
                if len > 0 {
                    let finding = self
                        .finding(
                            format!("{pointer}/annotations/{key}"),
                            Code::LlmObjects,
                            format!("`{key}` must be empty on LLM rows (mime_type {mime})"),
                        )
                        .expected("[]")
                        .found(items(len));
                    self.push(finding);
                }
            }
        }
        self.features(label, pointer);
    }

    /// Every feature of the label: a constant `(name, value)` per `feature_schema_id` across the
    /// file, and one cuid fingerprint for all `feature_id`s (a warning: the evidence is one row).
    fn features(&mut self, label: &Label, pointer: &str) {
        let mut walk = FeatureWalk {
            check: self,
            fingerprint: None,
            pointer: String::with_capacity(128),
        };
        walk.pointer.push_str(pointer);
        walk.pointer.push_str("/annotations/objects");
        for (i, object) in label.annotations.objects.iter().enumerate() {
            let mark = walk.pointer.len();
            let _ = write!(walk.pointer, "/{i}");
            walk.feature(
                object.feature_schema_id.as_str(),
                &object.name,
                object.value.as_deref(),
            );
            walk.feature_id(object.feature_id.as_str());
            walk.nested(&object.classifications);
            walk.pointer.truncate(mark);
        }
        walk.pointer.truncate(pointer.len());
        walk.pointer.push_str("/annotations/classifications");
        walk.classifications(&label.annotations.classifications);
    }
}

/// LLM rows: `application/llm.*` and the response-creation text rows (spec §4, §12.1).
fn is_llm_mime(mime: &str) -> bool {
    mime.starts_with("application/llm.") || mime == RESPONSE_CREATION_MIME
}

fn items(n: usize) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}
