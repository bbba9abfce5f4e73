//! Coding exchanges: "write / fix / explain this code" prompts answered with code fences.

use super::code_snippets::{ASK, INTROS, SNIPPETS, Snippet, WRAP_UPS};
use super::markdown::{Slots, bullets, elaborate, fence, fill, heading, para};
use super::{Draft, Style};
use crate::rng::Rng;

/// Writes a coding prompt, a full answer and an alternative answer in `alt` style.
pub(super) fn write(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, target, alt) = d.parts();
    let sn = rng.pick(SNIPPETS);
    ex.topic = sn.name;
    s.subject = sn.task;
    s.lang = sn.name;
    s.other = match sn.fence {
        "sql" => "query",
        "bash" => "script",
        _ => "function",
    };
    let debugging = rng.chance(0.25);
    if debugging {
        fill(
            &mut ex.prompt,
            s,
            "My $L code to $S doesn't work and I can't see why:\n\n",
        );
        fence(&mut ex.prompt, sn.fence, sn.broken);
        ex.prompt.push_str("What am I doing wrong?");
    } else {
        let ask = *rng.pick(ASK);
        fill(&mut ex.prompt, s, ask);
    }
    let rng = rr;
    answer(rng, s, sn, &mut ex.response, Style::Full, target, debugging);
    answer(rng, s, sn, &mut ex.alt_response, alt, target / 2, debugging);
}

fn answer(
    rng: &mut Rng,
    s: &Slots<'_>,
    sn: &Snippet,
    out: &mut String,
    style: Style,
    target: usize,
    debugging: bool,
) {
    // Padding sentences talk about "$S" as a noun, which a task phrase is not.
    let mut padded = *s;
    padded.subject = "this approach";
    match style {
        Style::Full => {
            if debugging {
                out.push_str("The problem is that ");
                out.push_str(sn.bug);
                out.push_str(". Here's a corrected version:\n\n");
            } else {
                let intro = *rng.pick(INTROS);
                fill(out, s, intro);
                out.push_str("\n\n");
            }
            fence(out, sn.fence, sn.code);
            heading(out, s, 3, "How it works");
            bullets(out, rng, s, sn.notes, sn.notes.len());
            if out.len() < target && rng.chance(0.6) {
                out.push_str("To run it:\n\n");
                fence(out, "bash", sn.run);
            }
            if out.len() + 300 < target {
                elaborate(out, rng, &padded, target.saturating_sub(120));
            }
            let wrap = *rng.pick(WRAP_UPS);
            fill(out, s, wrap);
        }
        Style::Brief => fence(out, sn.fence, sn.code),
        Style::Plain => {
            fill(out, s, "You can $S like this. ");
            para(out, rng, s, sn.notes, 2);
            fence(out, sn.fence, sn.code);
        }
        Style::Flawed => {
            out.push_str("Just use a library for this, there's no need to write it yourself. ");
            if debugging {
                out.push_str("Your code looks fine to me; maybe restart your editor.");
            } else {
                out.push_str("Something like `");
                out.push_str(sn.run);
                out.push_str("` should do it.");
            }
        }
    }
}
