//! Writing, role-play and summarising exchanges.

use super::markdown::{Slots, bullets, elaborate, fill, heading, para, pick};
use super::{Exchange, Style};
use crate::rng::Rng;

/// An e-mail someone asks an assistant to draft.
struct EmailTask {
    ask: &'static str,
    subject_line: &'static str,
    body: &'static [&'static str],
}

const EMAILS: &[EmailTask] = &[
    EmailTask {
        ask: "Write a polite email to $N declining the meeting on Thursday.",
        subject_line: "Thursday's meeting",
        body: &[
            "Thank you for the invitation to Thursday's meeting.",
            "Unfortunately I have a conflict at that time and won't be able to join.",
            "Could you share the notes afterwards, or would a short call next week work instead?",
        ],
    },
    EmailTask {
        ask: "Draft an email to my manager $F asking to work remotely from $C for two weeks next month.",
        subject_line: "Request: working from $C for two weeks",
        body: &[
            "I'd like to ask whether I could work remotely from $C for two weeks next month.",
            "I'll keep my usual hours, stay available on chat, and join every stand-up.",
            "Happy to talk through any concerns and to adjust the dates if a launch is planned.",
        ],
    },
    EmailTask {
        ask: "Write a follow-up email to $N at $K after my job interview yesterday.",
        subject_line: "Thank you for yesterday's interview",
        body: &[
            "Thank you for taking the time to talk with me yesterday about the role at $K.",
            "I especially enjoyed hearing about how the team ships small changes every week.",
            "Our conversation confirmed how much I'd like to contribute, and I'm glad to answer any further questions.",
        ],
    },
    EmailTask {
        ask: "Help me write a short, firm email to a supplier whose delivery is two weeks late.",
        subject_line: "Overdue delivery: order $#",
        body: &[
            "Our order $# was due two weeks ago and has still not arrived.",
            "This delay is now affecting our own customers.",
            "Please confirm a firm delivery date by Friday, or we will need to cancel the order and source elsewhere.",
        ],
    },
];

const SENDERS: &[&str] = &[
    "Alex", "Sam", "Jordan", "Priya", "Lena", "Tomás", "Yuki", "Chris",
];

const POSTSCRIPTS: &[&str] = &[
    "P.S. I've attached the relevant documents for reference.",
    "P.S. If it's easier, feel free to call me instead.",
    "P.S. Apologies for the short notice.",
    "P.S. I'm copying $F so everyone stays in the loop.",
];

const SIGN_OFFS: &[&str] = &[
    "Best regards,",
    "Kind regards,",
    "Thanks,",
    "Best,",
    "Cheers,",
];

/// A character the user asks the assistant to play.
struct Persona {
    setups: &'static [&'static str],
    lines: &'static [&'static str],
}

const PERSONAS: &[Persona] = &[
    Persona {
        setups: &[
            "You are a pirate tour guide in $C. Greet our group and tell us about the harbour.",
            "Pretend you're a pirate showing tourists around $C. Stay in character!",
        ],
        lines: &[
            "Arr, welcome aboard, me hearties! 🏴‍☠️",
            "*adjusts eyepatch* Ye be standin' in the finest harbour this side of $C.",
            "Legend says a captain once buried his gold right under that fish market.",
            "Mind yer step on the cobbles, they've tripped more sailors than any storm.",
            "Now follow me to the old lighthouse, and no dawdlin'!",
        ],
    },
    Persona {
        setups: &[
            "Act as a senior interviewer at $K and ask me a system design question. Wait for my answer.",
            "Role-play a tough technical interviewer from $K. Start the interview.",
        ],
        lines: &[
            "Thanks for joining, $F. Let's get straight into it.",
            "Imagine you need to design a URL shortener that handles 10,000 writes per second.",
            "Walk me through the API first, then the storage, then how you'd scale reads.",
            "Take your time, and think out loud: I care more about your reasoning than the final answer.",
        ],
    },
    Persona {
        setups: &[
            "You are a patient Socratic maths tutor. Help me understand why 0.999... equals 1 without just telling me.",
            "Be my Socratic tutor: I think dividing by zero should just give infinity.",
        ],
        lines: &[
            "Good question! Let's explore it together.",
            "What do you get if you divide 1 by 3 and then multiply the result by 3?",
            "Now, how would you write 1/3 as a decimal?",
            "So what happens when you multiply that decimal by 3, digit by digit?",
            "What does that tell you about the two numbers you started with?",
        ],
    },
    Persona {
        setups: &[
            "You're a friendly medieval innkeeper. I just walked in from the rain, soaked.",
            "Play a grumpy medieval innkeeper in a fantasy town called $C.",
        ],
        lines: &[
            "*wipes a tankard* Well, look what the storm dragged in.",
            "Sit by the fire before ye catch your death, traveller.",
            "A bowl of stew is two coppers, a bed is five, and the ale is the best in $C.",
            "Mind the bard in the corner, he's been singin' the same song since noon.",
        ],
    },
];

/// A passage to summarise, with the points a good summary keeps.
struct Passage {
    kind: &'static str,
    text: &'static str,
    summary: &'static [&'static str],
}

const PASSAGES: &[Passage] = &[
    Passage {
        kind: "meeting notes",
        text: "Attendees: $N, Priya, Tom, Jonas. Priya reported that the checkout redesign is two weeks behind because the payment provider changed its API. Tom suggested shipping the new cart page first and keeping the old payment step until the integration is done. Everyone agreed. Jonas raised that support tickets about promo codes doubled last week; the cause is a rounding bug for discounts over 50%. $N will own the fix and aim to ship it by Wednesday. Next sync moved to Monday because of the public holiday.",
        summary: &[
            "The checkout redesign is two weeks late due to a payment API change; the new cart page ships first.",
            "Promo-code tickets doubled because of a rounding bug for discounts over 50%; $N fixes it by Wednesday.",
            "The next sync moves to Monday.",
        ],
    },
    Passage {
        kind: "incident report",
        text: "At 14:02 UTC the order service started returning HTTP 503 for about 30% of requests. The on-call engineer was paged at 14:05. A configuration change deployed at 13:58 had reduced the database connection pool from 50 to 5 connections. The change was rolled back at 14:21 and error rates returned to normal by 14:24. Roughly 1,900 orders failed and customers were asked to retry. Action items: add a validation check for pool sizes, alert on connection wait time, and require a second reviewer for production configuration changes.",
        summary: &[
            "A config change shrank the database pool from 50 to 5 connections, causing 503s for ~30% of requests.",
            "The change was rolled back after 19 minutes; about 1,900 orders failed.",
            "Follow-ups: validate pool sizes, alert on connection waits, and require review of production config.",
        ],
    },
    Passage {
        kind: "product review",
        text: "I've had the $P for about two months now. Setup took five minutes and the app is genuinely easy to use. Build quality feels solid, although the finish scratches more easily than I expected. Battery life is where it shines: I charge it once a week. My only real complaint is customer support, which took nine days to answer a simple question about the warranty. Overall I'd still recommend it, especially at the sale price.",
        summary: &[
            "Quick setup, an easy app and excellent battery life (about a week per charge).",
            "The finish scratches easily and support was slow (nine days to reply).",
            "Recommended overall, especially on sale.",
        ],
    },
    Passage {
        kind: "abstract",
        text: "We study whether short, targeted feedback from human raters improves the factual accuracy of a large language model. Raters flagged unsupported claims in 12,000 model answers and wrote one-sentence corrections. Fine-tuning on these corrections reduced unsupported claims by 31% on a held-out set, with no measurable loss in helpfulness ratings. Gains were largest for questions about recent events and smallest for arithmetic. We release the annotation guidelines and a sample of 1,000 annotated answers.",
        summary: &[
            "Raters flagged unsupported claims in 12,000 answers and wrote short corrections.",
            "Fine-tuning on them cut unsupported claims by 31% without hurting helpfulness.",
            "Gains were biggest on recent events; guidelines and 1,000 samples are released.",
        ],
    },
];

const PRODUCT_LEADS: &[&str] = &[
    "Meet the $P: everything you need, nothing you don't.\n\n",
    "The $P, made for people in $C who hate compromises.\n\n",
    "Say hello to the $P from $K.\n\n",
    "Why settle? The $P does more with less.\n\n",
    "Designed in $C, built to last: the $P.\n\n",
];

const PRODUCT_CALLS: &[&str] = &[
    "Order today and get free delivery anywhere in $C. ✨\n\n",
    "In stock now at $K, with 30-day returns.\n\n",
    "Pick yours up in $C this weekend.\n\n",
    "Ships within 24 hours. 🚚\n\n",
    "Limited launch price until the end of the month.\n\n",
];

const PRODUCT_FEATURES: &[&str] = &[
    "**Set up in minutes:** no tools, no manual, no fuss.",
    "**Built to last:** every $P is tested for 10,000 cycles before it leaves the factory.",
    "**Quiet by design:** you'll forget it's running.",
    "**Smart when you want it:** control it from your phone, or don't.",
    "**Two-year warranty** and friendly support from the team at $K.",
    "**Energy efficient:** uses up to 40% less power than the previous model.",
];

/// Writes an e-mail, a product description, a role-play or a summary exchange.
pub(super) fn write(
    rng: &mut Rng,
    rr: &mut Rng,
    s: &mut Slots<'_>,
    ex: &mut Exchange,
    target: usize,
    alt: Style,
) {
    match rng.below(10) {
        0..=3 => email(rng, rr, s, ex, target, alt),
        4 | 5 => product(rng, rr, s, ex, target, alt),
        6 | 7 => summary(rng, rr, s, ex, alt),
        _ => role_play(rng, rr, s, ex, alt),
    }
}

fn email(
    rng: &mut Rng,
    rr: &mut Rng,
    s: &mut Slots<'_>,
    ex: &mut Exchange,
    target: usize,
    alt: Style,
) {
    let t = rng.pick(EMAILS);
    ex.topic = "email";
    s.subject = "the request in this email";
    fill(&mut ex.prompt, s, t.ask);
    let rng = rr;
    // The alternative is written more formally, so that two full drafts still differ.
    for (out, style, formal) in [
        (&mut ex.response, Style::Full, false),
        (&mut ex.alt_response, alt, true),
    ] {
        if style == Style::Full || style == Style::Plain {
            out.push_str("**Subject:** ");
            fill(out, s, t.subject_line);
            out.push_str("\n\n");
        }
        fill(
            out,
            s,
            match style {
                Style::Flawed => "Hey,\n\n",
                _ if formal => "Dear $N,\n\n",
                _ => "Hi $F,\n\n",
            },
        );
        if style == Style::Flawed {
            out.push_str("Can't make it. Sorry.\n\n");
        } else {
            let n = if style == Style::Brief {
                2
            } else {
                t.body.len()
            };
            for (k, line) in t.body[..n].iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                fill(out, s, line);
            }
            out.push_str("\n\n");
        }
        if style == Style::Full && target > 1200 {
            let ps = *rng.pick(POSTSCRIPTS);
            fill(out, s, ps);
            out.push_str("\n\n");
        }
        out.push_str(pick(rng, SIGN_OFFS));
        out.push('\n');
        out.push_str(pick(rng, SENDERS));
    }
}

fn product(
    rng: &mut Rng,
    rr: &mut Rng,
    s: &mut Slots<'_>,
    ex: &mut Exchange,
    target: usize,
    alt: Style,
) {
    ex.topic = "product copy";
    s.subject = s.product;
    let ask = if rng.chance(0.5) {
        "Write a product description for the $P. Make it punchy."
    } else {
        "Write Amazon-style bullet points for the $P sold by $K."
    };
    fill(&mut ex.prompt, s, ask);
    let rng = rr;
    for (out, style) in [(&mut ex.response, Style::Full), (&mut ex.alt_response, alt)] {
        if style == Style::Flawed {
            fill(
                out,
                s,
                "The $P is a product. It is good and you should buy it.",
            );
            continue;
        }
        heading(out, s, 2, "$P");
        fill(out, s, pick(rng, PRODUCT_LEADS));
        let n = if style == Style::Brief { 3 } else { 5 };
        bullets(out, rng, s, PRODUCT_FEATURES, n);
        if style == Style::Full {
            fill(out, s, pick(rng, PRODUCT_CALLS));
            elaborate(out, rng, s, target / 2);
        }
    }
}

fn summary(rng: &mut Rng, rr: &mut Rng, s: &mut Slots<'_>, ex: &mut Exchange, alt: Style) {
    let p = rng.pick(PASSAGES);
    ex.topic = "summary";
    s.subject = p.kind;
    fill(
        &mut ex.prompt,
        s,
        "Summarise the following $S in three bullet points:\n\n",
    );
    fill(&mut ex.prompt, s, p.text);
    if rng.chance(0.05) {
        // A long prompt: the user pasted several documents at once.
        for other in PASSAGES {
            ex.prompt.push_str("\n\n---\n\n");
            fill(&mut ex.prompt, s, other.text);
        }
    }
    let rng = rr;
    ex.response.push_str("**Summary**\n\n");
    for line in p.summary {
        ex.response.push_str("- ");
        fill(&mut ex.response, s, line);
        ex.response.push('\n');
    }
    match alt {
        Style::Full | Style::Plain => {
            ex.alt_response.push_str("TL;DR: ");
            para(&mut ex.alt_response, rng, s, p.summary, 2);
        }
        Style::Brief => fill(&mut ex.alt_response, s, p.summary[0]),
        Style::Flawed => fill(
            &mut ex.alt_response,
            s,
            "This $S is about several things and is quite detailed.",
        ),
    }
}

fn role_play(rng: &mut Rng, rr: &mut Rng, s: &mut Slots<'_>, ex: &mut Exchange, alt: Style) {
    let p = rng.pick(PERSONAS);
    ex.topic = "role-play";
    s.subject = "staying in character";
    let setup = *rng.pick(p.setups);
    fill(&mut ex.prompt, s, setup);
    let rng = rr;
    for line in p.lines {
        fill(&mut ex.response, s, line);
        ex.response
            .push_str(if rng.chance(0.5) { "\n\n" } else { " " });
    }
    match alt {
        Style::Flawed => ex
            .alt_response
            .push_str("As an AI language model, I cannot pretend to be a character."),
        _ => {
            let n = if alt == Style::Brief { 2 } else { 3 };
            let start = rng.index(p.lines.len() - n + 1);
            for line in &p.lines[start..start + n] {
                fill(&mut ex.alt_response, s, line);
                ex.alt_response.push(' ');
            }
        }
    }
}
