//! The ground truth of the exports a load run makes, and the check of each export against it.
//!
//! The truth of a scenario is its task rendered again, exactly as `fauxport check` renders it
//! (`fauxport_check::truth`): a task over the scenario's world (the server's, or the
//! one its content changes derive) is created in a private registry, its page pass is awaited,
//! and every line of its RESULT stream is kept as `data_row.id → hash of the canonical JSON`.
//! Scenarios sharing a world share a truth. An export is then checked row by row as it arrives,
//! in constant memory per export: a bit per expected row.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use fauxport_check::truth::{canonical_hash, for_each_line, row_id};
use fauxport_gen::{Stream, World};
use fauxport_model::ExportParams;
use fauxport_server::AppState;
use fauxport_server::export::{ExportConfig, ExportSpec, Exports, IdKeys};
use fauxport_server::scenario::Scenario;
use fauxport_server::scenario::registry::DefaultScenario;
use serde_json::Value;

/// How long the truth's page pass may take.
const PASS_LIMIT: Duration = Duration::from_secs(600);

/// What every complete export of one project with one set of params holds, under one world.
#[derive(Debug, Default)]
pub(super) struct Truth {
    /// `data_row.id` → (position in the export, hash of the row's canonical JSON).
    rows: HashMap<String, (usize, u64)>,
}

impl Truth {
    /// A truth of these rows, in order.
    #[cfg(test)]
    pub(super) fn from_rows<'a>(rows: impl IntoIterator<Item = &'a Value>) -> Truth {
        let mut truth = Truth::default();
        for row in rows {
            truth.add(row);
        }
        truth
    }

    fn add(&mut self, row: &Value) {
        if let Some(id) = row_id(row) {
            let position = self.rows.len();
            self.rows
                .insert(id.to_owned(), (position, canonical_hash(row)));
        }
    }

    /// Rows in the export.
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }
}

/// The truth of each scenario, in the order given.
pub(super) async fn build(
    state: &AppState,
    scenarios: &[Arc<Scenario>],
    project: usize,
    params: &ExportParams,
) -> Result<Vec<Arc<Truth>>, String> {
    // A private registry: its task ids are never handed out, so any key signs them.
    let ids = IdKeys {
        secret: b"fauxport load truth".to_vec(),
        world: state.world.fingerprint(),
        nonce_salt: 0,
    };
    let exports = Exports::new(
        ExportConfig {
            page_rows: 100_000,
            task_delay: Duration::ZERO,
            ..ExportConfig::default()
        },
        ids,
    );
    let mut made: Vec<(Arc<World>, Arc<Truth>)> = Vec::new();
    let mut out = Vec::new();
    for scenario in scenarios {
        let world = state.scenarios.world_for(scenario)?;
        if let Some((_, truth)) = made.iter().find(|(w, _)| Arc::ptr_eq(w, &world)) {
            out.push(Arc::clone(truth));
            continue;
        }
        let key = DefaultScenario {
            name: scenario.name.clone(),
            seed: None,
        }
        .api_key();
        let active = state
            .resolve(Some(&key), None)
            .map_err(|e| format!("scenario {}: {}", scenario.name, e.message))?;
        let spec = ExportSpec {
            projects: vec![project],
            params: params.clone(),
            filters: Vec::new(),
            streamable: true,
            task_name: None,
            at: None,
        };
        let task = exports.create(spec, active).map_err(|e| e.message)?;
        if !task.settle(PASS_LIMIT).await {
            return Err(format!(
                "the truth of scenario {} took more than {PASS_LIMIT:?} to render",
                scenario.name
            ));
        }
        let truth = tokio::task::spawn_blocking(move || {
            let mut truth = Truth::default();
            for_each_line(&task, Stream::Result, &mut |line| {
                if let Ok(row) = serde_json::from_slice::<Value>(line) {
                    truth.add(&row);
                }
                true
            });
            truth
        })
        .await
        .map_err(|e| format!("rendering the truth: {e}"))?;
        let truth = Arc::new(truth);
        made.push((world, Arc::clone(&truth)));
        out.push(truth);
    }
    Ok(out)
}

/// How one export's rows compare with the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Verdict {
    /// Rows received.
    pub(super) received: u64,
    /// Rows of the truth never received.
    pub(super) lost: u64,
    /// Extra copies of rows already received.
    pub(super) duplicated: u64,
    /// Rows whose content differs from the truth, or that the truth does not have.
    pub(super) altered: u64,
}

impl Verdict {
    /// Whether the export was exactly the truth.
    pub(super) fn exact(&self) -> bool {
        self.lost == 0 && self.duplicated == 0 && self.altered == 0
    }
}

/// One export being checked as its rows arrive.
#[derive(Debug)]
pub(super) struct RowCheck {
    truth: Arc<Truth>,
    seen: Vec<bool>,
    verdict: Verdict,
}

impl RowCheck {
    /// A check against `truth`, nothing received yet.
    pub(super) fn new(truth: Arc<Truth>) -> RowCheck {
        RowCheck {
            seen: vec![false; truth.len()],
            truth,
            verdict: Verdict::default(),
        }
    }

    /// Checks one received row.
    pub(super) fn add(&mut self, row: &Value) {
        self.verdict.received += 1;
        let Some(&(position, hash)) = row_id(row).and_then(|id| self.truth.rows.get(id)) else {
            self.verdict.altered += 1;
            return;
        };
        if std::mem::replace(&mut self.seen[position], true) {
            self.verdict.duplicated += 1;
        } else if canonical_hash(row) != hash {
            self.verdict.altered += 1;
        }
    }

    /// The verdict, once every row has arrived.
    pub(super) fn finish(self) -> Verdict {
        let lost = self.seen.iter().filter(|seen| !**seen).count() as u64;
        Verdict {
            lost,
            ..self.verdict
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn row(id: &str, text: &str) -> Value {
        json!({"data_row": {"id": id, "row_data": text}})
    }

    /// Checks `received` against a truth of rows a, b, c.
    fn check(received: &[Value], expect: Verdict) {
        let truth = Arc::new(Truth::from_rows(&[
            row("a", "1"),
            row("b", "2"),
            row("c", "3"),
        ]));
        let mut check = RowCheck::new(truth);
        for r in received {
            check.add(r);
        }
        assert_eq!(check.finish(), expect, "{received:?}");
    }

    #[test]
    fn rows_lost_duplicated_and_altered_are_counted() {
        let (a, b, c) = (row("a", "1"), row("b", "2"), row("c", "3"));
        let v = |received, lost, duplicated, altered| Verdict {
            received,
            lost,
            duplicated,
            altered,
        };
        check(&[a.clone(), b.clone(), c.clone()], v(3, 0, 0, 0));
        check(&[c.clone(), a.clone(), b.clone()], v(3, 0, 0, 0));
        check(&[a.clone(), b.clone()], v(2, 1, 0, 0));
        check(&[a.clone(), b.clone(), b.clone(), c.clone()], v(4, 0, 1, 0));
        check(&[a.clone(), row("b", "changed"), c.clone()], v(3, 0, 0, 1));
        check(&[a.clone(), b.clone(), c, row("d", "4")], v(4, 0, 0, 1));
        check(&[a, b, json!({"no": "id"})], v(3, 1, 0, 1));
        assert!(v(3, 0, 0, 0).exact() && !v(2, 1, 0, 0).exact());
    }
}
