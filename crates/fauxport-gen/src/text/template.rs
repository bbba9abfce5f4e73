//! Templates: `$` slots and `⟨one|another⟩` phrasings, expanded into a `String`.
//!
//! [`fill`] reads a template as it goes; [`Template`] is one split once, for the pools that pad
//! long answers and are filled thousands of times a second. Both choose the same phrasings.

use super::pools::TextPools;
use crate::rng::Rng;

/// The values a template's `$` slots expand to, drawn once per exchange so the prompt and its
/// responses talk about the same people and things.
///
/// Slots: `$N` full name, `$F` first name, `$C` city, `$K` company, `$P` product, `$S` subject,
/// `$O` other subject, `$L` language, `$#` the exchange's order (or ticket) number, and numbers
/// that a prompt and its answer agree on: `$n` a small count (2 to 9), `$q` a percentage (5 to
/// 95), `$m` a count in thousands ("12,400"), `$w` a weekday, `$h` a time of day ("14:05").
///
/// A template may also offer phrasings, `⟨one way|another way|a third⟩`: which one a text uses
/// is decided by [`Slots::vary`] and the alternatives, so one exchange says a thing one way
/// throughout and two exchanges rarely say it the same way. Groups that open with `@`
/// (`⟨@battery|noise⟩ … ⟨@charges weekly|is silent⟩`) are linked: in one exchange, every linked
/// group with the same number of alternatives takes the same position, so a passage and its
/// summary tell one story.
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
    pub(super) count: u64,
    pub(super) percent: u64,
    pub(super) thousands: u64,
    pub(super) weekday: &'static str,
    pub(super) minute_of_day: u64,
    /// Picks the phrasing of each `⟨…|…⟩` group.
    pub(super) vary: u64,
}

const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

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
            count: rng.range(2, 9),
            percent: 5 * rng.range(1, 19),
            thousands: 100 * rng.range(12, 480),
            weekday: WEEKDAYS[rng.index(WEEKDAYS.len())],
            minute_of_day: rng.range(7 * 60, 22 * 60 - 1),
            vary: rng.next_u64(),
        }
    }
}

/// Appends `tpl` with its `$` slots expanded and one phrasing of each `⟨…|…⟩` group; a `$`
/// before any other character stays as it is.
///
/// One pass over the bytes: `$`, `⟨` and `⟩` are the only bytes that stop it, and both brackets
/// start with the byte 0xE2, so plain text is copied in runs.
pub(super) fn fill(out: &mut String, s: &Slots<'_>, tpl: &str) {
    let bytes = tpl.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = next_of(bytes, i, b'$', 0xE2);
        if i >= bytes.len() {
            break;
        }
        match bytes[i] {
            b'$' => {
                out.push_str(&tpl[run..i]);
                i = slot(out, s, tpl, i);
                run = i;
            }
            0xE2 if bytes[i..].starts_with(OPEN.as_bytes()) => {
                let from = i + OPEN.len();
                let Some(end) = close_of(bytes, from) else {
                    break;
                };
                out.push_str(&tpl[run..i]);
                fill_slots(out, s, phrasing(s.vary, &tpl[from..end]));
                i = end + CLOSE.len();
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&tpl[run..]);
}

const OPEN: &str = "⟨";
const CLOSE: &str = "⟩";

/// Where the `⟩` that closes a group opened before `from` starts.
fn close_of(bytes: &[u8], from: usize) -> Option<usize> {
    let close = CLOSE.as_bytes();
    let mut k = from;
    loop {
        k = next_of(bytes, k, close[0], close[0]);
        if k >= bytes.len() {
            return None;
        }
        if bytes[k..].starts_with(close) {
            return Some(k);
        }
        k += 1;
    }
}

/// The index of the first `a` or `b` at or after `from` (`bytes.len()` when there is none),
/// eight bytes at a time.
fn next_of(bytes: &[u8], from: usize, a: u8, b: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let (ma, mb) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let (xa, xb) = (w ^ ma, w ^ mb);
        let zero = ((xa.wrapping_sub(ONES) & !xa) | (xb.wrapping_sub(ONES) & !xb)) & HIGHS;
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != a && bytes[i] != b {
        i += 1;
    }
    i
}

/// One alternative of `a|b|c`, chosen by `vary` and the group's key.
fn phrasing(vary: u64, group: &str) -> &str {
    let (key, group) = group_key(group);
    let bytes = group.as_bytes();
    // Where each alternative starts; groups offer a handful.
    let mut starts = [0usize; 16];
    let mut n = 1;
    let mut k = next_of(bytes, 0, b'|', b'|');
    while k < bytes.len() && n < starts.len() {
        starts[n] = k + 1;
        n += 1;
        k = next_of(bytes, k + 1, b'|', b'|');
    }
    let k = choose(vary, key, n);
    let end = if k + 1 < n {
        starts[k + 1] - 1
    } else {
        group.len()
    };
    &group[starts[k]..end]
}

/// A group's key and its text without the linking `@`: a digest of the text, eight bytes at a
/// time, or for a linked group one key that [`choose`] turns into the same position for every
/// linked group of its size.
fn group_key(group: &str) -> (u64, &str) {
    if let Some(rest) = group.strip_prefix('@') {
        return (LINKED, rest);
    }
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for chunk in group.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
    }
    (h, group)
}

const LINKED: u64 = 0x9e37_79b9_7f4a_7c15;

/// Which of `n` alternatives an exchange (`vary`) takes in a group (`key`).
fn choose(vary: u64, key: u64, n: usize) -> usize {
    let mut h = (vary ^ key).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 31;
    ((h.wrapping_mul(0x94d0_49bb_1331_11eb) >> 32) % n as u64) as usize
}

/// Appends `tpl` with its `$` slots expanded (no phrasings).
fn fill_slots(out: &mut String, s: &Slots<'_>, tpl: &str) {
    let bytes = tpl.as_bytes();
    let mut run = 0;
    let mut i = next_of(bytes, 0, b'$', b'$');
    while i < bytes.len() {
        out.push_str(&tpl[run..i]);
        i = slot(out, s, tpl, i);
        run = i;
        i = next_of(bytes, i, b'$', b'$');
    }
    out.push_str(&tpl[run..]);
}

/// Expands the slot whose `$` is at `at`; returns where the text goes on.
fn slot(out: &mut String, s: &Slots<'_>, tpl: &str, at: usize) -> usize {
    let value = match tpl.as_bytes().get(at + 1) {
        Some(b'N') => s.name,
        Some(b'F') => s.first,
        Some(b'C') => s.city,
        Some(b'K') => s.company,
        Some(b'P') => s.product,
        Some(b'S') => s.subject,
        Some(b'O') => s.other,
        Some(b'L') => s.lang,
        Some(b'w') => s.weekday,
        Some(b'#') => {
            push_num(out, s.order);
            ""
        }
        Some(b'n') => {
            push_num(out, s.count);
            ""
        }
        Some(b'q') => {
            push_num(out, s.percent);
            ""
        }
        Some(b'm') => {
            push_num(out, s.thousands / 1000);
            out.push(',');
            let rest = s.thousands % 1000;
            for d in [rest / 100, rest / 10 % 10, rest % 10] {
                out.push(char::from(b'0' + d as u8));
            }
            ""
        }
        Some(b'h') => {
            let (h, m) = (s.minute_of_day / 60, s.minute_of_day % 60);
            for d in [h / 10, h % 10] {
                out.push(char::from(b'0' + d as u8));
            }
            out.push(':');
            for d in [m / 10, m % 10] {
                out.push(char::from(b'0' + d as u8));
            }
            ""
        }
        _ => {
            out.push('$');
            return at + 1;
        }
    };
    out.push_str(value);
    at + 2
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

/// A template split once into its pieces, so that filling it does not read it again.
pub(super) struct Template {
    pieces: Vec<Piece>,
}

enum Piece {
    /// Text with no group (it may hold `$` slots).
    Text(&'static str),
    /// A `⟨…|…⟩` group: its key (see [`group_key`]) and alternatives.
    Group(u64, Vec<&'static str>),
}

impl Template {
    /// Splits `tpl` at its groups.
    pub(super) fn new(tpl: &'static str) -> Template {
        let bytes = tpl.as_bytes();
        let mut pieces = Vec::new();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            i = next_of(bytes, i, OPEN.as_bytes()[0], OPEN.as_bytes()[0]);
            if i >= bytes.len() || !bytes[i..].starts_with(OPEN.as_bytes()) {
                i += 1;
                continue;
            }
            let from = i + OPEN.len();
            let Some(end) = close_of(bytes, from) else {
                break;
            };
            if run < i {
                pieces.push(Piece::Text(&tpl[run..i]));
            }
            let (key, group) = group_key(&tpl[from..end]);
            pieces.push(Piece::Group(key, group.split('|').collect()));
            i = end + CLOSE.len();
            run = i;
        }
        if run < tpl.len() {
            pieces.push(Piece::Text(&tpl[run..]));
        }
        Template { pieces }
    }

    /// Appends the template filled from `s`, as [`fill`] would.
    pub(super) fn fill(&self, out: &mut String, s: &Slots<'_>) {
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => fill_slots(out, s, text),
                Piece::Group(key, alternatives) => {
                    let k = choose(s.vary, *key, alternatives.len());
                    fill_slots(out, s, alternatives[k]);
                }
            }
        }
    }
}

/// Splits every template of a pool once.
pub(super) fn templates(pool: &[&'static str]) -> Vec<Template> {
    pool.iter().map(|tpl| Template::new(tpl)).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn slots(pools: &TextPools, seed: u64) -> Slots<'_> {
        Slots::draw(&mut Rng::from_key(&[seed]), pools)
    }

    fn filled(s: &Slots<'_>, tpl: &str) -> String {
        let mut out = String::new();
        fill(&mut out, s, tpl);
        out
    }

    #[test]
    fn every_phrasing_is_used_and_one_exchange_keeps_its_choice() {
        let pools = TextPools::new(1);
        let tpl = "⟨red|green|blue⟩ and ⟨one|two⟩.";
        let mut seen = BTreeSet::new();
        for seed in 0..200 {
            let s = slots(&pools, seed);
            let text = filled(&s, tpl);
            assert_eq!(text, filled(&s, tpl), "one exchange, one phrasing");
            assert!(!text.contains(['⟨', '⟩', '|']), "{text}");
            seen.insert(text);
        }
        assert_eq!(seen.len(), 6, "{seen:?}");
    }

    #[test]
    fn next_of_finds_what_a_plain_scan_finds() {
        let text = "ab$cd ⟨e|f⟩ gh $$ij ⟩ klmnopqrstuvwxyz 0123456789 ⟨⟩ $".as_bytes();
        for from in 0..=text.len() {
            for (a, b) in [(b'$', 0xE2), (b'|', b'|'), (b'z', b'0'), (b'#', b'#')] {
                let plain = (from..text.len())
                    .find(|&k| text[k] == a || text[k] == b)
                    .unwrap_or(text.len());
                assert_eq!(next_of(text, from, a, b), plain, "from {from}, {a} or {b}");
            }
        }
    }

    #[test]
    fn linked_groups_take_the_same_position() {
        let pools = TextPools::new(2);
        for seed in 0..100 {
            let s = slots(&pools, seed);
            let text = filled(&s, "⟨@a|b|c⟩⟨@a|b|c⟩ ⟨@x|y|z⟩");
            let b = text.as_bytes();
            assert_eq!(b[0], b[1], "{text}");
            assert_eq!(b[3] - b'x', b[0] - b'a', "{text}");
        }
    }

    #[test]
    fn number_slots_agree_within_an_exchange() {
        let pools = TextPools::new(3);
        for seed in 0..100 {
            let s = slots(&pools, seed);
            let text = filled(&s, "$n $q $m $w $h|$n $q $m $w $h");
            let (a, b) = text.split_once('|').expect("two halves");
            assert_eq!(a, b);
            let parts: Vec<&str> = a.split(' ').collect();
            let n: u64 = parts[0].parse().expect("a count");
            assert!((2..10).contains(&n), "{a}");
            let q: u64 = parts[1].parse().expect("a percentage");
            assert!((5..=95).contains(&q) && q.is_multiple_of(5), "{a}");
            assert!(parts[2].len() >= 5 && parts[2].contains(','), "{a}");
            assert!(WEEKDAYS.contains(&parts[3]), "{a}");
            assert!(parts[4].len() == 5 && &parts[4][2..3] == ":", "{a}");
        }
    }

    #[test]
    fn a_split_template_fills_as_fill_does() {
        let pools = TextPools::new(4);
        let pool = [
            "⟨In practice|Day to day⟩, $S ⟨@comes down to|depends on⟩ $n things⟨| at $K⟩.",
            "no groups, $F in $C",
            "⟨only a group|or another⟩",
            "$m ⟨@a|b⟩⟨@c|d⟩ ⟨x|y|z|w⟩ end",
        ];
        let split = templates(&pool);
        for seed in 0..300 {
            let s = slots(&pools, seed);
            for (tpl, t) in pool.iter().zip(&split) {
                let mut a = String::new();
                t.fill(&mut a, &s);
                assert_eq!(a, filled(&s, tpl));
            }
        }
    }
}
