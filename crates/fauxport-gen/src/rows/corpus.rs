//! A corpus world's rows (see [`crate::content`]): the row's corpus entry takes the place of
//! the generated prompt and response, its metadata joins the row's metadata fields, and the
//! answers the content decides are decided again from the entry's text.
//!
//! Draws specific to corpus rows come from the row's text stream forked by `CORPUS`, so the
//! generated part of the row (ids, times, labels, the preference's ground truth) is unchanged.

use fauxport_model::{Cuid, MetadataField};

use super::content::{RowContent, preference};
use super::judge::Judgement;
use super::plan::RowPlan;
use crate::content::{Corpus, Entry};
use crate::rng::{Rng, hash_key, hash_str};
use crate::text::Exchange;
use crate::text::preference::{self as pair, Flaw, Side};
use crate::world::{OptionDef, Project, ProjectKind, World};

/// The fork of the row's text stream that corpus-only draws use.
const CORPUS: u64 = 0xC0_2905;

/// Puts row `plan`'s corpus entry in `content`; `r` is the row's text stream
/// ([`super::content::text_stream`]).
pub(crate) fn show_entry(
    corpus: &Corpus,
    world: &World,
    project: &Project,
    plan: &RowPlan<'_>,
    r: &Rng,
    content: &mut RowContent,
) {
    let (at, entry) = corpus.entry_of(world.seed(), project.index, plan.index);
    content.metadata = metadata(world, entry);
    let label_rng = |l: usize| r.fork(100 + l as u64);
    let (domain, topic) = (content.domain, content.topic);
    match project.spec.kind {
        ProjectKind::PromptResponseCreation => {
            for (l, lc) in content.labels.iter_mut().enumerate() {
                lc.exchange.prompt.clone_from(&entry.prompt);
                lc.exchange.response.clone_from(&entry.response);
                lc.judgement = Judgement::authored(&lc.exchange, &mut label_rng(l).fork(3));
            }
        }
        ProjectKind::PromptCreation => {
            for lc in &mut content.labels {
                lc.exchange.prompt.clone_from(&entry.prompt);
            }
        }
        ProjectKind::ResponseCreation => {
            content.prompt = Some(entry.prompt.clone());
            for (l, lc) in content.labels.iter_mut().enumerate() {
                lc.exchange.prompt.clone_from(&entry.prompt);
                lc.exchange.response.clone_from(&entry.response);
                lc.judgement =
                    Judgement::response(&lc.exchange.response, false, &mut label_rng(l).fork(3));
            }
        }
        ProjectKind::ConversationalPreference => {
            let pref = preference(world, project, plan);
            let mut extra = r.fork(CORPUS);
            let other = |extra: &mut Rng| {
                let n = corpus.len() as u64;
                let k = if n > 1 {
                    (at as u64 + 1 + extra.below(n - 1)) % n
                } else {
                    0
                };
                &corpus.entries()[k as usize]
            };
            let good = entry.response.clone();
            let bad = match pref.flaw {
                // Flaws made from the good answer itself.
                Flaw::Truncated | Flaw::Verbose | Flaw::Refusal => {
                    let ex = Exchange {
                        prompt: entry.prompt.clone(),
                        response: good.clone(),
                        alt_response: String::new(),
                        domain,
                        topic,
                    };
                    pair::worse(pref.flaw, &ex, None, &world.text, &mut extra)
                }
                // The others need another answer: the corpus's answer to another question.
                _ if corpus.len() > 1 => other(&mut extra).response.clone(),
                _ => pair::worse(
                    Flaw::Truncated,
                    &Exchange {
                        prompt: String::new(),
                        response: good.clone(),
                        alt_response: String::new(),
                        domain,
                        topic,
                    },
                    None,
                    &world.text,
                    &mut extra,
                ),
            };
            let Some(conversation) = content.conversation.as_mut() else {
                return;
            };
            // Earlier turns: the customer's other questions, answered in a paragraph.
            let last = conversation.messages.len().saturating_sub(1);
            for k in (0..last).step_by(2) {
                let earlier = other(&mut extra);
                let reply = earlier.response.split("\n\n").next().unwrap_or_default();
                conversation.messages[k].1.clone_from(&earlier.prompt);
                if let Some(m) = conversation.messages.get_mut(k + 1) {
                    m.1 = reply.to_owned();
                }
            }
            if let Some(m) = conversation.messages.last_mut() {
                m.1.clone_from(&entry.prompt);
            }
            let (better, worse) = match pref.better {
                Side::A => (0, 1),
                Side::B => (1, 0),
            };
            conversation.outputs[better].1.clone_from(&good);
            conversation.outputs[worse].1.clone_from(&bad);
            // The same draws as `write`: the same choices, with reasons about these outputs.
            for (l, lc) in content.labels.iter_mut().enumerate() {
                let mut lr = label_rng(l);
                let chosen = pref.choose(world.spec.annotator_noise, &mut lr);
                let reason = pair::reason(&pref, chosen, &good, &bad, &mut lr);
                lc.judgement = Judgement::preference(&pref, chosen, reason, &mut lr);
            }
        }
    }
}

/// Words of option names too common to say what a text is about.
const COMMON: &[&str] = &[
    "about", "bike", "bikes", "other", "system", "with", "your", "that",
];

/// The options whose names the exchange's text mentions: a word of four letters or more of the
/// name (a plural's `s` dropped) appears in the prompt or the response, ignoring case.
pub(crate) fn named_in<'o>(options: &'o [OptionDef], ex: &Exchange) -> Vec<&'o OptionDef> {
    let text = format!("{}\n{}", ex.prompt, ex.response).to_lowercase();
    options
        .iter()
        .filter(|o| {
            o.name
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4 && !COMMON.contains(w))
                .any(|w| text.contains(w.strip_suffix('s').unwrap_or(w)))
        })
        .collect()
}

/// The entry's metadata as metadata fields: one schema per key, its id the same in every row.
fn metadata(world: &World, entry: &Entry) -> Vec<MetadataField> {
    entry
        .metadata
        .iter()
        .map(|(key, value)| {
            let h = hash_str(key);
            MetadataField {
                extra: Default::default(),
                schema_id: Cuid::from_parts(
                    world.start_ms.max(0) as u64,
                    h % 36u64.pow(4),
                    (h >> 24) % 36u64.pow(4),
                    hash_key(&[world.seed(), h]),
                ),
                schema_name: key.clone(),
                value: value.clone(),
            }
        })
        .collect()
}

/// A row's metadata fields: the generated ones, but where the entry has a field of the same name
/// the entry's, and the entry's others after them.
pub(crate) fn with_entry_metadata(
    mut generated: Vec<MetadataField>,
    own: &[MetadataField],
) -> Vec<MetadataField> {
    if !own.is_empty() {
        generated.retain(|g| own.iter().all(|o| o.schema_name != g.schema_name));
        generated.extend_from_slice(own);
    }
    generated
}
