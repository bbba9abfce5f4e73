//! Names people give to projects, datasets and data rows, plus tags, policies and rater reasons.

use super::markdown::pick;
use super::pools::TextPools;
use super::situation::Theme;
use super::support_topics::TOPICS;
use crate::rng::Rng;

/// Project phrases and dataset nouns for one kind of project.
struct KindWords {
    phrases: &'static [&'static str],
    nouns: &'static [&'static str],
}

const PROMPT_RESPONSE: KindWords = KindWords {
    phrases: &[
        "prompt and response authoring",
        "prompt/response creation",
        "SFT data collection",
        "golden Q&A pairs",
    ],
    nouns: &["prompt-response", "sft", "qa-pairs"],
};
const PROMPT: KindWords = KindWords {
    phrases: &[
        "prompt writing",
        "prompt authoring",
        "adversarial prompts",
        "question bank",
    ],
    nouns: &["prompts", "question-bank"],
};
const RESPONSE: KindWords = KindWords {
    phrases: &["response writing", "expert responses", "reference answers"],
    nouns: &["prompts", "inputs", "questions"],
};
const PREFERENCE: KindWords = KindWords {
    phrases: &[
        "pairwise preference",
        "A/B preference",
        "RLHF comparisons",
        "response ranking",
    ],
    nouns: &["conversations", "pairs", "chats"],
};
const CHAT_EVAL: KindWords = KindWords {
    phrases: &[
        "model chat evaluation",
        "live chat eval",
        "side-by-side eval",
    ],
    nouns: &["chat-eval", "mmc"],
};
const OTHER: KindWords = KindWords {
    phrases: &["labelling"],
    nouns: &["data", "rows"],
};

fn kind_words(slug: &str) -> &'static KindWords {
    if slug.contains("prompt-response") {
        &PROMPT_RESPONSE
    } else if ["preference", "conversational", "pairwise"]
        .iter()
        .any(|k| slug.contains(k))
    {
        &PREFERENCE
    } else if slug.contains("chat") || slug.contains("multimodal") {
        &CHAT_EVAL
    } else if slug.contains("response") {
        &RESPONSE
    } else if slug.contains("prompt") {
        &PROMPT
    } else {
        &OTHER
    }
}

const PROJECT_SUFFIXES: &[&str] = &[
    "",
    "",
    "",
    " (v2)",
    " v3",
    " - batch 4",
    " [EU]",
    " 2024-Q3",
    " (pilot)",
];
const DATASET_SUFFIXES: &[&str] = &[
    "",
    "",
    "-v2",
    "-2024q3",
    "-seed",
    "-batch-07",
    "-en",
    "-multilingual",
];

/// A human-readable project name for a project kind slug, like
/// "Support bot - prompt and response authoring"; the slug `org` gives a brand such as "Nimbus".
pub(super) fn project_name(
    rng: &mut Rng,
    pools: &TextPools,
    theme: &Theme,
    kind_slug: &str,
) -> String {
    if kind_slug == "org" {
        let product = pools.product(rng);
        return product.split(' ').next().unwrap_or(product).to_owned();
    }
    let domain = theme.name;
    let phrase = *rng.pick(kind_words(kind_slug).phrases);
    let mut out = String::with_capacity(64);
    out.push_str(domain);
    out.push_str(" - ");
    out.push_str(phrase);
    if rng.chance(0.15) {
        out.push_str(" for ");
        out.push_str(pools.company(rng));
    } else {
        out.push_str(pick(rng, PROJECT_SUFFIXES));
    }
    out
}

/// A dataset name for a project kind slug, like "returns-faq-prompts".
pub(super) fn dataset_name(rng: &mut Rng, theme: &Theme, kind_slug: &str) -> String {
    let slug = theme.slug;
    let noun = *rng.pick(kind_words(kind_slug).nouns);
    let mut out = String::with_capacity(48);
    out.push_str(slug);
    out.push('-');
    out.push_str(noun);
    out.push_str(pick(rng, DATASET_SUFFIXES));
    out
}

const KEY_STEMS: &[&str] = &["q-", "prompt-", "item_", "row-", "case-"];

/// A user-style global key like "returns-faq/q-0412"; the index makes it unique within a prefix.
pub(super) fn user_global_key(rng: &mut Rng, theme: &Theme, index: u64) -> String {
    let prefix = *rng.pick(theme.key_prefixes);
    let stem = *rng.pick(KEY_STEMS);
    let mut out = String::with_capacity(prefix.len() + stem.len() + 28);
    out.push_str(prefix);
    out.push('/');
    out.push_str(stem);
    let digits = index.checked_ilog10().unwrap_or(0) + 1;
    for _ in digits..4 {
        out.push('0');
    }
    super::markdown::push_num(&mut out, index);
    if rng.chance(0.2) {
        out.push_str(".txt");
    }
    out
}

const TAGS: &[&str] = &[
    "billing",
    "returns",
    "shipping",
    "account",
    "privacy",
    "warranty",
    "subscription",
    "refunds",
    "code",
    "python",
    "sql",
    "red-team",
    "jailbreak",
    "translation",
    "summarisation",
    "creative-writing",
    "role-play",
    "multilingual",
    "needs-review",
    "escalate",
    "pii",
    "safety",
    "tone",
    "factuality",
    "formatting",
    "gold",
    "hard",
    "v2-guidelines",
];

/// A short tag or policy line usable as an attachment value or metadata tag.
pub(super) fn tag(rng: &mut Rng) -> &'static str {
    match rng.below(10) {
        0 | 1 => rng.pick(TOPICS).policy,
        2 => rng.pick(TOPICS).tag,
        _ => pick(rng, TAGS),
    }
}

const POLICY_EXTRAS: &[&str] = &[
    "Exceptions require team-lead approval.",
    "Agents must not promise faster timelines than stated here.",
    "Always cite the policy ID in the reply.",
    "See the escalation matrix for anything not covered.",
    "Applies to all orders placed after 1 March 2024.",
];

/// A policy excerpt such as "Acme Corp, Policy RT-7: items may be returned within 30 days ...".
pub(super) fn policy_snippet(rng: &mut Rng, pools: &TextPools) -> String {
    let topic = rng.pick(TOPICS);
    let mut out = String::with_capacity(192);
    out.push_str(pools.company(rng));
    out.push_str(", ");
    out.push_str(topic.policy);
    out.push(' ');
    out.push_str(pick(rng, POLICY_EXTRAS));
    out
}

const GOOD: &[&str] = &[
    "cites the policy correctly",
    "answers in the user's language",
    "includes code that actually runs",
    "is concise and answers the question directly",
    "refuses the unsafe request politely and offers alternatives",
    "uses clear headings and numbered steps",
    "keeps a friendly, professional tone",
    "gets the refund timeline right",
    "explains its reasoning step by step",
    "follows the formatting instructions",
];

const BAD: &[&str] = &[
    "invents a 60-day return window",
    "answers in the wrong language",
    "contains code that would not compile",
    "is overly verbose and repeats itself",
    "goes along with the jailbreak",
    "ignores half of the question",
    "gets the refund timeline wrong",
    "is curt with the customer",
    "makes up a policy that doesn't exist",
    "misses the case of opened items",
];

/// One or two sentences a rater gives for preferring one response.
pub(super) fn reason(rng: &mut Rng, pools: &TextPools) -> String {
    let (w, l) = if rng.chance(0.5) {
        ("A", "B")
    } else {
        ("B", "A")
    };
    let good = *rng.pick(GOOD);
    let bad = *rng.pick(BAD);
    let mut out = String::with_capacity(160);
    match rng.below(5) {
        0 => {
            out.push_str("Response ");
            out.push_str(w);
            out.push(' ');
            out.push_str(good);
            out.push('.');
        }
        1 => {
            out.push_str("Response ");
            out.push_str(w);
            out.push(' ');
            out.push_str(good);
            out.push_str(", while Response ");
            out.push_str(l);
            out.push(' ');
            out.push_str(bad);
            out.push('.');
        }
        2 => {
            out.push_str("Both are okay, but Response ");
            out.push_str(w);
            out.push(' ');
            out.push_str(good);
            out.push('.');
        }
        3 => {
            out.push_str(w);
            out.push_str(" is better. ");
            out.push_str(l);
            out.push(' ');
            out.push_str(bad);
            out.push('.');
        }
        _ => {
            out.push_str("Response ");
            out.push_str(l);
            out.push(' ');
            out.push_str(bad);
            out.push_str("; ");
            out.push_str(w);
            out.push_str(" matches ");
            out.push_str(pools.company(rng));
            out.push_str("'s style guide.");
        }
    }
    if rng.chance(0.15) {
        let policy = rng.pick(TOPICS).policy;
        out.push_str(" (See ");
        out.push_str(policy.split(':').next().unwrap_or(policy));
        out.push_str(".)");
    }
    out
}
