//! What coding exchanges are made of: small, plausible programs (with a broken attempt at each,
//! its notes and how to run it) and the phrases around them. Read by `code.rs`, which writes the
//! exchanges.

/// One small, plausible program and what it is for.
pub(super) struct Snippet {
    /// The fence tag: `python`, `rust`, `javascript`, `sql` or `bash`.
    pub(super) fence: &'static str,
    /// The language as people write it in prose.
    pub(super) name: &'static str,
    /// What the code does, as an infinitive phrase ("parse a CSV file ...").
    pub(super) task: &'static str,
    pub(super) code: &'static str,
    pub(super) notes: &'static [&'static str],
    /// A one-line explanation of the bug in `broken`.
    pub(super) bug: &'static str,
    /// A short, broken attempt at the task, as a user might paste it.
    pub(super) broken: &'static str,
    /// How to run it, as a shell command, if that is worth showing.
    pub(super) run: &'static str,
}

pub(super) const SNIPPETS: &[Snippet] = &[
    Snippet {
        fence: "python",
        name: "Python",
        task: "read a CSV file and sum the `amount` column",
        code: "import csv\nfrom decimal import Decimal\n\n\ndef total_amount(path: str) -> Decimal:\n    \"\"\"Return the sum of the `amount` column of a CSV file.\"\"\"\n    total = Decimal(\"0\")\n    with open(path, newline=\"\", encoding=\"utf-8\") as f:\n        for row in csv.DictReader(f):\n            total += Decimal(row[\"amount\"])\n    return total\n\n\nif __name__ == \"__main__\":\n    print(total_amount(\"orders.csv\"))",
        notes: &[
            "`csv.DictReader` maps each row to a dict keyed by the header line.",
            "`Decimal` avoids the rounding errors you get when adding money as `float`.",
            "`newline=\"\"` is what the `csv` module expects when opening files.",
        ],
        bug: "`row[\"amount\"]` is a string, so adding it to `0` raises a `TypeError`; convert it with `Decimal` first",
        broken: "total = 0\nwith open(\"orders.csv\") as f:\n    for row in csv.DictReader(f):\n        total += row[\"amount\"]\nprint(total)",
        run: "python3 total.py",
    },
    Snippet {
        fence: "python",
        name: "Python",
        task: "retry an HTTP request with exponential backoff",
        code: "import random\nimport time\n\nimport requests\n\n\ndef get_with_retry(url: str, attempts: int = 5) -> requests.Response:\n    delay = 0.5\n    for attempt in range(1, attempts + 1):\n        try:\n            resp = requests.get(url, timeout=10)\n            if resp.status_code < 500 and resp.status_code != 429:\n                return resp\n        except requests.ConnectionError:\n            if attempt == attempts:\n                raise\n        time.sleep(delay + random.uniform(0, delay))\n        delay *= 2\n    return resp",
        notes: &[
            "The delay doubles after every failed attempt, with random jitter so clients don't retry in lockstep.",
            "`429 Too Many Requests` and `5xx` responses are retried; other client errors are returned at once.",
            "Always pass a `timeout`: `requests` waits forever by default.",
        ],
        bug: "`delay` is never increased, so every retry hammers the server at the same rate (and there is no timeout)",
        broken: "delay = 0.5\nfor attempt in range(5):\n    resp = requests.get(url)\n    if resp.ok:\n        return resp\n    time.sleep(delay)",
        run: "pip install requests && python3 retry.py",
    },
    Snippet {
        fence: "python",
        name: "Python",
        task: "find the most common words in a text file",
        code: "from collections import Counter\nimport re\n\n\ndef top_words(path: str, n: int = 10) -> list[tuple[str, int]]:\n    with open(path, encoding=\"utf-8\") as f:\n        words = re.findall(r\"[a-z']+\", f.read().lower())\n    return Counter(words).most_common(n)\n\n\nfor word, count in top_words(\"book.txt\"):\n    print(f\"{word:>12} {count}\")",
        notes: &[
            "`Counter.most_common(n)` returns the `n` most frequent items, already sorted.",
            "Lower-casing first makes \"The\" and \"the\" count as one word.",
        ],
        bug: "the regex `\\w+` also matches digits and underscores, which skews the counts",
        broken: "words = re.findall(r\"\\w+\", text)\ncounts = Counter(words)\nprint(counts.most_common(10))",
        run: "python3 top_words.py",
    },
    Snippet {
        fence: "rust",
        name: "Rust",
        task: "count word frequencies in a string",
        code: "use std::collections::BTreeMap;\n\nfn word_counts(text: &str) -> BTreeMap<String, usize> {\n    let mut counts = BTreeMap::new();\n    for word in text.split_whitespace() {\n        let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();\n        if !word.is_empty() {\n            *counts.entry(word).or_insert(0) += 1;\n        }\n    }\n    counts\n}\n\nfn main() {\n    for (word, n) in word_counts(\"the cat and the hat\") {\n        println!(\"{word}: {n}\");\n    }\n}",
        notes: &[
            "`BTreeMap` keeps the words sorted, so the output is stable between runs.",
            "The `entry` API inserts a zero the first time a word is seen.",
            "`trim_matches` strips punctuation such as commas and full stops.",
        ],
        bug: "`HashMap` iteration order is random, so the output changes between runs",
        broken: "let mut counts = HashMap::new();\nfor word in text.split_whitespace() {\n    *counts.entry(word).or_insert(0) += 1;\n}\nfor (word, n) in &counts {\n    println!(\"{word}: {n}\");\n}",
        run: "cargo run --release",
    },
    Snippet {
        fence: "rust",
        name: "Rust",
        task: "read a file line by line and handle errors properly",
        code: "use std::fs::File;\nuse std::io::{self, BufRead, BufReader};\n\nfn count_errors(path: &str) -> io::Result<usize> {\n    let reader = BufReader::new(File::open(path)?);\n    let mut n = 0;\n    for line in reader.lines() {\n        if line?.contains(\"ERROR\") {\n            n += 1;\n        }\n    }\n    Ok(n)\n}\n\nfn main() {\n    match count_errors(\"app.log\") {\n        Ok(n) => println!(\"{n} error lines\"),\n        Err(e) => eprintln!(\"could not read app.log: {e}\"),\n    }\n}",
        notes: &[
            "The `?` operator returns the error to the caller instead of panicking.",
            "`BufReader` avoids one system call per line.",
            "`main` decides how to report the error, which keeps `count_errors` reusable.",
        ],
        bug: "`.unwrap()` on `File::open` panics when the file is missing",
        broken: "let file = File::open(path).unwrap();\nfor line in BufReader::new(file).lines() {\n    if line.unwrap().contains(\"ERROR\") {\n        n += 1;\n    }\n}",
        run: "cargo run -- app.log",
    },
    Snippet {
        fence: "rust",
        name: "Rust",
        task: "share a counter between threads",
        code: "use std::sync::atomic::{AtomicU64, Ordering};\nuse std::sync::Arc;\nuse std::thread;\n\nfn main() {\n    let hits = Arc::new(AtomicU64::new(0));\n    let handles: Vec<_> = (0..4)\n        .map(|_| {\n            let hits = Arc::clone(&hits);\n            thread::spawn(move || {\n                for _ in 0..1_000 {\n                    hits.fetch_add(1, Ordering::Relaxed);\n                }\n            })\n        })\n        .collect();\n    for h in handles {\n        h.join().expect(\"worker panicked\");\n    }\n    println!(\"total: {}\", hits.load(Ordering::Relaxed));\n}",
        notes: &[
            "`Arc` gives every thread its own handle to the same counter.",
            "An atomic is cheaper than a `Mutex<u64>` for a single number.",
            "`Relaxed` ordering is enough because only the final total matters.",
        ],
        bug: "the closure borrows `hits` instead of moving a clone into the thread",
        broken: "let hits = Arc::new(AtomicU64::new(0));\nfor _ in 0..4 {\n    thread::spawn(|| {\n        hits.fetch_add(1, Ordering::Relaxed);\n    });\n}",
        run: "cargo run",
    },
    Snippet {
        fence: "javascript",
        name: "JavaScript",
        task: "debounce a search input",
        code: "function debounce(fn, wait = 300) {\n  let timer;\n  return (...args) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), wait);\n  };\n}\n\nconst input = document.querySelector('#search');\ninput.addEventListener(\n  'input',\n  debounce(async (event) => {\n    const res = await fetch(`/api/search?q=${encodeURIComponent(event.target.value)}`);\n    renderResults(await res.json());\n  }),\n);",
        notes: &[
            "Each keystroke resets the timer, so the request only fires after the user pauses.",
            "`encodeURIComponent` keeps characters like `&` and `#` from breaking the URL.",
        ],
        bug: "a new debounced function is created on every event, so nothing is ever cancelled",
        broken: "input.addEventListener('input', (event) => {\n  debounce(() => search(event.target.value), 300)();\n});",
        run: "npx serve .",
    },
    Snippet {
        fence: "javascript",
        name: "JavaScript",
        task: "group an array of objects by a key",
        code: "const orders = [\n  { id: 1, status: 'shipped', total: 40 },\n  { id: 2, status: 'pending', total: 15 },\n  { id: 3, status: 'shipped', total: 22 },\n];\n\nconst byStatus = orders.reduce((groups, order) => {\n  (groups[order.status] ??= []).push(order);\n  return groups;\n}, {});\n\nconsole.log(byStatus.shipped.length); // 2\n// In Node 21+ you can also use Object.groupBy(orders, (o) => o.status).",
        notes: &[
            "`reduce` builds the result object in one pass.",
            "`??=` creates the array the first time a status is seen.",
            "Newer runtimes ship `Object.groupBy`, which does the same thing.",
        ],
        bug: "the callback forgets to `return groups`, so the accumulator becomes `undefined`",
        broken: "const byStatus = orders.reduce((groups, order) => {\n  (groups[order.status] ??= []).push(order);\n}, {});",
        run: "node group.js",
    },
    Snippet {
        fence: "javascript",
        name: "JavaScript",
        task: "fetch JSON with a timeout",
        code: "async function fetchJson(url, ms = 5000) {\n  const controller = new AbortController();\n  const timer = setTimeout(() => controller.abort(), ms);\n  try {\n    const res = await fetch(url, { signal: controller.signal });\n    if (!res.ok) throw new Error(`HTTP ${res.status}`);\n    return await res.json();\n  } finally {\n    clearTimeout(timer);\n  }\n}\n\nfetchJson('https://api.example.com/orders')\n  .then((data) => console.log(data))\n  .catch((err) => console.error('request failed:', err.message));",
        notes: &[
            "`fetch` has no timeout option, so an `AbortController` cancels it.",
            "`res.ok` is false for 4xx and 5xx responses, which `fetch` does not reject on its own.",
            "The `finally` block clears the timer whether the request succeeds or not.",
        ],
        bug: "a 404 response resolves normally, so the code tries to parse an error page as JSON",
        broken: "const res = await fetch(url);\nconst data = await res.json();\nconsole.log(data.orders.length);",
        run: "node fetch.mjs",
    },
    Snippet {
        fence: "sql",
        name: "SQL",
        task: "find the top 5 customers by total spend last month",
        code: "SELECT c.id,\n       c.name,\n       SUM(o.total) AS spend\nFROM customers AS c\nJOIN orders AS o ON o.customer_id = c.id\nWHERE o.created_at >= date_trunc('month', now()) - interval '1 month'\n  AND o.created_at <  date_trunc('month', now())\n  AND o.status <> 'cancelled'\nGROUP BY c.id, c.name\nORDER BY spend DESC\nLIMIT 5;",
        notes: &[
            "The half-open date range covers exactly the previous calendar month.",
            "Cancelled orders are excluded before aggregating.",
            "`GROUP BY c.id, c.name` keeps customers with the same name apart.",
        ],
        bug: "filtering on `SUM(o.total)` in `WHERE` fails: aggregates belong in `HAVING`",
        broken: "SELECT c.name, SUM(o.total) AS spend\nFROM customers c JOIN orders o ON o.customer_id = c.id\nWHERE SUM(o.total) > 0\nGROUP BY c.name\nORDER BY spend DESC\nLIMIT 5;",
        run: "psql -d shop -f top_customers.sql",
    },
    Snippet {
        fence: "sql",
        name: "SQL",
        task: "remove duplicate rows but keep the newest one",
        code: "WITH ranked AS (\n  SELECT id,\n         ROW_NUMBER() OVER (\n           PARTITION BY email\n           ORDER BY updated_at DESC\n         ) AS rn\n  FROM subscribers\n)\nDELETE FROM subscribers\nWHERE id IN (SELECT id FROM ranked WHERE rn > 1);",
        notes: &[
            "`ROW_NUMBER()` numbers the rows of each e-mail address from newest to oldest.",
            "Everything but the first row of each group is deleted.",
            "Run the `SELECT` on its own first to see what would be removed.",
        ],
        bug: "`DISTINCT` only hides duplicates in a query; it does not delete anything",
        broken: "SELECT DISTINCT email, name, updated_at\nFROM subscribers;",
        run: "psql -d newsletter -f dedupe.sql",
    },
    Snippet {
        fence: "sql",
        name: "SQL",
        task: "compute a 7-day rolling average of daily sign-ups",
        code: "SELECT day,\n       signups,\n       ROUND(AVG(signups) OVER (\n         ORDER BY day\n         ROWS BETWEEN 6 PRECEDING AND CURRENT ROW\n       ), 1) AS rolling_7d\nFROM (\n  SELECT created_at::date AS day, COUNT(*) AS signups\n  FROM users\n  GROUP BY 1\n) AS daily\nORDER BY day;",
        notes: &[
            "The inner query counts sign-ups per day.",
            "The window frame `ROWS BETWEEN 6 PRECEDING AND CURRENT ROW` covers seven rows.",
            "Days without sign-ups are missing, so generate a calendar with `generate_series` if gaps matter.",
        ],
        bug: "without `ORDER BY day` inside `OVER`, every row gets the overall average",
        broken: "SELECT day, signups,\n       AVG(signups) OVER () AS rolling_7d\nFROM daily;",
        run: "psql -d analytics -f rolling.sql",
    },
    Snippet {
        fence: "bash",
        name: "Bash",
        task: "back up a directory to a dated tarball and keep only the last 7",
        code: "#!/usr/bin/env bash\nset -euo pipefail\n\nsrc=\"${1:?usage: backup.sh DIR}\"\ndest=\"$HOME/backups\"\nmkdir -p \"$dest\"\n\nstamp=$(date +%Y-%m-%d)\ntar -czf \"$dest/$(basename \"$src\")-$stamp.tar.gz\" -C \"$(dirname \"$src\")\" \"$(basename \"$src\")\"\n\n# Keep the seven newest archives.\nls -1t \"$dest\"/*.tar.gz | tail -n +8 | xargs -r rm --\necho \"backup written to $dest\"",
        notes: &[
            "`set -euo pipefail` stops the script at the first failing command.",
            "Quoting every `\"$variable\"` keeps paths with spaces intact.",
            "`tail -n +8` lists everything after the seventh newest file.",
        ],
        bug: "the unquoted `$src` splits on spaces, so `My Documents` becomes two arguments",
        broken: "src=$1\ntar -czf ~/backups/backup.tar.gz $src",
        run: "chmod +x backup.sh && ./backup.sh ~/projects",
    },
    Snippet {
        fence: "bash",
        name: "Bash",
        task: "find the 10 largest files under a directory",
        code: "find \"${1:-.}\" -type f -printf '%s\\t%p\\n' 2>/dev/null \\\n  | sort -rn \\\n  | head -n 10 \\\n  | awk -F'\\t' '{ printf \"%8.1f MB  %s\\n\", $1 / 1048576, $2 }'",
        notes: &[
            "`-printf '%s'` prints the size in bytes so `sort -rn` can order numerically.",
            "`2>/dev/null` hides permission errors for folders you cannot read.",
            "On macOS, install GNU `findutils` or use `du -a | sort -rn` instead.",
        ],
        bug: "`ls -lS` only looks at one directory, not the whole tree",
        broken: "ls -lS | head -n 10",
        run: "bash largest.sh /var/log",
    },
    Snippet {
        fence: "bash",
        name: "Bash",
        task: "check that a list of URLs respond with HTTP 200",
        code: "#!/usr/bin/env bash\nset -uo pipefail\n\nstatus=0\nwhile read -r url; do\n  [[ -z \"$url\" || \"$url\" == \\#* ]] && continue\n  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \"$url\")\n  if [[ \"$code\" != 200 ]]; then\n    echo \"FAIL $code $url\"\n    status=1\n  fi\ndone < urls.txt\nexit \"$status\"",
        notes: &[
            "`-w '%{http_code}'` makes `curl` print only the status code.",
            "Blank lines and lines starting with `#` are skipped.",
            "The script exits non-zero if any URL failed, so CI can use it.",
        ],
        bug: "`curl` without `--max-time` can hang forever on a dead host",
        broken: "while read url; do\n  curl -s -o /dev/null -w '%{http_code}\\n' $url\ndone < urls.txt",
        run: "bash check_urls.sh",
    },
];

pub(super) const ASK: &[&str] = &[
    "Write a $L $O to $S.",
    "How do I $S in $L?",
    "Can you show me how to $S using $L? Keep it idiomatic.",
    "I need a quick $L snippet to $S.",
    "What's the cleanest way to $S in $L?",
    "Give me $L code to $S, with comments.",
];

pub(super) const INTROS: &[&str] = &[
    "Here's a clean way to $S in $L:",
    "Sure! Below is an idiomatic $L version.",
    "You can do this in a few lines of $L.",
    "Here's one approach that handles the usual edge cases:",
];

pub(super) const WRAP_UPS: &[&str] = &[
    "Let me know if you want a version with tests.",
    "If your input is very large, consider streaming it instead of loading everything at once.",
    "Happy to adapt this to your exact setup if you share more details.",
    "That's it: no external dependencies beyond what's shown.",
];
