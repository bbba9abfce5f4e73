//! `fauxport fetch`: export a project through the export protocol with fauxport's Rust client
//! (retries like the SDK, and resumes failed page downloads), writing NDJSON. It reads the
//! `fauxport check` environment when flags are absent, so it is also check's Rust reference
//! client: `fauxport check -- fauxport fetch`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use fauxport_check::client::env;
use fauxport_client::{
    Client, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_PAGE_BYTES, ExportParams, ExportRequest, Limits,
    StreamKind, TaskStatus,
};
use futures_util::TryStreamExt;

/// Arguments of `fauxport fetch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The GraphQL endpoint.
    #[arg(
        long,
        env = env::ENDPOINT,
        default_value = "http://127.0.0.1:8080/graphql"
    )]
    endpoint: String,
    /// The API key.
    #[arg(long, env = env::API_KEY, default_value = fauxport_server::config::DEFAULT_API_KEY)]
    api_key: String,
    /// The project to export.
    #[arg(long, env = env::PROJECT_ID)]
    project: String,
    /// Where to write the rows (`-`: standard output).
    #[arg(long, env = env::ROWS_OUT, default_value = "-")]
    out: PathBuf,
    /// Where to write the error lines (not read when absent).
    #[arg(long, env = env::ERRORS_OUT)]
    errors_out: Option<PathBuf>,
    /// Where to write `{"type", "message"}` on failure.
    #[arg(long, env = env::EXCEPTION_OUT)]
    exception_out: Option<PathBuf>,
    /// Seconds between task polls (0.1 to 3600).
    #[arg(long, default_value_t = 2.0, value_parser = poll_secs)]
    poll_secs: f64,
    /// The largest GraphQL answer read, in bytes (default 64 MiB); a larger one, announced or
    /// sent, fails the fetch with an error naming the limit.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_ANSWER_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_answer_bytes: u64,
    /// The largest page downloaded and the longest row read, in bytes (default 256 MiB); a page
    /// announced larger fails the fetch before it is downloaded.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PAGE_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_page_bytes: u64,
}

/// `--poll-secs`: a number of seconds from 0.1 to 3600 (so never NaN, infinite or zero).
pub(crate) fn poll_secs(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if (0.1..=3600.0).contains(&secs) => Ok(secs),
        _ => Err(format!("expected seconds from 0.1 to 3600, found {text:?}")),
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    match runtime.block_on(fetch(&args)) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("fauxport fetch: {e:#}");
            if let Some(path) = &args.exception_out {
                let kind = match e.downcast_ref::<fauxport_client::ClientError>() {
                    Some(c) => format!("ClientError::{}", c.root().kind()),
                    None => "Error".to_owned(),
                };
                let body = serde_json::json!({"type": kind, "message": format!("{e:#}")});
                let _ = std::fs::write(path, body.to_string());
            }
            Ok(ExitCode::from(crate::exit_codes::INVALID))
        }
    }
}

async fn fetch(args: &Args) -> anyhow::Result<()> {
    let client = Client::new(&args.endpoint, &args.api_key).with_limits(Limits {
        max_answer_bytes: args.max_answer_bytes,
        max_page_bytes: args.max_page_bytes,
    });
    let request = ExportRequest {
        params: ExportParams::all(),
        ..ExportRequest::default()
    };
    let task = client.export_project(&args.project, &request).await?;
    let poll = Duration::from_secs_f64(args.poll_secs);
    let state = client.wait(&task, poll, Duration::from_secs(7200)).await?;
    if state.status != TaskStatus::Complete {
        anyhow::bail!("export task {} ended {:?}", task.id, state.status);
    }
    if let Some(path) = &args.errors_out {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        let mut lines = std::pin::pin!(client.stream(&task, StreamKind::Errors));
        while let Some(line) = lines.try_next().await? {
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    let sink: Box<dyn Write> = if args.out.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(
            std::fs::File::create(&args.out)
                .with_context(|| format!("creating {}", args.out.display()))?,
        )
    };
    let mut out = std::io::BufWriter::new(sink);
    let mut rows = std::pin::pin!(client.stream(&task, StreamKind::Result));
    while let Some(row) = rows.try_next().await? {
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
