//! Customer-support exchanges: a shopper's question and an agent-style answer grounded in a policy.

use super::markdown::{Slots, elaborate, fill, heading, numbered, para, pick, table};
use super::support_topics::{SupportTopic, TOPICS};
use super::{Draft, Style};
use crate::rng::Rng;

/// What may stand before the steps instead of the topic's heading.
const STEP_INTROS: &[&str] = &[
    "⟨What to do|To fix it|The steps|Next⟩:",
    "⟨Quickest way|Fastest route|The easy way|In short⟩:",
    "⟨Step by step|In order|Do this|Try this⟩:",
    "⟨My suggestion|I'd suggest|I recommend|Suggested steps⟩:",
    "⟨This should work|This usually works|That sorts it|Here goes⟩:",
];

const PROMPT_EXTRAS: &[&str] = &[
    " I ordered it from $K last month.",
    " This is really frustrating.",
    " I'm in $C if that matters.",
    " My name is $N.",
    " Order #$#.",
];

const GREETINGS: &[&str] = &[
    "⟨Thanks for reaching out|Thanks for writing in|Thank you for contacting us⟩, $F⟨!|.⟩",
    "⟨Happy to help|Glad to help|I can help⟩ with the $P.",
    "⟨Sorry for the hassle|Apologies for the trouble|Sorry about this⟩ with order #$#⟨, let's sort this out|; let's fix it|, I'll help you sort it⟩.",
    "⟨Good question|Fair question⟩, $F, ⟨and thanks for your patience|and thanks for waiting|thanks for asking⟩.",
    "Hi $F, ⟨thanks for getting in touch|thanks for your message|thanks for contacting us⟩ about the $P.",
    "⟨Hello|Hi|Hey⟩ $F! ⟨I've pulled up order #$#.|I have order #$# open here.|I can see order #$# on my side.⟩",
    "⟨Thanks for the details|Thank you for the details|Thanks for explaining⟩, $F.",
    "⟨I understand how frustrating this is|I know this is frustrating|Sorry you're dealing with this⟩, $F.",
    "⟨Glad you asked|Good that you asked⟩ ⟨before the deadline|early|before ordering⟩, $F.",
    "⟨Hi there|Hello|Hi⟩, $K support here.",
    "⟨Morning|Good afternoon|Good evening⟩ $F, ⟨and thanks for the clear description|thanks for the details on order #$#|and thanks for flagging this⟩.",
    "⟨Right|OK|Sure⟩, $F, ⟨let's get this sorted|let me walk you through it|here's how this works⟩.",
    "⟨Thanks for your patience|Thank you for waiting|Sorry for the wait⟩, $F⟨!|.⟩ ⟨I've looked into it.|I checked our records.|I had a look.⟩",
    "$F, ⟨happy to explain|glad you wrote|thanks for writing⟩ ⟨about the $P|about order #$#|about this⟩.",
];

const CLOSINGS: &[&str] = &[
    "⟨If anything goes wrong|If you hit a snag|If it doesn't work⟩, ⟨reply here|just reply|message us⟩ with order #$# and ⟨I'll take a look|we'll check|I'll pick it up⟩.",
    "⟨Let me know|Tell me|Shout⟩ ⟨if there's anything else|whether there is anything more|about anything else⟩ ⟨I can help with|you need|we can do⟩, $F⟨!|.⟩",
    "⟨Hope that helps|I hope this helps|Hope this sorts it⟩, $F. ⟨Have a great day!|Take care!|Enjoy your $w!⟩",
    "⟨If you'd like|If you want|Should you prefer⟩, I can ⟨start this for you|do this on our side|handle it from here⟩: ⟨just confirm|reply to confirm|just say yes to⟩ order #$#.",
    "⟨Anything else|Any other questions⟩ about the $P? ⟨Just reply to this message.|Reply here any time.|We're around.⟩",
    "⟨We're here|Support is open|You can reach us⟩ every day from ⟨8am to 8pm|9am to 6pm|7am to 10pm⟩⟨ if you need us again| if anything else comes up|⟩.",
    "⟨Thanks again for shopping with $K|Thanks for being a $K customer|Thanks for choosing $K⟩.",
    "⟨I've added a note to your account|I've noted this on your account|There's now a note on your file⟩ ⟨so the next agent sees this too|in case you contact us again|for whoever picks this up next⟩.",
    "⟨Take care|All the best|Cheers⟩, and ⟨enjoy the $P|good luck with the $P|happy $w⟩!",
    "— $K ⟨Support|Customer Care|Help Desk⟩",
    "⟨Fingers crossed|I hope|With luck⟩ this ⟨settles it|does the trick|gets it resolved⟩ by $w, $F.",
    "⟨Should you need more|For anything else|If more questions come up⟩, ⟨our chat is open|we're on chat|the chat button works⟩ ⟨around the clock|seven days a week|any day⟩.",
    "⟨Speak soon|Talk soon|Best wishes⟩, $F⟨!|.⟩",
    "⟨I'll keep this ticket open|This ticket stays open|Your case stays open⟩ ⟨for $n days|until $w|for a week⟩ ⟨in case you need us|should anything change|if you want to reply⟩.",
];

/// Writes a support question, a full answer and an alternative answer in `alt` style.
pub(super) fn write(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, target, alt) = d.parts();
    let t = rng.pick(TOPICS);
    ex.topic = t.tag;
    s.subject = t.subject;
    let q = *rng.pick(t.questions);
    fill(&mut ex.prompt, s, q);
    if rng.chance(0.25) {
        let extra = *rng.pick(PROMPT_EXTRAS);
        fill(&mut ex.prompt, s, extra);
    }
    // The prompt is written: the answers draw from the responder's own stream.
    let rng = rr;
    answer(rng, s, t, &mut ex.response, Style::Full, target);
    let alt_target = if alt == Style::Full {
        target / 2 + 200
    } else {
        0
    };
    answer(rng, s, t, &mut ex.alt_response, alt, alt_target);
}

fn answer(
    rng: &mut Rng,
    s: &Slots<'_>,
    t: &SupportTopic,
    out: &mut String,
    style: Style,
    target: usize,
) {
    match style {
        Style::Full => {
            let greeting = *rng.pick(GREETINGS);
            fill(out, s, greeting);
            out.push(' ');
            para(out, rng, s, t.facts, 2);
            if rng.chance(0.3) {
                heading(out, s, 3, t.steps_heading);
            } else {
                fill(out, s, pick(rng, STEP_INTROS));
                out.push_str("\n\n");
            }
            numbered(out, s, t.steps);
            if rng.chance(0.2) {
                fill(
                    out,
                    s,
                    "**⟨Good to know|Worth knowing|For reference|The policy⟩:** ",
                );
                out.push_str(t.policy);
                out.push_str("\n\n");
            }
            if out.len() < target && rng.chance(0.35) {
                table(out, s, t.header, t.table);
            }
            if out.len() + 300 < target {
                elaborate(out, rng, s, target.saturating_sub(150));
            }
            let closing = *rng.pick(CLOSINGS);
            fill(out, s, closing);
        }
        Style::Brief => {
            para(out, rng, s, t.facts, 1);
            fill(out, s, t.steps[0]);
            out.push(' ');
            let closing = *rng.pick(CLOSINGS);
            fill(out, s, closing);
        }
        Style::Plain => {
            let greeting = *rng.pick(GREETINGS);
            fill(out, s, greeting);
            out.push(' ');
            para(out, rng, s, t.facts, 2);
            fill(
                out,
                s,
                "⟨Here is what to do.|What to do:|The steps are simple.⟩",
            );
            for step in t.steps {
                out.push(' ');
                fill(out, s, step);
            }
            out.push_str("\n\n");
            let closing = *rng.pick(CLOSINGS);
            fill(out, s, closing);
        }
        Style::Flawed => {
            fill(out, s, t.wrong);
            out.push(' ');
            fill(
                out,
                s,
                "⟨Maybe check the website for more details.|Not sure though, check the FAQ.|Hope that helps!|That's all I know.|Try the help page maybe.⟩",
            );
        }
    }
}
