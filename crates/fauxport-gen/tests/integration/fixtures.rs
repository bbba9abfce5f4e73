//! The committed fixtures are exactly what the generator makes now.

use std::path::PathBuf;

use fauxport_gen::fixtures::fixtures;

#[test]
fn committed_fixtures_have_not_drifted() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let set = fixtures();
    assert!(set.len() >= 10);
    for f in set {
        let path = dir.join(&f.file);
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == f.render(),
            "{} drifted from the generator: if the change is intended, run `cargo run --release -- fixtures` and review the diff",
            path.display()
        );
    }
}
