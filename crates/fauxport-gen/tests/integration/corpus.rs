//! A world with its own content (`fixtures/corpus/world.toml`): rows show the corpus's prompts
//! and responses, carry its metadata, and labels answer the world's own ontologies.

use std::collections::BTreeSet;
use std::path::PathBuf;

use fauxport_gen::content::{WorldFile, read_world_file};
use fauxport_gen::ndjson::{WriteConfig, write_rows};
use fauxport_gen::text::preference::Side;
use fauxport_gen::{ProjectKind, World};
use fauxport_model::{Answer, ExportParams, ExportRow};

fn fixture() -> WorldFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/world.toml");
    read_world_file(&path).expect("the fixture world reads")
}

fn world(file: WorldFile) -> World {
    World::with_content(file.spec, file.content).expect("the fixture world builds")
}

/// The text answers of a row's labels, by feature name.
fn texts(row: &ExportRow) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in row.projects.values() {
        for label in &entry.labels {
            for c in &label.annotations.classifications {
                if let Answer::Text(t) = &c.answer {
                    out.push((c.name.clone(), t.content.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn rows_show_the_corpus_and_carry_its_metadata() {
    let world = world(fixture());
    let corpus = world.content.corpus.clone().expect("a corpus");
    let prompts: BTreeSet<&str> = corpus.entries().iter().map(|e| e.prompt.as_str()).collect();
    let responses: BTreeSet<&str> = corpus
        .entries()
        .iter()
        .map(|e| e.response.as_str())
        .collect();
    let params = ExportParams::all();
    let (mut texts_seen, mut metadata_seen) = (0, 0);
    for project in &world.projects {
        let rows = world.rows(project.index).expect("project");
        let mut shown = BTreeSet::new();
        for i in 0..rows.len() {
            let plan = rows.plan(i);
            let row = rows.render(&plan, &params);
            let (at, entry) = corpus.entry_of(world.seed(), project.index, i);
            shown.insert(at);
            let fields = row.metadata_fields.as_deref().unwrap_or_default();
            for (key, value) in &entry.metadata {
                let field = fields.iter().find(|f| &f.schema_name == key);
                assert_eq!(field.map(|f| &f.value), Some(value), "row {i}: {key}");
                metadata_seen += 1;
            }
            for (feature, text) in texts(&row) {
                match feature.as_str() {
                    "Customer question" => assert_eq!(text, entry.prompt, "row {i}"),
                    "Workshop answer" => assert_eq!(text, entry.response, "row {i}"),
                    _ => continue,
                }
                texts_seen += 1;
            }
            match project.spec.kind {
                ProjectKind::ResponseCreation => {
                    assert_eq!(row.data_row.row_data, entry.prompt, "row {i}");
                }
                ProjectKind::ConversationalPreference => {
                    let data: serde_json::Value =
                        serde_json::from_str(&row.data_row.row_data).expect("json");
                    let messages = data["messages"].as_array().expect("messages");
                    for (k, m) in messages.iter().enumerate().step_by(2) {
                        let text = m["content"].as_str().unwrap_or_default();
                        assert!(prompts.contains(text), "row {i} message {k}: {text:?}");
                    }
                    assert_eq!(
                        messages.last().map(|m| &m["content"]),
                        Some(&entry.prompt.clone().into())
                    );
                    let better = match rows.preference(&plan).expect("a preference row").better {
                        Side::A => 0,
                        Side::B => 1,
                    };
                    let good = data["modelOutputs"][better]["content"].as_str();
                    assert_eq!(good, Some(entry.response.as_str()), "row {i}");
                    texts_seen += 1;
                }
                _ => {}
            }
        }
        assert_eq!(
            shown.len(),
            corpus.len(),
            "{}: rows spread over the corpus",
            project.name
        );
    }
    assert!(texts_seen > 200, "only {texts_seen} texts checked");
    assert!(
        metadata_seen > 200,
        "only {metadata_seen} metadata values checked"
    );
    // Every corpus response is one the rows can show.
    assert!(
        corpus
            .entries()
            .iter()
            .all(|e| responses.contains(e.response.as_str()))
    );
}

#[test]
fn labels_answer_the_worlds_own_ontologies() {
    let world = world(fixture());
    let params = ExportParams::all();
    for project in &world.projects {
        let mut names = BTreeSet::new();
        project.ontology.walk(|_, name, _| {
            names.insert(name.to_owned());
        });
        let rows = world.rows(project.index).expect("project");
        let mut answered = BTreeSet::new();
        for i in 0..rows.len() {
            let row = rows.row(i, &params);
            for entry in row.projects.values() {
                for label in &entry.labels {
                    for c in &label.annotations.classifications {
                        assert!(
                            names.contains(&c.name),
                            "{}: {:?} is not in the ontology",
                            project.name,
                            c.name
                        );
                        answered.insert(c.name.clone());
                    }
                }
            }
        }
        let top: BTreeSet<String> = project
            .ontology
            .features
            .iter()
            .map(|f| f.name.clone())
            .collect();
        let missing: Vec<_> = top.difference(&answered).collect();
        assert!(
            missing.is_empty(),
            "{}: never answered {missing:?}",
            project.name
        );
    }
}

#[test]
fn checklists_of_an_ontology_file_check_what_the_text_names() {
    let world = world(fixture());
    let rows = world.rows(0).expect("the prompt-response project");
    let mut checked = 0;
    for i in 0..rows.len() {
        let row = rows.row(i, &ExportParams::all());
        for entry in row.projects.values() {
            for label in &entry.labels {
                let cs = &label.annotations.classifications;
                let text = |name: &str| {
                    cs.iter()
                        .find(|c| c.name == name)
                        .and_then(|c| match &c.answer {
                            Answer::Text(t) => Some(t.content.to_lowercase()),
                            _ => None,
                        })
                };
                let (Some(q), Some(a)) = (text("Customer question"), text("Workshop answer"))
                else {
                    continue;
                };
                let areas: Vec<&str> = cs
                    .iter()
                    .filter(|c| c.name == "Repair area")
                    .flat_map(|c| match &c.answer {
                        Answer::Checklist(options) => {
                            options.iter().map(|o| o.name.as_str()).collect()
                        }
                        _ => Vec::new(),
                    })
                    .collect();
                if q.contains("brake") || a.contains("brake") {
                    assert!(areas.contains(&"Brakes"), "row {i}: {q:?} → {areas:?}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} labels about brakes");
}

#[test]
fn corpus_rows_are_deterministic_and_the_seed_orders_them() {
    let bytes = |world: &World, threads: usize| {
        let mut out = Vec::new();
        for p in 0..world.projects.len() {
            let rows = world.rows(p).expect("project");
            let config = WriteConfig::new(ExportParams::all(), threads);
            write_rows(rows, 0..rows.len(), &config, &mut out, &mut |_| {}).expect("write");
        }
        out
    };
    let one = world(fixture());
    let first = bytes(&one, 1);
    assert!(!first.is_empty());
    assert_eq!(first, bytes(&world(fixture()), 3), "same seed, same bytes");
    let mut other = fixture();
    other.spec.seed += 1;
    let other = world(other);
    let corpus = one.content.corpus.clone().expect("a corpus");
    let order =
        |w: &World| -> Vec<usize> { (0..41).map(|i| corpus.entry_of(w.seed(), 0, i).0).collect() };
    assert_ne!(order(&one), order(&other), "another seed, another order");
    assert_ne!(one.fingerprint(), other.fingerprint());
}
