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
mod creative;
mod explain;
mod hostile;
mod huge;
mod languages;
mod markdown;
mod naming;
mod phrasebook;
mod pools;
mod redteam;
mod support;
#[cfg(test)]
mod tests;

pub use pools::TextPools;

use crate::rng::Rng;
use markdown::{Slots, pick};

/// A prompt and two candidate responses on one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// What the user asked.
    pub prompt: String,
    /// A good, complete answer.
    pub response: String,
    /// A plausible different answer (shorter, worse or in another style), for pairwise rows.
    pub alt_response: String,
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

/// A prompt and two responses on one topic.
///
/// With `hostile`, one kind of valid but nasty text is picked at random (empty, about 100 KB,
/// bidi, zalgo, JSON-like, control characters, ZWJ, one huge word, whitespace-only lines or
/// CRLF). It always shapes the response and, about half the time each, the prompt and the
/// alternative too; the 100 KB kind only ever lengthens the response.
pub fn exchange(rng: &mut Rng, pools: &TextPools, hostile: bool) -> Exchange {
    if hostile {
        return hostile::exchange(rng, pools);
    }
    let mut s = Slots::draw(rng, pools);
    let target = response_target(rng);
    let alt = match rng.below(10) {
        0..=2 => Style::Full,
        3..=5 => Style::Brief,
        6 | 7 => Style::Plain,
        _ => Style::Flawed,
    };
    let mut ex = Exchange {
        prompt: String::with_capacity(256),
        response: String::with_capacity(target + 768),
        alt_response: String::with_capacity(target / 2 + 512),
    };
    let category = rng.below(100);
    if category < 15 {
        languages::write(rng, &mut s, &mut ex, alt);
        return finish(ex);
    }
    let casual = rng.chance(0.05);
    if rng.chance(0.3) {
        ex.prompt.push_str(pick(rng, PROMPT_PREFIXES));
    }
    match category {
        15..=36 => support::write(rng, &mut s, &mut ex, target, alt),
        37..=56 => code::write(rng, &mut s, &mut ex, target, alt),
        57..=71 => explain::write(rng, &mut s, &mut ex, target, alt),
        72..=92 => creative::write(rng, &mut s, &mut ex, target, alt),
        _ => redteam::write(rng, &mut s, &mut ex, target, alt),
    }
    if rng.chance(0.3) {
        ex.prompt.push_str(pick(rng, PROMPT_SUFFIXES));
    }
    if casual && !ex.prompt.contains('`') {
        ex.prompt.make_ascii_lowercase();
    }
    finish(ex)
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
pub fn project_name(rng: &mut Rng, pools: &TextPools, kind_slug: &str) -> String {
    naming::project_name(rng, pools, kind_slug)
}

/// A dataset name for a project kind slug, like "returns-faq-prompts".
pub fn dataset_name(rng: &mut Rng, pools: &TextPools, kind_slug: &str) -> String {
    naming::dataset_name(rng, pools, kind_slug)
}

/// A user-style global key like "returns-faq/q-0412": ASCII, at most 200 bytes, and unique
/// per `index` within a prefix because it ends in the index.
pub fn user_global_key(rng: &mut Rng, pools: &TextPools, index: u64) -> String {
    naming::user_global_key(rng, pools, index)
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

/// How long the main response should be: mostly 300 bytes to 2.5 KB, rarely up to 14 KB.
fn response_target(rng: &mut Rng) -> usize {
    if rng.chance(0.03) {
        rng.long_tail(3_000, 14_000) as usize
    } else {
        rng.long_tail(300, 2_500) as usize
    }
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
