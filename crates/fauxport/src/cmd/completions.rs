//! `fauxport completions SHELL`: a completion script for a shell, from the same clap definition
//! the binary parses with, so it always knows every subcommand and flag.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

/// Arguments of `fauxport completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Install, for example:
  bash:  fauxport completions bash > ~/.local/share/bash-completion/completions/fauxport
  zsh:   fauxport completions zsh > \"${fpath[1]}/_fauxport\"
  fish:  fauxport completions fish > ~/.config/fish/completions/fauxport.fish")]
pub(crate) struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: Shell,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut command = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "fauxport", &mut out);
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}
