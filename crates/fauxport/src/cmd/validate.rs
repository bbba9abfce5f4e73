//! `fauxport validate`: check NDJSON export rows against the contract (schema and semantic
//! invariants), streaming, in constant memory.
//!
//! Output: one line per finding on stdout (`line 12: /pointer: message: expected X, found Y`) and
//! a summary on stderr; with `--json`, one JSON object per finding on stdout and a last
//! `{"summary": {...}}` object. Exit codes (see `exit_codes.rs`): 0 when every row is valid
//! (warnings allowed), 1 when at least one line has an error (a line over `--max-line-bytes`
//! included), 3 when the input cannot be read.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use fauxport_validate::{
    Config, DEFAULT_MAX_LINE_BYTES, Finding, Format, Profile, Summary, Validator,
};
use flate2::bufread::MultiGzDecoder;

use crate::exit_codes::{Unreadable, verdict};

/// Arguments of `fauxport validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The NDJSON file to check, or `-` for standard input. Gzip input (a `.gz` name, or gzip
    /// magic bytes at the start) is decompressed on the fly.
    #[arg(value_name = "FILE|-")]
    input: PathBuf,
    /// The row format.
    #[arg(long, value_enum, default_value_t = RowFormat::V2)]
    format: RowFormat,
    /// Lenient profile: unknown keys and unknown values of open enums are warnings, not errors
    /// (for real exports newer than fauxport).
    #[arg(long)]
    lenient: bool,
    /// Print one JSON object per finding on stdout, then one `{"summary": {...}}` object.
    #[arg(long)]
    json: bool,
    /// Print at most N findings (errors and warnings); the rest are still counted.
    #[arg(long, value_name = "N")]
    max_errors: Option<u64>,
    /// The project id every row's `projects` key must be.
    #[arg(long, value_name = "ID")]
    project: Option<String>,
    /// The longest line read, in bytes (default 64 MiB). A longer line is an error finding on
    /// that line (`line-too-long`), skipped without being held in memory; checking goes on with
    /// the next line.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_LINE_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_line_bytes: u64,
}

/// Row formats `validate` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RowFormat {
    /// Export v2 rows: schema and semantic invariants.
    V2,
    /// Legacy Export v1 label rows: schema only.
    V1,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config {
        format: match args.format {
            RowFormat::V2 => Format::V2,
            RowFormat::V1 => Format::V1,
        },
        profile: if args.lenient {
            Profile::Lenient
        } else {
            Profile::Strict
        },
        expected_project: args.project.clone(),
        max_line_bytes: args.max_line_bytes,
        ..Config::default()
    };
    let mut validator = Validator::new(config).context("cannot build the validator")?;
    let name = args.input.display().to_string();
    let mut input =
        open(&args.input).map_err(|e| Unreadable(format!("cannot read {name}: {e}")))?;
    if let Some(shape) = not_ndjson(&mut input) {
        eprintln!(
            "fauxport validate: hint: {name} looks like {shape}, not NDJSON (one JSON row per \
             line). Convert it first: `jq -c '.[]' FILE` for an array, `jq -c . FILE` for \
             pretty-printed rows."
        );
    }

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut printed: u64 = 0;
    let mut write_error: Option<io::Error> = None;
    let limit = args.max_errors.unwrap_or(u64::MAX);
    let sink = |finding: &Finding| {
        if printed >= limit || write_error.is_some() {
            return;
        }
        printed += 1;
        let written = if args.json {
            serde_json::to_writer(&mut out, finding)
                .map_err(io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
        } else {
            writeln!(out, "{finding}")
        };
        if let Err(e) = written {
            write_error = Some(e);
        }
    };
    let summary = validator
        .validate_reader(input, sink)
        .map_err(|e| Unreadable(format!("cannot read {name}: {e}")))?;
    if let Some(e) = write_error {
        return Err(e).context("cannot write the findings");
    }
    if args.json {
        serde_json::to_writer(&mut out, &summary_json(&summary, printed)?)?;
        out.write_all(b"\n")?;
    }
    out.flush().context("cannot write the findings")?;
    if !args.json {
        let hidden =
            (summary.errors + summary.warnings).saturating_sub(summary.suppressed + printed);
        let note = if hidden > 0 {
            format!(" ({hidden} not printed: --max-errors)")
        } else {
            String::new()
        };
        eprintln!("fauxport validate: {name}: {summary}{note}");
    }
    Ok(verdict(summary.is_valid()))
}

/// The last object of `--json` output: `{"summary": {"valid", "printed", "lines", "rows",
/// "valid_rows", "errors", "warnings", "suppressed"}}`.
fn summary_json(summary: &Summary, printed: u64) -> serde_json::Result<serde_json::Value> {
    let mut body = serde_json::to_value(summary)?;
    if let Some(map) = body.as_object_mut() {
        map.insert("valid".to_owned(), summary.is_valid().into());
        map.insert("printed".to_owned(), printed.into());
    }
    Ok(serde_json::json!({ "summary": body }))
}

/// What the input looks like when its first line shows it is not NDJSON: a JSON array, or a row
/// spread over lines (a `{` alone). Reads only what is already buffered.
fn not_ndjson(input: &mut Box<dyn BufRead>) -> Option<&'static str> {
    let head = input.fill_buf().ok()?;
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = text
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|line| !line.is_empty())?;
    if first.starts_with(b"[") {
        Some("a JSON array")
    } else if first == b"{" {
        Some("pretty-printed JSON")
    } else {
        None
    }
}

/// Opens `path` (`-` is stdin), decompressing gzip when the name ends in `.gz` or the first bytes
/// are the gzip magic.
fn open(path: &Path) -> io::Result<Box<dyn BufRead>> {
    let raw: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(BufReader::with_capacity(256 * 1024, io::stdin()))
    } else {
        Box::new(BufReader::with_capacity(256 * 1024, File::open(path)?))
    };
    let mut raw = raw;
    let named_gz = path.extension().is_some_and(|e| e == "gz");
    let magic = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if named_gz || magic {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            MultiGzDecoder::new(raw),
        ))
    } else {
        raw
    })
}
