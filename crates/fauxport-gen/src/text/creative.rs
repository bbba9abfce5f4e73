//! Writing, role-play and summarising exchanges.

use super::markdown::{bullets, elaborate, fill, heading, para, pick};
use super::{Draft, Style};

/// An e-mail someone asks an assistant to draft.
struct EmailTask {
    ask: &'static str,
    subject_line: &'static str,
    body: &'static [&'static str],
}

const EMAILS: &[EmailTask] = &[
    EmailTask {
        ask: "⟨Write|Draft|Help me write⟩ a polite email to $N declining the meeting on $w⟨| at $h| about the $P launch⟩.",
        subject_line: "$w's meeting",
        body: &[
            "⟨Thank you for the invitation to|Thanks for inviting me to|I appreciate the invite to⟩ $w's meeting.",
            "⟨Unfortunately|Sadly|I'm afraid⟩ I ⟨have a conflict at that time|am already committed elsewhere then|have a clash I can't move⟩ and ⟨won't be able to join|can't make it|will have to miss it⟩.",
            "⟨Could you share the notes afterwards|Would you mind sending the notes|Could someone forward the minutes⟩, or ⟨would a short call next week work instead|could we catch up for $n minutes next week|is there another slot that works⟩?",
        ],
    },
    EmailTask {
        ask: "⟨Draft|Write|Help me with⟩ an email to my manager $F asking to work remotely from $C for $n weeks ⟨next month|in the summer|after the release⟩.",
        subject_line: "⟨Request|Question⟩: working from $C for $n weeks",
        body: &[
            "⟨I'd like to ask whether I could|Would it be possible for me to|I wanted to check if I might⟩ ⟨work remotely|work⟩ from $C for $n weeks.",
            "I'll ⟨keep my usual hours|work my normal hours|stick to the team's hours⟩, ⟨stay available on chat|stay reachable on chat and phone|answer messages as usual⟩, and ⟨join every stand-up|attend every stand-up|be in all the regular meetings⟩.",
            "⟨Happy to talk through any concerns|I'm glad to discuss any concerns|Let me know if anything worries you⟩⟨ and to adjust the dates if a launch is planned| and I can move the dates around a launch|; the dates are flexible⟩.",
        ],
    },
    EmailTask {
        ask: "⟨Write|Draft⟩ a ⟨follow-up|thank-you⟩ email to $N at $K after my ⟨job interview yesterday|second-round interview on $w|interview for the analyst role⟩.",
        subject_line: "⟨Thank you for|Following up on|Thanks for⟩ ⟨yesterday's interview|our conversation⟩",
        body: &[
            "⟨Thank you for taking the time|Thanks for making the time|I appreciated the chance⟩ to ⟨talk with me|meet me|speak with me⟩ ⟨about the role|about the position|on $w⟩ at $K.",
            "I ⟨especially enjoyed|really liked|was glad⟩ ⟨hearing about|learning about|to hear about⟩ ⟨how the team ships small changes every week|the $P roadmap|how the team works with customers in $C⟩.",
            "⟨Our conversation confirmed|Talking with you confirmed|It made clear to me⟩ ⟨how much I'd like to|that I really want to|that I would love to⟩ ⟨contribute|join the team|work on this⟩, and ⟨I'm glad to answer any further questions|any further questions are welcome|I can send anything else you need⟩.",
        ],
    },
    EmailTask {
        ask: "⟨Help me write|Write|Draft⟩ a ⟨short, firm|polite but firm|no-nonsense⟩ email to a supplier whose delivery ⟨of $m units|of order $#|for the $P⟩ is $n weeks late.",
        subject_line: "Overdue delivery: order $#",
        body: &[
            "Our order $# was due $n weeks ago and ⟨has still not arrived|is still missing|has not been delivered⟩.",
            "⟨This delay is now affecting|The delay now hurts|We are now letting down⟩ our own customers⟨| in $C|, and it has to stop⟩.",
            "⟨Please confirm|We need|Send us⟩ ⟨a firm|a fixed|a guaranteed⟩ ⟨delivery date|date for delivery|arrival date⟩ by $w, or ⟨we will need to cancel the order and source elsewhere|we will cancel and buy elsewhere|we will have to look for another supplier⟩.",
        ],
    },
    EmailTask {
        ask: "⟨Write|Draft|Help me write⟩ a ⟨friendly|warm|short⟩ email to my team ⟨announcing|telling them|letting them know⟩ that $N ⟨joins us on $w|starts on $w|is joining from $K⟩.",
        subject_line: "⟨Welcome|Please welcome|Say hello to⟩ $N",
        body: &[
            "⟨I'm delighted to let you know|Good news: I can confirm|I'm happy to share⟩ that $N ⟨joins the team on $w|starts with us on $w|is joining us this $w⟩⟨, coming from $K|, after $n years at $K|⟩.",
            "$F will ⟨focus on|look after|take over⟩ ⟨the $P roadmap|our customers in $C|the weekly release⟩ ⟨and sit with|and pair with|working closely with⟩ ⟨the platform group|me|the support leads⟩ ⟨for the first weeks|during onboarding|to begin with⟩.",
            "⟨Please stop by|Do drop by|Come and say hello⟩ ⟨at the welcome coffee at $h|for coffee at $h on $w|at the team lunch⟩, and ⟨help $F find their feet|share any tips you wish you'd had|point $F to the good documentation⟩.",
        ],
    },
    EmailTask {
        ask: "⟨Write|Draft|Help me with⟩ an email to our customers ⟨announcing|explaining⟩ ⟨planned maintenance|a short outage|downtime⟩ ⟨on $w at $h|this $w|next $w night⟩.",
        subject_line: "⟨Planned maintenance|Scheduled downtime|Service notice⟩: $w",
        body: &[
            "⟨On $w at $h|This $w from $h|Starting $w at $h⟩ ⟨our service will be unavailable|the $K app will be offline|you won't be able to sign in⟩ for ⟨about $n hours|roughly $n hours|up to $n hours⟩ ⟨while we upgrade our servers|during a database upgrade|for planned upgrades⟩.",
            "⟨Your data is safe|Nothing you saved will be lost|No data will be affected⟩, and ⟨scheduled jobs will run afterwards|anything queued will catch up after|pending orders resume automatically⟩.",
            "⟨We chose a quiet time|We picked the quietest hours|The window is set for low traffic⟩ ⟨to keep the disruption small|so that few of you notice|to spare most of you⟩; ⟨live updates are on our status page|follow the status page for updates|the status page will show progress⟩.",
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
            "You are a pirate tour guide in $C. ⟨Greet our group|Welcome us|Say hello to our class⟩ and tell us about ⟨the harbour|the old port|the docks⟩.",
            "⟨Pretend you're|Be|Play⟩ a pirate showing ⟨tourists|my kids|a school trip⟩ around $C. ⟨Stay in character!|Don't break character.|Make it fun!⟩",
        ],
        lines: &[
            "⟨Arr, welcome aboard, me hearties!|Ahoy, landlubbers!|Avast, ye scallywags!⟩ 🏴‍☠️",
            "⟨*adjusts eyepatch*|*spits over the rail*|*taps wooden leg*⟩ ⟨Ye be standin' in|Behold,|Feast yer eyes on⟩ ⟨the finest harbour|the busiest port|the saltiest dock⟩ this side of $C.",
            "⟨Legend says|They say|Old sailors swear⟩ a captain once buried ⟨his gold|a chest of silver|his parrot's treasure⟩ right under ⟨that fish market|the old church|yonder tavern⟩.",
            "Mind yer step ⟨on the cobbles|on the gangplank|by the nets⟩, they've ⟨tripped|sunk|bested⟩ more sailors than ⟨any storm|the kraken|the navy⟩.",
            "⟨Now follow me to|Onward to|Next stop:⟩ ⟨the old lighthouse|the smugglers' caves|the rum cellar⟩, and ⟨no dawdlin'|keep up|stay close⟩!",
        ],
    },
    Persona {
        setups: &[
            "Act as a senior interviewer at $K and ask me a ⟨system design|distributed systems|backend⟩ question. ⟨Wait for my answer.|One question at a time.|Don't give hints.⟩",
            "⟨Role-play|Be|Play⟩ a tough technical interviewer from $K. ⟨Start the interview.|Go.|I'm ready.⟩",
        ],
        lines: &[
            "⟨Thanks for joining|Welcome|Good to meet you⟩, $F. ⟨Let's get straight into it.|Let's dive in.|We have $n minutes, so let's start.⟩",
            "⟨Imagine you need to design|Suppose you are asked to build|Design for me⟩ ⟨a URL shortener|a rate limiter|a news feed⟩ that handles $m ⟨writes|requests⟩ per second.",
            "⟨Walk me through the API first|Start with the API|Begin with the interface⟩, then ⟨the storage|the data model⟩, ⟨then how you'd|and finally how you'd|and after that how to⟩ ⟨scale reads|scale it|handle failures⟩.",
            "⟨Take your time|No rush⟩, and think out loud: ⟨I care more about your reasoning than the final answer|the reasoning matters more than the answer|I want to hear your trade-offs⟩.",
        ],
    },
    Persona {
        setups: &[
            "⟨You are|Act as|Be⟩ a patient Socratic maths tutor. ⟨Help me understand|Get me to see|Guide me to⟩ why 0.999... equals 1 ⟨without just telling me|without giving the answer away|by asking me questions⟩.",
            "⟨Be my Socratic tutor|Tutor me Socratically|Question me like Socrates⟩: I think ⟨dividing by zero should just give infinity|1 divided by 0 is infinity|anything over zero is infinite⟩.",
        ],
        lines: &[
            "⟨Good question!|Lovely puzzle.|Great place to start.⟩ ⟨Let's explore it together.|Let's work it out together.|Let's reason it through.⟩",
            "⟨What do you get if you|What happens when you|Try this:⟩ ⟨@divide 1 by 3|divide 1 by 9⟩ and then ⟨multiply the result|multiply that⟩ ⟨@by 3|by 9⟩?",
            "⟨Now|Next|OK⟩, how would you write ⟨@1/3|1/9⟩ ⟨as a decimal|in decimal form⟩?",
            "⟨So what happens|What do you notice⟩ when you ⟨multiply that decimal|take that decimal and multiply it⟩ ⟨@by 3|by 9⟩, ⟨digit by digit|one digit at a time⟩?",
            "⟨What does that tell you|What can you conclude⟩ about the two numbers ⟨you started with|from the start⟩?",
        ],
    },
    Persona {
        setups: &[
            "You're a ⟨friendly|gruff|cheerful⟩ medieval innkeeper⟨ in $C|⟩. I just walked in from ⟨the rain, soaked|a snowstorm|a long ride⟩.",
            "⟨Play|Be|Pretend to be⟩ a grumpy ⟨medieval|fantasy⟩ innkeeper in a ⟨fantasy town|mountain village|port town⟩ called $C.",
        ],
        lines: &[
            "⟨*wipes a tankard*|*looks up from the bar*|*sets down a jug*⟩ Well, ⟨look what the storm dragged in|another drowned rat|you're a sorry sight⟩.",
            "⟨Sit by the fire|Get by the hearth|Warm yourself up⟩ before ye ⟨catch your death|freeze solid|drip on my floor⟩, ⟨traveller|stranger|friend⟩.",
            "⟨A bowl of stew|Stew|Supper⟩ is ⟨two|three|$n⟩ coppers, a bed is ⟨five|six|seven⟩, and ⟨the ale is the best in $C|the ale is brewed right here|the cider comes from $C⟩.",
            "Mind ⟨the bard|the old soldier|the dog⟩ ⟨in the corner|by the window|under the stairs⟩, ⟨he's been|that one's been|been⟩ ⟨singin' the same song|tellin' the same tale|snorin'⟩ since ⟨noon|dawn|the last full moon⟩.",
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
        text: "Attendees: $N, ⟨Priya|Maya|Ana⟩, ⟨Tom|Kofi|Lars⟩, ⟨Jonas|Wei|Sara⟩. ⟨Priya|Maya|Ana⟩ reported that the ⟨checkout redesign|$P launch page|new onboarding flow⟩ is $n weeks behind because ⟨the payment provider changed its API|a key supplier in $C went quiet|the design review found accessibility gaps⟩. ⟨Tom|Kofi|Lars⟩ suggested shipping ⟨the new cart page first|a smaller first version|the mobile part first⟩ and ⟨keeping the old payment step until the integration is done|leaving the rest for a second release|keeping the old flow behind a switch⟩. Everyone agreed. ⟨Jonas|Wei|Sara⟩ raised that support tickets about ⟨promo codes|delivery dates|password resets⟩ ⟨doubled|rose by $q%|jumped⟩ last week; the cause is ⟨a rounding bug for discounts over 50%|a time-zone bug in the confirmation email|a broken link in the $K newsletter⟩. $N will own the fix and aim to ship it by $w. Next sync ⟨moved to|is on⟩ $w ⟨because of the public holiday|at $h|after the release⟩.",
        summary: &[
            "The ⟨checkout redesign|$P launch page|new onboarding flow⟩ is $n weeks late; ⟨a smaller part|the first piece⟩ ships first.",
            "⟨Support tickets|Tickets|Complaints⟩ about ⟨promo codes|delivery dates|password resets⟩ ⟨rose because of a bug|went up due to a bug|are up, caused by a bug⟩; $N ⟨fixes it|owns the fix|ships a fix⟩ by $w.",
            "⟨The next sync is on $w.|Next meeting: $w.|They meet again on $w.⟩",
        ],
    },
    Passage {
        kind: "incident report",
        text: "At $h UTC the ⟨order service|payment API|search cluster|login service⟩ started returning HTTP ⟨503|500|504⟩ for about $q% of requests. The on-call engineer ⟨was paged|got an alert|was woken up⟩ $n minutes later. A ⟨configuration change|deploy|database migration⟩ shortly before had ⟨reduced the database connection pool from 50 to $n connections|set a request timeout of $n milliseconds|removed an index the service relied on⟩. The change was rolled back ⟨$n minutes later|within the hour|after a second page⟩ and error rates returned to normal soon after. Roughly $m ⟨orders|requests|sign-ins⟩ failed and customers were asked to retry. Action items: ⟨add a validation check for the setting|test migrations against a copy of production|add a canary stage⟩, ⟨alert on connection wait time|alert on error rate per endpoint|page on the first error spike⟩, and ⟨require a second reviewer for production changes|write a runbook for rollbacks|hold a review with the $K team⟩.",
        summary: &[
            "A ⟨configuration change|deploy|database migration⟩ broke the ⟨order service|payment API|search cluster|login service⟩ at $h UTC, failing about $q% of requests.",
            "⟨It was rolled back|The rollback fixed it⟩; about $m ⟨orders|requests|sign-ins⟩ failed.",
            "Follow-ups: ⟨safer checks before changes|better tests and alerts⟩, ⟨sharper alerting|earlier alerts⟩, and ⟨more review|a rollback runbook⟩.",
        ],
    },
    Passage {
        kind: "product review",
        text: "I've had the $P for about $n ⟨months|weeks⟩ now. ⟨Setup took five minutes|Setup was painless|Getting started took $n minutes⟩ and ⟨the app is genuinely easy to use|the controls make sense|the manual is actually useful⟩. Build quality feels solid, although ⟨the finish scratches more easily than I expected|the buttons feel a bit cheap|it is heavier than it looks⟩. ⟨@Battery life is where it shines: I charge it once a week|Performance is where it shines: it never slows down|Where it shines is noise: I barely hear it⟩. My only real complaint is ⟨@customer support, which took $n days to answer a simple question about the warranty|the price of spare parts in $C|that the $K app asks for too many permissions⟩. Overall I'd still recommend it, ⟨especially at the sale price|at least to anyone in $C|and I'd buy it again⟩.",
        summary: &[
            "⟨Easy setup|Painless setup⟩ and ⟨@excellent battery life|strong performance|very quiet running⟩ after $n ⟨months|weeks⟩ of use.",
            "⟨Some build-quality nitpicks|A few small flaws⟩; the real complaint is ⟨@slow support|pricey spare parts|an app that wants too many permissions⟩.",
            "⟨Recommended overall|Still recommended⟩.",
        ],
    },
    Passage {
        kind: "abstract",
        text: "We study whether ⟨short, targeted feedback from human raters|rater-written critiques|pairwise preferences from domain experts⟩ ⟨improves|can improve⟩ the factual accuracy of a large language model. Raters ⟨flagged unsupported claims in|reviewed|annotated⟩ $m model answers and wrote one-sentence corrections. Fine-tuning on these corrections reduced unsupported claims by $q% on a held-out set, ⟨with no measurable loss in helpfulness ratings|at a small cost in answer length|while keeping helpfulness ratings stable⟩. Gains were largest for ⟨questions about recent events|medical questions|questions about $C⟩ and smallest for ⟨arithmetic|code|legal questions⟩. We release the annotation guidelines and a sample of $m annotated answers.",
        summary: &[
            "Raters ⟨corrected|annotated⟩ $m model answers ⟨with one-sentence fixes|with short corrections⟩.",
            "Fine-tuning on ⟨them|the corrections⟩ cut unsupported claims by $q%.",
            "⟨Gains varied by topic|Some topics gained more than others⟩; ⟨guidelines and samples are released|the data is released⟩.",
        ],
    },
];

const PRODUCT_LEADS: &[&str] = &[
    "Meet the $P: everything you need, nothing you don't.\n\n",
    "The $P, made for people in $C who hate compromises.\n\n",
    "Say hello to the $P from $K.\n\n",
    "Why settle? The $P does more with less.\n\n",
    "Designed in $C, built to last: the $P.\n\n",
    "⟨Small on the counter, big on results|Compact outside, clever inside⟩: the $P.\n\n",
    "⟨Your mornings|Your evenings|Your weekends⟩ in $C just got easier with the $P.\n\n",
    "⟨$m people already own one|Over $m sold so far⟩. Here's why the $P ⟨stands out|wins them over|keeps selling⟩.\n\n",
];

const PRODUCT_CALLS: &[&str] = &[
    "Order today and get free delivery anywhere in $C. ✨\n\n",
    "In stock now at $K, with 30-day returns.\n\n",
    "Pick yours up in $C this weekend.\n\n",
    "Ships within 24 hours. 🚚\n\n",
    "⟨Limited launch price until the end of the month|Launch price ends on $w|Introductory price for a short time only⟩.\n\n",
    "Try it for ⟨30 days|a month|$n weeks⟩; ⟨if you don't love it, send it back|not happy? Return it for free|no questions asked if it goes back⟩.\n\n",
    "⟨Available in $n colours at $K|Now in $n finishes at $K|Choose from $n colours⟩.\n\n",
    "⟨Order before $h for same-day dispatch|Ordered by $h, shipped today⟩.\n\n",
];

const PRODUCT_FEATURES: &[&str] = &[
    "**⟨Set up in minutes|Ready in minutes|Up and running in $n minutes⟩:** ⟨no tools, no manual, no fuss|no tools and no guesswork|unbox it, plug it in, done⟩.",
    "**⟨Built to last|Made to last|Tough by design⟩:** ⟨every $P is tested for $m cycles|each unit is stress-tested $m times|we tested it for $m hours⟩ ⟨before it leaves the factory|before it ships|before it reaches you⟩.",
    "**⟨Quiet by design|Whisper quiet|Barely audible⟩:** ⟨you'll forget it's running|quieter than a conversation|no hum, no rattle⟩.",
    "**⟨Smart when you want it|Connected|App-ready⟩:** ⟨control it from your phone, or don't|schedule it from the $K app|works with the assistant you already use⟩.",
    "**⟨Two-year warranty|$n-year warranty|Peace of mind⟩** ⟨and friendly support from the team at $K|with help from real people at $K|backed by $K|and a support line in $C⟩.",
    "**⟨Energy efficient|Low power|Efficient⟩:** ⟨uses up to $q% less power than the previous model|draws $q% less power than before|about $q% lower running costs⟩.",
    "**⟨Compact|Space-saving|Small footprint⟩:** ⟨fits on a shelf, a desk or a windowsill|small enough for any flat in $C|takes half the space of the old one⟩.",
    "**⟨Easy to clean|Low maintenance|No hassle⟩:** ⟨removable parts go straight in the dishwasher|wipe it down in seconds|nothing to descale or replace⟩.",
    "**⟨Loved by customers|Highly rated|Tried and trusted⟩:** ⟨rated 4.$n out of 5 by over $m buyers|$m happy owners and counting|a favourite in $C⟩.",
    "**⟨Travel ready|Take it anywhere|Goes where you go⟩:** ⟨light enough for a backpack|weighs less than a laptop|folds flat for the suitcase⟩.",
    "**⟨Safe by default|Safety first|Child-safe⟩:** ⟨switches off on its own after $n minutes|an auto shut-off you can trust|a lock that small hands can't open⟩.",
    "**⟨Made responsibly|Greener build|Kinder materials⟩:** ⟨$q% recycled plastic|packaging free of plastic|spare parts available for $n years⟩.",
    "**⟨Fits your routine|Works your way|Your settings, remembered⟩:** ⟨$n presets you can save|remembers your favourite mode|one button for the thing you do daily⟩.",
    "**⟨Thoughtful details|Small touches|Designed around you⟩:** ⟨a magnetic lid, a soft-close hinge and a cable that tucks away|a status light you can dim|buttons you can find in the dark⟩.",
];

const NO_ROLE_PLAY: &[&str] = &[
    "As an AI language model, I cannot pretend to be a character.",
    "I'm not able to role-play, but I can describe what such a character might say.",
    "Sorry, I don't do role-play. Is there something else I can help with?",
    "I'd rather not pretend to be someone else.",
];

/// Writes an e-mail, a product description, a role-play or a summary exchange.
pub(super) fn write(d: Draft<'_, '_>) {
    match d.rng.below(10) {
        0..=3 => email(d),
        4 | 5 => product(d),
        6 | 7 => summary(d),
        _ => role_play(d),
    }
}

fn email(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, target, alt) = d.parts();
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
            fill(
                out,
                s,
                "⟨Can't make it. Sorry.|Nope, not happening.|Whatever works. Thanks.|Sorry, no.⟩\n\n",
            );
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

fn product(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, target, alt) = d.parts();
    ex.topic = "product copy";
    s.subject = s.product;
    let ask = if rng.chance(0.5) {
        "⟨Write|Give me|Draft⟩ a product description for the $P.⟨ Make it punchy.| Keep it under 150 words.| Aim it at buyers in $C.|⟩"
    } else {
        "⟨Write|Create|I need⟩ Amazon-style bullet points for the $P ⟨sold by $K|from $K|we sell at $K⟩⟨.| for our $w launch.| - $n of them is fine.⟩"
    };
    fill(&mut ex.prompt, s, ask);
    let rng = rr;
    for (out, style) in [(&mut ex.response, Style::Full), (&mut ex.alt_response, alt)] {
        if style == Style::Flawed {
            fill(
                out,
                s,
                "⟨The $P is a product. It is good and you should buy it.|Buy the $P. It is nice.|The $P: good product, great price, buy now.|This is the $P. It does things.⟩",
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

fn summary(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, _, alt) = d.parts();
    let p = rng.pick(PASSAGES);
    ex.topic = "summary";
    s.subject = p.kind;
    fill(
        &mut ex.prompt,
        s,
        "⟨Summarise|Summarize|Give me a summary of⟩ the following $S ⟨in three bullet points|in three bullets|as three short points⟩:\n\n",
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
    fill(
        &mut ex.response,
        s,
        "⟨**Summary**|**Key points**|**In three points**|Here is the summary:⟩\n\n",
    );
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
            "⟨This $S is about several things and is quite detailed.|Lots of details in this $S.|Summary: things happened and people discussed them.⟩",
        ),
    }
}

fn role_play(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, _, alt) = d.parts();
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
        Style::Flawed => ex.alt_response.push_str(pick(rng, NO_ROLE_PLAY)),
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
