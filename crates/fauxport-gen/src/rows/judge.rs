//! What a careful labeler answers about a row's content: the topics it covers, its tone, whether
//! it follows policy, which response is better and why.
//!
//! A [`Judgement`] maps a feature's name to the option names chosen for it; features of the
//! built-in ontologies are all covered, and a feature it does not know (a team's own ontology
//! file) is answered at random by `annotate`.

use crate::rng::Rng;
use crate::text::preference::{Preference, Side};
use crate::text::{Domain, Exchange};

/// Programming languages a prompt can name (the ontology's "Languages" options).
const LANGUAGES: &[&str] = &["Python", "Rust", "JavaScript", "SQL", "Bash"];

/// A label's answers to choice features, decided from the content, and its reason text.
#[derive(Debug, Default)]
pub(crate) struct Judgement {
    /// (feature name, chosen option names); an empty list leaves the feature unanswered.
    picks: Vec<(&'static str, Vec<&'static str>)>,
    /// The free-text reason, when the label gives one.
    pub(crate) reason: Option<String>,
}

impl Judgement {
    /// The options chosen for the feature named `feature`, when the content decides it.
    pub(crate) fn picks(&self, feature: &str) -> Option<&[&'static str]> {
        self.picks
            .iter()
            .find(|(f, _)| *f == feature)
            .map(|(_, p)| p.as_slice())
    }

    fn set(&mut self, feature: &'static str, options: Vec<&'static str>) {
        self.picks.push((feature, options));
    }

    /// A prompt-and-response label: the topics the exchange covers and the tone of its answer.
    pub(crate) fn authored(ex: &Exchange, rng: &mut Rng) -> Judgement {
        let mut j = Judgement::default();
        let topics = match (ex.domain, ex.topic) {
            (Domain::Support, "returns") => vec!["Refund policy"],
            (Domain::Support, "refunds") => vec!["Billing", "Refund policy"],
            (Domain::Support, "billing" | "subscription") => vec!["Billing"],
            (Domain::Support, "account" | "privacy") => vec!["Account access"],
            (Domain::Support, "warranty") => vec!["Technical issue"],
            (Domain::Code, _) => vec!["Technical issue"],
            _ if LANGUAGES.iter().any(|l| ex.prompt.contains(l)) => vec!["Technical issue"],
            _ => vec!["Other topic"],
        };
        j.set("Topics covered", topics);
        let named: Vec<&'static str> = LANGUAGES
            .iter()
            .copied()
            .filter(|l| ex.topic == *l || ex.prompt.contains(l))
            .collect();
        j.set(
            "Languages",
            if named.is_empty() {
                vec!["Bash"]
            } else {
                named
            },
        );
        let tone = match ex.domain {
            Domain::Support => "Empathetic",
            Domain::Creative if ex.topic == "email" => "Formal",
            _ if rng.chance(0.03) => "Other",
            _ => "Neutral",
        };
        j.set("Response tone", vec![tone]);
        j.set(
            "Empathy level",
            vec![if ex.response.len() > 1200 {
                "High"
            } else {
                "Medium"
            }],
        );
        j
    }

    /// A written response to an uploaded prompt: `wrong` when the labeler got a fact wrong.
    pub(crate) fn response(response: &str, wrong: bool, rng: &mut Rng) -> Judgement {
        let mut j = Judgement::default();
        let long = response.len() > 2_500;
        let (policy, mut issues) = if wrong {
            ("No", vec!["Wrong time frame"])
        } else if long || rng.chance(0.08) {
            ("Partially", Vec::new())
        } else {
            ("Yes", Vec::new())
        };
        if long {
            issues.push("Too long");
        }
        if policy == "Partially" && !long {
            issues.push("Missing restocking fee");
        }
        j.set("Follows policy?", vec![policy]);
        j.set("Response issues", issues);
        j
    }

    /// A preference label: the choice (`None`: a tie), the issues a rater who saw the difference
    /// checks, the per-message factuality and the reason.
    pub(crate) fn preference(
        pref: &Preference,
        chosen: Option<Side>,
        reason: String,
        rng: &mut Rng,
    ) -> Judgement {
        let mut j = Judgement::default();
        j.set(
            "Choose the best response",
            vec![chosen.map_or("Tie", Side::name)],
        );
        let saw = chosen == Some(pref.better);
        let issue = pref.flaw.issue().filter(|_| saw);
        j.set("Issues found", issue.into_iter().collect());
        j.set(
            "Severity",
            vec![if rng.chance(0.6) { "Major" } else { "Minor" }],
        );
        let factual = match issue {
            Some("Factual error") => "Not factual",
            _ if rng.chance(0.04) => "Can't tell",
            _ => "Factual",
        };
        j.set("Is this response factual?", vec![factual]);
        j.reason = Some(reason);
        j
    }
}
