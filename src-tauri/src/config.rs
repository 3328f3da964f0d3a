//! Where the app keeps its data and how it joins the network, from the environment.

use std::path::PathBuf;

use comptoir_app::App;
use comptoir_app::node::{self, NodeOptions};

/// If the usual port is taken (a `comptoir serve` runs on this computer), any free port.
const ANY_PORT: [&str; 2] = ["/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1"];

#[derive(Debug, Clone)]
pub struct Config {
    /// `COMPTOIR_DATA_DIR`, else the platform's data directory; `None` if there is none.
    pub data_dir: Option<PathBuf>,
    /// How the background peer starts, in order of preference.
    pub networks: Vec<NodeOptions>,
    /// `COMPTOIR_EXPORT_DIR` (tests keep exports out of the real home); `None`: the download
    /// folder.
    pub export_dir: Option<PathBuf>,
}

impl Config {
    pub fn from_env() -> Self {
        let data_dir = match std::env::var_os("COMPTOIR_DATA_DIR") {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => App::default_data_dir().ok(),
        };
        // As the CLI reads it: anything but empty, 0, f, false, n, no or off means "off".
        let mdns = !std::env::var("COMPTOIR_NO_MDNS").is_ok_and(|v| is_truthy(&v));
        let networks = match std::env::var("COMPTOIR_LISTEN") {
            Ok(list) if !list.trim().is_empty() => vec![options(list.split(','), mdns)],
            _ => vec![
                // The port `serve` uses too, so that other devices find this one where they
                // expect it.
                options(node::DEFAULT_LISTEN.into_iter().filter(|a| spoken(a)), mdns),
                options(ANY_PORT.into_iter().filter(|a| spoken(a)), mdns),
            ],
        };
        let export_dir = std::env::var_os("COMPTOIR_EXPORT_DIR")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from);
        Self {
            data_dir,
            networks,
            export_dir,
        }
    }
}

/// The addresses to listen on; one that does not parse is left out, and said.
fn options<'a>(addresses: impl Iterator<Item = &'a str>, mdns: bool) -> NodeOptions {
    let listen = addresses
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .filter_map(|a| match node::multiaddr(a) {
            Ok(address) => Some(address),
            Err(e) => {
                tracing::warn!(error = %e, "a listening address is left out");
                None
            }
        })
        .collect();
    NodeOptions {
        listen,
        mdns,
        ..NodeOptions::default()
    }
}

/// Whether this build can listen on `address` (QUIC is left out of the desktop build).
fn spoken(address: &str) -> bool {
    node::QUIC || !address.contains("/quic")
}

fn is_truthy(value: &str) -> bool {
    !matches!(
        value.trim().to_lowercase().as_str(),
        "" | "0" | "f" | "false" | "n" | "no" | "off"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_mdns_reads_like_the_cli() {
        assert!(is_truthy("1"));
        assert!(is_truthy("yes"));
        assert!(!is_truthy("0"));
        assert!(!is_truthy("false"));
        assert!(!is_truthy(""));
    }
}
