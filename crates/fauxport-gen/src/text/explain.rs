//! "Explain X" and "compare X and Y" exchanges, answered with headings, lists and tables.

use super::markdown::{Slots, bullets, elaborate, fill, heading, para, table};
use super::{Draft, Style};
use crate::rng::Rng;

/// A concept someone might ask an assistant to explain.
struct Concept {
    name: &'static str,
    definition: &'static str,
    points: &'static [&'static str],
    analogy: &'static str,
    pitfall: &'static str,
}

const CONCEPTS: &[Concept] = &[
    Concept {
        name: "recursion",
        definition: "Recursion is when a function solves a problem by calling itself on a smaller version of the same problem, until it reaches a case simple enough to answer directly.",
        points: &[
            "**Base case:** the input small enough to answer without another call.",
            "**Recursive step:** reduce the problem and call the function again.",
            "Each call gets its own stack frame, so very deep recursion can overflow the stack.",
            "Many recursive functions can be rewritten as loops with an explicit stack.",
        ],
        analogy: "Think of Russian nesting dolls: to find the smallest doll you open one, and then do exactly the same thing with the doll inside.",
        pitfall: "Forgetting the base case gives you infinite recursion and, eventually, a stack overflow.",
    },
    Concept {
        name: "compound interest",
        definition: "Compound interest means you earn interest not only on the money you put in but also on the interest it has already earned.",
        points: &[
            "The formula is `A = P × (1 + r/n)^(n·t)`.",
            "The more often interest compounds, the faster the balance grows.",
            "Time matters more than the rate: starting ten years earlier can double the result.",
            "The same maths works against you on credit-card debt.",
        ],
        analogy: "It's like a snowball rolling downhill: the bigger it gets, the more snow it picks up on each turn.",
        pitfall: "Ignoring fees: a 1% yearly fee compounds too and can eat a large share of long-term growth.",
    },
    Concept {
        name: "TCP",
        definition: "TCP is the protocol that gives applications a reliable, ordered stream of bytes on top of the unreliable packets of the internet.",
        points: &[
            "A three-way handshake (`SYN`, `SYN-ACK`, `ACK`) opens every connection.",
            "Lost packets are detected and re-sent automatically.",
            "Flow control stops a fast sender from overwhelming a slow receiver.",
            "Congestion control backs off when the network is overloaded.",
        ],
        analogy: "TCP is like registered mail with numbered pages: the receiver asks again for any page that went missing and puts them back in order.",
        pitfall: "Assuming one `send()` equals one `recv()`: TCP is a stream, so message boundaries are yours to define.",
    },
    Concept {
        name: "photosynthesis",
        definition: "Photosynthesis is how plants, algae and some bacteria turn light, water and carbon dioxide into sugar and oxygen.",
        points: &[
            "It happens mostly in the chloroplasts of leaf cells.",
            "The light reactions capture energy; the Calvin cycle uses it to build sugar.",
            "The overall equation is `6CO₂ + 6H₂O → C₆H₁₂O₆ + 6O₂`.",
            "Nearly all the oxygen we breathe comes from it.",
        ],
        analogy: "A leaf is a tiny solar-powered kitchen: sunlight is the stove, water and air are the ingredients, and sugar is the meal.",
        pitfall: "Thinking plants get their mass from the soil: most of it actually comes from carbon dioxide in the air.",
    },
    Concept {
        name: "inflation",
        definition: "Inflation is the general rise in prices over time, which means each unit of money buys a little less than before.",
        points: &[
            "It is usually measured with a consumer price index (CPI).",
            "Central banks often target about 2% a year.",
            "Raising interest rates is the usual tool to slow it down.",
            "Wages that rise slower than inflation mean falling real income.",
        ],
        analogy: "Imagine a bakery slowly shrinking the loaf while keeping the price: your money stays the same, but you get less bread.",
        pitfall: "Confusing a high price level with high inflation: inflation is about how fast prices change.",
    },
    Concept {
        name: "gradient descent",
        definition: "Gradient descent is an optimisation method that repeatedly nudges a model's parameters in the direction that reduces its error the most.",
        points: &[
            "The gradient points uphill, so each step moves the opposite way.",
            "The **learning rate** sets the step size.",
            "Stochastic gradient descent estimates the gradient from small batches of data.",
            "Variants like Adam adapt the step size per parameter.",
        ],
        analogy: "It's like walking down a foggy hill by always stepping in the steepest downhill direction you can feel under your feet.",
        pitfall: "A learning rate that's too high makes the loss bounce around or explode instead of going down.",
    },
    Concept {
        name: "OAuth 2.0",
        definition: "OAuth 2.0 is a way for an app to get limited access to your account on another service without ever seeing your password.",
        points: &[
            "The user signs in at the provider, not in the third-party app.",
            "The app receives an **access token** with specific scopes.",
            "Refresh tokens let the app get new access tokens without asking again.",
            "Public clients such as mobile apps should use PKCE.",
        ],
        analogy: "It's like a hotel key card: the front desk gives you a card that opens only your room, only until checkout, and you never get the master key.",
        pitfall: "Treating OAuth as authentication: proving *who* the user is needs OpenID Connect on top.",
    },
    Concept {
        name: "a vector database",
        definition: "A vector database stores embeddings (lists of numbers that capture meaning) and finds the ones closest to a query embedding.",
        points: &[
            "Similarity is usually cosine similarity or dot product.",
            "Approximate nearest-neighbour indexes such as HNSW trade a little accuracy for a lot of speed.",
            "It is the retrieval half of retrieval-augmented generation (RAG).",
            "Metadata filters narrow results before or after the vector search.",
        ],
        analogy: "It's like a library where books are shelved by what they are about rather than by title, so similar ideas sit next to each other.",
        pitfall: "Mixing embeddings from different models: their numbers are not comparable.",
    },
    Concept {
        name: "the CAP theorem",
        definition: "The CAP theorem says a distributed data store cannot guarantee consistency, availability and partition tolerance all at once: during a network partition it must give up one of the first two.",
        points: &[
            "**Consistency:** every read sees the latest write.",
            "**Availability:** every request gets a non-error response.",
            "**Partition tolerance:** the system keeps working when messages are lost between nodes.",
            "Partitions happen in practice, so the real choice is C or A while one lasts.",
        ],
        analogy: "Two shop branches that lose their phone line can either stop selling (consistent) or keep selling and risk overselling the last item (available).",
        pitfall: "Reading it as \"pick any two\" in normal operation: the trade-off only bites during a partition.",
    },
    Concept {
        name: "supply and demand",
        definition: "Supply and demand is the model where prices settle where the amount people want to buy matches the amount sellers want to sell.",
        points: &[
            "Higher prices usually lower demand and raise supply.",
            "A shift in either curve moves the equilibrium price.",
            "Price caps below equilibrium cause shortages.",
            "Elasticity describes how strongly quantity reacts to price.",
        ],
        analogy: "Concert tickets are the classic case: when a popular band announces one night only, resale prices jump.",
        pitfall: "Confusing a movement along a curve with a shift of the whole curve.",
    },
];

/// Two things people often ask to have compared.
struct Comparison {
    a: &'static str,
    b: &'static str,
    rows: &'static [&'static [&'static str]],
    verdict: &'static str,
}

const COMPARISONS: &[Comparison] = &[
    Comparison {
        a: "TCP",
        b: "UDP",
        rows: &[
            &["Delivery", "Guaranteed, in order", "Best effort"],
            &["Connection", "Handshake first", "None"],
            &["Overhead", "Higher", "Lower"],
            &[
                "Typical use",
                "Web, e-mail, file transfer",
                "Video calls, games, DNS",
            ],
        ],
        verdict: "Use TCP when every byte matters and UDP when fresh data beats complete data.",
    },
    Comparison {
        a: "a Roth IRA",
        b: "a traditional IRA",
        rows: &[
            &["Contributions", "After tax", "Often tax-deductible"],
            &["Withdrawals in retirement", "Tax-free", "Taxed as income"],
            &[
                "Required minimum distributions",
                "None for the owner",
                "Yes",
            ],
        ],
        verdict: "If you expect a higher tax rate in retirement, the Roth usually wins; otherwise the traditional IRA's deduction is worth more.",
    },
    Comparison {
        a: "PostgreSQL",
        b: "MongoDB",
        rows: &[
            &["Data model", "Tables with a schema", "JSON-like documents"],
            &["Joins", "First-class", "Limited (`$lookup`)"],
            &["Transactions", "Full ACID", "Multi-document since 4.0"],
            &[
                "Scaling out",
                "Extensions or read replicas",
                "Built-in sharding",
            ],
        ],
        verdict: "PostgreSQL is the safer default; pick MongoDB when your data really is document-shaped and schema changes are constant.",
    },
    Comparison {
        a: "Python",
        b: "Rust",
        rows: &[
            &["Learning curve", "Gentle", "Steep"],
            &["Speed", "Slower (interpreted)", "Close to C"],
            &[
                "Memory safety",
                "Garbage collected",
                "Ownership, checked at compile time",
            ],
            &[
                "Best at",
                "Scripting, data science, prototypes",
                "Systems, CLIs, performance-critical code",
            ],
        ],
        verdict: "Prototype in Python, and reach for Rust when speed or reliability becomes the bottleneck.",
    },
    Comparison {
        a: "renting",
        b: "buying a home",
        rows: &[
            &[
                "Upfront cost",
                "Deposit of 1-3 months",
                "Down payment of 5-20%",
            ],
            &["Flexibility", "High", "Low"],
            &["Maintenance", "Landlord pays", "You pay"],
            &["Builds equity", "No", "Yes"],
        ],
        verdict: "Buying tends to pay off if you stay at least five to seven years; renting is better if you might move sooner.",
    },
];

const EXPLAIN_ASK: &[&str] = &[
    "Explain $S like I'm five.",
    "What is $S, and why does it matter?",
    "Can you explain $S in simple terms?",
    "Give me a short explanation of $S with an everyday analogy.",
    "I'm preparing for an interview at $K. How would you explain $S?",
    "ELI5: $S",
    "Explain $S to a new colleague in a few bullet points.",
    "My teacher explained $S today and I didn't get it at all. Help?",
];

const COMPARE_ASK: &[&str] = &[
    "What's the difference between $S and $O?",
    "Compare $S vs $O in a table.",
    "Should I choose $S or $O? Give me the pros and cons.",
    "$S or $O for someone just starting out?",
];

/// Writes an explanation or comparison exchange.
pub(super) fn write(d: Draft<'_, '_>) {
    if d.rng.chance(0.3) {
        return compare(d);
    }
    let (rng, rr, s, ex, target, alt) = d.parts();
    let c = rng.pick(CONCEPTS);
    ex.topic = "concepts";
    s.subject = c.name;
    let ask = *rng.pick(EXPLAIN_ASK);
    fill(&mut ex.prompt, s, ask);
    let rng = rr;
    explain(rng, s, c, &mut ex.response, Style::Full, target);
    explain(rng, s, c, &mut ex.alt_response, alt, target / 2);
}

fn explain(
    rng: &mut Rng,
    s: &Slots<'_>,
    c: &Concept,
    out: &mut String,
    style: Style,
    target: usize,
) {
    match style {
        Style::Full => {
            heading(
                out,
                s,
                2,
                "⟨What is $S?|A quick guide to $S|About $S|Understanding $S⟩",
            );
            out.push_str(c.definition);
            out.push_str("\n\n");
            heading(
                out,
                s,
                3,
                "⟨Key ideas|The main points|What to remember|The essentials⟩",
            );
            // An author keeps the points that matter to them: all, or all but one.
            let n = c.points.len() - usize::from(c.points.len() > 2 && rng.chance(0.5));
            bullets(out, rng, s, c.points, n);
            heading(
                out,
                s,
                3,
                "⟨An analogy|Picture it|Picture this|In everyday terms⟩",
            );
            out.push_str(c.analogy);
            out.push_str("\n\n> **Common pitfall:** ");
            out.push_str(c.pitfall);
            out.push_str("\n\n");
            elaborate(out, rng, s, target);
        }
        Style::Brief => {
            out.push_str(c.definition);
            out.push(' ');
            out.push_str(c.analogy);
        }
        Style::Plain => {
            out.push_str(c.definition);
            out.push_str("\n\n");
            out.push_str(c.analogy);
            out.push_str("\n\n");
            para(out, rng, s, c.points, 2);
        }
        Style::Flawed => {
            fill(
                out,
                s,
                "$S is a complicated topic that experts disagree about. ",
            );
            out.push_str(c.analogy);
            out.push_str(" In short, it depends.");
        }
    }
}

fn compare(d: Draft<'_, '_>) {
    let (rng, rr, s, ex, target, alt) = d.parts();
    let c = rng.pick(COMPARISONS);
    ex.topic = "comparison";
    s.subject = c.a;
    s.other = c.b;
    let ask = *rng.pick(COMPARE_ASK);
    fill(&mut ex.prompt, s, ask);
    let rng = rr;
    for (out, style, target) in [
        (&mut ex.response, Style::Full, target),
        (&mut ex.alt_response, alt, target / 2),
    ] {
        match style {
            Style::Full | Style::Plain => {
                fill(
                    out,
                    s,
                    "⟨Here's how $S and $O compare|$S vs $O at a glance|Short version: it depends on what you need. Side by side|A quick comparison of $S and $O⟩:\n\n",
                );
                let header: [&str; 3] = ["⟨Aspect|Criterion|What matters|⟩", c.a, c.b];
                // An answer keeps the rows its author thought mattered: all, or all but one.
                let skip = if c.rows.len() > 3 && rng.chance(0.6) {
                    rng.index(c.rows.len())
                } else {
                    usize::MAX
                };
                let rows: Vec<&[&str]> = c
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != skip)
                    .map(|(_, r)| *r)
                    .collect();
                table(out, s, &header, &rows);
                fill(out, s, "**⟨Bottom line|In short|My take|Verdict⟩:** ");
                out.push_str(c.verdict);
                out.push_str("\n\n");
                if style == Style::Full {
                    elaborate(out, rng, s, target);
                }
            }
            Style::Brief => out.push_str(c.verdict),
            Style::Flawed => fill(
                out,
                s,
                "⟨$S and $O are basically the same thing, so just pick either one.|Honestly there's no real difference between $S and $O.|Just go with $S, $O is outdated anyway.⟩",
            ),
        }
    }
}
