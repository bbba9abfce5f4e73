//! `fauxport scenarios`: the built-in scenarios (and any loaded from files), one line each, or
//! one scenario's definition.

use std::path::PathBuf;
use std::process::ExitCode;

use fauxport_server::scenario::{Expect, Scenario, catalog};

use super::serve::load_scenarios;

/// Arguments of `fauxport scenarios`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Print this scenario's definition (TOML) instead of the list.
    name: Option<String>,
    /// Also list scenarios from these TOML files.
    #[arg(long = "scenario-file", value_name = "FILE", value_delimiter = ',')]
    scenario_files: Vec<PathBuf>,
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut all = catalog::builtin();
    all.extend(load_scenarios(&args.scenario_files)?);
    if let Some(name) = &args.name {
        let Some(s) = all.iter().find(|s| &s.name == name) else {
            let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
            return Err(crate::exit_codes::Usage(format!(
                "no scenario named {name:?}; known: {}",
                names.join(", ")
            ))
            .into());
        };
        let text = catalog::FILES
            .iter()
            .find(|(file, _)| *file == format!("{name}.toml"))
            .map(|(_, text)| (*text).to_owned());
        match text {
            Some(t) => print!("{t}"),
            None => print!("{}", toml::to_string_pretty(s)?),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.json {
        let list: Vec<serde_json::Value> = all.iter().map(Scenario::to_json).collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(ExitCode::SUCCESS);
    }
    let width = all.iter().map(|s| s.name.len()).max().unwrap_or(0);
    let survives = |e: Expect| match e {
        Expect::Complete => "completes",
        Expect::Surface => "fails visibly",
        Expect::CompleteOrSurface => "completes or fails visibly",
    };
    let middle = "completes or fails visibly".len();
    println!(
        "{:<width$}  {:<middle$}  WHAT HAPPENS",
        "SCENARIO", "A CORRECT CLIENT"
    );
    for s in &all {
        let check = if s.in_check {
            ""
        } else {
            "  (not in check's default matrix)"
        };
        println!(
            "{:<width$}  {:<middle$}  {}{check}",
            s.name,
            survives(s.expect),
            s.description
        );
    }
    println!(
        "\nSelect one per request with the API key fauxport:<name>[:<seed>] or the header \
         x-fauxport-scenario; `fauxport scenarios <name>` prints its definition."
    );
    Ok(ExitCode::SUCCESS)
}
