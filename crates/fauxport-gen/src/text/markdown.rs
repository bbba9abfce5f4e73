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
            weekday: pick(rng, WEEKDAYS),
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

/// One alternative of `a|b|c`, chosen by `vary` and the group's own text (or, for a linked
/// `@a|b|c`, by `vary` and the number of alternatives alone).
fn phrasing(vary: u64, group: &str) -> &str {
    let (linked, group) = match group.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, group),
    };
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
    let mut h = vary ^ 0xcbf2_9ce4_8422_2325;
    if linked {
        h = (h ^ n as u64).wrapping_mul(0x0100_0000_01b3);
    } else {
        // Eight bytes at a time: the group's text names it.
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h ^= h >> 29;
    let k = ((h.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 32) % n as u64) as usize;
    let end = if k + 1 < n {
        starts[k + 1] - 1
    } else {
        group.len()
    };
    &group[starts[k]..end]
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
    "Watch out",
    "A worked example",
    "An example",
    "Going further",
    "If you want more",
    "Common questions",
    "FAQ",
    "Why this matters",
    "Why it matters",
    "Edge cases",
    "Unusual cases",
    "Putting it together",
    "Next steps",
    "What to do next",
    "Background",
    "Some context",
    "Practical tips",
    "Tips",
    "Alternatives",
    "Other options",
    "Caveats",
    "A quick checklist",
    "In short",
    "Summary",
    "Before you start",
    "Pitfalls",
];

/// Sentences in the voice of a thorough assistant; `$S` is the subject of the exchange. Each
/// offers phrasings, so that padding read across many answers does not repeat word for word.
const ELABORATION: &[&str] = &[
    "⟨In practice|In real life|Day to day⟩, $S ⟨depends heavily on|comes down to|is shaped mostly by⟩ ⟨the context you are working in|where and how you use it|the setup you already have⟩.",
    "⟨A good rule of thumb|A sensible default|What usually works⟩ ⟨is to start simple|is starting small|is a plain first version⟩ and ⟨only add complexity once you have a concrete reason|adding moving parts only when something forces you to|growing it when a real need shows up⟩.",
    "⟨Most|Many|The majority of⟩ ⟨problems with $S|issues around $S|headaches with $S⟩ ⟨come from|start with|trace back to⟩ ⟨small assumptions|unspoken assumptions|tiny guesses⟩ that ⟨nobody wrote down|were never written down|lived only in someone's head⟩.",
    "⟨It helps to keep|Consider keeping|Keep|Make yourself⟩ a ⟨short checklist|one-page checklist|list of checks⟩, ⟨because the same mistakes|since the same slips|as the usual errors⟩ ⟨tend to come back|have a habit of returning|show up again and again⟩.",
    "⟨If you are unsure|Not certain?|In two minds?⟩ ⟨Test|Try|Start with⟩ ⟨the smallest possible case|a tiny example|the simplest realistic case⟩ ⟨first and build from there|and work outwards|and add one piece at a time⟩.",
    "⟨Teams|People|Colleagues⟩ ⟨at companies like|at places such as|in firms like⟩ $K ⟨usually|often|tend to⟩ ⟨document this|write this up|keep notes on this⟩ ⟨in a runbook|on a wiki page|in a short internal guide⟩ ⟨so nobody has to rediscover it|so it is never lost|so the next person does not start from zero|so it survives people moving on⟩.",
    "⟨The details change over time|Details shift from year to year|Things get updated now and then⟩, ⟨so double-check anything|so verify whatever|so re-read anything⟩ ⟨that looks out of date|that seems stale|written a while ago⟩.",
    "⟨None of this is exotic|This is not rocket science|Nothing here is complicated⟩: ⟨it is mostly about|it is largely about|what matters is⟩ ⟨being consistent|doing the same thing every time|sticking to one approach⟩.",
    "⟨Keep in mind|Bear in mind|Remember⟩ ⟨that $S can|$S may⟩ ⟨behave differently|work differently|look quite different⟩ ⟨depending on your setup|from one setup to the next|on another machine or account⟩.",
    "⟨When in doubt|If you get stuck|Whenever it misbehaves⟩, ⟨write down what you expected|note what you thought would happen|jot down your expectation⟩ ⟨and compare it with|then hold it against|and set it beside⟩ ⟨what actually happened|what you really saw|the actual result⟩.",
    "⟨You will get better results|Results get clearer|You learn far more⟩ ⟨if you measure|when you take a reading|by writing down the numbers⟩ ⟨before and after each change|on both sides of every change|each time you adjust something⟩.",
    "⟨There is rarely a single right answer|There is seldom one correct answer|No single answer fits everyone|Nobody has the one true answer⟩⟨ here| to this|⟩; ⟨there are only trade-offs|it is all trade-offs|you are choosing trade-offs|expect trade-offs⟩ ⟨that fit your situation better or worse|that suit some situations more than others|that matter more or less depending on you⟩.",
    "For example, ⟨someone|a customer|a team⟩ in $C ⟨may see|might get|could see⟩ ⟨a different outcome|another result⟩ ⟨simply because of local rules or defaults|just because of regional settings|only because different rules apply there⟩.",
    "⟨It is worth revisiting|Come back to|Plan to review⟩ this ⟨after a few weeks|in $n weeks|in a month or so⟩, ⟨once you have real data|when you have some numbers|with actual usage to look at⟩.",
    "⟨A second pair of eyes|A colleague's review|Someone else looking at it⟩ ⟨catches|spots|finds⟩ ⟨most of the remaining issues|what you are too close to see|the problems you stopped noticing⟩.",
    "⟨Small, reversible steps|Small, undoable steps|Incremental changes⟩ ⟨are safer than|beat|are easier to recover from than⟩ ⟨one big change|a large leap|an all-at-once switch⟩.",
    "⟨If something looks wrong|When something feels off|If a result seems odd⟩, ⟨it usually is|it often is|it probably is⟩: ⟨trust that instinct|listen to that feeling|take it seriously⟩ and ⟨take a closer look|dig a little deeper|check before moving on⟩.",
    "⟨Writing a short summary|A two-line note|Jotting down what you did⟩ ⟨for your future self|for whoever comes next|for later⟩ ⟨is one of the cheapest investments|costs almost nothing and|is a habit that⟩ ⟨you can make|pays back many times|saves hours⟩.",
    "⟨It also pays|It helps|It is smart⟩ ⟨to check what others|to look at what people|to find out what others⟩ ⟨in your situation|with the same problem|who went through this⟩ ⟨have done before reinventing anything|did before you start from scratch|already tried⟩.",
    "⟨Be careful with|Be wary of|Avoid⟩ ⟨shortcuts that save|quick fixes that save|hacks that win⟩ ⟨a minute today|five minutes now|a little time⟩ and ⟨cost an hour next month|cost a day later|cost much more down the line⟩.",
    "⟨The simplest explanation|The boring explanation|The obvious cause⟩ ⟨is usually the right one|is often correct|tends to be the real one⟩, ⟨but not always|though there are exceptions|with the odd exception⟩.",
    "⟨If several people depend on this|If a whole team relies on it|When other people rely on this⟩, ⟨agree on one approach|settle on one way|pick one method⟩ and ⟨write it down where everyone can find it|put it somewhere everyone can see|share it in writing⟩.",
    "⟨Expect the first attempt|Assume the first try|Your first version is likely⟩ ⟨to be imperfect|to be rough|to be a little clumsy⟩; ⟨the second one is where|by the second try|on the second pass⟩ ⟨things usually click|things fall into place|it starts to make sense⟩.",
    "⟨When $F from the $K team tried this|When $F at $K went through this|$F's team at $K did something similar, and⟩ ⟨the biggest win|the biggest gain|most of the improvement⟩ ⟨came from removing steps rather than adding them|came from dropping things, not adding them|came from simplifying what was there|was cutting, not adding⟩.",
    "⟨Timing matters too|Timing counts as well|Pick your moment⟩: ⟨doing this at a quiet moment|making the change when things are calm|a quiet afternoon⟩ ⟨makes mistakes cheaper|limits the damage of a mistake|gives you room to fix things⟩.",
    "⟨Once it works|When it finally works|After it runs cleanly⟩, ⟨resist the urge to optimise|try not to polish it|hold off on tuning⟩ ⟨until there is a real need|until something demands it|before you can measure a need⟩.",
    "⟨Edge cases deserve|Odd cases are worth|Rare cases need⟩ ⟨a quick test of their own|their own small test|a test or two⟩, ⟨even if they seem unlikely|however rare they look|even if they have never happened yet⟩.",
    "⟨Finally|Last of all|And lastly⟩,⟨ remember that| keep in mind that|⟩ ⟨good enough today|a working answer now|done and simple⟩ ⟨often beats|usually wins over|is worth more than⟩ ⟨perfect next quarter|perfect later|the ideal version that never ships⟩.",
    "⟨About|Roughly|Around⟩ $q% of ⟨the questions|the cases|the reports⟩ ⟨we see about|we get on|that reach us about⟩ $S ⟨turn out to be|end up being|are really⟩ ⟨the same two or three issues|a setting nobody checked|something already documented⟩.",
    "⟨If you have only|With just|Given only⟩ $n minutes, ⟨spend them on|put them into|use them for⟩ ⟨the first step above|checking the basics|reading the error carefully⟩.",
    "⟨Ask|Check with⟩ ⟨whoever set this up|the person who owns it|your admin⟩ ⟨before changing|ahead of touching|before you edit⟩ ⟨anything shared|settings other people rely on|something you cannot undo⟩.",
    "⟨People|Users|Teams⟩ ⟨in $C|at $K|I have worked with⟩ ⟨often skip|forget|underestimate⟩ ⟨this part|the last step|the follow-up⟩, ⟨and regret it later|and it costs them|which is where trouble starts⟩.",
    "⟨Write the reason|Keep the why|Note the reason⟩ ⟨next to the decision|beside the change|alongside the setting⟩; ⟨in $n months|later|a year from now⟩ ⟨nobody will remember it|it will not be obvious|that is the part people ask about⟩.",
    "⟨If it helps|For what it's worth|As a data point⟩, ⟨a setup like this|this approach|the plain version⟩ ⟨handled|coped with|served⟩ ⟨about|around|close to⟩ $m ⟨requests a day|customers|cases⟩ ⟨without trouble|with no changes|before it needed attention⟩.",
];

/// Generic tips usable as bullets in any long answer.
const TIPS: &[&str] = &[
    "**⟨Start small|Begin small|Go step by step⟩:** ⟨try the simplest version first|get the plain case working first|one change at a time⟩.",
    "**⟨Write it down|Take notes|Keep a log⟩:** ⟨notes save time the second time around|you will thank yourself next time|memory is less reliable than you think⟩.",
    "**⟨Check the defaults|Look at the settings|Question the defaults⟩:** ⟨many surprises come from|a lot of trouble hides in|most odd behaviour comes from⟩ ⟨settings nobody changed|options nobody looked at|values left as they shipped⟩.",
    "**⟨Ask for help early|Ask early|Don't struggle alone⟩:** a ⟨five-minute|quick⟩ question beats ⟨a lost afternoon|hours of guessing|a wasted day⟩.",
    "**⟨Measure|Use numbers|Track it⟩:** ⟨numbers settle arguments faster than opinions|data beats gut feeling|you cannot improve what you do not see⟩.",
    "**⟨Keep a backup|Back up first|Save a copy⟩** ⟨before you change anything important|before touching anything|so you can roll back⟩.",
    "**⟨Review regularly|Check in now and then|Revisit it⟩:** ⟨what worked last year may not work now|old answers go stale|$n months is a long time⟩.",
    "**Automate ⟨the boring parts|the repetitive bits|what you repeat⟩** ⟨once you have done them by hand|after doing them manually|when you have done them yourself⟩ ⟨twice|a couple of times|$n times⟩.",
    "**⟨Keep it readable|Favour clarity|Be plain⟩:** ⟨clarity beats cleverness|simple beats clever|the next reader will thank you⟩.",
    "**⟨Set a deadline|Timebox it|Pick a date⟩** ⟨for decisions|for the decision|to decide⟩ so ⟨they don't drift|it does not drag on|nothing stalls⟩.",
    "**⟨Test the edges|Try the odd cases|Check the extremes⟩:** ⟨empty inputs, huge inputs and the last day of the month|zero, one and many|the cases nobody tries on purpose⟩.",
    "**⟨Tell people|Communicate|Give a heads-up⟩:** ⟨a short note before a change saves a long thread after it|surprises cost more than announcements|let those affected know first⟩.",
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
                fill(out, s, TIPS[t % TIPS.len()]);
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
}
