//! Each realism figure held to its bar on 2,000 rows per kind of the default world, seed 42.

use std::collections::HashMap;
use std::sync::OnceLock;

use fauxport_gen::{ProjectKind, World, WorldSpec};

use super::figures::{
    Figures, answered, correlation, distinct, length_quantile, measure, top_phrase, top_phrases,
};

const ROWS: u64 = 2_000;

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| World::new(WorldSpec::default_world(42, ROWS)).expect("default world"))
}

fn all() -> &'static [Figures] {
    static FIGURES: OnceLock<Vec<Figures>> = OnceLock::new();
    FIGURES.get_or_init(|| {
        (0..world().projects.len())
            .map(|p| measure(world(), p))
            .collect()
    })
}

fn of(kind: ProjectKind) -> &'static Figures {
    all()
        .iter()
        .find(|f| f.kind == Some(kind))
        .expect("the default world has every kind")
}

#[test]
#[ignore = "prints the figures; run with --ignored --nocapture"]
fn print() {
    for f in all() {
        let (phrase, share) = top_phrase(&f.responses);
        println!("== {:?}: {} rows, {:?}", f.kind, f.rows, f.name);
        for (phrase, share) in top_phrases(&f.responses, 40)
            .into_iter()
            .filter(|p| p.1 > 0.03)
        {
            println!("    {:.1}% {phrase:?}", 100.0 * share);
        }
        println!(
            "  distinct text answers: {:.1}% of {}",
            100.0 * distinct(&f.texts),
            f.texts.len()
        );
        for (text, n) in most_repeated(&f.texts, 8) {
            println!("    {n}x {:?}", text.chars().take(90).collect::<String>());
        }
        println!(
            "  top 5-word phrase in responses: {:.1}% {phrase:?}",
            100.0 * share
        );
        println!(
            "  prompt and response share a content word: {:.1}% of {}",
            100.0 * answered(&f.pairs),
            f.pairs.len()
        );
        println!(
            "  response length p50 {} p90 {} p99 {} chars",
            length_quantile(&f.responses, 0.5),
            length_quantile(&f.responses, 0.9),
            length_quantile(&f.responses, 0.99)
        );
        if !f.effort.is_empty() {
            println!(
                "  seconds_to_create vs characters: r = {:.2}; fastest {:.1} chars/s",
                correlation(&f.effort),
                max_speed(f)
            );
        }
        println!(
            "  labels {} reviewed {} rejections {}; nested checklist answers {}; rows with embeddings {}",
            f.labels, f.reviewed_labels, f.rejections, f.nested_checklist, f.embedded_rows
        );
        println!("  statuses {:?}", f.statuses);
        if !f.choices.is_empty() {
            println!(
                "  preference: {} choices, reasons distinct {:.1}%, reason names the choice {:.1}%, multi-turn {:.1}%, models {:?}",
                f.choices.len(),
                100.0
                    * distinct(
                        &f.choices
                            .iter()
                            .map(|c| c.reason.clone())
                            .collect::<Vec<_>>()
                    ),
                100.0 * names_choice(f),
                100.0 * multi_turn(f),
                f.models
            );
        }
    }
}

/// The `n` texts that appear most often, with their counts (only those seen twice or more).
fn most_repeated(texts: &[String], n: usize) -> Vec<(&str, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for t in texts {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, c)| c > 1).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.truncate(n);
    counts
}

fn max_speed(f: &Figures) -> f64 {
    f.effort
        .iter()
        .map(|(chars, secs)| chars / secs.max(0.001))
        .fold(0.0, f64::max)
}

fn names_choice(f: &Figures) -> f64 {
    let ok = f
        .choices
        .iter()
        .filter(|c| {
            first_named(&c.reason).as_deref() == Some(c.chosen.as_str()) || c.chosen == "Tie"
        })
        .count();
    ok as f64 / f.choices.len().max(1) as f64
}

/// The first "Response A" / "Response B" a reason names.
fn first_named(reason: &str) -> Option<String> {
    let a = reason.find("Response A");
    let b = reason.find("Response B");
    match (a, b) {
        (Some(a), Some(b)) => Some(if a < b { "Response A" } else { "Response B" }.to_owned()),
        (Some(_), None) => Some("Response A".to_owned()),
        (None, Some(_)) => Some("Response B".to_owned()),
        (None, None) => None,
    }
}

fn multi_turn(f: &Figures) -> f64 {
    f.messages.iter().filter(|&&m| m > 1).count() as f64 / f.messages.len().max(1) as f64
}

// ---- the bars ----
//
// Where issue 9's bar is not met yet, the test holds today's figure so it cannot regress, and says
// so: distinct text answers (bar 97%), the most common 5-word phrase (bar 3%) and the authoring
// speed of prompt-and-response labels.

#[test]
fn responses_answer_their_prompts() {
    for kind in [
        ProjectKind::ResponseCreation,
        ProjectKind::PromptResponseCreation,
    ] {
        let f = of(kind);
        assert!(f.pairs.len() > 1_000, "{kind:?}: {} pairs", f.pairs.len());
        let share = answered(&f.pairs);
        assert!(
            share >= 0.75,
            "{kind:?}: only {share:.2} share a content word"
        );
    }
}

#[test]
fn kinds_share_no_text_and_no_status_mix() {
    // Before issue 9, one seed gave two kinds byte-identical responses: every text of one
    // project appeared in another. Kinds now draw from their own streams; what remains shared
    // are texts with no people, numbers or places in them (a summary's or a role-play's fixed
    // lines), which also repeat within a project. Issue 9 wants none; this holds today's 16%.
    let mut owners: HashMap<&str, std::collections::BTreeSet<usize>> = HashMap::new();
    for (p, f) in all().iter().enumerate() {
        for t in f.texts.iter().chain(&f.responses).filter(|t| t.len() >= 40) {
            owners.entry(t.as_str()).or_default().insert(p);
        }
    }
    for f in all() {
        let texts: Vec<&String> = f
            .texts
            .iter()
            .chain(&f.responses)
            .filter(|t| t.len() >= 40)
            .collect();
        let shared = texts
            .iter()
            .filter(|t| owners[t.as_str()].len() > 1)
            .count();
        let share = shared as f64 / texts.len().max(1) as f64;
        assert!(
            share <= 0.16,
            "{:?}: {shared} of {} texts appear in another project",
            f.kind,
            texts.len()
        );
    }
    for (i, a) in all().iter().enumerate() {
        for b in &all()[i + 1..] {
            assert_ne!(a.statuses, b.statuses, "{:?} and {:?}", a.kind, b.kind);
        }
    }
}

#[test]
fn text_answers_are_varied() {
    for f in all() {
        let d = distinct(&f.texts);
        // Issue 9's bar: 97% of text answers distinct (today 97.5%, 100%, 98.7%, 98.0%).
        assert!(d >= 0.97, "{:?}: {d:.3} of text answers distinct", f.kind);
        let (phrase, share) = top_phrase(&f.responses);
        // Issue 9's bar: no 5-word phrase in more than 3% of responses (today 0.025, 0.024, 0.023).
        assert!(
            share <= 0.03,
            "{:?}: {phrase:?} in {share:.3} of responses",
            f.kind
        );
    }
}

#[test]
fn lengths_have_a_long_tail() {
    for kind in [
        ProjectKind::PromptResponseCreation,
        ProjectKind::ResponseCreation,
        ProjectKind::ConversationalPreference,
    ] {
        let f = of(kind);
        let (p50, p99) = (
            length_quantile(&f.responses, 0.5),
            length_quantile(&f.responses, 0.99),
        );
        assert!(
            p50 >= 150 && p99 >= 4 * p50,
            "{kind:?}: p50 {p50}, p99 {p99}"
        );
    }
}

#[test]
fn preference_labels_follow_the_difference_at_the_noise_rate() {
    let f = of(ProjectKind::ConversationalPreference);
    let rows = world().rows(3).expect("preference project");
    let (mut agree, mut decided, mut truncated_longer, mut truncated) = (0, 0, 0, 0);
    for c in &f.choices {
        let truth = rows
            .preference(&rows.plan(c.row))
            .expect("a preference row");
        if c.chosen == "Tie" {
            continue;
        }
        decided += 1;
        if c.chosen == truth.better.name() {
            agree += 1;
            let [a, b] = &c.outputs;
            let (chosen, other) = if c.chosen == "Response A" {
                (a, b)
            } else {
                (b, a)
            };
            if truth.flaw == fauxport_gen::text::preference::Flaw::Truncated {
                truncated += 1;
                truncated_longer += usize::from(chosen.len() > other.len());
            }
            if let Some(issue) = truth.flaw.issue() {
                assert!(
                    c.issues.iter().any(|i| i == issue),
                    "row {}: {:?}",
                    c.row,
                    c.issues
                );
            }
        }
    }
    let rate = agree as f64 / decided as f64;
    let noise = world().spec.annotator_noise;
    assert!(
        (rate - (1.0 - noise)).abs() < 0.04,
        "agreement {rate:.3} with noise {noise}"
    );
    assert!(
        truncated > 50 && truncated_longer == truncated,
        "{truncated_longer}/{truncated}"
    );
    assert_eq!(names_choice(f), 1.0, "a reason names the other response");
    let reasons: Vec<String> = f.choices.iter().map(|c| c.reason.clone()).collect();
    assert!(distinct(&reasons) >= 0.9, "{:.3}", distinct(&reasons));
    let multi = multi_turn(f);
    assert!((0.28..0.42).contains(&multi), "multi-turn share {multi:.3}");
    assert!(f.messages.iter().all(|&m| (1..=11).contains(&m)));
    assert!(f.messages.contains(&11), "no six-turn conversation");
    assert!(f.models.len() >= 6, "{:?}", f.models);
}

#[test]
fn prompt_creation_prompts_do_what_the_task_asks() {
    let f = of(ProjectKind::PromptCreation);
    const ASKS: &[&str] = &[
        "system prompt",
        "instructions",
        "initial prompt",
        "configuration",
        "hidden rules",
        "system message",
    ];
    let doing = f
        .texts
        .iter()
        .filter(|t| ASKS.iter().any(|a| t.to_lowercase().contains(a)))
        .count();
    assert!(
        doing as f64 >= 0.95 * f.texts.len() as f64,
        "{doing} of {}",
        f.texts.len()
    );
}

#[test]
fn topics_describe_the_content() {
    // A world whose prompt-and-response project is a code assistant.
    let world = (1..200)
        .map(|seed| {
            World::new(WorldSpec::single(
                seed,
                ProjectKind::PromptResponseCreation,
                600,
            ))
        })
        .find_map(|w| w.ok().filter(|w| w.projects[0].theme.slug == "code-assist"))
        .expect("some seed gives a code assistant");
    let f = measure(&world, 0);
    let code = |p: &str| {
        [
            "```",
            "Python",
            "SQL",
            "Rust",
            "JavaScript",
            "Bash",
            "bash",
            "code",
        ]
        .iter()
        .any(|k| p.contains(k))
    };
    let (mut coded, mut right) = (0, 0);
    for (prompt, topics) in &f.topics {
        if code(prompt) {
            coded += 1;
            right += usize::from(
                topics.iter().any(|t| t == "Technical issue")
                    && !topics
                        .iter()
                        .any(|t| t == "Billing" || t == "Refund policy"),
            );
        }
    }
    assert!(coded > 100, "{coded} code prompts");
    assert_eq!(right, coded, "topics that ignore the code");
    assert!(
        f.nested_checklist > 100,
        "{} nested checklist answers",
        f.nested_checklist
    );
}

#[test]
fn effort_reviews_embeddings_and_names_hold_together() {
    for (p, f) in all().iter().enumerate() {
        let project = &world().projects[p];
        assert!(
            f.embedded_rows == f.rows,
            "{:?}: embeddings on {} of {}",
            f.kind,
            f.embedded_rows,
            f.rows
        );
        let reviewed = f.reviewed_labels as f64 / f.labels as f64;
        assert!(
            (0.3..0.9).contains(&reviewed) && f.rejections > 50,
            "{:?}: {reviewed:.2}",
            f.kind
        );
        if f.kind != Some(ProjectKind::ConversationalPreference) {
            let r = correlation(&f.effort);
            // Prompt-and-response labels are at 0.34 (their pasted prompts are not planned).
            assert!(r >= 0.3, "{:?}: r = {r:.2}", f.kind);
            assert!(
                max_speed(f) <= 30.0,
                "{:?}: {:.1} chars/s",
                f.kind,
                max_speed(f)
            );
        }
        assert!(
            project.name.starts_with(project.theme.name),
            "{}",
            project.name
        );
        assert!(
            project.dataset.name.starts_with(project.theme.slug),
            "{}",
            project.dataset.name
        );
        for key in &f.external_ids {
            assert!(key.ends_with(".txt") && !key.ends_with(".txt.txt"), "{key}");
        }
        if !f.external_ids.is_empty() {
            assert!(
                f.global_keys.iter().all(|k| project
                    .theme
                    .key_prefixes
                    .iter()
                    .any(|p| k.starts_with(p)))
            );
        }
    }
}
