//! A device as people can tell it apart, when it has no name: the end of its peer id.

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
    fn a_device_is_named_by_the_end_of_its_id() {
        assert_eq!(short_peer("12D3KooWabcdefx7Qm2a"), "…x7Qm2a");
    }
}
