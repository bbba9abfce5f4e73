//! Preference pairs: two candidates with a known difference, a rater's choice that agrees with it
//! except at the annotator-noise rate, and a reason that names the chosen response and the
//! actual difference.

use super::markdown::{elaborate, pick, push_num};
use super::{Alt, Domain, Exchange, Slots, TextPools};
use crate::rng::Rng;

pub use super::preference_reason::reason;

/// What makes the worse candidate worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// It states something false (or gives broken code, or the wrong language).
    WrongFact,
    /// It refuses a harmless request.
    Refusal,
    /// It stops mid-sentence.
    Truncated,
    /// It answers a different question.
    OffTopic,
    /// It goes along with a harmful request.
    Unsafe,
    /// It says the same at twice the length.
    Verbose,
    /// It is correct but an unformatted block.
    Formatting,
}

impl Flaw {
    /// Draws the difference for a pair in `domain`: a jailbreak's worse answer complies.
    pub fn draw(domain: Domain, rng: &mut Rng) -> Flaw {
        if domain == Domain::RedTeam {
            return match rng.below(10) {
                0..=5 => Flaw::Unsafe,
                6 | 7 => Flaw::Verbose,
                _ => Flaw::Truncated,
            };
        }
        if domain == Domain::Creative {
            // A worse e-mail, product copy, summary or role-play is lazy or refuses; it has no
            // fact to get wrong.
            return match rng.below(15) {
                0 | 1 => Flaw::Refusal,
                2..=4 => Flaw::Truncated,
                5 | 6 => Flaw::OffTopic,
                7..=10 => Flaw::Verbose,
                _ => Flaw::Formatting,
            };
        }
        match rng.below(20) {
            0..=4 => Flaw::WrongFact,
            5 | 6 => Flaw::Refusal,
            7..=9 => Flaw::Truncated,
            10 | 11 => Flaw::OffTopic,
            12..=15 => Flaw::Verbose,
            _ => Flaw::Formatting,
        }
    }

    /// How the exchange's alternative must be written for this flaw.
    pub fn alt(self) -> Alt {
        match self {
            Flaw::WrongFact | Flaw::Unsafe => Alt::Wrong,
            Flaw::Formatting => Alt::Plain,
            _ => Alt::Brief,
        }
    }

    /// The "Issues found" option a careful rater checks for it, if any.
    pub fn issue(self) -> Option<&'static str> {
        match self {
            Flaw::WrongFact => Some("Factual error"),
            Flaw::Unsafe => Some("Unsafe content"),
            Flaw::Refusal | Flaw::Truncated | Flaw::OffTopic => Some("Ignores instructions"),
            Flaw::Verbose => Some("Verbose"),
            Flaw::Formatting => None,
        }
    }

    /// Whether the difference is small enough for a rater to call it a tie.
    fn minor(self) -> bool {
        matches!(self, Flaw::Formatting | Flaw::Verbose)
    }
}

/// "Response A" or "Response B".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The first model output.
    A,
    /// The second.
    B,
}

impl Side {
    /// The option name raters choose ("Response A").
    pub fn name(self) -> &'static str {
        match self {
            Side::A => "Response A",
            Side::B => "Response B",
        }
    }

    pub(super) fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// One pair's ground truth and one rater's reading of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preference {
    /// The difference between the candidates.
    pub flaw: Flaw,
    /// Where the better candidate is shown.
    pub better: Side,
}

/// Share of minor differences a rater calls a tie.
const TIE_RATE: f64 = 0.1;

impl Preference {
    /// Draws a pair's ground truth.
    pub fn draw(domain: Domain, rng: &mut Rng) -> Preference {
        let flaw = Flaw::draw(domain, rng);
        let better = if rng.chance(0.5) { Side::A } else { Side::B };
        Preference { flaw, better }
    }

    /// A rater's choice: the better side, except at `noise` (the other side) and for some minor
    /// differences (`None`: a tie).
    pub fn choose(&self, noise: f64, rng: &mut Rng) -> Option<Side> {
        if self.flaw.minor() && rng.chance(TIE_RATE) {
            None
        } else if rng.chance(noise) {
            Some(self.better.other())
        } else {
            Some(self.better)
        }
    }
}

/// Refusal openings for harmless requests (the [`Flaw::Refusal`] candidate).
const REFUSALS: &[&str] = &[
    "I'm sorry, but I can't help with ",
    "Unfortunately I'm not able to assist with ",
    "I won't be able to answer ",
    "That's outside what I can help with: ",
    "Apologies, I can't provide guidance on ",
    "I'm not allowed to discuss ",
    "Sorry, I have to decline ",
    "As an AI, I'm unable to help with ",
    "I can't assist with ",
    "My guidelines don't let me cover ",
];

const REFUSAL_ENDS: &[&str] = &[
    ". Please contact a qualified professional.",
    ". Is there anything else I can do for you?",
    ". You may want to check the official documentation.",
    ". I'd suggest asking someone who knows your situation.",
];

/// Writes the worse candidate for `flaw` from the exchange: `off_topic` is another exchange's
/// answer (used by [`Flaw::OffTopic`] only).
pub fn worse(
    flaw: Flaw,
    ex: &Exchange,
    off_topic: Option<&str>,
    pools: &TextPools,
    rng: &mut Rng,
) -> String {
    match flaw {
        Flaw::WrongFact | Flaw::Unsafe | Flaw::Formatting => ex.alt_response.clone(),
        Flaw::Refusal => {
            let mut out = String::with_capacity(160);
            out.push_str(pick(rng, REFUSALS));
            refused(&mut out, ex, rng);
            out.push_str(pick(rng, REFUSAL_ENDS));
            out
        }
        Flaw::Truncated => {
            let r = &ex.response;
            let cut = r.len() * (30 + rng.below(30) as usize) / 100;
            let mut end = cut.min(r.len());
            while end > 0 && !r.is_char_boundary(end) {
                end -= 1;
            }
            let head = r[..end].trim_end();
            let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
            head.trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_owned()
        }
        Flaw::OffTopic => off_topic.unwrap_or(&ex.alt_response).to_owned(),
        Flaw::Verbose => {
            let mut out = String::with_capacity(ex.response.len() * 2 + 512);
            out.push_str(&ex.response);
            out.push_str(pick(rng, RECAPS));
            let first = ex.response.split("\n\n").next().unwrap_or_default();
            out.push_str(first);
            out.push_str("\n\n");
            let slots = Slots::draw(rng, pools);
            elaborate(&mut out, rng, &slots, ex.response.len() * 2);
            out
        }
    }
}

/// What a refusal declines: the exchange's own topic ("questions about refunds", "Python
/// code", "the e-mail") or its domain.
fn refused(out: &mut String, ex: &Exchange, rng: &mut Rng) {
    let topic = ex.topic;
    if topic.is_empty() || rng.chance(0.25) {
        out.push_str(subject(ex));
        return;
    }
    let (before, after) = match ex.domain {
        Domain::Support => (
            *rng.pick(&["questions about ", "anything involving ", "requests about "]),
            "",
        ),
        Domain::Code => ("", *rng.pick(&[" code", " questions", " debugging"])),
        Domain::Creative => (*rng.pick(&["this ", "that kind of ", "a "]), " request"),
        Domain::Multilingual => ("questions in ", ""),
        Domain::Explain | Domain::RedTeam => {
            (*rng.pick(&["questions about ", "", "topics like "]), "")
        }
    };
    out.push_str(before);
    out.push_str(topic);
    out.push_str(after);
}

/// What an exchange is about, as a noun phrase for reasons and refusals.
fn subject(ex: &Exchange) -> &'static str {
    match ex.domain {
        Domain::Support => "order and account questions",
        Domain::Code => "programming questions",
        Domain::Explain => "this kind of topic",
        Domain::Creative => "writing requests",
        Domain::RedTeam => "that",
        Domain::Multilingual => "questions in that language",
    }
}

/// Appends at most `max` bytes of the first sentence of `text`, whole words, in quotes.
pub(super) fn quote(out: &mut String, text: &str, max: usize) {
    let line = text
        .split(['\n', '.', '?', '!'])
        .map(|l| l.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|l| l.len() > 12)
        .unwrap_or_else(|| text.trim());
    let mut end = line.len().min(max);
    while end < line.len() && !line.is_char_boundary(end) {
        end += 1;
    }
    let mut cut = &line[..end];
    if end < line.len() {
        cut = cut.rsplit_once(' ').map_or(cut, |(h, _)| h);
    }
    out.push('"');
    out.push_str(cut);
    if end < line.len() {
        out.push_str("...");
    }
    out.push('"');
}

/// The last few words of `text`.
pub(super) fn tail(out: &mut String, text: &str) {
    let words: Vec<&str> = text.split_whitespace().collect();
    out.push_str("\"...");
    out.push_str(&words[words.len().saturating_sub(5)..].join(" "));
    out.push('"');
}

/// `text`'s length in words, as "N words".
pub(super) fn words(out: &mut String, text: &str) {
    push_num(out, text.split_whitespace().count() as u64);
    out.push_str(" words");
}

const RECAPS: &[&str] = &[
    "\n\nTo recap what I said above: ",
    "\n\nIn other words, once more: ",
    "\n\nLet me repeat the key point. ",
    "\n\nSo, just to be completely clear: ",
    "\n\nAgain, ",
    "\n\nTo sum up everything once more: ",
    "\n\nRepeating the main point for emphasis: ",
    "\n\nOne more time, to be thorough: ",
];

/// Model names shown on the two outputs, as teams name their configs.
pub const MODELS: &[&str] = &[
    "gpt-4o-2024-08-06",
    "gpt-4o-mini",
    "claude-3-5-sonnet-20241022",
    "claude-3-haiku-20240307",
    "gemini-1.5-pro-002",
    "llama-3.1-70b-instruct",
    "mistral-large-2407",
    "qwen2.5-72b-instruct",
    "internal-sft-v7",
    "internal-rlhf-v7.2",
];

/// Two different model names for a pair.
pub fn models(rng: &mut Rng) -> (&'static str, &'static str) {
    let a = rng.index(MODELS.len());
    let b = (a + 1 + rng.index(MODELS.len() - 1)) % MODELS.len();
    (MODELS[a], MODELS[b])
}
