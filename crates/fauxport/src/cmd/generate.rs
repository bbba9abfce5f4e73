//! `fauxport generate`: deterministic NDJSON export rows, in parallel, in order.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::ValueEnum;
use fauxport_gen::content::{Content, WorldFile};
use fauxport_gen::ndjson::{WriteConfig, write_rows};
use fauxport_gen::world::MAX_PROJECT_ROWS;
use fauxport_gen::{ProjectKind, RowFormat, Stream, World, WorldSpec};
use fauxport_model::filters::parse_filters;
use fauxport_model::{ExportParams, Param};
use flate2::Compression;
use flate2::write::GzEncoder;
use indicatif::{ProgressBar, ProgressStyle};

use crate::exit_codes::Usage;

/// Arguments of `fauxport generate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The seed every byte derives from.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The project kind.
    #[arg(long, value_enum, default_value_t = Kind::PromptResponseCreation)]
    kind: Kind,
    /// Number of rows (at most 100000000, the cap of a world's project).
    #[arg(long, default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(0..=MAX_PROJECT_ROWS))]
    rows: u64,
    /// A world description (TOML); writes the rows of every project in it (or of `--project`).
    /// Overrides --kind; --rows is ignored. It may name a corpus of your own prompts and
    /// responses (`corpus = "prompts.jsonl"`) and per-project ontology files
    /// (`ontology = "ontology.json"`), relative to it; see docs/worlds.md ("Bring your own content").
    #[arg(long, value_name = "FILE", conflicts_with = "default_world")]
    world: Option<PathBuf>,
    /// The world `fauxport serve` starts on: one project of each kind, --rows rows each, --seed.
    #[arg(long)]
    default_world: bool,
    /// Only this project of a multi-project world: its index or its id.
    #[arg(long, value_name = "INDEX|ID")]
    project: Option<String>,
    /// Only rows passing these export filters, as JSON: the SDK's filters dict, e.g.
    /// '{"workflow_status":"Done","last_activity_at":["2024-01-01",null]}' (plain dates in UTC), or
    /// the list the SDK sends as `filters.searchQuery.query`, e.g.
    /// '[{"type":"task_queue_status","status":"Done"}]'.
    #[arg(long, value_name = "JSON")]
    filters: Option<String>,
    /// Which stream of the export: the rows (`result`) or the error lines of failed rows (`errors`).
    #[arg(long, value_enum, default_value_t = StreamArg::Result)]
    stream: StreamArg,
    /// Share of rows with hostile content (empty strings, 100 KB responses, RTL, braces, deep nesting).
    #[arg(long, value_name = "RATE")]
    edge_cases: Option<f64>,
    /// One `--no-<param>` flag per export param, built from `fauxport_model::Param`.
    #[command(flatten)]
    params_off: ParamsOff,
    /// Every param off (the SDK's default export).
    #[arg(long)]
    no_params: bool,
    /// The params that are on, in the form the plain download's `params=` takes: `all`, `none`,
    /// or the SDK names of those on, comma-separated (e.g. `attachments,embeddings`). Instead
    /// of --no-params and the --no-<param> flags.
    #[arg(long, value_name = "all|none|NAMES", value_parser = ExportParams::from_names,
          conflicts_with = "no_params")]
    params: Option<ExportParams>,
    /// Row format.
    #[arg(long, value_enum, default_value_t = Format::V2)]
    format: Format,
    /// Output file, or `-` for standard output.
    #[arg(long, short, default_value = "-")]
    out: PathBuf,
    /// Compress the output with gzip.
    #[arg(long)]
    gzip: bool,
    /// Worker threads (default: all cores; 1 to the larger of 256 and 4 × cores). Output bytes do
    /// not depend on it.
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    threads: Option<usize>,
    /// Print no summary line.
    #[arg(long, short)]
    quiet: bool,
}

/// The params turned off with `--no-<param>`; its flags are made at run time from
/// [`Param::ALL`], so a new param gets its flag without a change here.
#[derive(Debug, Default)]
struct ParamsOff(Vec<Param>);

impl clap::FromArgMatches for ParamsOff {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut off = ParamsOff::default();
        off.update_from_arg_matches(matches)?;
        Ok(off)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0 = Param::ALL
            .iter()
            .copied()
            .filter(|p| matches.get_flag(p.cli_flag()))
            .collect();
        Ok(())
    }
}

impl clap::Args for ParamsOff {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        Param::ALL.iter().fold(cmd, |cmd, p| {
            cmd.arg(
                clap::Arg::new(p.cli_flag())
                    .long(p.cli_flag())
                    .action(clap::ArgAction::SetTrue)
                    .conflicts_with("params")
                    .help(p.cli_help()),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Project kinds on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Kind {
    /// Humans generate prompts and responses.
    PromptResponseCreation,
    /// Humans generate prompts.
    PromptCreation,
    /// Humans generate responses to uploaded prompts.
    ResponseCreation,
    /// Human preference between two model outputs.
    ConversationalPreference,
}

impl From<Kind> for ProjectKind {
    fn from(k: Kind) -> ProjectKind {
        match k {
            Kind::PromptResponseCreation => ProjectKind::PromptResponseCreation,
            Kind::PromptCreation => ProjectKind::PromptCreation,
            Kind::ResponseCreation => ProjectKind::ResponseCreation,
            Kind::ConversationalPreference => ProjectKind::ConversationalPreference,
        }
    }
}

/// Export streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StreamArg {
    /// The rows.
    Result,
    /// The error lines of rows that failed to export.
    Errors,
}

/// Row formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Export v2: one data row per line.
    V2,
    /// Legacy Export v1: one label per line.
    V1,
}

impl Args {
    fn params(&self) -> ExportParams {
        if let Some(params) = &self.params {
            return params.clone();
        }
        if self.no_params {
            return ExportParams::none();
        }
        let mut p = ExportParams::all();
        for &param in &self.params_off.0 {
            p.turn(param, false);
        }
        p
    }

    fn world(&self) -> anyhow::Result<World> {
        let mut file = match &self.world {
            Some(path) => crate::world_file::read(path)?,
            None => WorldFile {
                spec: if self.default_world {
                    WorldSpec::default_world(self.seed, self.rows)
                } else {
                    WorldSpec::single(self.seed, self.kind.into(), self.rows)
                },
                content: Content::default(),
            },
        };
        if let Some(rate) = self.edge_cases {
            file.spec.edge_case_rate = rate;
        }
        match &self.world {
            Some(path) => crate::world_file::build(path, file),
            None => World::with_content(file.spec, file.content).map_err(|e| Usage(e.0).into()),
        }
    }
}

/// The most worker threads `--threads` takes: the larger of 256 and four per core.
fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_mul(4).max(256)
}

/// `--threads N`: 1 to [`max_threads`], else a usage error (exit 2) naming the range.
fn parse_threads(text: &str) -> Result<usize, String> {
    let max = max_threads();
    match text.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("must be a number of threads from 1 to {max}")),
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let world = args.world()?;
    let projects: Vec<usize> = match &args.project {
        None => (0..world.projects.len()).collect(),
        Some(p) => match p.parse::<usize>() {
            Ok(i) if i < world.projects.len() => vec![i],
            Ok(i) => bail!(
                "--project {i}: the world has {} projects",
                world.projects.len()
            ),
            Err(_) => match world.project_by_id(p) {
                Some(project) => vec![project.index],
                None => bail!("--project {p:?}: no project with that id in this world"),
            },
        },
    };
    let filters = match &args.filters {
        None => Vec::new(),
        Some(text) => serde_json::from_str(text)
            .map_err(|e| format!("--filters is not JSON: {e}"))
            .and_then(|value| parse_filters(&value).map_err(|e| format!("--filters: {e}")))
            .map_err(Usage)?,
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let format = match args.format {
        Format::V2 => RowFormat::V2,
        Format::V1 => RowFormat::V1,
    };
    let mut config = WriteConfig::new(args.params(), threads);
    config.selection.format = format;
    config.selection.filters = filters;
    config.selection.stream = match args.stream {
        StreamArg::Result => Stream::Result,
        StreamArg::Errors => Stream::Errors,
    };
    let total: u64 = projects
        .iter()
        .filter_map(|&p| world.rows(p))
        .map(|r| r.len())
        .sum();

    let sink: Box<dyn Write> = if args.out.as_os_str() == "-" {
        Box::new(io::stdout().lock())
    } else {
        Box::new(
            File::create(&args.out)
                .with_context(|| format!("cannot create {}", args.out.display()))?,
        )
    };
    let sink = BufWriter::with_capacity(1 << 20, sink);
    let mut out: Box<dyn Write> = if args.gzip {
        Box::new(GzEncoder::new(sink, Compression::fast()))
    } else {
        Box::new(sink)
    };

    let bar = if io::stderr().is_terminal() && !args.quiet {
        ProgressBar::new(total)
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} rows {per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    let started = Instant::now();
    let (mut rows, mut bytes, mut done_before) = (0u64, 0u64, 0u64);
    for &p in &projects {
        let Some(project_rows) = world.rows(p) else {
            continue;
        };
        let n = project_rows.len();
        let written = write_rows(project_rows, 0..n, &config, &mut out, &mut |done| {
            bar.set_position(done_before + done);
        })
        .context("writing rows")?;
        done_before += n;
        rows += written.rows;
        bytes += written.bytes;
    }
    out.flush().context("writing rows")?;
    drop(out);
    bar.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "generated {rows} rows, {bytes} bytes (uncompressed) in {secs:.3} s: {:.0} rows/s, {:.1} MB/s, {threads} thread(s)",
            rows as f64 / secs,
            bytes as f64 / secs / 1e6,
        );
    }
    Ok(ExitCode::SUCCESS)
}
