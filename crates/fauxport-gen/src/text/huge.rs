//! Huge but valid text for load and fault scenarios: a long Markdown document of realistic
//! exchanges, repeated in a fixed cycle until it reaches a byte target.
//!
//! The text is written once, into one `String` sized for the target. A *cycle* of whole sections
//! (each a quoted prompt and its Markdown answer, with lists, tables, code fences and other
//! languages, from every topic [`super::exchange`] writes) is drawn once, at most
//! [`CYCLE_BYTES`]; it is copied while a whole copy fits, then its longest run of whole sections
//! that fits, and padding paragraphs close the last gap. Sections end where their Markdown ends
//! (fences closed), so every cut between two sections leaves valid Markdown.

use super::markdown::{Slots, elaborate, finish};
use super::pools::TextPools;
use super::{Exchange, THEMES, drawn_exchange};
use crate::rng::Rng;

/// Fresh text in one cycle before it repeats: large enough to look varied, far above deflate's
/// 32 KiB window, small enough to cost well under a millisecond per row.
const CYCLE_BYTES: usize = 64 * 1024;

/// How far [`elaborate`] may overshoot its target (one heading, five sentences, three tips).
const PAD_SLACK: usize = 1024;

/// About `target` bytes: `lead` and a blank line when they fit, then the cycle, then padding.
pub(super) fn text(rng: &mut Rng, pools: &TextPools, lead: &str, target: usize) -> String {
    let mut out = String::with_capacity(target.saturating_add(PAD_SLACK));
    let lead = lead.trim_end();
    if !lead.is_empty() && lead.len() + 2 <= target {
        out.push_str(lead);
        out.push_str("\n\n");
    }
    let cycle = Cycle::draw(rng, pools, (target - out.len()).min(CYCLE_BYTES));
    while out.len() + cycle.text.len() <= target {
        out.push_str(&cycle.text);
    }
    out.push_str(cycle.prefix(target - out.len()));
    let slots = Slots::draw(rng, pools);
    elaborate(&mut out, rng, &slots, target);
    finish(&mut out);
    out
}

/// The repeated part of a huge text, with the byte offset where each of its sections ends.
struct Cycle {
    text: String,
    ends: Vec<usize>,
}

impl Cycle {
    /// Whole sections until the cycle holds at least `bytes` bytes (and at least one section).
    fn draw(rng: &mut Rng, pools: &TextPools, bytes: usize) -> Cycle {
        let mut cycle = Cycle {
            text: String::with_capacity(bytes + 16 * 1024),
            ends: Vec::new(),
        };
        while cycle.text.len() < bytes || cycle.ends.is_empty() {
            section(
                &mut cycle.text,
                &drawn_exchange(&THEMES[0], rng, pools, false),
            );
            cycle.ends.push(cycle.text.len());
        }
        cycle
    }

    /// The longest run of whole sections from the start that fits in `room` bytes.
    fn prefix(&self, room: usize) -> &str {
        let whole = self.ends.partition_point(|&end| end <= room);
        match whole.checked_sub(1) {
            Some(last) => &self.text[..self.ends[last]],
            None => "",
        }
    }
}

/// Appends one section: a rule, the prompt as a block quote, and the full answer.
fn section(out: &mut String, ex: &Exchange) {
    out.push_str("---\n\n");
    for line in ex.prompt.lines() {
        out.push('>');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&ex.response);
    out.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn huge(key: u64, lead: &str, target: usize) -> String {
        text(
            &mut Rng::from_key(&[9, key]),
            &TextPools::new(9),
            lead,
            target,
        )
    }

    #[test]
    fn lands_close_to_the_target() {
        for target in [2_000, 10_000, 100_000, 1 << 20, 3 << 20] {
            for key in 0..4 {
                let len = huge(key, "Short answer.", target).len();
                assert!(
                    len + 200 >= target && len <= target + PAD_SLACK,
                    "target {target}, key {key}: {len}"
                );
            }
        }
    }

    #[test]
    fn tiny_targets_give_tiny_texts() {
        assert_eq!(huge(1, "lead", 0), "");
        assert!(huge(1, "", 100).len() <= 100);
    }

    #[test]
    fn same_key_same_text() {
        assert_eq!(huge(3, "x", 200_000), huge(3, "x", 200_000));
        assert_ne!(huge(3, "x", 200_000), huge(4, "x", 200_000));
    }

    #[test]
    fn opens_with_the_lead_and_is_realistic_markdown() {
        let lead = "Here is what I would do first.\n\n- check the logs";
        let t = huge(5, lead, 1 << 20);
        assert!(t.starts_with(lead), "{}", &t[..200]);
        assert_eq!(t.matches("```").count() % 2, 0, "an unclosed code fence");
        assert!(t.contains("\n> "), "no quoted prompt");
        assert!(t.contains("\n- ") || t.contains("\n* "), "no list");
        assert!(t.contains("\n## ") || t.contains("\n### "), "no heading");
        assert!(t.contains("```"), "no code fence in 1 MiB");
        assert!(!t.contains('\r') && !t.contains('\0'), "not plain text");
        assert!(!t.ends_with(char::is_whitespace));
    }

    #[test]
    fn a_lead_that_does_not_fit_is_left_out() {
        let lead = "word ".repeat(1000);
        let t = huge(6, &lead, 2_000);
        assert!(!t.starts_with("word word"), "{}", &t[..100]);
        assert!(t.len() <= 2_000 + PAD_SLACK);
    }
}
