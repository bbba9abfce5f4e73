//! Building blocks for Markdown text: slot templates, paragraphs, lists, tables and code fences.
//!
//! Everything appends to one pre-sized `String` with `push_str`, so a response costs a handful of
//! copies and no intermediate allocation.

use super::pools::TextPools;
use crate::rng::Rng;

/// The values a template's `$` slots expand to, drawn once per exchange so the prompt and its
/// responses talk about the same people and things.
///
/// Slots: `$N` full name, `$F` first name, `$C` city, `$K` company, `$P` product, `$S` subject,
/// `$O` other subject, `$L` language, `$#` the exchange's order (or ticket) number.
#[derive(Clone, Copy)]
pub(super) struct Slots<'a> {
    pub(super) name: &'a str,
    pub(super) first: &'a str,
    pub(super) city: &'a str,
    pub(super) company: &'a str,
    pub(super) product: &'a str,
    pub(super) subject: &'a str,
    pub(super) other: &'a str,
    pub(super) lang: &'a str,
    pub(super) order: u64,
}

impl<'a> Slots<'a> {
    /// Draws people, places and things from the pools; the subject slots start generic.
    pub(super) fn draw(rng: &mut Rng, pools: &'a TextPools) -> Self {
        let person = pools.person(rng);
        Slots {
            name: &person.full,
            first: &person.first,
            city: pools.city(rng),
            company: pools.company(rng),
            product: pools.product(rng),
            subject: "this",
            other: "the alternative",
            lang: "English",
            order: rng.range(10_000, 999_999),
        }
    }
}

/// Appends `tpl` with its `$` slots expanded; a `$` before any other character stays as it is.
pub(super) fn fill(out: &mut String, s: &Slots<'_>, tpl: &str) {
    let mut rest = tpl;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let value = match rest.as_bytes().get(i + 1) {
            Some(b'N') => s.name,
            Some(b'F') => s.first,
            Some(b'C') => s.city,
            Some(b'K') => s.company,
            Some(b'P') => s.product,
            Some(b'S') => s.subject,
            Some(b'O') => s.other,
            Some(b'L') => s.lang,
            Some(b'#') => {
                push_num(out, s.order);
                ""
            }
            _ => {
                out.push('$');
                rest = &rest[i + 1..];
                continue;
            }
        };
        out.push_str(value);
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
}

/// A uniform element of a list of static strings.
#[inline]
pub(super) fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.index(items.len())]
}

/// Appends a decimal number without going through `fmt`.
pub(super) fn push_num(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends a heading of the given level and a blank line.
pub(super) fn heading(out: &mut String, s: &Slots<'_>, level: usize, tpl: &str) {
    out.push_str(&"######"[..level.clamp(1, 6)]);
    out.push(' ');
    fill(out, s, tpl);
    out.push_str("\n\n");
}

/// Appends a paragraph of `n` consecutive sentences of `pool`, starting at a random one.
pub(super) fn para(out: &mut String, rng: &mut Rng, s: &Slots<'_>, pool: &[&str], n: usize) {
    let start = rng.index(pool.len());
    for k in 0..n.min(pool.len()) {
        if k > 0 {
            out.push(' ');
        }
        fill(out, s, pool[(start + k) % pool.len()]);
    }
    out.push_str("\n\n");
}

/// Appends a bulleted list of `n` consecutive items of `pool`, starting at a random one.
pub(super) fn bullets(out: &mut String, rng: &mut Rng, s: &Slots<'_>, pool: &[&str], n: usize) {
    let start = rng.index(pool.len());
    let marker = if rng.chance(0.85) { "- " } else { "* " };
    for k in 0..n.min(pool.len()) {
        out.push_str(marker);
        fill(out, s, pool[(start + k) % pool.len()]);
        out.push('\n');
    }
    out.push('\n');
}

/// Appends a numbered list of all of `items`, in order.
pub(super) fn numbered(out: &mut String, s: &Slots<'_>, items: &[&str]) {
    for (k, item) in items.iter().enumerate() {
        push_num(out, k as u64 + 1);
        out.push_str(". ");
        fill(out, s, item);
        out.push('\n');
    }
    out.push('\n');
}

/// Appends a fenced code block.
pub(super) fn fence(out: &mut String, lang: &str, code: &str) {
    out.push_str("```");
    out.push_str(lang);
    out.push('\n');
    out.push_str(code);
    out.push_str("\n```\n\n");
}

/// Appends a Markdown table with a header row and body rows of the same width.
pub(super) fn table(out: &mut String, s: &Slots<'_>, header: &[&str], rows: &[&[&str]]) {
    table_row(out, s, header);
    out.push('|');
    for _ in header {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in rows {
        table_row(out, s, row);
    }
    out.push('\n');
}

fn table_row(out: &mut String, s: &Slots<'_>, cells: &[&str]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        fill(out, s, cell);
        out.push_str(" |");
    }
    out.push('\n');
}

/// Removes trailing whitespace, so a text ends on its last visible character.
pub(super) fn finish(out: &mut String) {
    let end = out.trim_end().len();
    out.truncate(end);
}

/// Headings for the sections that pad out long answers.
const MORE_HEADINGS: &[&str] = &[
    "Things to watch out for",
    "A worked example",
    "Going further",
    "Common questions",
    "Why this matters",
    "Edge cases",
    "Putting it together",
    "Next steps",
    "Background",
    "Practical tips",
    "Alternatives",
    "Caveats",
    "A quick checklist",
    "In short",
];

/// Sentences in the voice of a thorough assistant; `$S` is the subject of the exchange.
const ELABORATION: &[&str] = &[
    "In practice, $S depends heavily on the context you are working in.",
    "A good rule of thumb is to start simple and only add complexity once you have a concrete reason.",
    "Most problems with $S come from small assumptions that nobody wrote down.",
    "It helps to keep a short checklist, because the same mistakes tend to come back.",
    "If you are unsure, test the smallest possible case first and build from there.",
    "Teams at companies like $K usually document this in a runbook so that nobody has to rediscover it.",
    "The details change over time, so double-check anything that looks out of date.",
    "None of this is exotic: it is mostly about being consistent.",
    "Keep in mind that $S can behave differently depending on your setup.",
    "When in doubt, write down what you expected to happen and compare it with what actually happened.",
    "You will get better results if you measure before and after each change.",
    "There is rarely a single right answer here, only trade-offs that fit your situation better or worse.",
    "For example, someone in $C may see a different outcome simply because of local rules or defaults.",
    "It is worth revisiting this after a few weeks, once you have real data.",
    "A second pair of eyes catches most of the remaining issues.",
    "Small, reversible steps are safer than one big change.",
    "If something looks wrong, it usually is: trust that instinct and take a closer look.",
    "Writing a short summary for your future self is one of the cheapest investments you can make.",
    "It also pays to check what others in your situation have done before reinventing anything.",
    "Be careful with shortcuts that save a minute today and cost an hour next month.",
    "The simplest explanation is usually the right one, but not always.",
    "If several people depend on this, agree on one approach and write it down where everyone can find it.",
    "Expect the first attempt to be imperfect; the second one is where things usually click.",
    "When $F from the $K team tried this, the biggest win came from removing steps rather than adding them.",
    "Timing matters too: doing this at a quiet moment makes mistakes cheaper.",
    "Once it works, resist the urge to optimise further until there is a real need.",
    "Edge cases deserve a quick test of their own, even if they seem unlikely.",
    "Finally, remember that good enough today often beats perfect next quarter.",
];

/// Generic tips usable as bullets in any long answer.
const TIPS: &[&str] = &[
    "**Start small:** try the simplest version first.",
    "**Write it down:** notes save time the second time around.",
    "**Check the defaults:** many surprises come from settings nobody changed.",
    "**Ask for help early:** a five-minute question beats a lost afternoon.",
    "**Measure:** numbers settle arguments faster than opinions.",
    "**Keep a backup** before you change anything important.",
    "**Review regularly:** what worked last year may not work now.",
    "**Automate the boring parts** once you have done them by hand twice.",
    "**Keep it readable:** clarity beats cleverness.",
    "**Set a deadline** for decisions so they don't drift.",
];

/// Appends padding sections (heading, paragraph, sometimes tips) until `out` reaches `target`
/// bytes, walking each pool in order from a random start so neighbouring sections differ.
pub(super) fn elaborate(out: &mut String, rng: &mut Rng, s: &Slots<'_>, target: usize) {
    let (mut h, mut e, mut t) = (
        rng.index(MORE_HEADINGS.len()),
        rng.index(ELABORATION.len()),
        rng.index(TIPS.len()),
    );
    while out.len() + 120 < target {
        out.push_str(if rng.chance(0.7) { "### " } else { "## " });
        out.push_str(MORE_HEADINGS[h % MORE_HEADINGS.len()]);
        out.push_str("\n\n");
        h += 1;
        for k in 0..rng.range(2, 5) {
            if k > 0 {
                out.push(' ');
            }
            fill(out, s, ELABORATION[e % ELABORATION.len()]);
            e += 1;
        }
        out.push_str("\n\n");
        if rng.chance(0.4) {
            for _ in 0..rng.range(2, 4) {
                out.push_str("- ");
                out.push_str(TIPS[t % TIPS.len()]);
                out.push('\n');
                t += 1;
            }
            out.push('\n');
        }
    }
}

/// Shortens `text` to at most `max` bytes at a paragraph break outside code fences, when that
/// keeps at least `min` bytes: an answer about as long as its author meant to write.
pub(super) fn fit(text: &mut String, max: usize, min: usize) {
    if text.len() <= max {
        return;
    }
    let mut cut = None;
    let mut fences = 0usize;
    let mut at = 0;
    for para in text.split_inclusive("\n\n") {
        fences += para.matches("```").count();
        at += para.len();
        if at > max {
            break;
        }
        if fences.is_multiple_of(2) && at >= min {
            cut = Some(at);
        }
    }
    if let Some(cut) = cut {
        text.truncate(cut);
    }
}
