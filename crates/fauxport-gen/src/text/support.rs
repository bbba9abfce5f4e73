//! Customer-support exchanges: a shopper's question and an agent-style answer grounded in a policy.

use super::markdown::{Slots, elaborate, fill, heading, numbered, para, table};
use super::{Exchange, Style};
use crate::rng::Rng;

/// One support subject with everything needed to ask and answer about it.
pub(super) struct SupportTopic {
    /// The tag a rater would put on the row.
    pub(super) tag: &'static str,
    /// A noun phrase for the subject, used by padding sentences.
    pub(super) subject: &'static str,
    questions: &'static [&'static str],
    facts: &'static [&'static str],
    steps_heading: &'static str,
    steps: &'static [&'static str],
    /// The policy line an answer should cite.
    pub(super) policy: &'static str,
    header: &'static [&'static str],
    table: &'static [&'static [&'static str]],
    /// A plausible but wrong claim, for the worse of two answers.
    wrong: &'static str,
}

pub(super) const TOPICS: &[SupportTopic] = &[
    SupportTopic {
        tag: "returns",
        subject: "returning an item",
        questions: &[
            "I bought a $P three weeks ago and it stopped working. Can I still return it?",
            "How do I return my $P? The order number is $#.",
            "What's your return policy for opened items?",
            "Can I return something I bought as a gift without the receipt?",
            "My $P arrived but it's the wrong colour. How do I send it back?",
        ],
        facts: &[
            "You can return most items within 30 days of delivery for a full refund.",
            "Opened items are accepted as long as all accessories and the original packaging are included.",
            "Returns are free when the item is faulty or we shipped the wrong thing.",
            "For gifts, we can refund the gift receiver with store credit instead of the original payment.",
        ],
        steps_heading: "How to start a return",
        steps: &[
            "Go to **Orders** in your account and select order `#$#`.",
            "Click **Return an item** and choose the reason that fits best.",
            "Print the prepaid label, or show the QR code at a drop-off point in $C.",
            "Pack the $P with its accessories and drop it off within 14 days.",
        ],
        policy: "Policy RT-7: items may be returned within 30 days of delivery; faulty items are collected free of charge.",
        header: &["Situation", "What happens"],
        table: &[
            &[
                "Unopened, within 30 days",
                "Full refund to the original payment method",
            ],
            &["Opened, all parts included", "Full refund after inspection"],
            &[
                "Faulty on arrival",
                "Free collection and refund or replacement",
            ],
        ],
        wrong: "I think you can return things at any time as long as you still have the box.",
    },
    SupportTopic {
        tag: "refunds",
        subject: "refund timing",
        questions: &[
            "I returned my $P two weeks ago and still haven't got my refund. Where is it?",
            "How long does a refund take to show up on my card?",
            "Why was I only refunded part of my order $#?",
        ],
        facts: &[
            "Refunds are issued as soon as the warehouse scans your parcel, usually 3-5 business days after drop-off.",
            "Your bank may take another 5-10 business days to show the money on your statement.",
            "Partial refunds happen when only some items were returned or when shipping was not refundable.",
        ],
        steps_heading: "What you can check",
        steps: &[
            "Open the return under **Orders → Returns** and check its status.",
            "If it says *Refunded*, look for a pending credit from $K on your card statement.",
            "If it still says *In transit* after 10 days, reply with your tracking number.",
        ],
        policy: "Policy RF-2: refunds are issued within 5 business days of the return being received.",
        header: &["Paid with", "Refund shows up in"],
        table: &[
            &["Card", "5-10 business days"],
            &["PayPal", "1-3 business days"],
            &["Store credit", "Immediately"],
        ],
        wrong: "Refunds normally take about 60 days, so there's nothing to do yet.",
    },
    SupportTopic {
        tag: "shipping",
        subject: "delivery times",
        questions: &[
            "My order $# says delivered but I never got it. What now?",
            "How long does shipping to $C take?",
            "Can I change the delivery address after placing an order?",
            "Where is my $P? Tracking hasn't updated in four days.",
        ],
        facts: &[
            "Standard shipping usually takes 3-5 business days, express 1-2.",
            "Tracking can pause for a few days when a parcel changes carrier, especially across borders.",
            "Addresses can be changed until the order is packed, which is usually within two hours.",
            "If a parcel shows as delivered but has not arrived, we open a carrier investigation that takes up to 48 hours.",
        ],
        steps_heading: "What to do",
        steps: &[
            "Check with neighbours and any safe place you listed at checkout.",
            "Wait 24 hours: carriers sometimes mark parcels as delivered early.",
            "Reply with your order number and we will open an investigation with the carrier.",
        ],
        policy: "Policy SH-3: lost parcels are replaced or refunded once the carrier investigation closes.",
        header: &["Option", "Delivery time", "Cost"],
        table: &[
            &["Standard", "3-5 business days", "Free over €50"],
            &["Express", "1-2 business days", "€9.90"],
            &["Pickup point", "2-4 business days", "Free"],
        ],
        wrong: "Once tracking says delivered we can't do anything, sorry.",
    },
    SupportTopic {
        tag: "account",
        subject: "account access",
        questions: &[
            "I can't log in, the password reset email never arrives.",
            "How do I turn on two-factor authentication?",
            "I lost my phone and now I can't get my 2FA codes. Help!",
            "Someone changed the email on my account. What do I do?",
        ],
        facts: &[
            "Password reset emails can take a few minutes and often land in the spam or promotions folder.",
            "Two-factor authentication adds a one-time code from an authenticator app at each login.",
            "If you lost access to your 2FA device, you can sign in with one of the backup codes you saved.",
            "We never ask for your password by email or chat.",
        ],
        steps_heading: "Steps",
        steps: &[
            "Go to the sign-in page and choose **Forgot password**.",
            "Enter the email you signed up with and check spam after five minutes.",
            "Follow the link within 30 minutes, then set a new password.",
            "Open **Settings → Security** and turn on two-factor authentication.",
        ],
        policy: "Policy AC-1: account recovery requires verifying the email address and the last four digits of a saved card.",
        header: &["Problem", "How we fix it"],
        table: &[
            &["Forgot password", "Reset link by email"],
            &["Lost 2FA device", "Backup code or identity check"],
            &["Account taken over", "Lock account and contact security"],
        ],
        wrong: "Just send us your password and we'll fix it for you.",
    },
    SupportTopic {
        tag: "billing",
        subject: "billing",
        questions: &[
            "I was charged twice for order $#.",
            "Why is there a charge from $K on my card that I don't recognise?",
            "Can I get an invoice with my company's VAT number on it?",
        ],
        facts: &[
            "A second charge is often a pre-authorisation that disappears within 3 business days.",
            "Charges appear as $K on card statements, sometimes with an order number.",
            "Invoices can be downloaded from **Orders** and edited to add a VAT number within 30 days.",
        ],
        steps_heading: "How to sort it out",
        steps: &[
            "Compare the two amounts and dates on your statement.",
            "Check whether one of them is marked *pending*: that one usually drops off.",
            "If both are settled, reply with a screenshot and we will refund the duplicate.",
        ],
        policy: "Policy BL-4: duplicate charges are refunded within 2 business days of confirmation.",
        header: &["Situation", "What happens"],
        table: &[
            &["Pending authorisation", "Drops off automatically"],
            &["Settled duplicate", "Refunded by us"],
            &["Unknown merchant", "Check order history, then contact us"],
        ],
        wrong: "Double charges are normal and we can't refund them.",
    },
    SupportTopic {
        tag: "subscription",
        subject: "cancelling a subscription",
        questions: &[
            "How do I cancel my subscription before the next renewal?",
            "I cancelled but I was charged again this month. Why?",
            "Can I pause my plan instead of cancelling it?",
        ],
        facts: &[
            "You can cancel any time; you keep access until the end of the current billing period.",
            "Renewals are charged up to 24 hours before the period ends, so a late cancellation can miss one cycle.",
            "Plans can be paused for up to three months.",
        ],
        steps_heading: "Cancelling",
        steps: &[
            "Open **Settings → Subscription**.",
            "Choose **Cancel plan** (or **Pause** if you only need a break).",
            "Confirm, and look for the confirmation email from $K.",
        ],
        policy: "Policy SB-2: renewals charged within 48 hours of a cancellation request are refunded on request.",
        header: &["Plan", "Cancellation", "Access"],
        table: &[
            &["Monthly", "Cancel any time", "Access until period end"],
            &[
                "Annual",
                "Cancel any time",
                "Pro-rated refund in first 14 days",
            ],
        ],
        wrong: "Subscriptions can only be cancelled by phone during office hours.",
    },
    SupportTopic {
        tag: "warranty",
        subject: "warranty repairs",
        questions: &[
            "My $P broke after 14 months. Is it still under warranty?",
            "Does the warranty cover accidental damage?",
            "Where can I get my $P repaired in $C?",
        ],
        facts: &[
            "Every product comes with a two-year manufacturer warranty against defects.",
            "Accidental damage, such as drops or spills, is not covered unless you bought the extended plan.",
            "Repairs are done by authorised service centres and usually take 7-10 days.",
        ],
        steps_heading: "Making a warranty claim",
        steps: &[
            "Find your proof of purchase (the order confirmation email works).",
            "Describe the fault and, if you can, attach a short video.",
            "We will send a prepaid label or book a repair at a service centre in $C.",
        ],
        policy: "Policy WR-1: two-year warranty on manufacturing defects; accidental damage excluded.",
        header: &["Situation", "What happens"],
        table: &[
            &["Manufacturing defect", "Covered for 2 years"],
            &["Accidental damage", "Not covered without extended plan"],
            &["Battery wear", "Covered if below 70% capacity in year 1"],
        ],
        wrong: "The warranty only lasts 90 days, so you'd need to buy a new one.",
    },
    SupportTopic {
        tag: "privacy",
        subject: "personal data",
        questions: &[
            "Please delete my account and all my data.",
            "How can I download a copy of the data you hold about me?",
            "What personal data do you keep about me, and can I get a copy?",
        ],
        facts: &[
            "You can request a full export of your data; it is usually ready within 48 hours.",
            "Deleting your account removes your profile, addresses and saved payment methods.",
            "Order records are kept for seven years because tax law requires it.",
        ],
        steps_heading: "Deleting or exporting your data",
        steps: &[
            "Go to **Settings → Privacy**.",
            "Choose **Download my data** or **Delete my account**.",
            "Confirm through the link we email to you.",
        ],
        policy: "Policy PR-5: data requests are completed within 30 days as required by GDPR Art. 12.",
        header: &["Data", "What happens"],
        table: &[
            &["Profile and addresses", "Deleted"],
            &["Order history", "Kept 7 years (tax law)"],
            &["Marketing preferences", "Deleted"],
        ],
        wrong: "We can't delete accounts once they have placed an order.",
    },
];

const PROMPT_EXTRAS: &[&str] = &[
    " I ordered it from $K last month.",
    " This is really frustrating.",
    " I'm in $C if that matters.",
    " My name is $N.",
    " Order #$#.",
];

const GREETINGS: &[&str] = &[
    "Thanks for reaching out, $F!",
    "Happy to help with the $P.",
    "Sorry for the hassle with order #$#, let's sort this out.",
    "Good question, $F, and thanks for your patience.",
    "Hi $F, thanks for getting in touch about the $P.",
    "Hello $F! I've pulled up order #$#.",
    "Thanks for the details, $F.",
    "I understand how frustrating this is, $F.",
    "Glad you asked before the deadline, $F.",
    "Hi there, $K support here.",
];

const CLOSINGS: &[&str] = &[
    "If anything goes wrong, reply here with order #$# and I'll take a look.",
    "Let me know if there's anything else I can help with, $F!",
    "Hope that helps, $F. Have a great day!",
    "If you'd like, I can start this for you: just confirm order #$#.",
    "Anything else about the $P? Just reply to this message.",
    "We're here every day from 8am to 8pm if you need us again.",
    "Thanks again for shopping with $K.",
    "I've added a note to your account so the next agent sees this too.",
    "Take care, and enjoy the $P!",
];

/// Writes a support question, a full answer and an alternative answer in `alt` style.
pub(super) fn write(
    rng: &mut Rng,
    rr: &mut Rng,
    s: &mut Slots<'_>,
    ex: &mut Exchange,
    target: usize,
    alt: Style,
) {
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
            heading(out, s, 3, t.steps_heading);
            numbered(out, s, t.steps);
            out.push_str("**Good to know:** ");
            out.push_str(t.policy);
            out.push_str("\n\n");
            if out.len() < target && rng.chance(0.6) {
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
            out.push_str("Here is what to do.");
            for step in t.steps {
                out.push(' ');
                fill(out, s, step);
            }
            out.push_str("\n\n");
            let closing = *rng.pick(CLOSINGS);
            fill(out, s, closing);
        }
        Style::Flawed => {
            out.push_str(t.wrong);
            out.push(' ');
            out.push_str("Maybe check the website for more details.");
        }
    }
}
