//! A world with its own corpus and ontologies (`fixtures/corpus/world.toml`) keeps them in the
//! worlds scenarios derive from it (fewer rows, hostile rows...).

use std::path::PathBuf;
use std::sync::Arc;

use fauxport_gen::World;
use fauxport_gen::content::read_world_file;
use fauxport_server::scenario::{Scenario, Scenarios};

#[test]
fn scenario_worlds_keep_the_corpus_and_the_ontologies() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/world.toml");
    let file = read_world_file(&path).expect("the fixture world reads");
    let world = Arc::new(World::with_content(file.spec, file.content).expect("it builds"));
    let few = Scenario::from_toml("name = \"few-rows\"\n[content]\nrows = 3\n").expect("valid");
    let scenarios = Scenarios::new(Arc::clone(&world), vec![few], None).expect("valid");
    let scenario = scenarios.get("few-rows").expect("the scenario");
    let derived = scenarios.world_for(&scenario).expect("a derived world");
    assert_eq!(derived.projects[0].spec.rows, 3);
    assert_eq!(derived.content, world.content);
    for (a, b) in derived.projects.iter().zip(&world.projects) {
        assert_eq!(a.ontology, b.ontology, "{}", a.name);
    }
}
