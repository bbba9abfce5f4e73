//! A row's content, written from its situation: the text its data row shows, and for each
//! label the text the labeler wrote and the answers the content decides.
//!
//! Streams: the situation, the row's asker (prompt) and responder come from `section::TEXT`;
//! label `l` writes from `TEXT` forked by `100 + l`; a preference pair's ground truth comes from
//! `section::PREFERENCE`, so it can be read without writing any text.

use serde_json::{Value, json};

use super::judge::Judgement;
use super::plan::{RowPlan, section, stream};
use crate::rng::Rng;
use crate::text::preference::{self, Preference, Side};
use crate::text::{self, Alt, Exchange, Situation};
use crate::world::{Project, ProjectKind, World};

/// One label's text and decided answers.
pub(crate) struct LabelContent {
    pub(crate) exchange: Exchange,
    pub(crate) judgement: Judgement,
}

/// What a row shows and what its labels say.
pub(crate) struct RowContent {
    /// The uploaded prompt of response-creation rows.
    pub(crate) prompt: Option<String>,
    /// The conversation of preference rows.
    pub(crate) conversation: Option<Conversation>,
    /// One per planned label.
    pub(crate) labels: Vec<LabelContent>,
    /// The row's domain and topic (the first label's, where labels write the text).
    pub(crate) domain: text::Domain,
    pub(crate) topic: &'static str,
    /// A corpus entry's metadata fields (none in generated worlds).
    pub(crate) metadata: Vec<fauxport_model::MetadataField>,
}

/// A preference row's conversation: earlier turns, the last user message and two outputs.
pub(crate) struct Conversation {
    /// (from the user, text), oldest first; the last is the user's message the outputs answer.
    pub(crate) messages: Vec<(bool, String)>,
    /// (model name, text) of "Response A" and "Response B".
    pub(crate) outputs: [(&'static str, String); 2],
}

impl Conversation {
    /// The `row_data` JSON; the last message is the one labels refer to.
    pub(crate) fn to_value(&self, mime: &str) -> Value {
        let last = self.messages.len().saturating_sub(1);
        let messages: Vec<Value> = self
            .messages
            .iter()
            .enumerate()
            .map(|(k, (user, content))| {
                let who = if *user {
                    json!({"userId": "user-1", "name": "User"})
                } else {
                    json!({"userId": "assistant", "name": "Assistant"})
                };
                json!({
                    "messageId": message_id(k),
                    "content": content,
                    "user": who,
                    "canLabel": k == last,
                    "align": if *user { "right" } else { "left" },
                })
            })
            .collect();
        let [(ma, a), (mb, b)] = &self.outputs;
        json!({
            "type": mime,
            "version": 1,
            "messages": messages,
            "modelOutputs": [
                {"title": "Response A", "content": a, "modelConfigName": ma},
                {"title": "Response B", "content": b, "modelConfigName": mb},
            ],
        })
    }

    /// The id of the message labels refer to.
    pub(crate) fn labelled_id(&self) -> String {
        message_id(self.messages.len().saturating_sub(1))
    }
}

fn message_id(k: usize) -> String {
    format!("message-{k}")
}

/// The situation of row `plan`, drawn first.
fn situation(world: &World, project: &Project, plan: &RowPlan<'_>) -> (Situation, Rng) {
    let mut r = stream(world, project, plan.index, section::TEXT);
    let target = text::response_target(&mut r);
    (Situation::draw(project.theme, target, &mut r), r)
}

/// The ground truth of a preference row: which output is better and why.
pub(crate) fn preference(world: &World, project: &Project, plan: &RowPlan<'_>) -> Preference {
    let (s, _) = situation(world, project, plan);
    Preference::draw(
        s.domain,
        &mut stream(world, project, plan.index, section::PREFERENCE),
    )
}

/// Writes row `plan`'s generated content; a corpus world then puts its entry in
/// ([`super::corpus::show_entry`]) before the topic is settled ([`RowContent::settle_topic`]).
pub(crate) fn write(world: &World, project: &Project, plan: &RowPlan<'_>) -> RowContent {
    let (situation, r) = situation(world, project, plan);
    let pools = &world.text;
    let hostile = plan.hostile;
    let asker = r.fork(1);
    let label_rng = |l: usize| r.fork(100 + l as u64);
    let own = |chars: usize| Situation {
        target: chars.max(1),
        ..situation
    };
    let mut content = RowContent {
        prompt: None,
        conversation: None,
        labels: Vec::with_capacity(plan.labels.len()),
        domain: situation.domain,
        topic: "",
        metadata: Vec::new(),
    };
    match project.spec.kind {
        ProjectKind::PromptResponseCreation => {
            for (l, lp) in plan.labels.iter().enumerate() {
                let lr = label_rng(l);
                let exchange = text::exchange(
                    &own(lp.chars),
                    &mut lr.fork(1),
                    &mut lr.fork(2),
                    pools,
                    hostile,
                    Alt::Brief,
                );
                let judgement = Judgement::authored(&exchange, &mut lr.fork(3));
                content.labels.push(LabelContent {
                    exchange,
                    judgement,
                });
            }
        }
        ProjectKind::PromptCreation => {
            for (l, lp) in plan.labels.iter().enumerate() {
                let lr = label_rng(l);
                let exchange = if hostile {
                    text::exchange(
                        &own(lp.chars),
                        &mut lr.fork(1),
                        &mut lr.fork(2),
                        pools,
                        true,
                        Alt::Brief,
                    )
                } else {
                    Exchange {
                        prompt: text::extraction_prompt(&mut lr.fork(1), pools, lp.chars),
                        response: String::new(),
                        alt_response: String::new(),
                        domain: situation.domain,
                        topic: "extraction",
                    }
                };
                content.labels.push(LabelContent {
                    exchange,
                    judgement: Judgement::default(),
                });
            }
        }
        ProjectKind::ResponseCreation => {
            let row = text::exchange(
                &situation,
                &mut asker.clone(),
                &mut r.fork(2),
                pools,
                hostile,
                Alt::Brief,
            );
            for (l, lp) in plan.labels.iter().enumerate() {
                let mut lr = label_rng(l);
                // Some labelers get a fact wrong: their response is the domain's wrong answer.
                let wrong = lr.chance(0.1);
                let mut exchange = text::exchange(
                    &own(lp.chars),
                    &mut asker.clone(),
                    &mut lr.fork(2),
                    pools,
                    hostile,
                    if wrong { Alt::Wrong } else { Alt::Brief },
                );
                if wrong && !hostile {
                    exchange.response = std::mem::take(&mut exchange.alt_response);
                }
                let judgement = Judgement::response(&exchange.response, wrong, &mut lr.fork(3));
                content.labels.push(LabelContent {
                    exchange,
                    judgement,
                });
            }
            content.topic = row.topic;
            content.prompt = Some(row.prompt);
        }
        ProjectKind::ConversationalPreference => {
            let pref = preference(world, project, plan);
            let mut responder = r.fork(2);
            let ex = text::exchange(
                &situation,
                &mut asker.clone(),
                &mut responder,
                pools,
                hostile,
                pref.flaw.alt(),
            );
            let mut extra = r.fork(3);
            let off_topic = (pref.flaw == preference::Flaw::OffTopic).then(|| {
                let mut other = extra.fork(1);
                text::drawn_exchange(&text::THEMES[0], &mut other, pools, false).response
            });
            let bad = preference::worse(pref.flaw, &ex, off_topic.as_deref(), pools, &mut extra);
            let good = ex.response.clone();
            let (ma, mb) = preference::models(&mut extra);
            let turns = if extra.chance(world.spec.multi_turn_rate) {
                2 + extra.below(5) as usize
            } else {
                1
            };
            let mut messages = Vec::with_capacity(2 * turns);
            for k in 1..turns {
                let earlier = text::exchange(
                    &Situation {
                        target: 400,
                        ..situation
                    },
                    &mut asker.fork(10 + k as u64),
                    &mut responder.fork(10 + k as u64),
                    pools,
                    hostile,
                    Alt::Brief,
                );
                let reply = earlier.response.split("\n\n").next().unwrap_or_default();
                messages.push((true, earlier.prompt.clone()));
                messages.push((false, reply.to_owned()));
            }
            messages.push((true, ex.prompt.clone()));
            let outputs = match pref.better {
                Side::A => [(ma, good.clone()), (mb, bad.clone())],
                Side::B => [(ma, bad.clone()), (mb, good.clone())],
            };
            for l in 0..plan.labels.len() {
                let mut lr = label_rng(l);
                let chosen = pref.choose(world.spec.annotator_noise, &mut lr);
                let reason = preference::reason(&pref, chosen, &good, &bad, &mut lr);
                let judgement = Judgement::preference(&pref, chosen, reason, &mut lr);
                content.labels.push(LabelContent {
                    exchange: Exchange {
                        prompt: String::new(),
                        response: String::new(),
                        alt_response: String::new(),
                        domain: ex.domain,
                        topic: ex.topic,
                    },
                    judgement,
                });
            }
            content.topic = ex.topic;
            content.conversation = Some(Conversation { messages, outputs });
        }
    }
    content
}

/// Row `plan`'s text stream as [`write`] draws from it (after the situation): what a corpus row
/// forks its own draws from.
pub(crate) fn text_stream(world: &World, project: &Project, plan: &RowPlan<'_>) -> Rng {
    situation(world, project, plan).1
}

impl RowContent {
    /// The row's topic, once its texts are final: the first label's when the row has none.
    pub(crate) fn settle_topic(&mut self) {
        if let Some(first) = self.labels.first()
            && self.topic.is_empty()
        {
            self.topic = first.exchange.topic;
        }
    }
}
