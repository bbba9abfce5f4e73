//! The walk over one label's features (classifications, their options, nested ones), keeping a
//! JSON pointer to the current feature: each feature is checked against the file-wide map
//! ([`FeatureMap`](super::features::FeatureMap)) and its `feature_id` against the label's first
//! fingerprint.

use std::fmt::Write as _;

use fauxport_model::{Answer, Classification, Cuid, OptionAnswer};

use super::report::Code;
use super::row_check::RowCheck;

/// Walks the features of one label, keeping a JSON pointer to the current one.
pub(super) struct FeatureWalk<'c, 'a> {
    pub(super) check: &'c mut RowCheck<'a>,
    /// The first feature's fingerprint, and the pointer of its `feature_id`.
    pub(super) fingerprint: Option<(String, String)>,
    pub(super) pointer: String,
}

impl FeatureWalk<'_, '_> {
    pub(super) fn classifications(&mut self, classifications: &[Classification]) {
        for (j, c) in classifications.iter().enumerate() {
            let mark = self.pointer.len();
            let _ = write!(self.pointer, "/{j}");
            self.feature(c.feature_schema_id.as_str(), &c.name, c.value.as_deref());
            self.feature_id(c.feature_id.as_str());
            let key = c.answer.key();
            match &c.answer {
                Answer::Radio(o) | Answer::ConversationalRadio(o) => {
                    let inner = self.pointer.len();
                    let _ = write!(self.pointer, "/{key}");
                    self.option(o);
                    self.pointer.truncate(inner);
                }
                Answer::Checklist(options) | Answer::ConversationalChecklist(options) => {
                    for (k, o) in options.iter().enumerate() {
                        let inner = self.pointer.len();
                        let _ = write!(self.pointer, "/{key}/{k}");
                        self.option(o);
                        self.pointer.truncate(inner);
                    }
                }
                Answer::Text(_) | Answer::ConversationalText(_) => {}
            }
            self.pointer.truncate(mark);
        }
    }

    pub(super) fn option(&mut self, option: &OptionAnswer) {
        if let Some(id) = &option.feature_schema_id {
            self.feature(id.as_str(), &option.name, option.value.as_deref());
        }
        self.feature_id(option.feature_id.as_str());
        self.nested(&option.classifications);
    }

    pub(super) fn nested(&mut self, classifications: &[Classification]) {
        let mark = self.pointer.len();
        self.pointer.push_str("/classifications");
        self.classifications(classifications);
        self.pointer.truncate(mark);
    }

    pub(super) fn feature(&mut self, id: &str, name: &str, value: Option<&str>) {
        let check = &mut *self.check;
        check
            .features
            .check(check.line, &self.pointer, id, name, value, check.out);
    }

    pub(super) fn feature_id(&mut self, id: &str) {
        let Some(print) = Cuid::fingerprint(id) else {
            return;
        };
        match &self.fingerprint {
            None => {
                self.fingerprint = Some((print.to_owned(), format!("{}/feature_id", self.pointer)))
            }
            Some((first, first_pointer)) if first != print => {
                let finding = self
                    .check
                    .finding(
                        format!("{}/feature_id", self.pointer),
                        Code::Fingerprint,
                        format!("`feature_id` has cuid fingerprint `{print}`, unlike the label's first feature at {first_pointer}"),
                    )
                    .expected(format!("fingerprint `{first}` (one label's features come from one editor session)"))
                    .found_value(id);
                self.check.push(finding);
            }
            Some(_) => {}
        }
    }
}
