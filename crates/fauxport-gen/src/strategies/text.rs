//! Strings: hostile free text, and the few string kinds with a shape (e-mails, URLs).
//!
//! A hostile string is a concatenation of *pieces*, each drawn from one family of trouble. Shrinking
//! drops pieces and moves each one towards the first of its family, so a failure ends up as the
//! one piece that breaks the reader. Invisible and bidi characters are written as `\u{..}` escapes
//! so the source stays readable.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Upper bound, in bytes, of [`long_string`].
pub const LONG_MAX_BYTES: usize = 100_000;

/// Upper bound, in characters, of [`hostile_short_string`].
pub const SHORT_MAX_CHARS: usize = 200;

/// Any string, hostile cases included; about 1 in 100 is long (up to [`LONG_MAX_BYTES`]).
///
/// Use it for free text: prompts, responses, `row_data`, answer contents.
pub fn hostile_string() -> BoxedStrategy<String> {
    prop_oneof![
        2 => Just(String::new()),
        70 => pieces(),
        12 => any::<String>(),
        15 => plain_text(),
        1 => long_string(),
    ]
    .boxed()
}

/// Like [`hostile_string`] but never long: at most [`SHORT_MAX_CHARS`] characters.
///
/// Use it for names, keys and ids that are free strings (`global_key` is capped at 200).
pub fn hostile_short_string() -> BoxedStrategy<String> {
    prop_oneof![
        2 => Just(String::new()),
        70 => pieces(),
        12 => any::<String>(),
        15 => plain_text(),
    ]
    .prop_map(|s| {
        if s.chars().count() > SHORT_MAX_CHARS {
            s.chars().take(SHORT_MAX_CHARS).collect()
        } else {
            s
        }
    })
    .boxed()
}

/// A long string: a hostile unit repeated to between 1 KB and [`LONG_MAX_BYTES`] bytes.
///
/// It shrinks by repeating less, so a failure that needs length shows a shorter one.
pub fn long_string() -> BoxedStrategy<String> {
    (pieces(), 1_000..=LONG_MAX_BYTES)
        .prop_map(|(unit, bytes)| {
            // `pieces` is never empty; the guard only keeps the division below well defined.
            let unit = if unit.is_empty() {
                "long \\\"text\"\n".to_owned()
            } else {
                unit
            };
            unit.repeat((bytes / unit.len()).max(1))
        })
        .boxed()
}

/// An e-mail address (`created_by`), mostly plausible, sometimes any short string.
pub fn email() -> BoxedStrategy<String> {
    prop_oneof![
        9 => "[a-z]{1,10}(\\.[a-z]{1,10})?(\\+[a-z0-9]{1,6})?@(example\\.com|labelbox\\.com|[a-z]{2,12}\\.(org|io|co\\.uk))",
        1 => hostile_short_string(),
    ].boxed()
}

/// A URL (hosted assets, attachments, `View Label`), sometimes with hostile query strings.
pub fn url() -> BoxedStrategy<String> {
    prop_oneof![
        8 => "https://(storage\\.googleapis\\.com|lb-assets\\.example\\.com|app\\.labelbox\\.com)/[a-z0-9/_-]{1,40}(\\.(txt|json|png|pdf|html))?",
        1 => "https://example\\.com/[a-z]{1,8}\\?q=[a-z%0-9&=]{0,30}(#[a-z]{1,8})?",
        1 => hostile_short_string(),
    ].boxed()
}

/// Ordinary prose: letters, digits, punctuation and spaces.
fn plain_text() -> BoxedStrategy<String> {
    "[A-Za-z0-9 ,.?!'-]{1,60}".boxed()
}

/// One to eight hostile pieces, concatenated.
fn pieces() -> BoxedStrategy<String> {
    vec(piece(), 1..8).prop_map(|parts| parts.concat()).boxed()
}

/// One piece of hostile text.
fn piece() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ]{1,12}",
        2 => select(RTL).prop_map(str::to_owned),
        2 => select(COMBINING).prop_map(str::to_owned),
        2 => select(EMOJI).prop_map(str::to_owned),
        2 => select(QUOTES).prop_map(str::to_owned),
        2 => select(BACKSLASHES).prop_map(str::to_owned),
        2 => select(BRACES).prop_map(str::to_owned),
        3 => select(CONTROL).prop_map(str::to_owned),
        2 => select(OTHER).prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
    ]
    .boxed()
}

/// Right-to-left scripts, mixed direction and bidi controls.
const RTL: &[&str] = &[
    "مرحبا بالعالم",
    "שלום עולם",
    "abc \u{200F}مرحبا\u{200E} def",
    "\u{202B}embedded rtl\u{202C}",
    "\u{202E}override\u{202C}",
    "\u{2067}isolate\u{2069}",
    "١٢٣٤",
    "עִבְרִית",
];

/// Combining marks, alone and stacked, and scripts that need them.
const COMBINING: &[&str] = &[
    "e\u{301}",
    "n\u{303}",
    "a\u{30A}\u{301}",
    "Z\u{351}\u{36B}\u{343}\u{36A}\u{302}\u{352}\u{30E}",
    "\u{301}",
    "\u{915}\u{94D}\u{937}\u{93F}",
    "\u{E01}\u{E49}\u{E33}",
    "ǅ",
];

/// Emoji: ZWJ sequences, flags, skin tones, variation selectors and a lone joiner.
const EMOJI: &[&str] = &[
    "\u{1F469}\u{200D}\u{1F4BB}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "\u{1F1FA}\u{1F1F8}",
    "\u{1F44D}\u{1F3FD}",
    "\u{2764}\u{FE0F}",
    "\u{200D}",
    "\u{1F9D1}\u{1F3FF}\u{200D}\u{1F91D}\u{200D}\u{1F9D1}\u{1F3FB}",
];

/// Quotes of every kind, and already-escaped ones.
const QUOTES: &[&str] = &[
    "\"",
    "'",
    "`",
    "\"\"",
    "\u{201C}quoted\u{201D}",
    "\u{2018}\u{2019}",
    "\u{AB}\u{BB}",
    "\\\"",
    "'\"'",
];

/// Backslashes, and text that looks like JSON escapes.
const BACKSLASHES: &[&str] = &[
    "\\",
    "\\\\",
    "\\n",
    "\\u0000",
    "\\ud800",
    "C:\\path\\to\\file",
    "\\\"",
    "\\/",
];

/// Braces and brackets, balanced and not, and text that is itself JSON.
const BRACES: &[&str] = &[
    "{",
    "}",
    "x{y",
    "}{",
    "{{",
    "}}",
    "[",
    "]",
    "[{]}",
    "{\"a\":1}",
    "${x}",
    "{0}",
    "{\"type\":\"application/llm.prompt-response-creation\",\"version\":1}",
];

/// Control characters, line and paragraph separators, BOM and zero-width characters.
const CONTROL: &[&str] = &[
    "\0",
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u{B}",
    "\u{C}",
    "\u{1B}[31m",
    "\u{1F}",
    "\u{7F}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{FFFD}",
];

/// Everything else: other scripts, astral characters, markup, and strings that look like values.
const OTHER: &[&str] = &[
    "你好，世界",
    "日本語のテキスト",
    "\u{1D573}\u{1D58A}\u{1D591}\u{1D591}\u{1D594}",
    "\u{10FFFF}",
    "\u{E000}",
    "<script>alert(1)</script>",
    "```rust\nfn main() {}\n```",
    "- item\n- item",
    "null",
    "true",
    "NaN",
    "-0",
    "1e999",
    "%s%n",
    "' OR 1=1 --",
    "../../etc/passwd",
    "  ",
    "ß",
    "İ",
];
