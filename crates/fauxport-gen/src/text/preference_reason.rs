//! A rater's reason for a preference: it names the chosen response first and describes the actual
//! difference between the two candidates (or, for a noisy label, what the rater mistook).

use super::markdown::{pick, push_num};
use super::preference::{Flaw, Preference, Side, quote, tail, words};
use crate::rng::Rng;

/// A rater's reason for `chosen` (`None`: a tie), given the two candidates' texts. It names the
/// chosen response first and describes the actual difference, or, when the rater chose the worse
/// one, the plausible but mistaken thing they saw.
pub fn reason(
    pref: &Preference,
    chosen: Option<Side>,
    good: &str,
    bad: &str,
    rng: &mut Rng,
) -> String {
    let mut out = String::with_capacity(200);
    let Some(w) = chosen else {
        out.push_str(if rng.chance(0.5) {
            "Tie. Response A has "
        } else {
            "About equal: Response A has "
        });
        let (a, b) = match pref.better {
            Side::A => (good, bad),
            Side::B => (bad, good),
        };
        words(&mut out, a);
        out.push_str(" and Response B ");
        words(&mut out, b);
        out.push_str("; both answer the question and neither gets anything wrong.");
        return out;
    };
    let (wn, ln) = (w.name(), w.other().name());
    let agrees = w == pref.better;
    if rng.chance(0.35) {
        out.push_str(pick(rng, REASON_OPENERS));
    }
    out.push_str(wn);
    match (pref.flaw, agrees) {
        (Flaw::WrongFact, true) => {
            out.push_str(if rng.chance(0.5) {
                " is accurate. "
            } else {
                " gets the facts right, while "
            });
            out.push_str(ln);
            out.push_str(" says ");
            quote(&mut out, bad, 70);
            out.push_str(", which is wrong.");
        }
        (Flaw::Refusal, true) => {
            out.push_str(" actually answers the question. ");
            out.push_str(ln);
            out.push_str(" refuses a harmless request: ");
            quote(&mut out, bad, 60);
            out.push('.');
        }
        (Flaw::Truncated, true) => {
            out.push_str(" is complete (");
            words(&mut out, good);
            out.push_str("). ");
            out.push_str(ln);
            out.push_str(" stops mid-sentence after ");
            tail(&mut out, bad);
            out.push('.');
        }
        (Flaw::OffTopic, true) => {
            out.push_str(" answers what was asked; ");
            out.push_str(ln);
            out.push_str(" is about something else entirely: ");
            quote(&mut out, bad, 60);
            out.push('.');
        }
        (Flaw::Unsafe, true) => {
            out.push_str(" declines and offers safe alternatives. ");
            out.push_str(ln);
            out.push_str(" goes along with the request: ");
            quote(&mut out, bad, 70);
            out.push('.');
        }
        (Flaw::Verbose, true) => {
            out.push_str(" says the same in ");
            words(&mut out, good);
            out.push_str("; ");
            out.push_str(ln);
            out.push_str(" needs ");
            words(&mut out, bad);
            out.push_str(" and repeats itself.");
        }
        (Flaw::Formatting, true) => {
            out.push_str(pick(
                rng,
                &[
                    " is easier to follow: ",
                    " reads better: ",
                    " is easier to scan: ",
                    " is better laid out: ",
                ],
            ));
            out.push_str(layout(good));
            out.push_str(pick(rng, &[", where ", ", while ", "; "]));
            out.push_str(ln);
            out.push_str(pick(
                rng,
                &[
                    " is one block of ",
                    " is a single paragraph of ",
                    " runs everything together in ",
                ],
            ));
            words(&mut out, bad);
            out.push('.');
        }
        (Flaw::WrongFact, false) | (Flaw::Truncated, false) => {
            out.push_str(" is shorter and more direct (");
            words(&mut out, bad);
            out.push_str(" against ");
            words(&mut out, good);
            out.push_str(").");
        }
        (Flaw::Refusal, false) => {
            out.push_str(" is more careful; ");
            out.push_str(ln);
            out.push_str(" goes into ");
            words(&mut out, good);
            out.push_str(" of detail.");
        }
        (Flaw::OffTopic, false) | (Flaw::Unsafe, false) => {
            out.push_str(" does more of what the user wanted: ");
            quote(&mut out, bad, 60);
            out.push('.');
        }
        (Flaw::Verbose, false) => {
            out.push_str(" is more thorough (");
            words(&mut out, bad);
            out.push_str(" against ");
            words(&mut out, good);
            out.push_str(").");
        }
        (Flaw::Formatting, false) => {
            out.push_str(" reads more naturally without the Markdown; it starts ");
            quote(&mut out, bad, 50);
            out.push('.');
        }
    }
    let chosen_text = if agrees { good } else { bad };
    match rng.below(4) {
        0 => {
            out.push_str(" I'd rate it ");
            push_num(&mut out, 3 + rng.below(3));
            out.push_str("/5.");
        }
        1 => {
            out.push_str(" It opens with ");
            quote(&mut out, chosen_text, 40);
            out.push('.');
        }
        2 => out.push_str(pick(rng, REASON_CLOSERS)),
        _ => {}
    }
    out
}

const REASON_OPENERS: &[&str] = &[
    "Easy call. ",
    "Read both twice. ",
    "After checking both: ",
    "Close one. ",
    "Clear difference here. ",
    "Compared side by side: ",
];

const REASON_CLOSERS: &[&str] = &[
    " Confidence: high.",
    " Confidence: medium.",
    " Flagging for the guideline review.",
    " Same call as the last similar task.",
    " Checked the facts against the policy page.",
];

/// What makes a formatted answer easy to scan.
fn layout(text: &str) -> &'static str {
    if text.contains("```") {
        "the code is in a block with an explanation under it"
    } else if text.contains("\n| ") {
        "it puts the comparison in a table"
    } else if text.contains("\n1. ") {
        "it gives numbered steps"
    } else if text.contains("\n- ") {
        "it uses bullet points"
    } else {
        "it is split into short paragraphs"
    }
}
