//! Building blocks for Markdown text: paragraphs, lists, tables, code fences and padding (the
//! templates they fill are in `template`).
//!
//! Everything appends to one pre-sized `String` with `push_str`, so a response costs a handful of
//! copies and no intermediate allocation.

pub(super) use super::template::{Slots, fill, push_num};
use crate::rng::Rng;

/// A uniform element of a list of static strings.
#[inline]
pub(super) fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.index(items.len())]
}

/// Appends a heading of the given level and a blank line.
pub(super) fn heading(out: &mut String, s: &Slots<'_>, level: usize, tpl: &'static str) {
    out.push_str(&"######"[..level.clamp(1, 6)]);
    out.push(' ');
    fill(out, s, tpl);
    out.push_str("\n\n");
}

/// Appends a paragraph of `n` consecutive sentences of `pool`, starting at a random one.
pub(super) fn para(
    out: &mut String,
    rng: &mut Rng,
    s: &Slots<'_>,
    pool: &[&'static str],
    n: usize,
) {
    for (k, sentence) in consecutive(rng, pool, n).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        fill(out, s, sentence);
    }
    out.push_str("\n\n");
}

/// `n` consecutive items of `pool` (at most all of it), from a random one, wrapping around.
fn consecutive<'p>(
    rng: &mut Rng,
    pool: &'p [&'static str],
    n: usize,
) -> impl Iterator<Item = &'static str> + 'p {
    let start = rng.index(pool.len());
    (0..n.min(pool.len())).map(move |k| pool[(start + k) % pool.len()])
}

/// Appends a bulleted list of `n` consecutive items of `pool`, starting at a random one.
pub(super) fn bullets(
    out: &mut String,
    rng: &mut Rng,
    s: &Slots<'_>,
    pool: &[&'static str],
    n: usize,
) {
    let items = consecutive(rng, pool, n);
    let marker = if rng.chance(0.85) { "- " } else { "* " };
    for item in items {
        out.push_str(marker);
        fill(out, s, item);
        out.push('\n');
    }
    out.push('\n');
}

/// Appends a numbered list of all of `items`, in order.
pub(super) fn numbered(out: &mut String, s: &Slots<'_>, items: &[&'static str]) {
    for (k, item) in items.iter().enumerate() {
        push_num(out, k as u64 + 1);
        out.push_str(". ");
        fill(out, s, item);
        out.push('\n');
    }
    out.push('\n');
}

/// Appends a fenced code block.
pub(super) fn fence(out: &mut String, lang: &str, code: &str) {
    out.push_str("```");
    out.push_str(lang);
    out.push('\n');
    out.push_str(code);
    out.push_str("\n```\n\n");
}

/// Appends a Markdown table with a header row and body rows of the same width.
pub(super) fn table(
    out: &mut String,
    s: &Slots<'_>,
    header: &[&'static str],
    rows: &[&[&'static str]],
) {
    table_row(out, s, header);
    out.push('|');
    for _ in header {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in rows {
        table_row(out, s, row);
    }
    out.push('\n');
}

fn table_row(out: &mut String, s: &Slots<'_>, cells: &[&'static str]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        fill(out, s, cell);
        out.push_str(" |");
    }
    out.push('\n');
}

/// Removes trailing whitespace, so a text ends on its last visible character.
pub(super) fn finish(out: &mut String) {
    let end = out.trim_end().len();
    out.truncate(end);
}

/// Headings for the sections that pad out long answers.
const MORE_HEADINGS: &[&str] = &[
    "Watch-outs",
    "Watch out",
    "A worked example",
    "An example",
    "Going further",
    "If you want more",
    "Common questions",
    "FAQ",
    "Why this matters",
    "Why it matters",
    "Edge cases",
    "Unusual cases",
    "Putting it together",
    "Next steps",
    "What to do next",
    "Background",
    "Some context",
    "Practical tips",
    "Tips",
    "Alternatives",
    "Other options",
    "Caveats",
    "A quick checklist",
    "In short",
    "Summary",
    "Before you start",
    "Pitfalls",
];

/// Sentences in the voice of a thorough assistant; `$S` is the subject of the exchange. Each
/// offers phrasings, so that padding read across many answers does not repeat word for word.
const ELABORATION: &[&str] = &[
    "⟨In practice|In real life|Day to day⟩, $S ⟨depends heavily on|comes down to|is shaped mostly by⟩ ⟨the context you are working in|where and how you use it|the setup you already have⟩.",
    "⟨A good rule of thumb|A sensible default|What usually works⟩ ⟨is to start simple|is starting small|is a plain first version⟩ and ⟨only add complexity once you have a concrete reason|adding moving parts only when something forces you to|growing it when a real need shows up|letting it grow only when it must⟩.",
    "⟨Most|Many|The majority of⟩ ⟨problems with $S|issues around $S|headaches with $S⟩ ⟨come from|start with|trace back to⟩ ⟨small assumptions|unspoken assumptions|tiny guesses⟩ that ⟨nobody wrote down|were never written down|lived only in someone's head⟩.",
    "⟨It helps to keep|Consider keeping|Keep|Make yourself⟩ a ⟨short checklist|one-page checklist|list of checks⟩, ⟨because the same mistakes|since the same slips|as the usual errors⟩ ⟨tend to come back|have a habit of returning|show up again and again|keep recurring⟩.",
    "⟨If you are unsure|Not certain?|In two minds?⟩ ⟨Test|Try|Start with⟩ ⟨the smallest possible case|a tiny example|the simplest realistic case|one plain example⟩ ⟨first and build from there|and work outwards|and add one piece at a time⟩.",
    "⟨Teams|People|Colleagues⟩ ⟨at companies like|at places such as|in firms like⟩ $K ⟨usually|often|tend to⟩ ⟨document this|write this up|keep notes on this⟩ ⟨in a runbook|on a wiki page|in a short internal guide|in the team handbook⟩ ⟨so nobody has to rediscover it|so it is never lost|so the next person does not start from zero|so it survives people moving on⟩.",
    "⟨The details change over time|Details shift from year to year|Things get updated now and then|Rules get revised⟩, ⟨so double-check anything|so verify whatever|so re-read anything⟩ ⟨that looks out of date|that seems stale|written a while ago|dated before this year⟩.",
    "⟨None of this is exotic|This is not rocket science|Nothing here is complicated⟩: ⟨it is mostly about|it is largely about|what matters is⟩ ⟨being consistent|doing the same thing every time|sticking to one approach⟩.",
    "⟨Keep in mind|Bear in mind|Remember⟩ ⟨that $S can|$S may⟩ ⟨behave differently|work differently|look quite different⟩ ⟨depending on your setup|from one setup to the next|on another machine or account|between two accounts⟩.",
    "⟨When in doubt|If you get stuck|Whenever it misbehaves⟩, ⟨write down what you expected|note what you thought would happen|jot down your expectation|say out loud what should happen⟩ ⟨and compare it with|then hold it against|and set it beside⟩ ⟨what actually happened|what you really saw|the actual result⟩.",
    "⟨You will get better results|Results get clearer|You learn far more⟩ ⟨if you measure|when you take a reading|by writing down the numbers|with a simple log⟩ ⟨before and after each change|on both sides of every change|whenever you adjust it|after each tweak|each time you change something⟩.",
    "⟨There is rarely a single right answer|There is seldom one correct answer|No single answer fits everyone|Nobody has the one true answer⟩⟨ here| to this|⟩; ⟨there are only trade-offs|it is all trade-offs|you are choosing trade-offs|expect trade-offs⟩ ⟨that fit your situation better or worse|that suit some situations more than others|that matter more or less depending on you|weighed against what you need⟩.",
    "⟨For example|For instance|Say|As an illustration⟩, ⟨someone|a customer|a team⟩ in $C ⟨may see|might get|could see⟩ ⟨a different outcome|another result⟩ ⟨simply because of local rules or defaults|just because of regional settings|only because different rules apply there⟩.",
    "⟨It is worth revisiting|Come back to|Plan to review⟩ this ⟨after a few weeks|in $n weeks|in a month or so⟩, ⟨once you have real data|when you have some numbers|with actual usage to look at⟩.",
    "⟨A second pair of eyes|A colleague's review|Someone else looking at it|A fresh look⟩ ⟨catches|spots|finds⟩ ⟨most of the remaining issues|what you are too close to see|the problems you stopped noticing⟩.",
    "⟨Small, reversible steps|Small, undoable steps|Incremental changes⟩ ⟨are safer than|beat|are easier to recover from than⟩ ⟨one big change|a large leap|an all-at-once switch⟩.",
    "⟨If something looks wrong|When something feels off|If a result seems odd⟩, ⟨it usually is|it often is|it probably is⟩: ⟨trust that instinct|listen to that feeling|take it seriously⟩ and ⟨take a closer look|dig a little deeper|check before moving on⟩.",
    "⟨Writing a short summary|A two-line note|Jotting down what you did⟩ ⟨for your future self|for whoever comes next|for later⟩ ⟨is one of the cheapest investments|costs almost nothing and|is a habit that⟩ ⟨you can make|pays back many times|saves hours⟩.",
    "⟨It also pays|It helps|It is smart⟩ ⟨to check what others|to look at what people|to find out what others⟩ ⟨in your situation|with the same problem|who went through this⟩ ⟨have done before reinventing anything|did before you start from scratch|already tried⟩.",
    "⟨Be careful with|Be wary of|Avoid⟩ ⟨shortcuts that save|quick fixes that save|hacks that win⟩ ⟨a minute today|five minutes now|a little time⟩ and ⟨cost an hour next month|cost a day later|cost much more down the line|come back as a bigger bill⟩.",
    "⟨The simplest explanation|The boring explanation|The obvious cause⟩ ⟨is usually the right one|is often correct|tends to be the real one⟩, ⟨but not always|though there are exceptions|with the odd exception⟩.",
    "⟨If several people depend on this|If a whole team relies on it|When other people rely on this⟩, ⟨agree on one approach|settle on one way|pick one method⟩ and ⟨write it down where everyone can find it|put it somewhere everyone can see|share it in writing⟩.",
    "⟨Expect the first attempt|Assume the first try|Your first version is likely|Count on the first draft⟩ ⟨to be imperfect|to be rough|to be a little clumsy⟩; ⟨the second one is where|by the second try|on the second pass⟩ ⟨things usually click|things fall into place|it starts to make sense⟩.",
    "⟨When $F from the $K team tried this|When $F at $K went through this|$F's team at $K did something similar, and⟩ ⟨the biggest win|the biggest gain|most of the improvement⟩ ⟨came from removing steps rather than adding them|came from dropping things, not adding them|came from simplifying what was there|was cutting, not adding⟩.",
    "⟨Timing matters too|Timing counts as well|Pick your moment⟩: ⟨doing this at a quiet moment|making the change when things are calm|a quiet afternoon⟩ ⟨makes mistakes cheaper|limits the damage of a mistake|gives you room to fix things⟩.",
    "⟨Once it works|When it finally works|After it runs cleanly⟩, ⟨resist the urge to optimise|try not to polish it|hold off on tuning|leave it as it is⟩ ⟨until there is a real need|until something demands it|before you can measure a need⟩.",
    "⟨Edge cases deserve|Odd cases are worth|Rare cases need⟩ ⟨a quick test of their own|their own small test|a test or two|a moment of checking⟩, ⟨even if they seem unlikely|however rare they look|even if they have never happened yet|since rare is not never⟩.",
    "⟨Finally|Last of all|And lastly⟩,⟨ remember that| keep in mind that|⟩ ⟨good enough today|a working answer now|done and simple⟩ ⟨often beats|usually wins over|is worth more than⟩ ⟨perfect next quarter|perfect later|the ideal version that never ships⟩.",
    "⟨About|Roughly|Around⟩ $q% of ⟨the questions|the cases|the reports⟩ ⟨we see about|we get on|that reach us about⟩ $S ⟨turn out to be|end up being|are really⟩ ⟨the same two or three issues|a setting nobody checked|something already documented⟩.",
    "⟨If you have only|With just|Given only⟩ $n minutes, ⟨spend them on|put them into|use them for⟩ ⟨the first step above|checking the basics|reading the error carefully⟩.",
    "⟨Ask|Check with⟩ ⟨whoever set this up|the person who owns it|your admin⟩ ⟨before changing|ahead of touching|before you edit⟩ ⟨anything shared|settings other people rely on|something you cannot undo⟩.",
    "⟨People|Users|Teams⟩ ⟨in $C|at $K|I have worked with⟩ ⟨often skip|forget|underestimate⟩ ⟨this part|the last step|the follow-up⟩, ⟨and regret it later|and it costs them|which is where trouble starts⟩.",
    "⟨Write the reason|Keep the why|Note the reason⟩ ⟨next to the decision|beside the change|alongside the setting⟩; ⟨in $n months|later|a year from now⟩ ⟨nobody will remember it|it will not be obvious|that is the part people ask about⟩.",
    "⟨If it helps|For what it's worth|As a data point⟩, ⟨a setup like this|this approach|the plain version⟩ ⟨handled|coped with|served⟩ ⟨about|around|close to⟩ $m ⟨requests a day|customers|cases⟩ ⟨without trouble|with no changes|before it needed attention⟩.",
    "⟨Start|Begin|Open⟩ with ⟨what you can see|the symptom|the thing that actually broke⟩, ⟨not|rather than⟩ ⟨the cause you suspect|your first theory|the obvious suspect⟩; ⟨the two|they⟩ ⟨often differ|are not always the same|part ways more than you'd think⟩.",
    "⟨A small test account|A sandbox|A throwaway copy⟩ ⟨lets you|allows you to|is a safe way to⟩ ⟨try|rehearse|practise⟩ ⟨the risky step|the change|the tricky part⟩ ⟨first|before doing it for real|without consequences⟩.",
    "⟨Keep|Save|Hold on to⟩ ⟨the confirmation|every receipt|the reference number⟩ ⟨until|till⟩ ⟨the whole thing is closed|everything is settled|you are sure it worked⟩.",
    "⟨If|When⟩ ⟨two sources disagree|the docs and reality differ|advice conflicts⟩, ⟨trust|go with|believe⟩ ⟨the most recent one|what you can test yourself|the one with a date on it|the primary source⟩.",
    "⟨Write down|Record|Keep a note of⟩ ⟨who you spoke to|the name of the agent|the case number⟩ ⟨and when|and the date|with the time⟩; ⟨it saves|that spares you|you avoid⟩ ⟨explaining everything twice|starting over|a second round of questions⟩.",
    "⟨Most|Nearly all|The usual⟩ ⟨delays|hold-ups|slow-downs⟩ ⟨come from|are caused by|start with⟩ ⟨a missing detail|one unanswered question|a step nobody owned⟩, ⟨so|and so⟩ ⟨send everything at once|give all the facts up front|share the full picture early⟩.",
    "⟨Nothing here|None of these steps|No part of this⟩ ⟨should take|needs more than|is longer than⟩ ⟨$n minutes|a coffee break|a short session⟩ ⟨once you know where to look|if you follow the order above|with the right page open⟩.",
    "⟨Check|Look at|Confirm⟩ ⟨the small print|the exact wording|the conditions⟩ ⟨once|one time⟩ ⟨yourself|with your own eyes|before you rely on it⟩: ⟨summaries|second-hand answers|forum posts⟩ ⟨leave things out|skip details|go stale⟩.",
    "⟨People in $C|Customers like you|Most users⟩ ⟨tend to|usually|often⟩ ⟨find|notice|discover⟩ ⟨the last step|the confirmation|the follow-up⟩ ⟨is the one that matters|is where things go wrong|decides the outcome|is the one people rush⟩.",
    "⟨Set a reminder|Put a note in your calendar|Schedule a check⟩ ⟨for|in⟩ ⟨$n days|a week|two weeks⟩ ⟨to make sure|to confirm|to verify⟩ ⟨it went through|nothing slipped|all is done⟩.",
    "⟨If you are helping someone else|When you do this for a relative|For a shared account|If it is a family matter⟩, ⟨agree|decide⟩ ⟨who does what|on one person to follow up|who keeps the records⟩ ⟨first|up front|before you start⟩.",
    "⟨Screenshots|Photos of the screen|Saved copies⟩ ⟨beat|are worth more than|settle more than⟩ ⟨memory|long descriptions|a retelling⟩ ⟨when something is disputed|if anyone asks later|in any follow-up⟩.",
    "⟨Be specific|Give exact details|Precision helps⟩: ⟨dates, amounts and order numbers|the when, the how much and the which|names, numbers and times⟩ ⟨get answers faster|speed everything up|cut the back-and-forth⟩.",
    "⟨If a step fails|When something errors out|If you hit a wall⟩, ⟨stop there|pause|don't push on⟩ ⟨and note the exact message|and copy the error|and keep what it said⟩ ⟨before trying again|before retrying|rather than guessing⟩.",
    "⟨The rules for $S|Policies around $S|How $S works⟩ ⟨changed|were updated|moved⟩ ⟨recently|this year|$n months ago⟩, ⟨so|and⟩ ⟨older advice|what you read before|old answers⟩ ⟨may not apply|can be wrong now|might be out of date⟩.",
    "⟨Before anything else|First of all|To begin with⟩, ⟨make sure|confirm|check⟩ ⟨you are looking at the right account|the details you have are current|you have the latest version⟩; ⟨a surprising number of|many|plenty of⟩ ⟨puzzles|mix-ups|dead ends⟩ ⟨end there|stop right there|are solved by that alone⟩.",
    "⟨Write your question|Put the problem|Phrase the issue⟩ ⟨in one sentence|as one short line|in a single line⟩ ⟨before asking anyone|before you reach out|before contacting anyone⟩: ⟨it often answers itself|half the time the answer appears|you may not need to send it⟩.",
    "⟨People who handle $S every day|Regulars who deal with $S|Those who see $S daily⟩ ⟨rarely rely on memory|keep a crib sheet|use a short template⟩, ⟨and neither should you|which is worth copying|a habit worth stealing⟩.",
    "⟨Leave a buffer|Allow slack|Build in spare time⟩ of ⟨a day or two|$n days|a week⟩ ⟨for anything that depends on|around anything involving|whenever you rely on⟩ ⟨another company|a third party|someone else's queue⟩.",
    "⟨If the first answer you get|When the reply you receive|If whatever you're told first⟩ ⟨sounds wrong|doesn't match the rules|contradicts the written policy⟩, ⟨ask politely for|request|it is fine to ask for⟩ ⟨a second opinion|the policy reference|a supervisor⟩.",
    "⟨Group|Batch|Bundle⟩ ⟨related questions|similar requests|connected issues⟩ ⟨into one message|together|in a single ticket⟩; ⟨split threads|scattered messages|parallel tickets⟩ ⟨get lost|slow everything down|lead to mixed answers⟩.",
    "⟨The first few minutes|The first $n minutes|The opening minutes⟩ ⟨decide a lot|tell you most of what you need|usually reveal the cause⟩, ⟨so give them|so spend them with|so bring⟩ ⟨your full attention|care|a clear head⟩.",
    "⟨Most surprises with $S|Many odd results around $S|The strange cases in $S⟩ ⟨go away|disappear|clear up⟩ ⟨once you read the full message|after a restart and a second try|when you retry from a clean start⟩.",
    "⟨Compare|Put side by side|Line up⟩ ⟨what you have|your case|your situation⟩ ⟨with the example in the help centre|with a case that worked|against a known good one⟩; ⟨the difference|the gap|what differs⟩ ⟨is usually the answer|points at the cause|tells the story⟩.",
    "⟨Do not|Try not to|Avoid trying to⟩ ⟨fix everything at once|solve it all in one go|tackle every part together⟩; ⟨pick the part that hurts most|start with the biggest pain|take the worst problem first⟩ and ⟨move on from there|work down the list|leave the rest for later⟩.",
    "⟨Keeping things simple|A simple setup|A plain approach⟩ ⟨pays off|wins|proves its worth⟩ ⟨when something breaks at night|on the busiest day|when you are away⟩, ⟨because anyone can follow it|since others can step in|as no expert is needed⟩.",
    "⟨There is no shame in|Nobody will mind you|Never hesitate about⟩ ⟨asking twice|asking for clarification|checking again⟩: ⟨misunderstandings|wrong guesses|silent assumptions⟩ ⟨cost far more|are the expensive part|take longer to undo⟩.",
    "⟨In $C|Where you are|Locally⟩, ⟨the rules around $S|the norms for $S|what applies to $S⟩ ⟨may add a step|can be stricter|sometimes differ⟩, ⟨so check the local page|so look for a regional note|so read the country section⟩.",
    "⟨Track|Log|Note⟩ ⟨how long each step took|what each attempt cost|the time you spent⟩; ⟨next time|later|in $n months⟩ ⟨you will know what to skip|it tells you where to start|that record saves an hour⟩.",
    "⟨Patience helps|A little patience goes far|Give it time|Waiting a bit pays off⟩: ⟨most|many|the majority of⟩ ⟨issues|cases|requests⟩ ⟨resolve|clear up|sort themselves out⟩ ⟨within a few days|in under a week|on their own⟩.",
];

/// Generic tips usable as bullets in any long answer.
const TIPS: &[&str] = &[
    "**⟨Start small|Begin small|Go step by step⟩:** ⟨try the simplest version first|make the plain case work first|adjust a single thing, then check⟩.",
    "**⟨Write it down|Take notes|Keep a log⟩:** ⟨notes save time the second time around|you will thank yourself next time|memory is less reliable than you think⟩.",
    "**⟨Check the defaults|Look at the settings|Question the defaults⟩:** ⟨many surprises come from|a lot of trouble hides in|most odd behaviour comes from⟩ ⟨settings nobody changed|options nobody looked at|factory values⟩.",
    "**⟨Ask for help early|Ask early|Don't struggle alone⟩:** a ⟨five-minute|quick⟩ question beats ⟨a lost afternoon|hours of guessing|a wasted day⟩.",
    "**⟨Measure|Use numbers|Track it⟩:** ⟨numbers settle arguments faster than opinions|data beats gut feeling|you cannot improve what you do not see⟩.",
    "**⟨Keep a backup|Back up first|Save a copy⟩** ⟨before you change anything important|before touching anything|so you can roll back⟩.",
    "**⟨Review regularly|Check in now and then|Revisit it⟩:** ⟨what worked last year may not work now|old answers go stale|$n months is a long time⟩.",
    "**Automate ⟨the boring parts|the repetitive bits|what you repeat⟩** ⟨once you have done them by hand|after doing them manually|when you have done them yourself⟩ ⟨twice|a couple of times|$n times⟩.",
    "**⟨Keep it readable|Favour clarity|Be plain⟩:** ⟨clarity beats cleverness|simple beats clever|the next reader will thank you⟩.",
    "**⟨Set a deadline|Timebox it|Pick a date⟩** ⟨for decisions|for the decision|to decide⟩ so ⟨they don't drift|it does not drag on|nothing stalls⟩.",
    "**⟨Test the edges|Try the odd cases|Check the extremes⟩:** ⟨empty inputs, huge inputs and the last day of the month|zero, one and many|the cases nobody tries on purpose⟩.",
    "**⟨Tell people|Communicate|Give a heads-up⟩:** ⟨a short note before a change saves a long thread after it|surprises cost more than announcements|let those affected know first⟩.",
    "**⟨One change at a time|Change one thing|Isolate changes⟩:** ⟨otherwise you won't know what helped|so cause and effect stay clear|mixing fixes hides the real one⟩.",
    "**⟨Read the message|Read the error|Look at the wording⟩:** ⟨it usually names the problem|the answer is often in it|it says more than it seems⟩.",
    "**⟨Keep copies|Save receipts|Archive the emails⟩:** ⟨you may need them in $n weeks|proof beats memory|disputes go faster with them⟩.",
    "**⟨Use the official channel|Go through support|Stick to the help centre⟩:** ⟨side channels lose requests|it leaves a record|tickets get tracked⟩.",
    "**⟨Know your deadline|Mind the dates|Watch the calendar⟩:** ⟨many windows close after 30 days|late requests are harder|some options expire⟩.",
    "**⟨Ask what happens next|Get a timeline|Request an ETA⟩:** ⟨vague promises are hard to chase|a date makes follow-ups easy|it sets expectations⟩.",
    "**⟨Double-check addresses|Verify details|Proofread the form⟩:** ⟨a typo costs days|small errors cause big delays|one wrong digit bounces everything⟩.",
    "**⟨Stay polite|Keep it friendly|Be courteous⟩:** ⟨agents help kind customers faster|it gets better results|tone matters more than you'd think⟩.",
];

/// Appends padding sections (heading, paragraph, sometimes tips) until `out` reaches `target`
/// bytes, walking each pool in order from a random start so neighbouring sections differ.
pub(super) fn elaborate(out: &mut String, rng: &mut Rng, s: &Slots<'_>, target: usize) {
    let (mut h, mut e, mut t) = (
        rng.index(MORE_HEADINGS.len()),
        rng.index(ELABORATION.len()),
        rng.index(TIPS.len()),
    );
    while out.len() + 120 < target {
        out.push_str(if rng.chance(0.7) { "### " } else { "## " });
        out.push_str(MORE_HEADINGS[h % MORE_HEADINGS.len()]);
        out.push_str("\n\n");
        h += 1;
        for k in 0..rng.range(2, 5) {
            if k > 0 {
                out.push(' ');
            }
            fill(out, s, ELABORATION[e % ELABORATION.len()]);
            e += 1;
        }
        out.push_str("\n\n");
        if rng.chance(0.4) {
            for _ in 0..rng.range(2, 4) {
                out.push_str("- ");
                fill(out, s, TIPS[t % TIPS.len()]);
                out.push('\n');
                t += 1;
            }
            out.push('\n');
        }
    }
}

/// Shortens `text` to at most `max` bytes at a paragraph break outside code fences, when that
/// keeps at least `min` bytes: an answer about as long as its author meant to write.
pub(super) fn fit(text: &mut String, max: usize, min: usize) {
    if text.len() <= max {
        return;
    }
    let mut cut = None;
    let mut fences = 0usize;
    let mut at = 0;
    for para in text.split_inclusive("\n\n") {
        fences += para.matches("```").count();
        at += para.len();
        if at > max {
            break;
        }
        if fences.is_multiple_of(2) && at >= min {
            cut = Some(at);
        }
    }
    if let Some(cut) = cut {
        text.truncate(cut);
    }
}
