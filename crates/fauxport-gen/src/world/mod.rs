//! The world: an organisation, its projects, datasets, ontologies and workflow tasks, all derived
//! from a [`WorldSpec`] and its seed. Rows are generated from the world on demand (see
//! [`crate::rows`]); the world itself is small and built in microseconds.

mod fingerprint;
mod ontology;
mod spec;

pub(crate) use ontology::Ids;
pub use ontology::{Feature, FeatureKind, Ontology, OptionDef, Role, snake};
pub use spec::{ClockSpec, DEFAULT_CLOCK_DAYS, MAX_CLOCK_DAYS};
pub use spec::{
    DEFAULT_HUGE_ROW_BYTES, MAX_ERROR_MESSAGE_BYTES, MAX_ERROR_MESSAGES, MAX_HUGE_ROW_BYTES,
    MAX_PROJECT_ROWS, ProjectKind, ProjectSpec, WorldSpec,
};

use fauxport_model::time::days_from_civil;
use fauxport_model::{Cuid, UuidLike};

use crate::rng::Rng;
use crate::text::{self, TextPools, Theme};

/// Why a world spec cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldError(pub String);

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WorldError {}

/// Section labels that key independent random streams.
pub(crate) mod stream {
    pub(crate) const PROJECT: u64 = 1;
    pub(crate) const ONTOLOGY: u64 = 2;
    pub(crate) const ORG: u64 = 3;
}

/// A generated organisation with its projects.
#[derive(Debug)]
pub struct World {
    /// The spec this world was built from.
    pub spec: WorldSpec,
    /// First instant of the world's history, Unix milliseconds.
    pub start_ms: i64,
    /// Last instant of the world's history, Unix milliseconds.
    pub end_ms: i64,
    /// The organisation.
    pub org: Org,
    /// The API user (the one whose key is used).
    pub user: User,
    /// The projects, in spec order.
    pub projects: Vec<Project>,
    /// Names, e-mails and words for row text.
    pub text: TextPools,
    /// When the world replays a user's export file instead of generating rows.
    pub replay: Option<std::sync::Arc<crate::replay::ReplayFile>>,
    /// The corpus and ontology files its world file names (see [`crate::content`]).
    pub content: crate::content::Content,
}

/// The organisation.
#[derive(Debug, Clone)]
pub struct Org {
    /// Its cuid.
    pub id: Cuid,
    /// Its name.
    pub name: String,
    /// Creation time, Unix milliseconds.
    pub created_ms: i64,
}

/// The API user.
#[derive(Debug, Clone)]
pub struct User {
    /// Its cuid.
    pub id: Cuid,
    /// Its e-mail.
    pub email: String,
}

/// One project with its dataset, ontology and workflow.
#[derive(Debug, Clone)]
pub struct Project {
    /// Position in the world.
    pub index: usize,
    /// The spec it was built from.
    pub spec: ProjectSpec,
    /// The project's cuid.
    pub id: Cuid,
    /// The project's name.
    pub name: String,
    /// Creation time, Unix milliseconds.
    pub created_ms: i64,
    /// The dataset holding its rows.
    pub dataset: Dataset,
    /// Its ontology.
    pub ontology: Ontology,
    /// Its workflow tasks.
    pub tasks: Tasks,
    /// Who created it (and uploaded its rows).
    pub creator: String,
    /// What it is about: its name, its keys and its rows' domains come from it.
    pub theme: &'static Theme,
}

/// A dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Its cuid.
    pub id: Cuid,
    /// Its name.
    pub name: String,
    /// Creation time, Unix milliseconds.
    pub created_ms: i64,
}

/// The workflow tasks of a project.
#[derive(Debug, Clone)]
pub struct Tasks {
    /// "Initial labeling task".
    pub labeling: UuidLike,
    /// "Initial review task".
    pub review: UuidLike,
    /// "Rework".
    pub rework: UuidLike,
    /// "Done".
    pub done: UuidLike,
}

/// Parses `YYYY-MM-DD` to Unix milliseconds at midnight UTC.
pub fn parse_day(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400_000)
}

fn check_rate(name: &str, v: f64) -> Result<(), WorldError> {
    if (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(WorldError(format!(
            "`{name}` must be between 0 and 1, found {v}"
        )))
    }
}

fn check(spec: &WorldSpec) -> Result<(i64, i64), WorldError> {
    let start = parse_day(&spec.start).ok_or_else(|| {
        WorldError(format!(
            "`start` must be a date YYYY-MM-DD, found {:?}",
            spec.start
        ))
    })?;
    let end = parse_day(&spec.end).ok_or_else(|| {
        WorldError(format!(
            "`end` must be a date YYYY-MM-DD, found {:?}",
            spec.end
        ))
    })?;
    if end < start + 86_400_000 {
        return Err(WorldError(
            "`end` must be at least one day after `start`".into(),
        ));
    }
    check_rate("edge_case_rate", spec.edge_case_rate)?;
    check_rate("huge_row_rate", spec.huge_row_rate)?;
    check_rate("annotator_noise", spec.annotator_noise)?;
    check_rate("multi_turn_rate", spec.multi_turn_rate)?;
    if spec.error_messages.len() > MAX_ERROR_MESSAGES
        || spec
            .error_messages
            .iter()
            .any(|m| m.is_empty() || m.len() > MAX_ERROR_MESSAGE_BYTES)
    {
        return Err(WorldError(format!(
            "`error_messages` must hold at most {MAX_ERROR_MESSAGES} messages of 1 to \
             {MAX_ERROR_MESSAGE_BYTES} bytes"
        )));
    }
    if spec.huge_row_bytes > MAX_HUGE_ROW_BYTES {
        return Err(WorldError(format!(
            "`huge_row_bytes` must be at most {MAX_HUGE_ROW_BYTES} (256 MiB), found {}",
            spec.huge_row_bytes
        )));
    }
    if spec.projects.is_empty() {
        return Err(WorldError(
            "`projects` must list at least one project".into(),
        ));
    }
    for (i, p) in spec.projects.iter().enumerate() {
        let at = |f: &str| format!("projects[{i}].{f}");
        if p.rows > MAX_PROJECT_ROWS {
            return Err(WorldError(format!(
                "`{}` must be at most {MAX_PROJECT_ROWS} (MAX_PROJECT_ROWS), found {}",
                at("rows"),
                p.rows
            )));
        }
        check_rate(&at("label_rate"), p.label_rate)?;
        check_rate(&at("skip_rate"), p.skip_rate)?;
        check_rate(&at("error_rate"), p.error_rate)?;
        if !(1..=10).contains(&p.consensus) {
            return Err(WorldError(format!(
                "`{}` must be 1 to 10, found {}",
                at("consensus"),
                p.consensus
            )));
        }
        if p.batch_size == 0 {
            return Err(WorldError(format!(
                "`{}` must be at least 1",
                at("batch_size")
            )));
        }
        if p.nesting_depth > 64 {
            return Err(WorldError(format!(
                "`{}` must be at most 64",
                at("nesting_depth")
            )));
        }
    }
    Ok((start, end + 86_400_000 - 1))
}

impl World {
    /// Builds the world a spec describes. A spec that names a corpus or ontology files needs
    /// them: see [`World::with_content`].
    pub fn new(spec: WorldSpec) -> Result<World, WorldError> {
        World::with_content(spec, crate::content::Content::default())
    }

    /// The generated world of a checked spec, without content.
    pub(crate) fn build(spec: WorldSpec) -> Result<World, WorldError> {
        let (start_ms, end_ms) = check(&spec)?;
        let (start_ms, end_ms) = spec::timeline(&spec, start_ms, end_ms).map_err(WorldError)?;
        let seed = spec.seed;
        let text = TextPools::new(seed);
        let mut org_rng = Rng::from_key(&[seed, stream::ORG]);
        let org_ms = start_ms - 86_400_000 * (30 + org_rng.below(300) as i64);
        let org = Org {
            id: cuid_at(org_ms, &mut org_rng),
            name: format!(
                "{} Labs",
                text::project_name(&mut org_rng, &text, &text::THEMES[0], "org")
            ),
            created_ms: org_ms,
        };
        let user = User {
            id: cuid_at(org_ms + 60_000, &mut org_rng),
            email: text.email(&mut org_rng).to_owned(),
        };
        let span = (end_ms - start_ms) as u64;
        let projects = spec
            .projects
            .iter()
            .enumerate()
            .map(|(index, ps)| {
                let mut rng = Rng::from_key(&[seed, stream::PROJECT, index as u64]);
                let theme = Theme::draw(ps.kind, &mut rng.fork(ps.kind as u64 + 1));
                let dataset_ms = start_ms + rng.below(span / 20) as i64;
                let created_ms = dataset_ms + 1_000 + rng.below(120_000) as i64;
                let dataset = Dataset {
                    id: cuid_at(dataset_ms, &mut rng),
                    name: text::dataset_name(&mut rng, theme, ps.kind.slug()),
                    created_ms: dataset_ms,
                };
                let id = cuid_at(created_ms, &mut rng);
                let name = match &ps.name {
                    Some(n) => n.clone(),
                    None => text::project_name(&mut rng, &text, theme, ps.kind.slug()),
                };
                let mut onto_rng = Rng::from_key(&[seed, stream::ONTOLOGY, index as u64]);
                let ontology = Ontology::build(
                    ps.kind,
                    created_ms as u64 + 90_000,
                    ps.nesting_depth,
                    &mut onto_rng,
                );
                let tasks = Tasks {
                    labeling: uuid(&mut rng, false),
                    review: uuid(&mut rng, false),
                    rework: uuid(&mut rng, false),
                    done: uuid(&mut rng, false),
                };
                Project {
                    index,
                    spec: ps.clone(),
                    id,
                    name,
                    created_ms,
                    dataset,
                    ontology,
                    tasks,
                    creator: text.email(&mut rng).to_owned(),
                    theme,
                }
            })
            .collect();
        Ok(World {
            spec,
            start_ms,
            end_ms,
            org,
            user,
            projects,
            text,
            replay: None,
            content: crate::content::Content::default(),
        })
    }

    /// A world that serves the rows of an export file: one project per project id found in it,
    /// with the recorded ids, names and datasets; everything else (user, organisation, ontology)
    /// is generated from `seed`.
    pub fn from_replay(file: crate::replay::ReplayFile, seed: u64) -> Result<World, WorldError> {
        use crate::replay::ReplayProject;
        if file.projects.is_empty() {
            return Err(WorldError(
                "the file has no row that can be replayed".into(),
            ));
        }
        let kind = |p: &ReplayProject| match p.mime_type.as_str() {
            m if m == fauxport_model::vocabulary::PROMPT_RESPONSE_CREATION_MIME => {
                ProjectKind::PromptResponseCreation
            }
            m if m == fauxport_model::inferred::PROMPT_CREATION_MIME => ProjectKind::PromptCreation,
            m if m.starts_with(fauxport_model::vocabulary::CONVERSATIONAL_MIME) => {
                ProjectKind::ConversationalPreference
            }
            _ => ProjectKind::ResponseCreation,
        };
        let projects = file
            .projects
            .iter()
            .map(|p| ProjectSpec::new(kind(p), p.len()))
            .collect();
        let mut world = World::new(WorldSpec {
            projects,
            edge_case_rate: 0.0,
            ..WorldSpec::single(seed, ProjectKind::PromptResponseCreation, 1)
        })?;
        for (project, recorded) in world.projects.iter_mut().zip(&file.projects) {
            project.id = Cuid(recorded.id.clone());
            project.name = recorded.name.clone();
            if let Some((id, name)) = &recorded.dataset {
                project.dataset.id = Cuid(id.clone());
                project.dataset.name = name.clone();
            }
        }
        world.replay = Some(std::sync::Arc::new(file));
        Ok(world)
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.spec.seed
    }

    /// A project by id.
    pub fn project_by_id(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id.as_str() == id)
    }
}

/// A cuid created at `millis`.
pub(crate) fn cuid_at(millis: i64, rng: &mut Rng) -> Cuid {
    Cuid::from_parts(
        millis.max(0) as u64,
        rng.below(36u64.pow(4)),
        rng.below(36u64.pow(4)),
        rng.next_u64(),
    )
}

/// A UUID-shaped id; `time_based` sets the version nibble to 1 like the sample batch ids.
pub(crate) fn uuid(rng: &mut Rng, time_based: bool) -> UuidLike {
    let mut bits = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
    if time_based {
        bits = (bits & !(0xf << 76)) | (1 << 76);
    }
    UuidLike::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(spec: WorldSpec) -> Result<World, WorldError> {
        World::new(spec)
    }

    #[test]
    fn error_lines_carry_the_worlds_own_messages_when_it_has_some() {
        let mut spec = WorldSpec::single(3, ProjectKind::ResponseCreation, 400);
        spec.projects[0].error_rate = 0.5;
        let messages = |spec: WorldSpec| -> std::collections::BTreeSet<String> {
            let w = world(spec).expect("valid");
            let rows = w.rows(0).expect("project 0");
            (0..400)
                .filter_map(|i| rows.error_line(&rows.plan(i))?.error)
                .collect()
        };
        let inferred: std::collections::BTreeSet<String> =
            fauxport_model::inferred::ERROR_LINE_MESSAGES
                .iter()
                .map(|m| (*m).to_owned())
                .collect();
        assert_eq!(messages(spec.clone()), inferred);
        let own = vec![
            "quota exceeded".to_owned(),
            "row deleted during export".to_owned(),
        ];
        spec.error_messages = own.clone();
        assert_eq!(messages(spec.clone()), own.into_iter().collect());
        spec.error_messages = vec![String::new()];
        assert!(world(spec).is_err_and(|e| e.0.contains("error_messages")));
    }

    #[test]
    fn huge_row_fields_are_checked_by_name() {
        for rate in [-0.1, 1.5, f64::NAN] {
            let mut spec = WorldSpec::single(1, ProjectKind::PromptCreation, 1);
            spec.huge_row_rate = rate;
            let err = world(spec).expect_err("bad rate");
            assert!(err.0.contains("`huge_row_rate`"), "{err}");
        }
        let mut spec = WorldSpec::single(1, ProjectKind::PromptCreation, 1);
        spec.huge_row_bytes = MAX_HUGE_ROW_BYTES;
        assert!(world(spec.clone()).is_ok());
        spec.huge_row_bytes += 1;
        let err = world(spec).expect_err("too big");
        assert!(err.0.contains("`huge_row_bytes`"), "{err}");
    }

    #[test]
    fn project_rows_are_capped_by_name() {
        let mut spec = WorldSpec::single(1, ProjectKind::PromptCreation, MAX_PROJECT_ROWS);
        assert!(world(spec.clone()).is_ok());
        spec.projects[0].rows = 1_000_000_000_000;
        let err = world(spec).expect_err("too many rows");
        assert!(err.0.contains("`projects[0].rows`"), "{err}");
        assert!(err.0.contains("100000000"), "{err}");
    }

    #[test]
    fn huge_row_fields_default_in_toml() {
        let plain = WorldSpec::from_toml("[[projects]]\nkind = \"prompt-creation\"\nrows = 3\n")
            .expect("toml");
        assert_eq!(plain.huge_row_rate, 0.0);
        assert_eq!(plain.huge_row_bytes, DEFAULT_HUGE_ROW_BYTES);
        let huge = WorldSpec::from_toml(
            "huge_row_rate = 0.25\nhuge_row_bytes = 4096\n[[projects]]\nkind = \"prompt-creation\"\nrows = 3\n",
        )
        .expect("toml");
        assert_eq!((huge.huge_row_rate, huge.huge_row_bytes), (0.25, 4096));
    }
}
