//! Every seed and every kept crash input of every fuzz target, on stable Rust: what the fuzz
//! targets assert holds for each (a crash found by `bash scripts/fuzz` is copied into
//! `fuzz/regressions/<target>/` and stays here as a test).

use std::path::Path;

use fauxport_fuzz::{Target, run, seeds};

#[test]
fn every_target_has_seeds_and_they_pass() {
    for target in Target::ALL {
        let seeds = seeds(target);
        assert!(seeds.len() >= 3, "{}: {} seeds", target.name(), seeds.len());
        for (name, bytes) in seeds {
            let outcome = std::panic::catch_unwind(|| run(target, &bytes));
            assert!(outcome.is_ok(), "{} seed {name} fails", target.name());
        }
    }
}

#[test]
fn every_kept_crash_input_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut kept = 0;
    for target in Target::ALL {
        let Ok(entries) = std::fs::read_dir(root.join(target.name())) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            let bytes = std::fs::read(&path).expect("readable");
            let outcome = std::panic::catch_unwind(|| run(target, &bytes));
            assert!(
                outcome.is_ok(),
                "{} regression {} fails",
                target.name(),
                path.display()
            );
            kept += 1;
        }
    }
    eprintln!("{kept} kept crash input(s) replayed");
}
