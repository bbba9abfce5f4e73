//! What a row is about, drawn before any text: the project's theme, then the row's domain,
//! persona, difficulty and length. Every text of the row (prompt, responses, reasons) and every
//! answer that describes it (topics, tone, issues) is written from the same [`Situation`].

use crate::rng::Rng;
use crate::world::ProjectKind;

/// The area a row's exchange belongs to; each has its own writer module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    /// A shopper's question and a policy-grounded answer (`support`).
    Support,
    /// Code to write or fix in Python, Rust, JavaScript, SQL or Bash (`code`).
    Code,
    /// A concept explained or two things compared (`explain`).
    Explain,
    /// E-mails, product copy, summaries and role-play (`creative`).
    Creative,
    /// Jailbreak attempts and their refusals (`redteam`).
    RedTeam,
    /// Questions in one of eleven other languages, or a translation (`languages`).
    Multilingual,
}

/// What a project is about: its name, its data row keys and the mix of its rows' domains.
#[derive(Debug, PartialEq, Eq)]
pub struct Theme {
    /// Display name, the start of the project's name ("Shop support bot").
    pub name: &'static str,
    /// The dataset name's stem ("support-bot").
    pub slug: &'static str,
    /// Folders of uploaded rows' global keys ("support/tickets").
    pub key_prefixes: &'static [&'static str],
    /// The domains of its rows, with weights.
    pub mix: &'static [(Domain, u32)],
}

/// Every theme a generated project can have.
pub const THEMES: &[Theme] = &[
    Theme {
        name: "General assistant",
        slug: "general-assistant",
        key_prefixes: &["chat/prompts", "assistant/eval-set", "prompts/general"],
        mix: &[
            (Domain::Support, 18),
            (Domain::Code, 20),
            (Domain::Explain, 20),
            (Domain::Creative, 22),
            (Domain::RedTeam, 5),
            (Domain::Multilingual, 15),
        ],
    },
    Theme {
        name: "Shop support bot",
        slug: "support-bot",
        key_prefixes: &["support/tickets", "returns-faq", "help-centre/questions"],
        mix: &[
            (Domain::Support, 70),
            (Domain::Multilingual, 15),
            (Domain::Creative, 15),
        ],
    },
    Theme {
        name: "Code assistant",
        slug: "code-assist",
        key_prefixes: &["code-assist", "sql-tutor/exercises", "dev-questions"],
        mix: &[(Domain::Code, 65), (Domain::Explain, 35)],
    },
    Theme {
        name: "Writing assistant",
        slug: "writing-assistant",
        key_prefixes: &["drafts", "copywriting/briefs", "summaries"],
        mix: &[
            (Domain::Creative, 65),
            (Domain::Explain, 20),
            (Domain::Multilingual, 15),
        ],
    },
    Theme {
        name: "Safety red team",
        slug: "redteam",
        key_prefixes: &["redteam/2024q3", "safety-evals", "jailbreaks"],
        mix: &[(Domain::RedTeam, 100)],
    },
];

impl Theme {
    /// The themes a project of `kind` can have: prompt creation asks for system-prompt
    /// extraction attempts (red team); response creation answers uploaded support questions.
    pub fn for_kind(kind: ProjectKind) -> &'static [usize] {
        match kind {
            ProjectKind::PromptCreation => &[4],
            ProjectKind::ResponseCreation => &[1],
            ProjectKind::PromptResponseCreation => &[0, 1, 2, 3],
            ProjectKind::ConversationalPreference => &[0, 2, 3],
        }
    }

    /// Picks a theme for a project of `kind`.
    pub fn draw(kind: ProjectKind, rng: &mut Rng) -> &'static Theme {
        &THEMES[*rng.pick(Theme::for_kind(kind))]
    }
}

/// Who asks: decides how a prompt opens and closes, and how casual it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Persona {
    /// A short role ("customer", "developer").
    pub role: &'static str,
    /// Sentences that may open a prompt, with `$` slots.
    pub(super) leads: &'static [&'static str],
    /// Share of prompts written in lower case without care.
    pub(super) casual: f64,
}

pub(super) const PERSONAS: &[Persona] = &[
    Persona {
        role: "customer",
        leads: &[
            "Hi, I'm $F from $C. ",
            "I ordered from $K last month. ",
            "Hello, this is $N. ",
            "",
        ],
        casual: 0.1,
    },
    Persona {
        role: "developer",
        leads: &[
            "I'm working on a side project for $K. ",
            "Context: our team in $C maintains an internal tool. ",
            "",
        ],
        casual: 0.05,
    },
    Persona {
        role: "student",
        leads: &[
            "I'm a student in $C and this is for a class. ",
            "My teacher $N asked us this: ",
            "",
        ],
        casual: 0.15,
    },
    Persona {
        role: "manager",
        leads: &[
            "I manage a small team at $K. ",
            "Quick one before my 3pm meeting. ",
            "",
        ],
        casual: 0.0,
    },
    Persona {
        role: "tester",
        leads: &["", "Test case $#: ", "Scenario for the $K eval: "],
        casual: 0.0,
    },
];

/// How hard a request is: harder ones get longer answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difficulty {
    /// A one-fact question.
    Easy,
    /// The usual request.
    Medium,
    /// Several parts, or an unusual case.
    Hard,
}

/// What one row is about, decided first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Situation {
    /// The domain, from the project's theme.
    pub domain: Domain,
    /// Who asks.
    pub persona: &'static Persona,
    /// How hard it is.
    pub difficulty: Difficulty,
    /// The main response's target length in bytes.
    pub target: usize,
}

impl Situation {
    /// Draws a situation of `theme`; `target` is the response length the plan decided.
    pub fn draw(theme: &Theme, target: usize, rng: &mut Rng) -> Situation {
        let total: u32 = theme.mix.iter().map(|(_, w)| w).sum();
        let mut roll = rng.below(u64::from(total.max(1))) as u32;
        let mut domain = theme.mix.first().map_or(Domain::Explain, |m| m.0);
        for &(d, w) in theme.mix {
            if roll < w {
                domain = d;
                break;
            }
            roll -= w;
        }
        let difficulty = match rng.below(10) {
            0..=2 => Difficulty::Easy,
            3..=7 => Difficulty::Medium,
            _ => Difficulty::Hard,
        };
        Situation {
            domain,
            persona: rng.pick(PERSONAS),
            difficulty,
            target,
        }
    }
}

/// A response length in bytes: mostly 300 to 2,500, rarely up to 14,000 (a long tail).
pub fn response_target(rng: &mut Rng) -> usize {
    if rng.chance(0.04) {
        rng.long_tail(3_000, 14_000) as usize
    } else {
        rng.long_tail(300, 2_500) as usize
    }
}
