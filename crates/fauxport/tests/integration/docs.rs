//! Keeps the README and the `docs/` pages true to the binary: every `fauxport ...` command they
//! show in a ```sh or ```console block names a subcommand that exists and only flags its
//! `--help` lists; the quick, offline ones (`scenarios`, `schema`, small `generate`s, `validate`
//! of a piped `generate`, anything with `--help`) are run and must exit 0. Inline code that
//! starts with `fauxport ` is held to the same flags, and the tables that restate the binary
//! (the scenario table, `serve`'s environment variables) are compared with it.
//!
//! `cargo run --release -- ARGS` counts as `fauxport ARGS`. A command is cut at the first `|`,
//! `&`, `;` or `>` outside brackets and quotes; in a pipe of `fauxport` commands each one reads
//! the one before's output. A block's `# comment`s are not read, a line ending in `\` goes on on
//! the next, and a synopsis line that starts with spaces and `[` or `--` continues the line
//! before it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::{Run, fauxport, fauxport_in};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The pages the test reads: the README and every `docs/*.md`, as (name, text).
fn pages() -> Vec<(String, String)> {
    let root = repo();
    let mut names = vec!["README.md".to_owned()];
    let mut docs: Vec<String> = std::fs::read_dir(root.join("docs"))
        .expect("a docs folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    names.extend(docs);
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(root.join(&n)).expect("a readable page");
            (n, text)
        })
        .collect()
}

/// One `fauxport` command a page shows.
#[derive(Debug, Clone)]
struct Command {
    /// `page:line`, for messages.
    at: String,
    /// The arguments after `fauxport` (the subcommand first).
    args: Vec<String>,
    /// Whether it came from a code block (run when safe) or inline code (flags only).
    in_block: bool,
    /// Whether it reads the output of the command before it in a pipe.
    piped: bool,
}

impl Command {
    fn text(&self) -> String {
        format!("fauxport {}", self.args.join(" "))
    }
}

/// A shell word, or an operator that ends a command.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Pipe,
    End,
}

/// Splits a logical line into words (quotes removed) and operators; `|` inside `[...]` (a
/// synopsis's alternatives) is a word.
fn tokens(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut depth = 0usize;
    let mut chars = line.chars().peekable();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    word.push(q);
                }
            }
            '[' => {
                depth += 1;
                word.push(c);
            }
            ']' => {
                depth = depth.saturating_sub(1);
                word.push(c);
            }
            '|' if depth == 0 => {
                flush(&mut word, &mut out);
                if chars.peek() == Some(&'|') {
                    chars.next();
                    out.push(Token::End);
                } else {
                    out.push(Token::Pipe);
                }
            }
            '&' | ';' | '>' if depth == 0 => {
                flush(&mut word, &mut out);
                out.push(Token::End);
            }
            c if c.is_whitespace() => flush(&mut word, &mut out),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The `fauxport` commands of one logical line.
fn commands_of_line(line: &str, at: &str, in_block: bool) -> Vec<Command> {
    let toks = tokens(line);
    let mut out = Vec::new();
    let mut i = 0;
    let mut piped = false;
    while i < toks.len() {
        let start = match &toks[i] {
            Token::Word(w) if w == "fauxport" => Some(i + 1),
            Token::Word(w)
                if w == "cargo"
                    && matches!(toks.get(i + 1), Some(Token::Word(r)) if r == "run") =>
            {
                // `cargo run [--release] -- ARGS`
                let mut j = i + 2;
                while let Some(Token::Word(w)) = toks.get(j) {
                    j += 1;
                    if w == "--" {
                        break;
                    }
                }
                Some(j)
            }
            _ => None,
        };
        let Some(start) = start else {
            piped = false;
            i += 1;
            continue;
        };
        let mut args = Vec::new();
        let mut j = start;
        while let Some(Token::Word(w)) = toks.get(j) {
            args.push(w.clone());
            j += 1;
        }
        out.push(Command {
            at: at.to_owned(),
            args,
            in_block,
            piped,
        });
        // `fauxport A | fauxport B`: B reads A's output.
        piped = toks.get(j) == Some(&Token::Pipe);
        i = if piped { j + 1 } else { j };
    }
    out
}

/// Every `fauxport` command of a page: in ```sh and ```console blocks, and in inline code.
fn commands(page: &str, text: &str) -> Vec<Command> {
    let mut out = Vec::new();
    let mut block: Option<bool> = None; // Some(console?) inside a shell block
    let mut fenced = false;
    let mut logical = String::new();
    let mut logical_at = String::new();
    let mut paragraph = String::new();
    let mut paragraph_at = String::new();
    // Whether the last line ended in `\`.
    let mut backslash = false;
    let flush = |logical: &mut String, at: &str, out: &mut Vec<Command>| {
        if !logical.trim().is_empty() {
            out.extend(commands_of_line(logical, at, true));
        }
        logical.clear();
    };
    for (n, raw) in text.lines().enumerate() {
        let at = format!("{page}:{}", n + 1);
        let trimmed = raw.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            out.extend(inline_commands(&paragraph, &paragraph_at));
            paragraph.clear();
            backslash = false;
            if fenced {
                flush(&mut logical, &logical_at, &mut out);
                fenced = false;
                block = None;
            } else {
                fenced = true;
                block = match lang.trim() {
                    "sh" | "bash" | "shell" => Some(false),
                    "console" => Some(true),
                    _ => None,
                };
            }
            continue;
        }
        if !fenced {
            // Inline code may wrap, so a paragraph is read whole.
            if raw.trim().is_empty() {
                out.extend(inline_commands(&paragraph, &paragraph_at));
                paragraph.clear();
            } else {
                if paragraph.is_empty() {
                    paragraph_at = at;
                }
                paragraph.push_str(raw.trim());
                paragraph.push(' ');
            }
            continue;
        }
        let Some(console) = block else { continue };
        let mut line = strip_comment(raw).to_owned();
        if console {
            match line.trim_start().strip_prefix("$ ") {
                Some(rest) => line = rest.to_owned(),
                None if !logical.is_empty() => {}
                None => continue,
            }
        }
        let continues_synopsis = !logical.is_empty()
            && (line.starts_with(' ') || line.starts_with('\t'))
            && matches!(line.trim_start().chars().next(), Some('[' | '-'));
        if !backslash && !continues_synopsis {
            flush(&mut logical, &logical_at, &mut out);
            logical_at = at;
        }
        let line = line.trim_end();
        backslash = line.ends_with('\\');
        match line.strip_suffix('\\') {
            Some(head) => {
                logical.push_str(head);
                logical.push(' ');
            }
            None => {
                logical.push_str(line);
                logical.push(' ');
                // A synopsis may go on at the next line; anything else ends here.
                if !line.contains('[') {
                    flush(&mut logical, &logical_at, &mut out);
                }
            }
        }
    }
    flush(&mut logical, &logical_at, &mut out);
    out.extend(inline_commands(&paragraph, &paragraph_at));
    out
}

/// The line without a `#` comment (a `#` at its start or after a space, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

/// Inline code spans of a paragraph that start with `fauxport ` (flags checked, never run).
fn inline_commands(line: &str, at: &str) -> Vec<Command> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.starts_with("fauxport "))
        .flat_map(|span| commands_of_line(span, at, false))
        .collect()
}

/// What the binary says about itself: its subcommands and each one's flags.
struct Help {
    subcommands: BTreeSet<String>,
    flags: BTreeMap<String, BTreeSet<String>>,
    texts: BTreeMap<String, String>,
}

fn help() -> &'static Help {
    static HELP: OnceLock<Help> = OnceLock::new();
    HELP.get_or_init(|| {
        let top = stdout_of(&fauxport(&["--help"], b""), "fauxport --help");
        let subcommands: BTreeSet<String> = top
            .lines()
            .skip_while(|l| !l.starts_with("Commands:"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|s| *s != "help")
            .map(str::to_owned)
            .collect();
        assert!(subcommands.contains("serve"), "no commands in:\n{top}");
        let mut flags = BTreeMap::new();
        let mut texts = BTreeMap::new();
        flags.insert(String::new(), flags_of(&top));
        for sub in &subcommands {
            let text = stdout_of(&fauxport(&[sub.as_str(), "--help"], b""), sub);
            flags.insert(sub.clone(), flags_of(&text));
            texts.insert(sub.clone(), text);
        }
        Help {
            subcommands,
            flags,
            texts,
        }
    })
}

fn stdout_of(run: &Run, what: &str) -> String {
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The flags of a help text: the leading `-x, --long` words of its option lines.
fn flags_of(help: &str) -> BTreeSet<String> {
    help.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
        .flat_map(|l| {
            l.split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .take_while(|w| w.starts_with('-') && w.len() > 1)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The words of a command that name flags, up to a bare `--` (after it: the client's command).
fn flags_used(args: &[String]) -> Vec<String> {
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .map(|a| a.trim_start_matches('['))
        .filter(|a| a.starts_with('-') && a.len() > 1 && !a.starts_with("-$"))
        .filter(|a| !a.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        .map(|a| {
            let a = a.split('=').next().unwrap_or(a);
            a.trim_end_matches([']', '.', ','])
        })
        .map(str::to_owned)
        .collect()
}

/// The most rows a `generate` the test runs may write.
const MAX_RUN_ROWS: u64 = 10_000;

/// Whether a command is quick, offline and leaves no file behind, so the test runs it.
fn safe_to_run(cmd: &Command) -> bool {
    let args = &cmd.args;
    if !cmd.in_block || args.is_empty() {
        return false;
    }
    let placeholder = args.iter().any(|a| {
        a.contains(['[', '<', '$', '*'])
            || a.contains("...")
            || (a.len() > 1
                && a.chars()
                    .all(|c| c.is_ascii_uppercase() || "|_-:".contains(c)))
    });
    if placeholder {
        return false;
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return true;
    }
    let writes = |flag: &str| args.windows(2).any(|w| w[0] == flag && w[1] != "-");
    match args[0].as_str() {
        "scenarios" | "schema" => true,
        "generate" => {
            let rows = args
                .windows(2)
                .find(|w| w[0] == "--rows")
                .and_then(|w| w[1].parse::<u64>().ok())
                .unwrap_or(1000);
            let projects = if args.iter().any(|a| a == "--default-world") {
                4
            } else {
                1
            };
            rows * projects <= MAX_RUN_ROWS && !writes("--out") && !writes("-o")
        }
        // Only what it reads from a `generate` before it in the pipe.
        "validate" => cmd.piped && args.last().is_some_and(|a| a == "-"),
        _ => false,
    }
}

/// Everything wrong with the commands of `pages`, one sentence each.
fn problems(pages: &[(String, String)]) -> Vec<String> {
    let help = help();
    let mut out = Vec::new();
    for (page, text) in pages {
        let mut last_output: Option<Vec<u8>> = None;
        for cmd in commands(page, text) {
            let Some(sub) = cmd.args.first() else {
                out.push(format!("{}: `fauxport` without a command", cmd.at));
                continue;
            };
            let known = if sub.starts_with('-') {
                // `fauxport --help`, `fauxport --version`
                flags_of_top(help).contains(sub.as_str())
            } else {
                help.subcommands.contains(sub)
            };
            if !known {
                out.push(format!(
                    "{}: `{}`: `{sub}` is not a fauxport command (they are {:?})",
                    cmd.at,
                    cmd.text(),
                    help.subcommands
                ));
                last_output = None;
                continue;
            }
            let key = if sub.starts_with('-') {
                ""
            } else {
                sub.as_str()
            };
            let known_flags = &help.flags[key];
            for flag in flags_used(&cmd.args) {
                if !known_flags.contains(&flag) {
                    out.push(format!(
                        "{}: `{}`: `{flag}` is not a flag of `fauxport {key}` (its --help lists {known_flags:?})",
                        cmd.at,
                        cmd.text()
                    ));
                }
            }
            if !safe_to_run(&cmd) || (cmd.piped && last_output.is_none()) {
                last_output = None;
                continue;
            }
            let stdin = if cmd.piped {
                last_output.take().unwrap_or_default()
            } else {
                Vec::new()
            };
            let args: Vec<&str> = cmd.args.iter().map(String::as_str).collect();
            let run = run_in_repo(&args, &stdin);
            if run.code != 0 {
                out.push(format!(
                    "{}: `{}` exits {}: {}",
                    cmd.at,
                    cmd.text(),
                    run.code,
                    run.stderr.trim()
                ));
            }
            last_output = Some(run.stdout);
        }
    }
    out
}

fn flags_of_top(help: &Help) -> &BTreeSet<String> {
    &help.flags[""]
}

/// Runs the binary from the repository's root, where the pages' relative paths start.
fn run_in_repo(args: &[&str], stdin: &[u8]) -> Run {
    fauxport_in(Some(&repo()), args, stdin)
}

/// Checks one made-up page: its problems, each expected to contain one of `expect` in order.
fn check(page: &str, expect: &[&str]) {
    let found = problems(&[("planted.md".to_owned(), page.to_owned())]);
    assert_eq!(
        found.len(),
        expect.len(),
        "problems of {page:?}: {found:#?}, expected {expect:?}"
    );
    for (got, want) in found.iter().zip(expect) {
        assert!(got.contains(*want), "{got:?} should mention {want:?}");
    }
}

#[test]
fn every_command_and_flag_the_docs_show_exists_and_the_quick_ones_run() {
    let pages = pages();
    assert!(pages.len() >= 7, "the README and the docs/ pages");
    let shown: usize = pages.iter().map(|(p, t)| commands(p, t).len()).sum();
    let run: usize = pages
        .iter()
        .flat_map(|(p, t)| commands(p, t))
        .filter(safe_to_run)
        .count();
    // Guards the parser: a change that finds no commands would pass vacuously.
    assert!(shown >= 40 && run >= 8, "{shown} commands shown, {run} run");
    let found = problems(&pages);
    assert!(
        found.is_empty(),
        "the docs are not true:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_fails_on_what_is_not_true() {
    // A made-up flag, in a block and inline; a made-up command; a command that fails when run.
    check(
        "```sh\nfauxport generate --rows 3 --no-such-flag --quiet\n```\n",
        &[
            "`--no-such-flag` is not a flag of `fauxport generate`",
            "exits 2: error: unexpected argument '--no-such-flag'",
        ],
    );
    check(
        "Run `fauxport serve --made-up 3` to see.\n",
        &["`--made-up` is not a flag of `fauxport serve`"],
    );
    check(
        "```console\n$ fauxport frobnicate --rows 3\n```\n",
        &["`frobnicate` is not a fauxport command"],
    );
    check(
        "```sh\nfauxport schema --format v9\n```\n",
        &["`fauxport schema --format v9` exits 2"],
    );
    // A flag of another subcommand is not enough, and a synopsis's continuation lines count.
    check(
        "```sh\nfauxport scenarios [--json]\n           [--rows 3]\n```\n",
        &["`--rows` is not a flag of `fauxport scenarios`"],
    );
    // After `--` come the client's own flags; comments and non-fauxport commands are not read.
    check(
        "```sh\n# fauxport nothing --here\ncurl -s x | head  # fauxport serve --nope\nfauxport check -- ./client --anything\n```\n",
        &[],
    );
    // A pipe of fauxport commands feeds each the one before's output.
    check(
        "```sh\nfauxport generate --rows 2 --quiet | fauxport validate -\n```\n",
        &[],
    );
    check(
        "```sh\nfauxport schema | fauxport validate -\n```\n",
        &["`fauxport validate -` exits 1"],
    );
}

#[test]
fn the_scenario_table_is_what_fauxport_scenarios_says() {
    let run = fauxport(&["scenarios", "--json"], b"");
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&run.stdout).expect("scenarios --json prints a JSON list");
    let expect_words = |e: &str| match e {
        "complete" => "completes",
        "surface" => "fails visibly",
        "complete-or-surface" => "completes or fails visibly",
        other => panic!("an expect value the docs do not know: {other}"),
    };
    let want: Vec<String> = list
        .iter()
        .map(|s| {
            format!(
                "| `{}` | {} | {} | {} |",
                s["name"].as_str().expect("a name"),
                expect_words(s["expect"].as_str().expect("expect")),
                if s["in_check"] == true { "yes" } else { "no" },
                s["description"].as_str().expect("a description"),
            )
        })
        .collect();
    let page = std::fs::read_to_string(repo().join("docs/scenarios.md")).expect("the page");
    let got: Vec<&str> = page
        .lines()
        .skip_while(|l| !l.starts_with("| scenario | a correct client |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(
        got, want,
        "docs/scenarios.md's table against `fauxport scenarios --json`"
    );
    // One table of scenarios in all the docs: no other page has a row per built-in scenario.
    let names: Vec<String> = list
        .iter()
        .map(|s| s["name"].as_str().expect("a name").to_owned())
        .collect();
    for (name, text) in pages() {
        if name == "docs/scenarios.md" {
            continue;
        }
        for line in text.lines().filter(|l| l.starts_with("| `")) {
            let first = line[3..].split('`').next().unwrap_or("");
            let first = first.strip_prefix("fauxport:").unwrap_or(first);
            assert!(
                !names.iter().any(|n| n == first),
                "{name} lists scenarios ({line}): keep them in docs/scenarios.md's table"
            );
        }
    }
}

#[test]
fn serve_flags_and_environment_variables_are_what_serve_help_says() {
    // From the help: each flag with its `[env: NAME=]`, or none.
    let text = &help().texts["serve"];
    let mut want = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("--") {
            let flag = t.split_whitespace().next().unwrap_or("").to_owned();
            if flag != "--help" {
                want.insert(flag.clone(), "none".to_owned());
                current = Some(flag);
            }
        } else if t.starts_with('-') {
            current = None;
        }
        if let (Some(flag), Some(i)) = (&current, line.find("[env: ")) {
            let name = line[i + 6..].split('=').next().unwrap_or("").to_owned();
            want.insert(flag.clone(), format!("`{name}`"));
        }
    }
    // From docs/serve.md's table: the first two cells of each row.
    let page = std::fs::read_to_string(repo().join("docs/serve.md")).expect("the page");
    let got: BTreeMap<String, String> = page
        .lines()
        .skip_while(|l| !l.starts_with("| flag | environment |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let env = cells[2].split(' ').next().unwrap_or("").to_owned();
            (cells[1].trim_matches('`').to_owned(), env)
        })
        .collect();
    assert_eq!(
        got, want,
        "docs/serve.md's flag table against `fauxport serve --help`"
    );
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn links_between_the_pages_lead_somewhere() {
    let root = repo();
    let mut broken = Vec::new();
    for (name, text) in pages() {
        let dir = root.join(&name).parent().expect("a folder").to_path_buf();
        for (i, _) in text.match_indices("](") {
            let target = text[i + 2..].split(')').next().unwrap_or("");
            if target.starts_with("http") || target.contains([' ', '"', '\'']) {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let path = if file.is_empty() {
                root.join(&name)
            } else {
                dir.join(file)
            };
            if !path.exists() {
                broken.push(format!("{name}: ({target}): no file {}", path.display()));
                continue;
            }
            if !fragment.is_empty() {
                let page = std::fs::read_to_string(&path).unwrap_or_default();
                let found = page
                    .lines()
                    .filter_map(|l| l.strip_prefix('#'))
                    .map(|l| anchor(l.trim_start_matches('#')))
                    .any(|a| a == fragment);
                if !found {
                    broken.push(format!("{name}: ({target}): no heading #{fragment}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
