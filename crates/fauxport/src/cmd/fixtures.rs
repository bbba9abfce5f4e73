//! `fauxport fixtures`: regenerate the committed fixtures, or check them.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use fauxport_gen::fixtures::fixtures;

use crate::exit_codes::verdict;

/// Arguments of `fauxport fixtures`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The fixtures folder.
    #[arg(long, default_value = "fixtures")]
    dir: PathBuf,
    /// Only compare; exit 1 when a file differs from what the generator makes now.
    #[arg(long)]
    check: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut ok = true;
    for f in fixtures() {
        let path = args.dir.join(&f.file);
        let bytes = f.render();
        if args.check {
            let same = std::fs::read(&path)
                .map(|old| old == bytes)
                .unwrap_or(false);
            if !same {
                eprintln!("drifted: {}", path.display());
                ok = false;
            }
        } else {
            std::fs::create_dir_all(&args.dir)
                .with_context(|| format!("creating {}", args.dir.display()))?;
            std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
    }
    Ok(verdict(ok))
}
