//! Hostile-but-valid text: strings that are legal UTF-8 and legal JSON once escaped, but that
//! break naive parsers, renderers, diff tools and column counters.

use super::markdown::{Slots, elaborate, fill, pick, push_num};
use super::pools::TextPools;
use super::{Alt, Exchange, Situation, reason as plain_reason};
use crate::rng::Rng;

/// The kinds of hostile text; one is picked per call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// An empty string.
    Empty,
    /// A response of about 100 KB.
    Huge,
    /// Right-to-left scripts mixed with left-to-right text, digits and bidi control marks.
    Bidi,
    /// Letters buried under combining diacritics ("zalgo").
    Zalgo,
    /// Quotes, backslashes, unbalanced braces and JSON-looking text.
    JsonLike,
    /// NUL, BEL, ESC and other control characters, plus tabs.
    Control,
    /// Zero-width joiners, emoji ZWJ sequences and other invisible characters.
    Zwj,
    /// One very long word with no spaces.
    LongWord,
    /// Lines holding only whitespace.
    BlankLines,
    /// Windows `\r\n` line endings.
    Crlf,
}

/// Every kind, in a fixed order.
pub(super) const KINDS: [Kind; 10] = [
    Kind::Empty,
    Kind::Huge,
    Kind::Bidi,
    Kind::Zalgo,
    Kind::JsonLike,
    Kind::Control,
    Kind::Zwj,
    Kind::LongWord,
    Kind::BlankLines,
    Kind::Crlf,
];

const BIDI: &[&str] = &[
    "Order #$# / الطلب رقم 4471 تم شحنه via DHL Express في 2024-03-05.",
    "ההזמנה 88231 נשלחה ל-$C, ETA 3 ימים (tracking: 1Z999AA10123456784).",
    "Invoice \u{202E}fdp.exe\u{202C} attached, total 1,299.00 ر.س شامل الضريبة 15%.",
    "שלום $F, your code is 4471-XK. תודה!",
    "\u{200F}123\u{200E}abc\u{200F}456 \u{2067}עברית 789\u{2069} end",
    "مرحبا $F! رصيدك الحالي هو -42.50 USD (آخر تحديث 12:30).",
    "Version 2.0.1 (גרסה ٢٫٠٫١) released on ١٤ مارس 2024.",
    "\u{202B}טקסט מוטמע with English words and 3.14159\u{202C}",
];

const JSON_LIKE: &[&str] = &[
    "{\"role\": \"user\", \"content\": \"x{y\"}",
    "{\"unterminated\": \"value",
    "\\\"escaped quotes\\\" and a lone \\",
    "C:\\Users\\admin\\Desktop\\new folder\\",
    "\\u0000 is six characters here, not a NUL",
    "{{ user.name }} and ${HOME} and %s and {0}",
    "}}}{{{",
    "{\"__proto__\": {\"isAdmin\": true}}",
    "'; DROP TABLE labels; --",
    "</script><script>alert(\"x\")</script>",
    "\"quoted \"nested\" quotes\"",
    "a literal \\n is not a newline",
];

const CONTROL: &[&str] = &[
    "col1\tcol2\tcol3",
    "bell\u{7}",
    "back\u{8}space",
    "\u{1b}[31mred\u{1b}[0m",
    "form\u{c}feed",
    "vertical\u{b}tab",
    "del\u{7f}ete",
    "next\u{85}line",
    "\u{1}\u{2}\u{3}\u{4}",
    "replacement \u{fffd} and noncharacter \u{fffe}",
];

const ZWJ: &[&str] = &[
    "👩\u{200d}💻",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🏳\u{fe0f}\u{200d}🌈",
    "🧑🏽\u{200d}🚀",
    "❤\u{fe0f}\u{200d}🔥",
    "🇯🇵🇩🇪",
    "zero\u{200b}width\u{200b}space",
    "word\u{2060}joiner",
    "\u{feff}BOM in the middle",
    "non\u{200c}joiner",
    "🫶🏾 done",
];

const WORDS: &[&str] = &[
    "Please check the attached file.",
    "This is fine.",
    "Refund approved for order $#.",
    "The quick brown fox jumps over the lazy dog.",
    "Hello $F, welcome to $K.",
];

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Writes an exchange whose fields carry one hostile kind.
pub(super) fn exchange(
    situation: &Situation,
    rng: &mut Rng,
    responder: &mut Rng,
    pools: &TextPools,
) -> Exchange {
    let kind = *rng.pick(&KINDS);
    let mut ex = super::exchange(situation, rng, responder, pools, false, Alt::Plain);
    let s = Slots::draw(rng, pools);
    match kind {
        Kind::Empty => {
            ex.response.clear();
            if rng.chance(0.5) {
                ex.prompt.clear();
            }
            if rng.chance(0.5) {
                ex.alt_response.clear();
            }
        }
        Kind::Huge => {
            let target = rng.range(100_000, 110_000) as usize;
            ex.response.reserve(target + 1_000);
            ex.response.push_str("\n\n");
            elaborate(&mut ex.response, rng, &s, target);
        }
        Kind::Crlf => {
            ex.response = ex.response.replace('\n', "\r\n");
            if rng.chance(0.5) {
                ex.prompt.push_str("\r\nSecond line\r\n");
            }
            ex.alt_response = ex.alt_response.replace('\n', "\r\n");
        }
        _ => {
            ex.response = text(rng, &s, kind, true);
            if rng.chance(0.5) {
                ex.prompt = text(rng, &s, kind, false);
            }
            if rng.chance(0.5) {
                ex.alt_response = text(rng, &s, kind, false);
            }
        }
    }
    ex
}

/// A hostile rater's reason of a random kind (the huge kind stays under 20 KB here).
pub(super) fn reason(rng: &mut Rng, pools: &TextPools) -> String {
    let kind = *rng.pick(&KINDS);
    let s = Slots::draw(rng, pools);
    match kind {
        Kind::Empty => String::new(),
        Kind::Huge => {
            let mut out = plain_reason(rng, pools, false);
            out.push_str("\n\n");
            let target = rng.range(8_000, 20_000) as usize;
            elaborate(&mut out, rng, &s, target);
            out
        }
        Kind::Crlf => {
            let mut out = plain_reason(rng, pools, false);
            out.push_str("\r\n\r\n");
            out.push_str(&plain_reason(rng, pools, false));
            out
        }
        _ => text(rng, &s, kind, false),
    }
}

/// Hostile text of one kind; `big` asks for a response-sized string rather than a short one.
fn text(rng: &mut Rng, s: &Slots<'_>, kind: Kind, big: bool) -> String {
    let pieces = if big {
        rng.range(6, 24)
    } else {
        rng.range(1, 4)
    } as usize;
    let mut out = String::with_capacity(pieces * 64);
    match kind {
        Kind::Bidi => join(&mut out, rng, s, BIDI, pieces, "\n"),
        Kind::JsonLike => {
            out.push_str("x{y \\\" ");
            join(&mut out, rng, s, JSON_LIKE, pieces, " ");
        }
        Kind::Control => {
            out.push_str("NUL:\u{0}:end ");
            join(&mut out, rng, s, CONTROL, pieces, " ");
        }
        Kind::Zwj => {
            out.push_str("👩\u{200d}👩\u{200d}👦 ");
            join(&mut out, rng, s, ZWJ, pieces, " ");
        }
        Kind::Zalgo => {
            let mut plain = String::new();
            join(&mut plain, rng, s, WORDS, pieces, " ");
            for c in plain.chars() {
                out.push(c);
                for _ in 0..rng.range(1, 6) {
                    out.push(char::from_u32(0x300 + rng.below(0x70) as u32).unwrap_or('\u{301}'));
                }
            }
        }
        Kind::LongWord => {
            let len = if big {
                rng.range(5_000, 60_000)
            } else {
                rng.range(300, 2_000)
            } as usize;
            long_word(&mut out, rng, len);
        }
        Kind::BlankLines => {
            for k in 0..pieces.max(2) {
                let line = *rng.pick(WORDS);
                fill(&mut out, s, line);
                out.push('\n');
                out.push_str(pick(
                    rng,
                    &["   ", "\t", "\u{a0}\u{a0}", " \u{3000} ", "\t \t"],
                ));
                out.push('\n');
                if k % 2 == 1 {
                    out.push('\n');
                }
            }
        }
        Kind::Empty | Kind::Huge | Kind::Crlf => join(&mut out, rng, s, WORDS, pieces, " "),
    }
    out
}

/// Appends `n` consecutive pieces of `pool` (with slots filled) separated by `sep`.
fn join(
    out: &mut String,
    rng: &mut Rng,
    s: &Slots<'_>,
    pool: &[&'static str],
    n: usize,
    sep: &str,
) {
    let start = rng.index(pool.len());
    for k in 0..n {
        if k > 0 {
            out.push_str(sep);
        }
        fill(out, s, pool[(start + k) % pool.len()]);
    }
}

/// Appends one word of about `len` bytes: a base64 blob, a URL or a run-on compound.
fn long_word(out: &mut String, rng: &mut Rng, len: usize) {
    match rng.below(3) {
        0 => {
            out.push_str("data:image/png;base64,");
            while out.len() < len {
                let mut bits = rng.next_u64();
                for _ in 0..10 {
                    out.push(char::from(BASE64[(bits & 63) as usize]));
                    bits >>= 6;
                }
            }
        }
        1 => {
            out.push_str("https://example.com/search?session=");
            while out.len() < len {
                out.push_str("&q=");
                push_num(out, rng.next_u64());
            }
        }
        _ => {
            while out.len() < len {
                out.push_str(pick(
                    rng,
                    &[
                        "Super",
                        "califragilistic",
                        "expiali",
                        "docious",
                        "Donau",
                        "dampfschiff",
                        "fahrts",
                        "gesellschaft",
                    ],
                ));
            }
        }
    }
}
