//! A label's annotations: the ontology's features answered with generated text and choices.

use fauxport_model::{Annotations, Answer, Classification, Cuid, Extra, OptionAnswer, TextAnswer};

use super::judge::Judgement;
use crate::rng::Rng;
use crate::text::{self, Exchange, TextPools};
use crate::world::{Feature, FeatureKind, OptionDef, Role};

/// Hands out the feature ids of one label: submit time, one fingerprint, counters rising (spec §12.2).
pub(crate) struct FeatureIds {
    millis: u64,
    counter: u64,
    fingerprint: u64,
}

impl FeatureIds {
    pub(crate) fn new(submit_ms: i64, rng: &mut Rng) -> FeatureIds {
        FeatureIds {
            millis: submit_ms.max(0) as u64,
            counter: rng.below(1_000_000),
            fingerprint: rng.below(36u64.pow(4)),
        }
    }

    fn next(&mut self, rng: &mut Rng) -> Cuid {
        self.counter += 1;
        self.millis += rng.below(3);
        Cuid::from_parts(self.millis, self.counter, self.fingerprint, rng.next_u64())
    }
}

/// What answers a label's text features.
pub(crate) struct Texts<'a> {
    pub(crate) exchange: &'a Exchange,
    pub(crate) pools: &'a TextPools,
    pub(crate) hostile: bool,
    /// The message a message-scoped feature refers to.
    pub(crate) message_id: &'a str,
    /// The answers the content decides.
    pub(crate) judgement: &'a Judgement,
    /// Checklists the judgement does not decide check the options the text names (an ontology
    /// file's own features; see `corpus::named_in`).
    pub(crate) by_name: bool,
}

/// Answers every feature of an ontology.
pub(crate) fn annotations(
    features: &[Feature],
    texts: &Texts<'_>,
    ids: &mut FeatureIds,
    rng: &mut Rng,
    skipped: bool,
) -> Annotations {
    let classifications = if skipped {
        Vec::new()
    } else {
        features
            .iter()
            .filter_map(|f| classify(f, texts, ids, rng))
            .collect()
    };
    Annotations {
        objects: Vec::new(),
        classifications,
        relationships: Vec::new(),
        extra: Extra::new(),
    }
}

/// Answers one feature; `None` when the content leaves it unanswered (a checklist with nothing
/// to check).
fn classify(
    f: &Feature,
    texts: &Texts<'_>,
    ids: &mut FeatureIds,
    rng: &mut Rng,
) -> Option<Classification> {
    let decided = if texts.hostile {
        None
    } else {
        texts.judgement.picks(&f.name)
    };
    if decided.is_some_and(<[_]>::is_empty) {
        return None;
    }
    let feature_id = ids.next(rng);
    let answer = match f.kind {
        FeatureKind::Text => {
            let content = match (f.role, &texts.judgement.reason) {
                (Role::Prompt, _) => texts.exchange.prompt.clone(),
                (Role::Response, _) => texts.exchange.response.clone(),
                (Role::Reason | Role::Rating, Some(reason)) if !texts.hostile => reason.clone(),
                (Role::Reason | Role::Rating, _) => text::reason(rng, texts.pools, texts.hostile),
            };
            if f.message_scoped {
                Answer::ConversationalText(TextAnswer { content })
            } else {
                Answer::Text(TextAnswer { content })
            }
        }
        FeatureKind::Radio => {
            let chosen = decided
                .and_then(|names| f.options.iter().find(|o| names.contains(&o.name.as_str())))
                .unwrap_or_else(|| choose_radio(&f.options, texts.hostile, rng));
            let option = Box::new(option_answer(chosen, texts, ids, rng));
            if f.message_scoped {
                Answer::ConversationalRadio(option)
            } else {
                Answer::Radio(option)
            }
        }
        FeatureKind::Checklist => {
            let mut picked: Vec<&OptionDef> = match decided {
                Some(names) => f
                    .options
                    .iter()
                    .filter(|o| names.contains(&o.name.as_str()))
                    .collect(),
                None => named(f, texts),
            };
            if picked.is_empty() {
                let n = 1 + rng.below(3.min(f.options.len() as u64)) as usize;
                let start = rng.index(f.options.len());
                picked = (0..n)
                    .map(|k| &f.options[(start + k) % f.options.len()])
                    .collect();
            }
            picked.sort_by_key(|o| o.schema_id.as_str());
            let answers = picked
                .into_iter()
                .map(|o| option_answer(o, texts, ids, rng))
                .collect();
            if f.message_scoped {
                Answer::ConversationalChecklist(answers)
            } else {
                Answer::Checklist(answers)
            }
        }
    };
    Some(Classification {
        feature_id,
        feature_schema_id: f.schema_id.clone(),
        name: f.name.clone(),
        value: Some(f.value.clone()),
        message_id: f.message_scoped.then(|| texts.message_id.to_owned()),
        answer,
        extra: Extra::new(),
    })
}

/// The options of an undecided checklist that the text names, when the world asks for them.
fn named<'o>(f: &'o Feature, texts: &Texts<'_>) -> Vec<&'o OptionDef> {
    if texts.by_name && !texts.hostile && texts.judgement.picks(&f.name).is_none() {
        super::corpus::named_in(&f.options, texts.exchange)
    } else {
        Vec::new()
    }
}

/// Picks a radio option: options with deep nested chains are rare, except in hostile rows, which
/// always go as deep as the ontology allows.
fn choose_radio<'o>(options: &'o [OptionDef], hostile: bool, rng: &mut Rng) -> &'o OptionDef {
    let deep = options.iter().position(|o| {
        o.nested
            .iter()
            .any(|n| !n.options.is_empty() && n.name.starts_with("Detail level"))
    });
    match deep {
        Some(d) if hostile => &options[d],
        Some(d) if !rng.chance(0.02) => {
            let i = rng.index(options.len() - 1);
            &options[if i >= d { i + 1 } else { i }]
        }
        _ => rng.pick(options),
    }
}

fn option_answer(
    o: &OptionDef,
    texts: &Texts<'_>,
    ids: &mut FeatureIds,
    rng: &mut Rng,
) -> OptionAnswer {
    let feature_id = ids.next(rng);
    OptionAnswer {
        extra: Default::default(),
        feature_id,
        feature_schema_id: Some(o.schema_id.clone()),
        name: o.name.clone(),
        value: Some(o.value.clone()),
        classifications: o
            .nested
            .iter()
            .filter_map(|n| classify(n, texts, ids, rng))
            .collect(),
    }
}
