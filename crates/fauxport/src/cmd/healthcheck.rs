//! `fauxport healthcheck`: asks a running server's `GET /healthz` and exits 0 when it answers
//! `200`, 1 otherwise (refused, timed out, another status). It is the container image's
//! `HEALTHCHECK`, which then needs no curl: by default it asks the server that `serve` would
//! start from the same environment (`FAUXPORT_ADDR`), through loopback.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use crate::exit_codes;

/// Arguments of `fauxport healthcheck`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address the server listens on, as `serve --addr` takes it; a wildcard address
    /// (`0.0.0.0`, `::`) is asked through loopback. Ignored when `--url` is given.
    #[arg(long, default_value = "127.0.0.1:8080", env = "FAUXPORT_ADDR")]
    addr: SocketAddr,
    /// The URL to ask instead (e.g. `http://127.0.0.1:8080/healthz`).
    #[arg(long)]
    url: Option<String>,
    /// Seconds to wait for the whole answer (0.1 to 60).
    #[arg(long, default_value_t = 2.0, value_parser = timeout_secs)]
    timeout_secs: f64,
}

/// `--timeout-secs`: a number of seconds from 0.1 to 60.
fn timeout_secs(text: &str) -> Result<f64, String> {
    let secs: f64 = text.parse().map_err(|e| format!("{e}"))?;
    if (0.1..=60.0).contains(&secs) {
        Ok(secs)
    } else {
        Err("must be from 0.1 to 60".to_owned())
    }
}

/// The `/healthz` URL of a server listening on `addr`.
fn url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/healthz", SocketAddr::new(ip, addr.port()))
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let url = args.url.unwrap_or_else(|| url_for(args.addr));
    // The server is on this machine (or in this container): a proxy in the environment must
    // not answer for it.
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs_f64(args.timeout_secs))
        .build()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let answer = runtime.block_on(async { client.get(&url).send().await?.error_for_status() });
    match answer {
        Ok(response) if response.status() == reqwest::StatusCode::OK => {
            println!("{url}: {}", response.status());
            Ok(ExitCode::from(exit_codes::OK))
        }
        Ok(response) => {
            eprintln!("fauxport: {url}: {}", response.status());
            Ok(ExitCode::from(exit_codes::INVALID))
        }
        Err(err) => {
            eprintln!("fauxport: {url}: {err}");
            Ok(ExitCode::from(exit_codes::INVALID))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_address_is_asked_through_loopback() {
        assert_eq!(
            url_for("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080/healthz"
        );
        assert_eq!(
            url_for("[::]:9000".parse().unwrap()),
            "http://[::1]:9000/healthz"
        );
        assert_eq!(
            url_for("10.1.2.3:80".parse().unwrap()),
            "http://10.1.2.3:80/healthz"
        );
    }

    #[test]
    fn the_timeout_is_bounded() {
        assert!(timeout_secs("0.05").is_err());
        assert!(timeout_secs("61").is_err());
        assert!(timeout_secs("NaN").is_err());
        assert_eq!(timeout_secs("2"), Ok(2.0));
    }
}
