//! `fauxport schema`: print the contract's JSON Schema.

use std::process::ExitCode;

use clap::ValueEnum;
use fauxport_model::schema::{Format, Profile, export_schema};

/// Arguments of `fauxport schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Which row format.
    #[arg(long, value_enum, default_value_t = SchemaFormat::V2)]
    format: SchemaFormat,
    /// Accept unknown keys and unknown enum values (what a reader of future exports wants).
    #[arg(long)]
    lenient: bool,
}

/// Row formats with a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaFormat {
    /// Export v2 rows.
    V2,
    /// Legacy Export v1 label rows.
    V1,
    /// Errors-stream lines.
    ErrorLine,
}

impl SchemaFormat {
    pub(crate) fn model(self) -> Format {
        match self {
            SchemaFormat::V2 => Format::V2,
            SchemaFormat::V1 => Format::V1,
            SchemaFormat::ErrorLine => Format::ErrorLine,
        }
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let profile = if args.lenient {
        Profile::Lenient
    } else {
        Profile::Strict
    };
    let schema = export_schema(args.format.model(), profile);
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
