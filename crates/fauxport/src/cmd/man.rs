//! `fauxport man`: the man page (roff), from the same clap definition the binary parses with.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;
use clap_mangen::Man;

/// Arguments of `fauxport man`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Read it with `fauxport man | man -l -`, or install the pages:
  fauxport man --dir ~/.local/share/man/man1"
)]
pub(crate) struct Args {
    /// Write one page per command into this folder (`fauxport.1`, `fauxport-serve.1`, ...)
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let command = crate::Cli::command();
    let Some(dir) = args.dir else {
        std::io::stdout().lock().write_all(&render(command)?)?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    // One page per command, named as git's are (`fauxport-serve.1`).
    clap_mangen::generate_to(command, &dir)
        .with_context(|| format!("writing the pages into {}", dir.display()))?;
    let mut written: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "1"))
        .collect();
    written.sort();
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// One page, in roff.
fn render(command: clap::Command) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    Man::new(command).render(&mut out)?;
    Ok(out)
}
