//! Realistic LLM prompt/response text, drawn deterministically from a [`Rng`].
//!
//! A world builds one [`TextPools`] from its seed (people, companies, cities, products, via the
//! `fake` crate). Each row then calls [`exchange`] with its own stream: a prompt and two candidate
//! responses on one topic, built from `&'static str` fragments and pool entries appended to
//! pre-sized strings, so a call costs well under two microseconds.
//!
//! The mix, by module: customer support (`support`), code in Python, Rust, JavaScript, SQL and
//! Bash (`code`), explanations and comparisons (`explain`), e-mails, product copy, summaries and
//! role-play (`creative`), jailbreak attempts (`redteam`), and eleven other languages
//! (`languages`, drawing on the `phrasebook`). `hostile` makes valid-but-nasty strings;
//! `naming` makes project, dataset and key names, tags, policies and rater reasons; `huge` makes
//! the megabyte-sized texts of huge rows; `markdown` holds the shared builders and `pools` the
//! per-world names.

mod code;
mod code_snippets;
mod creative;
mod explain;
mod hostile;
mod huge;
mod languages;
mod markdown;
mod naming;
mod phrasebook;
mod pools;
pub mod preference;
mod preference_reason;
mod redteam;
mod situation;
mod support;
mod support_topics;
mod template;
#[cfg(test)]
mod tests;

pub use pools::TextPools;
pub use situation::{Difficulty, Domain, Persona, Situation, THEMES, Theme, response_target};

use crate::rng::Rng;
use markdown::{Slots, fill, pick};

/// What every domain's writer works with: the prompt's random stream, the responses' stream, the
/// slots its templates fill, the exchange it writes, the response's target length and the style
/// of the alternative answer.
struct Draft<'a, 's> {
    rng: &'a mut Rng,
    rr: &'a mut Rng,
    s: &'a mut Slots<'s>,
    ex: &'a mut Exchange,
    target: usize,
    alt: Style,
}

impl<'a, 's> Draft<'a, 's> {
    /// Its parts, for a writer to use by name: `let (rng, rr, s, ex, target, alt) = d.parts();`.
    #[allow(clippy::type_complexity)]
    fn parts(
        self,
    ) -> (
        &'a mut Rng,
        &'a mut Rng,
        &'a mut Slots<'s>,
        &'a mut Exchange,
        usize,
        Style,
    ) {
        (self.rng, self.rr, self.s, self.ex, self.target, self.alt)
    }
}

/// A prompt and two candidate responses on one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// What the user asked.
    pub prompt: String,
    /// A good, complete answer.
    pub response: String,
    /// A worse answer in the style the caller asked for (see [`Alt`]), for pairwise rows.
    pub alt_response: String,
    /// The domain the exchange belongs to.
    pub domain: Domain,
    /// What it is about within the domain: a support topic's tag ("refunds"), a programming
    /// language ("Python"), "email", "jailbreak", a language's name...
    pub topic: &'static str,
}

/// How an answer is written; the main response is always [`Style::Full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Markdown with headings, lists, code or tables, padded to a target length.
    Full,
    /// A sentence or two.
    Brief,
    /// The same content as prose, without Markdown.
    Plain,
    /// A worse answer: vague, wrong, off-language or going along with a jailbreak.
    Flawed,
}

/// How [`Exchange::alt_response`] is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alt {
    /// A sentence or two (cheap; for rows that do not show it).
    Brief,
    /// The same content as prose, without Markdown.
    Plain,
    /// The domain's own wrong answer: a wrong fact, broken code, the wrong language, or going
    /// along with a jailbreak.
    Wrong,
}

/// A prompt and two responses written from `situation`.
///
/// The prompt (and the topic, people and things it names) draws only from `asker`; the
/// responses draw from `responder`. Two calls with clones of one `asker` and different
/// `responder`s give one prompt answered by two people.
///
/// With `hostile`, one kind of valid but nasty text is picked at random (empty, about 100 KB,
/// bidi, zalgo, JSON-like, control characters, ZWJ, one huge word, whitespace-only lines or
/// CRLF). It always shapes the response and, about half the time each, the prompt and the
/// alternative too; the 100 KB kind only ever lengthens the response.
pub fn exchange(
    situation: &Situation,
    asker: &mut Rng,
    responder: &mut Rng,
    pools: &TextPools,
    hostile: bool,
    alt: Alt,
) -> Exchange {
    if hostile {
        return hostile::exchange(situation, asker, responder, pools);
    }
    let rng = asker;
    let mut s = Slots::draw(rng, pools);
    let target = situation.target;
    let alt = match alt {
        Alt::Brief => Style::Brief,
        Alt::Plain => Style::Plain,
        Alt::Wrong => Style::Flawed,
    };
    let mut ex = Exchange {
        prompt: String::with_capacity(256),
        response: String::with_capacity(target + 768),
        alt_response: String::with_capacity(target / 2 + 512),
        domain: situation.domain,
        topic: "",
    };
    if situation.domain == Domain::Multilingual {
        languages::write(Draft {
            rng,
            rr: responder,
            s: &mut s,
            ex: &mut ex,
            target,
            alt,
        });
        return finish(ex);
    }
    let persona = situation.persona;
    if rng.chance(0.5) {
        fill(&mut ex.prompt, &s, pick(rng, persona.leads));
    } else if rng.chance(0.3) {
        ex.prompt.push_str(pick(rng, PROMPT_PREFIXES));
    }
    let draft = Draft {
        rng: &mut *rng,
        rr: responder,
        s: &mut s,
        ex: &mut ex,
        target,
        alt,
    };
    match situation.domain {
        Domain::Support => support::write(draft),
        Domain::Code => code::write(draft),
        Domain::Explain => explain::write(draft),
        Domain::Creative => creative::write(draft),
        Domain::RedTeam | Domain::Multilingual => redteam::write(draft),
    }
    if rng.chance(0.3) {
        ex.prompt.push_str(pick(rng, PROMPT_SUFFIXES));
    }
    if rng.chance(persona.casual) && !ex.prompt.contains('`') {
        ex.prompt.make_ascii_lowercase();
    }
    markdown::fit(&mut ex.response, target + target / 4 + 200, target / 3);
    finish(ex)
}

/// An exchange on a situation drawn from `theme` with `rng` alone (huge texts, tests).
pub fn drawn_exchange(theme: &Theme, rng: &mut Rng, pools: &TextPools, hostile: bool) -> Exchange {
    let target = response_target(rng);
    let situation = Situation::draw(theme, target, rng);
    let mut responder = rng.fork(1);
    exchange(&situation, rng, &mut responder, pools, hostile, Alt::Plain)
}

/// A prompt that tries to extract an assistant's system prompt (what prompt-creation projects
/// ask labelers to write), of about `target` bytes or more.
pub fn extraction_prompt(rng: &mut Rng, pools: &TextPools, target: usize) -> String {
    let s = Slots::draw(rng, pools);
    redteam::extraction(rng, &s, target)
}

/// Trims trailing whitespace from every field.
fn finish(mut ex: Exchange) -> Exchange {
    for t in [&mut ex.prompt, &mut ex.response, &mut ex.alt_response] {
        markdown::finish(t);
    }
    ex
}

/// A huge but valid text of about `target` bytes, for huge rows (load and fault scenarios).
///
/// It opens with `lead` (the text the field would otherwise hold) when that fits, then runs as one
/// long Markdown document: sections of a quoted prompt and its full answer (headings, lists,
/// tables, code fences, eleven languages) drawn once as a cycle of at most 64 KiB and repeated,
/// then padding paragraphs. Its length lands between `target - 200` and `target + 1024` bytes.
/// It is built once, in one `String` sized for it, plus the one cycle.
pub fn huge(rng: &mut Rng, pools: &TextPools, lead: &str, target: usize) -> String {
    huge::text(rng, pools, lead, target)
}

/// One or two sentences a rater gives for a choice ("Response B cites the policy ...");
/// with `hostile`, valid but nasty text of one random kind.
pub fn reason(rng: &mut Rng, pools: &TextPools, hostile: bool) -> String {
    if hostile {
        hostile::reason(rng, pools)
    } else {
        naming::reason(rng, pools)
    }
}

/// A human-readable project name for a project kind slug such as `prompt-response-creation`,
/// like "Support bot - prompt and response authoring". The slug `org` gives a one-word brand
/// ("Nimbus") for naming an organisation.
pub fn project_name(rng: &mut Rng, pools: &TextPools, theme: &Theme, kind_slug: &str) -> String {
    naming::project_name(rng, pools, theme, kind_slug)
}

/// A dataset name for a project kind slug, like "returns-faq-prompts".
pub fn dataset_name(rng: &mut Rng, theme: &Theme, kind_slug: &str) -> String {
    naming::dataset_name(rng, theme, kind_slug)
}

/// A user-style global key like "returns-faq/q-0412": ASCII, at most 200 bytes, and unique
/// per `index` within a prefix because it ends in the index.
pub fn user_global_key(rng: &mut Rng, theme: &Theme, index: u64) -> String {
    naming::user_global_key(rng, theme, index)
}

/// A short phrase usable as an attachment value or metadata tag ("billing",
/// "Policy RT-7: items may be returned within 30 days ...").
pub fn tag(rng: &mut Rng) -> &'static str {
    naming::tag(rng)
}

/// A policy excerpt that an attachment or a prompt can quote.
pub fn policy_snippet(rng: &mut Rng, pools: &TextPools) -> String {
    naming::policy_snippet(rng, pools)
}

const PROMPT_PREFIXES: &[&str] = &[
    "Hey! ",
    "Quick question: ",
    "Hi there, ",
    "Please help. ",
    "Urgent: ",
    "hi ",
    "Hello, ",
    "I have a question. ",
];

const PROMPT_SUFFIXES: &[&str] = &[
    " Thanks!",
    " Thanks in advance.",
    " Please keep it short.",
    " Explain step by step.",
    " 🙏",
    " Be concise.",
    " Use bullet points.",
    " ty",
    " 😅",
    "\n\nThank you!",
];
