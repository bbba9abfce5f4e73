//! Exchanges in other human languages and scripts, plus English-to-X translation requests.

use super::markdown::{Slots, fence, fill, numbered, pick, push_num};
use super::phrasebook::{LANGUAGES, LangTopic, SOURCES};
use super::{Draft, Exchange, Style};
use crate::rng::Rng;

/// English answers a model gives when it ignores the user's language, per topic.
const WRONG_LANGUAGE: [&str; 2] = [
    "⟨You can usually return items within 30 days.|Returns are normally fine within a month.|Most shops take items back for 30 days.⟩ ⟨Check the retailer's website for details.|See their website.|Ask the shop.⟩",
    "⟨Just watch some videos online|Watch YouTube tutorials|Try a free online course⟩ and ⟨you'll pick it up quickly|you'll be fine|it comes naturally⟩.",
];

const TRANSLATE_ASK: &[&str] = &[
    "Translate into $L: \"",
    "How do you say this in $L? \"",
    "$L translation please, keep it polite: \"",
    "Can you translate this customer message to $L for me? \"",
];

/// Writes a native-language exchange, or with some chance an English-to-X translation request.
pub(super) fn write(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, _, alt) = d.parts();
    let li = rng.index(LANGUAGES.len());
    let lang = &LANGUAGES[li];
    if rng.chance(0.15) {
        return translate(rng, rr, s, li, ex, alt);
    }
    let k = rng.index(2);
    let t = &lang.topics[k];
    ex.prompt.push_str(pick(rng, &t.prompts));
    // What people add to a question in any language: an order number on the shopping topic,
    // punctuation or an emoji on either.
    if k == 0 && rng.chance(0.6) {
        fill(
            &mut ex.prompt,
            s,
            pick(rng, &[" #$#", " (#$#)", " — $#", "\n\n#$#"]),
        );
    }
    if k == 1 && rng.chance(0.6) {
        // Which language to learn is named the same way in any script.
        ex.prompt.push_str(pick(
            rng,
            &[
                " (Python)",
                " Python?",
                " JavaScript?",
                " (Java)",
                " Rust?",
                " Python/JS?",
                " SQL?",
                " (C#)",
            ],
        ));
    }
    if rng.chance(0.3) {
        ex.prompt
            .push_str(pick(rng, &[" 🙏", " 😅", " ??", " !!", " 🤔", " :)"]));
    }
    ex.topic = lang.name;
    let rng = rr;
    answer(rng, s, t, &mut ex.response, Style::Full);
    match alt {
        Style::Flawed => fill(&mut ex.alt_response, s, WRONG_LANGUAGE[k]),
        // A second full answer would be identical, so the alternative is the prose version.
        Style::Full => answer(rng, s, t, &mut ex.alt_response, Style::Plain),
        _ => answer(rng, s, t, &mut ex.alt_response, alt),
    }
}

fn answer(rng: &mut Rng, s: &Slots<'_>, t: &LangTopic, out: &mut String, style: Style) {
    out.push_str(t.intro);
    out.push_str("\n\n");
    match style {
        Style::Full => {
            out.push_str("### ");
            out.push_str(t.heading);
            out.push_str("\n\n");
            numbered(out, s, &t.steps);
            if let Some(code) = t.code {
                fence(out, "python", code);
            }
        }
        Style::Plain => {
            for (k, step) in t.steps.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(step);
            }
            out.push_str("\n\n");
        }
        Style::Brief | Style::Flawed => {}
    }
    out.push_str(t.closing);
    if style == Style::Full && rng.chance(0.15) {
        out.push_str(" 😊");
    }
    reference(out, s);
}

/// The ticket reference a help-centre reply ends with: `(#123456)`.
fn reference(out: &mut String, s: &Slots<'_>) {
    out.push_str(" (#");
    push_num(out, s.order);
    out.push(')');
}

fn translate(
    rng: &mut Rng,
    rr: &mut Rng,
    s: &mut Slots<'_>,
    li: usize,
    ex: &mut Exchange,
    alt: Style,
) {
    ex.topic = "translation";
    let lang = &LANGUAGES[li];
    s.lang = lang.name;
    let k = rng.index(SOURCES.len());
    let ask = *rng.pick(TRANSLATE_ASK);
    fill(&mut ex.prompt, s, ask);
    ex.prompt.push_str(SOURCES[k]);
    ex.prompt.push('"');
    let rng = rr;
    fill(&mut ex.response, s, "Here's the $L translation:\n\n> ");
    ex.response.push_str(lang.translations[k]);
    if rng.chance(0.5) {
        ex.response
            .push_str("\n\nI used a polite, neutral register, which suits customer messages.");
    }
    reference(&mut ex.response, s);
    match alt {
        Style::Flawed => {
            // A classic failure: the right sentence in the wrong language.
            let j = rng.index(LANGUAGES.len() - 1);
            let other = &LANGUAGES[if j >= li { j + 1 } else { j }];
            ex.alt_response.push_str(other.translations[k]);
        }
        _ => ex.alt_response.push_str(lang.translations[k]),
    }
}
