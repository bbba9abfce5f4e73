//! Canonical rows, one per project kind: any change to what the generator writes is a reviewed diff.

use fauxport_gen::ProjectKind;
use fauxport_model::ExportParams;

use crate::world;

#[test]
fn canonical_rows() {
    for kind in ProjectKind::ALL {
        let w = world(7, kind, 100);
        let rows = w.rows(0).expect("project");
        // The first row with a label that was not skipped, so the snapshot shows annotations.
        let i = (0..100)
            .find(|&i| rows.plan(i).labels.iter().any(|l| !l.skipped))
            .expect("a labelled row in 100");
        let row = rows.row(i, &ExportParams::all());
        insta::with_settings!({ snapshot_path => "../../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(format!("canonical-row-{}", kind.slug()), row);
        });
    }
}
