//! `write-seeds DIR`: writes every fuzz target's seeds to `DIR/<target>/<name>`, the corpus
//! folders `cargo fuzz run` starts from.

use std::path::PathBuf;
use std::process::ExitCode;

use fauxport_fuzz::{Target, seeds};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: write-seeds DIR");
        return ExitCode::from(2);
    };
    for target in Target::ALL {
        let folder = dir.join(target.name());
        if let Err(e) = std::fs::create_dir_all(&folder) {
            eprintln!("{}: {e}", folder.display());
            return ExitCode::from(3);
        }
        for (name, bytes) in seeds(target) {
            let path = folder.join(format!("seed-{name}"));
            if let Err(e) = std::fs::write(&path, bytes) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(3);
            }
        }
    }
    ExitCode::SUCCESS
}
