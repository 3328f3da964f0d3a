//! Network addresses as people read and type them: `192.168.1.20:4710` rather than
//! `/ip4/192.168.1.20/tcp/4710`.

use std::net::IpAddr;

/// The addresses worth telling another person, from the multiaddrs this device listens on:
/// TCP over IPv4, the local network's first, loopback only if nothing else (a test on one
/// computer), duplicates removed.
pub fn typable(multiaddrs: &[String]) -> Vec<String> {
    let mut found: Vec<(IpAddr, u16)> = multiaddrs.iter().filter_map(|a| tcp(a)).collect();
    found.dedup();
    let reachable: Vec<_> = found
        .iter()
        .copied()
        .filter(|(ip, _)| !ip.is_loopback() && !ip.is_unspecified())
        .collect();
    let shown = if reachable.is_empty() {
        found
    } else {
        reachable
    };
    let mut out: Vec<String> = Vec::new();
    for (ip, port) in shown {
        let text = match ip {
            IpAddr::V4(ip) => format!("{ip}:{port}"),
            IpAddr::V6(ip) => format!("[{ip}]:{port}"),
        };
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

fn tcp(multiaddr: &str) -> Option<(IpAddr, u16)> {
    let parts: Vec<&str> = multiaddr
        .trim()
        .trim_start_matches('/')
        .split('/')
        .collect();
    match parts.as_slice() {
        ["ip4", ip, "tcp", port, ..] | ["ip6", ip, "tcp", port, ..] => {
            Some((ip.parse().ok()?, port.parse().ok()?))
        }
        _ => None,
    }
}

/// A device as people can tell it apart: the end of its peer id ("…x7Qm2a").
pub fn short_peer(peer: &str) -> String {
    let tail: String = peer
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_can_type() {
        let listening = [
            "/ip4/127.0.0.1/tcp/4710".to_string(),
            "/ip4/192.168.1.20/tcp/4710".to_string(),
            "/ip4/192.168.1.20/udp/4710/quic-v1".to_string(),
            "/ip4/192.168.1.20/tcp/4710".to_string(),
        ];
        assert_eq!(typable(&listening), ["192.168.1.20:4710"]);
        // Alone on one computer, loopback is all there is.
        assert_eq!(
            typable(&["/ip4/127.0.0.1/tcp/41234".to_string()]),
            ["127.0.0.1:41234"]
        );
        assert!(typable(&["/ip4/10.0.0.2/udp/4710/quic-v1".to_string()]).is_empty());
        assert_eq!(short_peer("12D3KooWabcdefx7Qm2a"), "…x7Qm2a");
    }
}
