//! Templates: `$` slots and `⟨one|another⟩` phrasings, expanded into a `String`.
//!
//! [`fill`] splits a template into its pieces ([`Template`]) the first time a thread fills it and
//! keeps them, so a template is read once however often it is filled.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
/// A template is split once per process: the first fill splits it into its pieces
/// ([`Template`]), which are kept, keyed by the template's address and length, for every later
/// fill. Templates are `'static` text, so the key cannot be reused by other text, and the pieces
/// live as long as the program (a bounded set: one per template of the banks, shared by all
/// threads).
pub(super) fn fill(out: &mut String, s: &Slots<'_>, tpl: &'static str) {
    compiled(tpl).fill(out, s);
}

/// The pieces of `tpl`, split on first use in the process.
///
/// Each thread keeps the templates it has used in a map of its own (no lock on the hot path);
/// a miss there looks in one process-wide map, and only a template no thread has split yet is
/// split and leaked. Threads come and go (a table pass starts its own), so leaking per thread
/// grew the process by about 225 KB per pass (issue 10, finding 4).
fn compiled(tpl: &'static str) -> &'static Template {
    type Split = HashMap<(usize, usize), &'static Template, BuildHasherDefault<AddressHasher>>;
    thread_local! {
        static SPLIT: RefCell<Split> = RefCell::new(HashMap::default());
    }
    static SHARED: std::sync::LazyLock<std::sync::Mutex<Split>> =
        std::sync::LazyLock::new(|| std::sync::Mutex::new(HashMap::default()));
    let key = (tpl.as_ptr() as usize, tpl.len());
    SPLIT.with(|split| {
        if let Some(&t) = split.borrow().get(&key) {
            return t;
        }
        let t = *SHARED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(key)
            .or_insert_with(|| Box::leak(Box::new(Template::new(tpl))));
        split.borrow_mut().insert(key, t);
        t
    })
}

/// Hashes a template's address and length: one multiply each, the high bits well mixed (which
/// is what the map's probe reads).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

const OPEN: &str = "⟨";
const CLOSE: &str = "⟩";

/// A template split into its pieces, so that filling it does not read it again.
pub(super) struct Template {
    pieces: Box<[Piece]>,
}

enum Piece {
    /// Text or a slot.
    Atom(Atom),
    /// A `⟨…|…⟩` group: its key (see [`group_key`]) and its alternatives.
    Group(u64, Box<[Box<[Atom]>]>),
}

enum Atom {
    Text(&'static str),
    Slot(Slot),
}

/// What a `$` slot expands to (see [`Slots`]).
#[derive(Clone, Copy)]
enum Slot {
    Name,
    First,
    City,
    Company,
    Product,
    Subject,
    Other,
    Lang,
    Weekday,
    Order,
    Count,
    Percent,
    Thousands,
    Time,
}

impl Slot {
    fn of(letter: u8) -> Option<Slot> {
        Some(match letter {
            b'N' => Slot::Name,
            b'F' => Slot::First,
            b'C' => Slot::City,
            b'K' => Slot::Company,
            b'P' => Slot::Product,
            b'S' => Slot::Subject,
            b'O' => Slot::Other,
            b'L' => Slot::Lang,
            b'w' => Slot::Weekday,
            b'#' => Slot::Order,
            b'n' => Slot::Count,
            b'q' => Slot::Percent,
            b'm' => Slot::Thousands,
            b'h' => Slot::Time,
            _ => return None,
        })
    }

    fn fill(self, out: &mut String, s: &Slots<'_>) {
        match self {
            Slot::Name => out.push_str(s.name),
            Slot::First => out.push_str(s.first),
            Slot::City => out.push_str(s.city),
            Slot::Company => out.push_str(s.company),
            Slot::Product => out.push_str(s.product),
            Slot::Subject => out.push_str(s.subject),
            Slot::Other => out.push_str(s.other),
            Slot::Lang => out.push_str(s.lang),
            Slot::Weekday => out.push_str(s.weekday),
            Slot::Order => push_num(out, s.order),
            Slot::Count => push_num(out, s.count),
            Slot::Percent => push_num(out, s.percent),
            Slot::Thousands => {
                push_num(out, s.thousands / 1000);
                out.push(',');
                let rest = s.thousands % 1000;
                push_digits(out, &[rest / 100, rest / 10 % 10, rest % 10]);
            }
            Slot::Time => {
                let (h, m) = (s.minute_of_day / 60, s.minute_of_day % 60);
                push_digits(out, &[h / 10, h % 10]);
                out.push(':');
                push_digits(out, &[m / 10, m % 10]);
            }
        }
    }
}

fn push_digits(out: &mut String, digits: &[u64]) {
    for &d in digits {
        out.push(char::from(b'0' + d as u8));
    }
}

impl Atom {
    fn fill(&self, out: &mut String, s: &Slots<'_>) {
        match *self {
            Atom::Text(text) => out.push_str(text),
            Atom::Slot(slot) => slot.fill(out, s),
        }
    }
}

impl Template {
    /// Splits `tpl` at its groups and slots. An unclosed `⟨` and what follows it are text.
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
            pieces.extend(atoms(&tpl[run..i]).into_iter().map(Piece::Atom));
            let (key, group) = group_key(&tpl[from..end]);
            let alternatives = group.split('|').map(|a| atoms(a).into_boxed_slice());
            pieces.push(Piece::Group(key, alternatives.collect()));
            i = end + CLOSE.len();
            run = i;
        }
        pieces.extend(atoms(&tpl[run..]).into_iter().map(Piece::Atom));
        Template {
            pieces: pieces.into_boxed_slice(),
        }
    }

    /// Appends the template filled from `s`.
    pub(super) fn fill(&self, out: &mut String, s: &Slots<'_>) {
        for piece in &self.pieces {
            match piece {
                Piece::Atom(atom) => atom.fill(out, s),
                Piece::Group(key, alternatives) => {
                    let k = choose(s.vary, *key, alternatives.len());
                    for atom in &alternatives[k] {
                        atom.fill(out, s);
                    }
                }
            }
        }
    }
}

/// Text split at its `$` slots; a `$` before any other character stays as text.
fn atoms(text: &'static str) -> Vec<Atom> {
    let bytes = text.as_bytes();
    let mut atoms = Vec::new();
    let mut run = 0;
    let mut i = next_of(bytes, 0, b'$', b'$');
    while i < bytes.len() {
        match bytes.get(i + 1).copied().and_then(Slot::of) {
            Some(slot) => {
                if run < i {
                    atoms.push(Atom::Text(&text[run..i]));
                }
                atoms.push(Atom::Slot(slot));
                run = i + 2;
                i += 2;
            }
            None => i += 1,
        }
        i = next_of(bytes, i, b'$', b'$');
    }
    if run < text.len() {
        atoms.push(Atom::Text(&text[run..]));
    }
    atoms
}

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

#[cfg(test)]
mod tests;
