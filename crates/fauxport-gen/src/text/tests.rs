//! Checks on the text generator's determinism, variety, lengths, scripts and hostile kinds.

use std::collections::BTreeSet;

use super::hostile::{KINDS, Kind};
use super::phrasebook::LANGUAGES;
use super::*;

const SEED: u64 = 42;

fn pools() -> TextPools {
    TextPools::new(SEED)
}

/// `n` exchanges, each from its own keyed stream, as rows would draw them.
fn sample(pools: &TextPools, n: u64, hostile: bool) -> Vec<Exchange> {
    (0..n)
        .map(|i| {
            drawn_exchange(
                &THEMES[0],
                &mut Rng::from_key(&[SEED, i, u64::from(hostile)]),
                pools,
                hostile,
            )
        })
        .collect()
}

fn all_text(ex: &Exchange) -> [&str; 3] {
    [&ex.prompt, &ex.response, &ex.alt_response]
}

fn median(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v[v.len() / 2]
}

#[test]
fn same_key_gives_same_text_and_different_keys_differ() {
    let (a, b) = (pools(), pools());
    assert_eq!(
        a.people.iter().map(|p| &p.email).collect::<Vec<_>>(),
        b.people.iter().map(|p| &p.email).collect::<Vec<_>>()
    );
    assert_ne!(TextPools::new(SEED + 1).people[0].email, a.people[0].email);
    for hostile in [false, true] {
        let x = sample(&a, 200, hostile);
        assert_eq!(x, sample(&b, 200, hostile));
    }
    let key = [7, 7];
    assert_eq!(
        reason(&mut Rng::from_key(&key), &a, false),
        reason(&mut Rng::from_key(&key), &b, false)
    );
    assert_eq!(
        project_name(&mut Rng::from_key(&key), &a, &THEMES[0], "prompt-creation"),
        project_name(&mut Rng::from_key(&key), &b, &THEMES[0], "prompt-creation")
    );
    let x = drawn_exchange(&THEMES[0], &mut Rng::from_key(&[1]), &a, false);
    let y = drawn_exchange(&THEMES[0], &mut Rng::from_key(&[2]), &a, false);
    assert_ne!(x, y);
}

#[test]
fn exchanges_vary() {
    let p = pools();
    let xs = sample(&p, 1000, false);
    let prompts: BTreeSet<_> = xs.iter().map(|e| &e.prompt).collect();
    let responses: BTreeSet<_> = xs.iter().map(|e| &e.response).collect();
    assert!(
        prompts.len() > 500,
        "only {} distinct prompts",
        prompts.len()
    );
    assert!(
        responses.len() > 700,
        "only {} distinct responses",
        responses.len()
    );
    let same = xs.iter().filter(|e| e.alt_response == e.response).count();
    assert!(same < 50, "{same} alternatives equal their response");
}

#[test]
fn lengths_have_a_long_tail() {
    let p = pools();
    let xs = sample(&p, 5000, false);
    let responses: Vec<usize> = xs.iter().map(|e| e.response.len()).collect();
    let prompts: Vec<usize> = xs.iter().map(|e| e.prompt.len()).collect();
    assert!(
        responses.iter().any(|&n| n > 3000),
        "no response over 3000 bytes"
    );
    assert!(prompts.iter().any(|&n| n > 1500), "no long prompt");
    let (rm, pm) = (median(responses), median(prompts));
    assert!((200..=2000).contains(&rm), "median response {rm} bytes");
    assert!((40..=400).contains(&pm), "median prompt {pm} bytes");
}

#[test]
fn sample_covers_languages_scripts_and_markdown() {
    let p = pools();
    let xs = sample(&p, 5000, false);
    let has = |pred: &dyn Fn(&str) -> bool| xs.iter().any(|e| all_text(e).iter().any(|t| pred(t)));
    let script =
        |lo: u32, hi: u32| move |t: &str| t.chars().any(|c| (lo..=hi).contains(&u32::from(c)));
    for lang in LANGUAGES {
        let marks = [
            lang.topics[0].closing,
            lang.topics[1].closing,
            lang.translations[0],
            lang.translations[1],
            lang.translations[2],
        ];
        assert!(
            has(&|t| marks.iter().any(|m| t.contains(m))),
            "no {} text",
            lang.name
        );
    }
    let scripts = [
        ("Hiragana", 0x3040, 0x309f),
        ("Han", 0x4e00, 0x9fff),
        ("Hangul", 0xac00, 0xd7a3),
        ("Arabic", 0x0600, 0x06ff),
        ("Hebrew", 0x0590, 0x05ff),
        ("Devanagari", 0x0900, 0x097f),
        ("Cyrillic", 0x0400, 0x04ff),
        ("emoji", 0x1f300, 0x1faff),
    ];
    for (name, lo, hi) in scripts {
        assert!(has(&script(lo, hi)), "no {name} characters");
    }
    let markdown = [
        "```python\n",
        "```rust\n",
        "```javascript\n",
        "```sql\n",
        "```bash\n",
        "\n## ",
        "### ",
        "\n- ",
        "\n1. ",
        "**",
        "| --- |",
        "`",
        "> ",
    ];
    for m in markdown {
        assert!(has(&|t| t.contains(m)), "no {m:?} in the sample");
    }
}

#[test]
fn ordinary_text_is_clean() {
    let p = pools();
    for e in sample(&p, 5000, false) {
        assert!(
            !e.prompt.is_empty() && !e.response.is_empty() && !e.alt_response.is_empty(),
            "{e:?}"
        );
        for t in all_text(&e) {
            assert!(
                !t.chars().any(|c| c.is_control() && c != '\n'),
                "control character in {t:?}"
            );
            assert!(
                !t.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)),
                "combining mark in {t:?}"
            );
            assert!(
                !t.lines().any(|l| l.ends_with(char::is_whitespace)),
                "trailing space in {t:?}"
            );
            assert!(
                t.split_whitespace().all(|w| w.len() < 250),
                "huge word in {t:?}"
            );
            assert!(
                !t.starts_with(char::is_whitespace) && !t.ends_with(char::is_whitespace),
                "untrimmed {t:?}"
            );
            let b = t.as_bytes();
            assert!(
                !b.windows(2)
                    .any(|w| w[0] == b'$' && b"NFCKPSOL#nqmwh".contains(&w[1])),
                "unfilled slot in {t:?}"
            );
            assert!(!t.contains(['⟨', '⟩']), "unchosen phrasing in {t:?}");
        }
    }
}

/// Whether `e` shows the trait of hostile `kind`; written apart from the generator on purpose.
fn shows(kind: Kind, e: &Exchange) -> bool {
    let any = |f: &dyn Fn(&str) -> bool| all_text(e).iter().any(|t| f(t));
    match kind {
        Kind::Empty => e.response.is_empty(),
        Kind::Huge => e.response.len() >= 100_000,
        Kind::Bidi => any(&|t| {
            t.chars().any(|c| ('\u{590}'..='\u{6ff}').contains(&c))
                && t.chars().any(|c| c.is_ascii_digit())
        }),
        Kind::Zalgo => any(&|t| t.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c))),
        Kind::JsonLike => any(&|t| {
            t.matches('{').count() != t.matches('}').count() && t.contains('"') && t.contains('\\')
        }),
        Kind::Control => any(&|t| {
            t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        }),
        Kind::Zwj => any(&|t| t.contains('\u{200d}')),
        Kind::LongWord => any(&|t| t.split_whitespace().any(|w| w.len() >= 250)),
        Kind::BlankLines => any(&|t| {
            t.split('\n')
                .any(|l| !l.is_empty() && l.chars().all(char::is_whitespace))
        }),
        Kind::Crlf => any(&|t| t.contains("\r\n")),
    }
}

#[test]
fn hostile_mode_yields_every_kind() {
    let p = pools();
    let xs = sample(&p, 400, true);
    for kind in KINDS {
        let n = xs.iter().filter(|e| shows(kind, e)).count();
        assert!(n >= 10, "{kind:?} seen {n} times in 400 hostile exchanges");
    }
    let reasons: Vec<String> = (0..400)
        .map(|i| reason(&mut Rng::from_key(&[i]), &p, true))
        .collect();
    assert!(reasons.iter().any(String::is_empty));
    assert!(reasons.iter().any(|r| r.contains('\u{0}')));
    assert!(reasons.iter().any(|r| r.len() > 8_000));
}

#[test]
fn names_keys_and_emails_have_the_promised_shape() {
    let p = pools();
    let emails: BTreeSet<_> = p.people.iter().map(|x| x.email.as_str()).collect();
    assert_eq!(emails.len(), 256);
    for e in &emails {
        let (local, domain) = e.split_once('@').unwrap_or(("", ""));
        assert!(!local.is_empty() && local.is_ascii(), "{e}");
        assert!(
            ["example.com", "example.org", "example.net"].contains(&domain),
            "{e}"
        );
    }
    let mut rng = Rng::from_key(&[3]);
    assert!(emails.contains(p.email(&mut rng)));

    let keys: BTreeSet<String> = (0..5000)
        .map(|i| user_global_key(&mut Rng::from_key(&[9]), &THEMES[1], i))
        .collect();
    assert_eq!(keys.len(), 5000);
    let key = user_global_key(&mut Rng::from_key(&[5]), &THEMES[1], u64::MAX);
    for k in keys.iter().chain([&key]) {
        assert!(k.is_ascii() && k.len() <= 200 && k.contains('/'), "{k}");
    }
    assert!(
        keys.iter()
            .any(|k| k.ends_with("0412") || k.ends_with("0412.txt"))
    );

    let slugs = [
        "prompt-response-creation",
        "prompt-creation",
        "response-creation",
        "conversational",
        "multimodal-chat",
        "x",
    ];
    for slug in slugs {
        for i in 0..50 {
            let name = project_name(
                &mut Rng::from_key(&[i]),
                &p,
                &THEMES[i as usize % THEMES.len()],
                slug,
            );
            let ds = dataset_name(
                &mut Rng::from_key(&[i]),
                &THEMES[i as usize % THEMES.len()],
                slug,
            );
            assert!(name.contains(" - ") && name.len() < 120, "{name}");
            assert!(
                !ds.is_empty()
                    && ds
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{ds}"
            );
        }
    }
    let names = |slug: &str| -> Vec<String> {
        (0..50)
            .map(|i| {
                project_name(
                    &mut Rng::from_key(&[i]),
                    &p,
                    &THEMES[i as usize % THEMES.len()],
                    slug,
                )
            })
            .collect()
    };
    let pairwise = names("conversational");
    assert!(pairwise.iter().any(|n| n.contains("preference")));
    assert!(!pairwise.iter().any(|n| n.contains("authoring")));
    assert!(
        names("org")
            .iter()
            .all(|n| !n.is_empty() && !n.contains(' '))
    );

    let mut rng = Rng::from_key(&[4]);
    let tags: BTreeSet<&str> = (0..500).map(|_| tag(&mut rng)).collect();
    assert!(
        tags.len() > 20
            && tags.contains("billing")
            && tags.iter().any(|t| t.starts_with("Policy "))
    );
    let snippet = policy_snippet(&mut rng, &p);
    assert!(
        snippet.contains("Policy ") && snippet.len() > 40,
        "{snippet}"
    );
    for i in 0..200 {
        let r = reason(&mut Rng::from_key(&[i]), &p, false);
        assert!(
            (20..300).contains(&r.len())
                && (r.contains('A') && r.contains('B') || r.contains("Response")),
            "{r}"
        );
    }
}
