//! The template engine against a slow, obvious reading of the same templates.

use std::collections::BTreeSet;

use super::*;

fn slots(pools: &TextPools, seed: u64) -> Slots<'_> {
    Slots::draw(&mut Rng::from_key(&[seed]), pools)
}

fn filled(s: &Slots<'_>, tpl: &'static str) -> String {
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

/// Templates expanded the slow, obvious way: find each group, split it, pick with
/// [`choose`], and expand slots character by character.
fn expanded(s: &Slots<'_>, tpl: &str) -> String {
    let mut out = String::new();
    let mut rest = tpl;
    while let Some(open) = rest.find(OPEN) {
        let Some(close) = rest[open..].find(CLOSE).map(|c| open + c) else {
            break;
        };
        out += &expanded_slots(s, &rest[..open]);
        let (key, group) = group_key(&rest[open + OPEN.len()..close]);
        let alternatives: Vec<&str> = group.split('|').collect();
        out += &expanded_slots(s, alternatives[choose(s.vary, key, alternatives.len())]);
        rest = &rest[close + CLOSE.len()..];
    }
    out + &expanded_slots(s, rest)
}

fn expanded_slots(s: &Slots<'_>, text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let value = match (c, chars.peek()) {
            ('$', Some('N')) => s.name.to_string(),
            ('$', Some('F')) => s.first.to_string(),
            ('$', Some('C')) => s.city.to_string(),
            ('$', Some('K')) => s.company.to_string(),
            ('$', Some('P')) => s.product.to_string(),
            ('$', Some('S')) => s.subject.to_string(),
            ('$', Some('O')) => s.other.to_string(),
            ('$', Some('L')) => s.lang.to_string(),
            ('$', Some('w')) => s.weekday.to_string(),
            ('$', Some('#')) => s.order.to_string(),
            ('$', Some('n')) => s.count.to_string(),
            ('$', Some('q')) => s.percent.to_string(),
            ('$', Some('m')) => format!("{},{:03}", s.thousands / 1000, s.thousands % 1000),
            ('$', Some('h')) => {
                format!("{:02}:{:02}", s.minute_of_day / 60, s.minute_of_day % 60)
            }
            _ => {
                out.push(c);
                continue;
            }
        };
        chars.next();
        out += &value;
    }
    out
}

#[test]
fn a_template_fills_as_reading_it_the_slow_way_does() {
    let pools = TextPools::new(4);
    let pool = [
        "⟨In practice|Day to day⟩, $S ⟨@comes down to|depends on⟩ $n things⟨| at $K⟩.",
        "no groups, $F in $C",
        "⟨only a group|or another⟩",
        "$m ⟨@a|b⟩⟨@c|d⟩ ⟨x|y|z|w⟩ end",
        "$$N costs $, $x and $# $N$F$C$K$P$S$O$L$w$n$q$m$h⟨$q%|$n of them⟩",
        "a ⟩ stray close, then ⟨an unclosed group with $N",
        "",
        "⟨|empty first⟩⟨empty last|⟩⟨a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r⟩",
    ];
    for seed in 0..300 {
        let s = slots(&pools, seed);
        for tpl in pool {
            assert_eq!(filled(&s, tpl), expanded(&s, tpl), "{tpl}");
        }
    }
}

#[test]
fn equal_text_at_two_addresses_fills_the_same_and_a_prefix_is_its_own_template() {
    let pools = TextPools::new(5);
    let s = slots(&pools, 1);
    let whole: &'static str = "⟨a|b|c⟩ and $N";
    // A prefix shares the whole template's address: the length keeps the two apart.
    let prefix: &'static str = &whole[..whole.find(" and").expect("in it")];
    let copy: &'static str = String::from(whole).leak();
    assert_eq!(filled(&s, whole), filled(&s, copy));
    assert_eq!(filled(&s, prefix), expanded(&s, prefix));
    assert_eq!(filled(&s, whole), expanded(&s, whole));
}

#[test]
fn a_template_is_split_once_for_every_thread() {
    // Threads come and go (each table pass starts its own): a split per thread was leaked once
    // per thread, and the server grew with every export.
    let tpl: &'static str = "⟨a|b⟩ once for all threads $";
    let here = compiled(tpl) as *const Template as usize;
    let there: Vec<usize> = (0..8)
        .map(|_| std::thread::spawn(move || compiled(tpl) as *const Template as usize))
        .map(|t| t.join().expect("the thread ends"))
        .collect();
    assert!(there.iter().all(|&p| p == here), "{here:x} vs {there:x?}");
}
