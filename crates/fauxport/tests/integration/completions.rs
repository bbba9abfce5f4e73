//! `fauxport completions SHELL` and `fauxport man`: generated from the same clap definition as
//! `--help`, so every subcommand and flag `--help` lists is in them.

use std::process::Command;

use crate::{fauxport, scratch};

/// The subcommands `fauxport --help` lists (without `help`).
fn subcommands() -> Vec<String> {
    let help = fauxport(&["--help"], b"");
    assert_eq!(help.code, 0, "{}", help.stderr);
    let text = String::from_utf8(help.stdout).expect("UTF-8 help");
    let commands = text
        .split("Commands:")
        .nth(1)
        .expect("a Commands section")
        .split("\n\n")
        .next()
        .unwrap_or_default();
    let names: Vec<String> = commands
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// The long flags `fauxport SUB --help` lists.
fn flags(sub: &str) -> Vec<String> {
    let help = fauxport(&[sub, "--help"], b"");
    assert_eq!(help.code, 0, "{}", help.stderr);
    let text = String::from_utf8(help.stdout).expect("UTF-8 help");
    let mut flags: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| {
            w.trim_end_matches([',', '.', ')', ':'])
                .split(['=', '<', '['])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|f| f.len() > 2 && f[2..].chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    flags.sort();
    flags.dedup();
    flags
}

#[test]
fn every_shell_gets_a_script_that_knows_every_subcommand() {
    let subs = subcommands();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = fauxport(&["completions", shell], b"");
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        let script = String::from_utf8(run.stdout).expect("UTF-8 script");
        for sub in &subs {
            assert!(script.contains(sub.as_str()), "{shell}: no {sub}");
        }
    }
    let serve = flags("serve");
    assert!(serve.iter().any(|f| f == "--max-tasks"), "{serve:?}");
    let bash = fauxport(&["completions", "bash"], b"").stdout;
    let script = String::from_utf8(bash).expect("UTF-8");
    for flag in &serve {
        assert!(script.contains(flag.as_str()), "bash: no {flag}");
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let dir = scratch("completions-bash");
    let path = dir.join("fauxport.bash");
    std::fs::write(&path, fauxport(&["completions", "bash"], b"").stdout).expect("written");
    let check = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("bash runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let run = fauxport(&["completions", "tcsh"], b"");
    run.assert_exit(2, "tcsh");
}

#[test]
fn the_man_page_is_roff_and_there_is_one_per_command() {
    let page = fauxport(&["man"], b"");
    assert_eq!(page.code, 0, "{}", page.stderr);
    let text = String::from_utf8(page.stdout).expect("UTF-8 roff");
    assert!(
        text.contains(".TH fauxport 1"),
        "{}",
        &text[..200.min(text.len())]
    );
    let dir = scratch("man-pages");
    let run = fauxport(&["man", "--dir", dir.to_str().expect("UTF-8 path")], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.join("fauxport.1").is_file());
    for sub in subcommands() {
        let path = dir.join(format!("fauxport-{sub}.1"));
        let page =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(page.contains(&format!(".TH fauxport-{sub} 1")), "{sub}");
        for flag in flags(&sub) {
            // roff escapes each `-` as `\-`.
            let escaped = flag.replace('-', "\\-");
            assert!(page.contains(&escaped), "{sub}: no {flag} in its man page");
        }
    }
}
