//! The ground truth: what a full export of a project holds, rendered by `fauxport-gen` exactly as
//! the server renders its pages, so the bytes are the same.

use std::sync::Arc;

use fauxport_gen::{ProjectKind, RowFormat, Selection, Stream, World};
use fauxport_model::ExportParams;
use fauxport_model::filters::Filter;
use serde_json::Value;

/// What a fake serves and what an export of it must hold: [`FauxportServer`](crate::FauxportServer)
/// and [`LabelboxExport`](crate::LabelboxExport) both answer it, byte for byte as they serve it.
/// Bring it into scope (`use fauxport_testkit::GroundTruth;`) to ask either.
pub trait GroundTruth {
    /// The world whose rows are served: under a scenario that changes content
    /// (`hostile-content`, `huge-rows`, `partial-errors`, `empty-export`, `large-export`), the
    /// world that scenario derives; fault scenarios (failed or slow tasks, flaky, truncated or
    /// throttled pages, ...) leave the rows as they are.
    fn world(&self) -> &Arc<World>;

    /// Its projects, in order.
    fn projects(&self) -> &[ProjectInfo];

    /// The id of the first project of `kind` (the default world has one of each).
    fn project_id(&self, kind: ProjectKind) -> Option<&str> {
        self.projects()
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.id.as_str())
    }

    /// The rows of a full export of `project_id` with every param on and no filter, in order:
    /// what a client must read from the RESULT stream.
    ///
    /// # Panics
    ///
    /// When the world has no project `project_id`.
    fn expected_rows(&self, project_id: &str) -> Vec<Value> {
        parse(&self.expected_ndjson(project_id, Stream::Result, &ExportParams::all()))
    }

    /// The lines of the ERRORS stream of a full export of `project_id` (rows that failed to
    /// export), in order; empty for most projects.
    ///
    /// # Panics
    ///
    /// When the world has no project `project_id`.
    fn expected_errors(&self, project_id: &str) -> Vec<Value> {
        parse(&self.expected_ndjson(project_id, Stream::Errors, &ExportParams::all()))
    }

    /// The exact bytes of `stream` of an export of `project_id` with `params` and no filter: the
    /// concatenation of its page files.
    ///
    /// # Panics
    ///
    /// When the world has no project `project_id`.
    fn expected_ndjson(&self, project_id: &str, stream: Stream, params: &ExportParams) -> Vec<u8> {
        let world = self.world();
        ndjson(
            world,
            index_of(world, project_id),
            &selection(params, &[], stream),
        )
    }
}

/// One project of the world a fake serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectInfo {
    /// Its position in the world (the default world lists one project per [`ProjectKind`], in
    /// [`ProjectKind::ALL`] order).
    pub index: usize,
    /// Its id: what an export mutation names in `filters.projectId`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ProjectKind,
    /// How many data rows it has (failed rows included: they are on the ERRORS stream).
    pub rows: u64,
}

/// The projects of `world`, in order.
pub(crate) fn projects(world: &World) -> Vec<ProjectInfo> {
    world
        .projects
        .iter()
        .map(|p| ProjectInfo {
            index: p.index,
            id: p.id.as_str().to_owned(),
            name: p.name.clone(),
            kind: p.spec.kind,
            rows: p.spec.rows,
        })
        .collect()
}

/// The index of the project `id`; panics naming the known ids when there is none (a test bug).
pub(crate) fn index_of(world: &World, id: &str) -> usize {
    match world.project_by_id(id) {
        Some(p) => p.index,
        None => {
            let known: Vec<&str> = world.projects.iter().map(|p| p.id.as_str()).collect();
            panic!("no project {id:?} in this world; its projects are {known:?}")
        }
    }
}

/// What an export selects: a stream of v2 rows with `params` and `filters`.
pub(crate) fn selection(params: &ExportParams, filters: &[Filter], stream: Stream) -> Selection {
    Selection {
        params: params.clone(),
        filters: filters.to_vec(),
        stream,
        format: RowFormat::V2,
        at: None,
    }
}

/// The NDJSON lines of project `index` under `selection`, each line on its own (ending in `\n`).
pub(crate) fn lines(world: &World, index: usize, selection: &Selection) -> Vec<Vec<u8>> {
    let Some(rows) = world.rows(index) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    for i in 0..rows.len() {
        buf.clear();
        rows.write_selected(i, selection, &mut buf);
        // A v2 row is one line; split anyway, so a line is always one JSON value.
        for line in buf.split_inclusive(|&b| b == b'\n') {
            lines.push(line.to_vec());
        }
    }
    lines
}

/// The NDJSON bytes of project `index` under `selection`.
pub(crate) fn ndjson(world: &World, index: usize, selection: &Selection) -> Vec<u8> {
    lines(world, index, selection).concat()
}

/// One JSON value per NDJSON line.
pub(crate) fn parse(ndjson: &[u8]) -> Vec<Value> {
    ndjson
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            serde_json::from_slice(line)
                .unwrap_or_else(|e| panic!("fauxport-gen wrote a line that is not JSON: {e}"))
        })
        .collect()
}
