//! Bring your own content: a world file may name a corpus of prompts and responses
//! (`corpus = "prompts.jsonl"`) and, per project, an ontology file (`ontology = "ontology.json"`),
//! paths relative to the world file. Rows then show the corpus's text and carry its metadata,
//! and labels answer the file's features.
//!
//! [`read_world_file`] is the only I/O: it reads the TOML and the files it names into a
//! [`WorldFile`]; [`World::with_content`] builds the world from it, purely. The corpus and
//! ontologies count in the world's fingerprint, so two worlds with the same spec and different
//! content never share caches or task ids.

mod corpus;
mod files;
mod ontology_file;
mod rows;

pub use corpus::{
    Caps, Corpus, CorpusError, Entry, LISTED_PROBLEMS, LineProblem, MAX_CORPUS_BYTES,
    MAX_CORPUS_LINES, MAX_LINE_BYTES,
};
pub use files::Content;
pub use ontology_file::{MAX_ONTOLOGY_BYTES, OntologyError, OntologyFile};

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::rng::Rng;
use crate::world::{World, WorldError, WorldSpec};

/// The stream label of ontology files' schema ids.
const ONTOLOGY_FILE: u64 = 0x0_F11E;

/// A world file read with its content.
#[derive(Debug, Clone)]
pub struct WorldFile {
    /// The spec.
    pub spec: WorldSpec,
    /// The files it names.
    pub content: Content,
}

/// Why a world file cannot be used. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// A file cannot be read (missing, unreadable).
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The world file is not a valid world description (TOML syntax, an unknown key, a wrong type).
    #[error("{}: {message}", path.display())]
    WorldFile {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// The corpus has bad lines or is over a cap.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// An ontology file is invalid.
    #[error(transparent)]
    Ontology(#[from] OntologyError),
}

impl ContentError {
    /// Whether a file could not be read at all (rather than being invalid).
    pub fn is_unreadable(&self) -> bool {
        matches!(self, ContentError::Unreadable { .. })
    }
}

/// Reads a world file (TOML) and the corpus and ontology files it names, relative to it.
pub fn read_world_file(path: &Path) -> Result<WorldFile, ContentError> {
    let unreadable = |path: &Path| {
        let path = path.to_owned();
        move |source| ContentError::Unreadable { path, source }
    };
    let text = std::fs::read_to_string(path).map_err(unreadable(path))?;
    let spec = WorldSpec::from_toml(&text).map_err(|e| ContentError::WorldFile {
        path: path.to_owned(),
        message: e.to_string().trim_end().to_owned(),
    })?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut content = Content::default();
    if let Some(name) = &spec.corpus {
        let file = dir.join(name);
        let shown = file.display().to_string();
        let size = std::fs::metadata(&file).map_err(unreadable(&file))?.len();
        if size > MAX_CORPUS_BYTES {
            return Err(CorpusError::TooBig {
                path: shown,
                bytes: size,
                max: MAX_CORPUS_BYTES,
            }
            .into());
        }
        let bytes = read_capped(&file, MAX_CORPUS_BYTES).map_err(unreadable(&file))?;
        let corpus = Corpus::parse(&shown, &bytes)?;
        content.corpus = Some(Arc::new(corpus));
    }
    for (p, project) in spec.projects.iter().enumerate() {
        let Some(name) = &project.ontology else {
            continue;
        };
        let file = dir.join(name);
        let shown = file.display().to_string();
        let bytes = read_capped(&file, MAX_ONTOLOGY_BYTES).map_err(unreadable(&file))?;
        let problem = |field: &str, message: String| OntologyError {
            path: shown.clone(),
            field: field.to_owned(),
            message,
        };
        if bytes.len() as u64 > MAX_ONTOLOGY_BYTES {
            return Err(problem(
                "(file)",
                format!("over the cap of {MAX_ONTOLOGY_BYTES} bytes (MAX_ONTOLOGY_BYTES)"),
            )
            .into());
        }
        let text =
            String::from_utf8(bytes).map_err(|e| problem("(file)", format!("not UTF-8: {e}")))?;
        let ontology = OntologyFile::parse(&shown, &text)?;
        ontology.fits(project.kind).map_err(|m| {
            problem(
                "features",
                format!("{m} (the ontology of projects[{p}] in {})", path.display()),
            )
        })?;
        content.ontologies.resize(p + 1, None);
        content.ontologies[p] = Some(Arc::new(ontology));
    }
    Ok(WorldFile { spec, content })
}

/// At most `cap + 1` bytes of `path`: enough to tell that a file is over the cap without
/// reading all of it.
fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    std::fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut out)?;
    Ok(out)
}

impl World {
    /// Builds the world a spec describes with the content its world file names (see
    /// [`read_world_file`]). The spec must name exactly the files `content` holds: a spec naming
    /// a corpus built without it, or content the spec does not name, is refused.
    pub fn with_content(spec: WorldSpec, content: Content) -> Result<World, WorldError> {
        let missing = |field: String| {
            WorldError(format!(
                "`{field}` names a file the world was built without: read world files with \
                 fauxport_gen::content::read_world_file"
            ))
        };
        let unnamed = |field: String| {
            WorldError(format!(
                "the world's content has a file that `{field}` does not name"
            ))
        };
        match (&spec.corpus, &content.corpus) {
            (Some(_), None) => return Err(missing("corpus".into())),
            (None, Some(_)) => return Err(unnamed("corpus".into())),
            _ => {}
        }
        if content.ontologies.len() > spec.projects.len() {
            return Err(unnamed(format!(
                "projects[{}].ontology",
                spec.projects.len()
            )));
        }
        for (p, project) in spec.projects.iter().enumerate() {
            let field = format!("projects[{p}].ontology");
            match (&project.ontology, content.ontology(p)) {
                (Some(_), None) => return Err(missing(field)),
                (None, Some(_)) => return Err(unnamed(field)),
                (Some(_), Some(file)) => file
                    .fits(project.kind)
                    .map_err(|m| WorldError(format!("`{field}` ({}): {m}", file.path)))?,
                (None, None) => {}
            }
        }
        let mut world = World::build(spec)?;
        for project in &mut world.projects {
            if let Some(file) = content.ontology(project.index) {
                let mut rng =
                    Rng::from_key(&[world.spec.seed, ONTOLOGY_FILE, project.index as u64]);
                project.ontology = file.ontology(
                    project.ontology.id.clone(),
                    project.created_ms as u64 + 90_000,
                    &mut rng,
                );
            }
        }
        world.content = content;
        Ok(world)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProjectKind;

    /// A scratch directory holding `files`, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str, files: &[(&str, &str)]) -> Scratch {
            let dir = std::env::temp_dir()
                .join(format!("fauxport-content-{}-{name}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("scratch dir");
            for (file, text) in files {
                std::fs::write(dir.join(file), text).expect("scratch file");
            }
            Scratch(dir)
        }

        fn world(&self) -> PathBuf {
            self.0.join("world.toml")
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const LINE: &str =
        r#"{"prompt": "Is my chain worn?", "response": "Measure it with a checker."}"#;
    const PROMPT_ONLY: &str =
        r#"{"features": [{"name": "Question", "kind": "text", "role": "prompt"}]}"#;

    fn world_toml(top: &str, project: &str) -> String {
        format!("{top}\n[[projects]]\nkind = \"prompt-response-creation\"\nrows = 5\n{project}\n")
    }

    /// Reads a world file made of `files` and checks the error holds every `expect`.
    fn check_err(name: &str, files: &[(&str, &str)], unreadable: bool, expect: &[&str]) {
        let dir = Scratch::new(name, files);
        let err = read_world_file(&dir.world()).expect_err("should be refused");
        let text = err.to_string();
        assert_eq!(err.is_unreadable(), unreadable, "{text}");
        for want in expect {
            assert!(text.contains(want), "{want:?} not in {text:?}");
        }
    }

    #[test]
    fn every_file_is_named_in_its_error() {
        let top = world_toml("corpus = \"c.jsonl\"", "");
        check_err(
            "missing",
            &[("world.toml", &top)],
            true,
            &["cannot read", "c.jsonl"],
        );
        check_err(
            "unknown-key",
            &[("world.toml", &world_toml("corpuss = \"c.jsonl\"", ""))],
            false,
            &[
                "world.toml: TOML parse error at line 1",
                "unknown field `corpuss`",
            ],
        );
        let bad = format!("{LINE}\n{{\"prompt\": \"p\", \"reply\": \"r\"}}\n");
        check_err(
            "bad-line",
            &[("world.toml", &top), ("c.jsonl", &bad)],
            false,
            &[
                "c.jsonl: 1 bad line",
                "c.jsonl:2: column",
                "unknown field `reply`",
            ],
        );
        check_err(
            "unfit-ontology",
            &[
                ("world.toml", &world_toml("", "ontology = \"o.json\"")),
                ("o.json", PROMPT_ONLY),
            ],
            false,
            &[
                "o.json: features: a prompt-response-creation project needs",
                "projects[0]",
            ],
        );
        check_err(
            "bad-ontology",
            &[
                ("world.toml", &world_toml("", "ontology = \"o.json\"")),
                (
                    "o.json",
                    r#"{"features": [{"name": "Q", "kind": "text", "role": "boss"}]}"#,
                ),
            ],
            false,
            &["o.json: features[0].role: unknown variant `boss`"],
        );
    }

    #[test]
    fn files_are_found_beside_the_world_file() {
        let ontology = r#"{"features": [
            {"name": "Question", "kind": "text", "role": "prompt"},
            {"name": "Answer", "kind": "text", "role": "response"}]}"#;
        let dir = Scratch::new(
            "beside",
            &[
                (
                    "world.toml",
                    &world_toml("corpus = \"c.jsonl\"", "ontology = \"o.json\""),
                ),
                ("c.jsonl", LINE),
                ("o.json", ontology),
            ],
        );
        let file = read_world_file(&dir.world()).expect("valid");
        assert_eq!(file.content.corpus.as_ref().map(|c| c.len()), Some(1));
        let world = World::with_content(file.spec, file.content).expect("valid");
        let names: Vec<&str> = world.projects[0]
            .ontology
            .features
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, ["Question", "Answer"]);
    }

    fn corpus(text: &str) -> Option<Arc<Corpus>> {
        Some(Arc::new(
            Corpus::parse("c.jsonl", text.as_bytes()).expect("valid"),
        ))
    }

    #[test]
    fn the_spec_and_the_content_must_agree() {
        let plain = WorldSpec::single(1, ProjectKind::PromptCreation, 3);
        let mut named = plain.clone();
        named.corpus = Some("c.jsonl".into());
        let err = World::new(named.clone()).expect_err("no corpus given");
        assert!(err.0.contains("`corpus` names a file"), "{err}");
        let content = Content {
            corpus: corpus(LINE),
            ontologies: Vec::new(),
        };
        let err = World::with_content(plain, content.clone()).expect_err("not named");
        assert!(err.0.contains("`corpus` does not name"), "{err}");
        assert!(World::with_content(named, content).is_ok());
    }

    #[test]
    fn content_counts_in_the_fingerprint() {
        let plain = WorldSpec::single(1, ProjectKind::ResponseCreation, 3);
        let mut named = plain.clone();
        named.corpus = Some("c.jsonl".into());
        let print = |spec: &WorldSpec, text: Option<&str>| {
            let content = Content {
                corpus: text.and_then(corpus),
                ontologies: Vec::new(),
            };
            World::with_content(spec.clone(), content)
                .expect("valid")
                .fingerprint()
        };
        let without = print(&plain, None);
        let with = print(&named, Some(LINE));
        let other = print(&named, Some(&LINE.replace("worn", "stretched")));
        assert_ne!(without, with);
        assert_ne!(with, other);
        let mut renamed = named.clone();
        renamed.corpus = Some("elsewhere/prompts.jsonl".into());
        assert_eq!(print(&renamed, Some(LINE)), with, "the path does not count");
    }
}
