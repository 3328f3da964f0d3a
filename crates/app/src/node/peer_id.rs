//! A device's two names: the network's `PeerId` (libp2p's, proven by Noise on every
//! connection) and the sync engine's, which the engine only compares. Every peer the engine
//! knows came in through [`for_engine`], so [`for_net`] always finds its way back.

use comptoir_net::PeerId;

pub(crate) fn for_engine(peer: &PeerId) -> comptoir_sync::PeerId {
    peer.to_base58().into()
}

pub(crate) fn for_net(peer: &comptoir_sync::PeerId) -> Option<PeerId> {
    peer.as_str().parse().ok()
}
