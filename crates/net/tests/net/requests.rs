//! Two nodes on loopback dial each other over TCP and over QUIC and exchange requests on both
//! protocols, in both directions.

use crate::common::{Node, Transport, answer, next_event, node, serve_one, within};
use comptoir_net::{NetError, NetEvent, PeerId, Protocol};

/// 1. `a` dials `b` and learns its peer id from the connection.
/// 2. `a` asks `b` on Sync; `b` answers.
/// 3. `b` asks `a` on Sync, then on Invite, over the same connection; `a` answers both.
async fn requests_flow_both_ways(transport: Transport) -> anyhow::Result<()> {
    let mut a = node(transport, |_| {}).await?;
    let mut b = node(transport, |_| {}).await?;

    // 1.
    let peer = within(a.client.dial(b.addr.clone())).await??;
    assert_eq!(peer, b.id());
    let connected = next_event(&mut b.events, |event| match event {
        NetEvent::Connected { peer, .. } => Some(peer),
        _ => None,
    })
    .await?;
    assert_eq!(connected, a.id());

    // 2.
    let (response, served) = tokio::join!(
        within(a.client.request(b.id(), Protocol::Sync, b"from a".to_vec())),
        serve_one(&mut b.events),
    );
    assert_eq!(response??, answer(b"from a"));
    assert_eq!(served?, (a.id(), Protocol::Sync, b"from a".to_vec()));

    // 3.
    for protocol in Protocol::ALL {
        let (response, served) = tokio::join!(
            within(b.client.request(a.id(), protocol, b"from b".to_vec())),
            serve_one(&mut a.events),
        );
        assert_eq!(response??, answer(b"from b"));
        assert_eq!(served?, (b.id(), protocol, b"from b".to_vec()));
    }
    assert_eq!(a.client.connected().await?, vec![b.id()]);
    Ok(())
}

#[tokio::test]
async fn requests_flow_both_ways_over_tcp() -> anyhow::Result<()> {
    requests_flow_both_ways(Transport::Tcp).await
}

#[tokio::test]
async fn requests_flow_both_ways_over_quic() -> anyhow::Result<()> {
    requests_flow_both_ways(Transport::Quic).await
}

#[tokio::test]
async fn an_empty_request_and_an_empty_response_are_carried() -> anyhow::Result<()> {
    let a = node(Transport::Tcp, |_| {}).await?;
    let mut b = node(Transport::Tcp, |_| {}).await?;
    within(a.client.dial(b.addr.clone())).await??;
    let b_id = b.id();

    let answer_empty = async {
        let reply = next_event(&mut b.events, |event| match event {
            NetEvent::Request { bytes, reply, .. } if bytes.is_empty() => Some(reply),
            _ => None,
        })
        .await?;
        reply.send(Vec::new()).await?;
        anyhow::Ok(())
    };
    let (response, answered) = tokio::join!(
        within(a.client.request(b_id, Protocol::Sync, Vec::new())),
        answer_empty
    );
    answered?;
    assert_eq!(response??, Vec::<u8>::new());
    Ok(())
}

#[tokio::test]
async fn dialing_an_address_with_the_wrong_peer_id_fails() -> anyhow::Result<()> {
    let a = node(Transport::Tcp, |_| {}).await?;
    let b = node(Transport::Tcp, |_| {}).await?;
    let impostor = PeerId::random();
    let addr = b
        .addr
        .clone()
        .with_p2p(impostor)
        .map_err(|_| anyhow::anyhow!("has /p2p"))?;

    let dialed = within(a.client.dial(addr)).await?;
    assert!(matches!(dialed, Err(NetError::Dial { .. })), "{dialed:?}");
    Ok(())
}

#[tokio::test]
async fn dialing_a_connected_peer_by_full_address_reuses_the_connection() -> anyhow::Result<()> {
    let a = node(Transport::Tcp, |_| {}).await?;
    let b = node(Transport::Tcp, |_| {}).await?;
    within(a.client.dial(b.addr.clone())).await??;
    let full = b
        .addr
        .clone()
        .with_p2p(b.id())
        .map_err(|_| anyhow::anyhow!("has /p2p"))?;

    assert_eq!(within(a.client.dial(full)).await??, b.id());
    Ok(())
}

#[tokio::test]
async fn a_dropped_reply_fails_the_request() -> anyhow::Result<()> {
    let a = node(Transport::Tcp, |_| {}).await?;
    let mut b = node(Transport::Tcp, |_| {}).await?;
    within(a.client.dial(b.addr.clone())).await??;
    let b_id = b.id();

    let drop_it = next_event(&mut b.events, |event| match event {
        NetEvent::Request { reply, .. } => {
            drop(reply);
            Some(())
        }
        _ => None,
    });
    let (response, dropped) = tokio::join!(
        within(a.client.request(b_id, Protocol::Sync, b"?".to_vec())),
        drop_it
    );
    dropped?;
    assert!(matches!(response?, Err(NetError::Request { .. })));
    Ok(())
}

/// 1. `a` and `b` connect.
/// 2. `a` disconnects `b`: both sides see it, and neither lists the other any more.
#[tokio::test]
async fn disconnect_closes_the_connection_on_both_sides() -> anyhow::Result<()> {
    let Node {
        client: a,
        events: _a_events,
        ..
    } = node(Transport::Tcp, |_| {}).await?;
    let mut b = node(Transport::Tcp, |_| {}).await?;
    // 1.
    within(a.dial(b.addr.clone())).await??;

    // 2.
    within(a.disconnect(b.id())).await??;
    assert_eq!(a.connected().await?, Vec::new());
    let gone = next_event(&mut b.events, |event| match event {
        NetEvent::Disconnected { peer } => Some(peer),
        _ => None,
    })
    .await?;
    assert_eq!(gone, a.local_peer_id());
    assert_eq!(b.client.connected().await?, Vec::new());
    // Disconnecting a peer that is not connected is not an error.
    within(a.disconnect(b.id())).await??;
    Ok(())
}
