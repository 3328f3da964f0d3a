//! Size and connection limits: an oversized request is refused without stopping the node, and
//! connections beyond the limits are denied while an established peer keeps being served.

use crate::common::{Transport, answer, next_event, node, serve_one, socket_addr, within};
use comptoir_net::{NetError, NetEvent, Protocol};

/// 1. `b` accepts 4 KiB messages but `a` only 1 KiB; `b` sends 2 KiB to `a`.
/// 2. `a` refuses it and reports `Rejected`; `b`'s request fails.
/// 3. `a` still answers a normal request from `b` on the same connection.
/// 4. A request above `b`'s own limit is refused before anything is sent.
#[tokio::test]
async fn an_oversized_request_is_rejected_and_the_node_keeps_serving() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |config| config.max_message_bytes = 1024).await?;
    let b = node(Transport::Tcp, |config| config.max_message_bytes = 4096).await?;
    within(b.client.dial(a.addr.clone())).await??;

    // 1. and 2.
    let (response, rejected) = tokio::join!(
        within(b.client.request(a.id(), Protocol::Sync, vec![7; 2048])),
        next_event(&mut a.events, |event| match event {
            NetEvent::Rejected { peer, reason } => Some((peer, reason)),
            _ => None,
        }),
    );
    let response = response?;
    assert!(
        matches!(response, Err(NetError::Request { .. })),
        "{response:?}"
    );
    let (peer, reason) = rejected?;
    assert_eq!(peer, b.id());
    assert!(reason.contains("larger than the limit"), "{reason}");

    // 3.
    let (response, served) = tokio::join!(
        within(b.client.request(a.id(), Protocol::Sync, b"small".to_vec())),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"small"));
    assert_eq!(served?.0, b.id());

    // 4.
    let refused = b
        .client
        .request(a.id(), Protocol::Sync, vec![0; 4097])
        .await;
    assert!(
        matches!(
            refused,
            Err(NetError::TooLarge {
                len: 4097,
                max: 4096
            })
        ),
        "{refused:?}"
    );
    Ok(())
}

#[tokio::test]
async fn an_oversized_reply_is_refused_and_the_request_fails() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |config| config.max_message_bytes = 16).await?;
    let b = node(Transport::Tcp, |_| {}).await?;
    within(b.client.dial(a.addr.clone())).await??;
    let a_id = a.id();

    let reply_too_much = async {
        let reply = next_event(&mut a.events, |event| match event {
            NetEvent::Request { reply, .. } => Some(reply),
            _ => None,
        })
        .await?;
        anyhow::Ok(reply.send(vec![0; 17]).await)
    };
    let (response, sent) = tokio::join!(
        within(b.client.request(a_id, Protocol::Sync, b"?".to_vec())),
        reply_too_much
    );
    assert!(matches!(
        sent?,
        Err(NetError::TooLarge { len: 17, max: 16 })
    ));
    assert!(matches!(response?, Err(NetError::Request { .. })));
    Ok(())
}

/// 1. `a` allows one connection per peer; `b` connects.
/// 2. `b` dials `a` again: `a` closes that connection before identifying itself.
/// 3. `a` still answers `b`.
/// 4. `a` dialing `b` is denied by `a`'s own limit; `b` still answers `a`.
#[tokio::test]
async fn a_second_connection_from_the_same_peer_is_denied() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |config| config.max_connections_per_peer = 1).await?;
    let mut b = node(Transport::Tcp, |_| {}).await?;
    // 1.
    within(b.client.dial(a.addr.clone())).await??;

    // 2.
    let refused = within(b.client.dial(a.addr.clone())).await?;
    assert!(
        matches!(refused, Err(NetError::Closed { peer, .. }) if peer == a.id()),
        "{refused:?}"
    );

    // 3.
    assert_eq!(a.client.connected().await?, vec![b.id()]);
    let (response, served) = tokio::join!(
        within(
            b.client
                .request(a.id(), Protocol::Sync, b"still there?".to_vec())
        ),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"still there?"));
    assert_eq!(served?.0, b.id());

    // 4.
    let denied = within(a.client.dial(b.addr.clone())).await?;
    assert!(matches!(denied, Err(NetError::Dial { .. })), "{denied:?}");
    let (response, served) = tokio::join!(
        within(
            a.client
                .request(b.id(), Protocol::Sync, b"and you?".to_vec())
        ),
        serve_one(&mut b.events),
    );
    assert_eq!(response??, answer(b"and you?"));
    assert_eq!(served?.0, a.id());
    Ok(())
}

/// 1. `a` allows one connection in total; `b` connects.
/// 2. `c` connects too: `a` denies it, so `c`'s dial and request fail.
/// 3. `a` still has only `b`, and still answers `b`.
#[tokio::test]
async fn connections_beyond_the_total_limit_are_denied() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |config| config.max_connections = 1).await?;
    let b = node(Transport::Tcp, |_| {}).await?;
    let c = node(Transport::Tcp, |_| {}).await?;
    // 1.
    within(b.client.dial(a.addr.clone())).await??;

    // 2.
    let refused = within(c.client.dial(a.addr.clone())).await?;
    assert!(
        matches!(
            refused,
            Err(NetError::Closed { .. } | NetError::Dial { .. })
        ),
        "{refused:?}"
    );
    let refused = within(
        c.client
            .request(a.id(), Protocol::Sync, b"let me in".to_vec()),
    )
    .await?;
    assert!(
        matches!(refused, Err(NetError::Request { .. })),
        "{refused:?}"
    );

    // 3.
    assert_eq!(a.client.connected().await?, vec![b.id()]);
    let (response, served) = tokio::join!(
        within(b.client.request(a.id(), Protocol::Sync, b"hello".to_vec())),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"hello"));
    assert_eq!(served?.0, b.id());
    Ok(())
}

/// 1. `a` allows four connections, one kept for the peers it knows (`known`, `other`); `b`,
///    `c` and `other` connect.
/// 2. `d` is denied: the one slot left is kept.
/// 3. `known` connects all the same, and `a` answers it.
/// 4. `a` stops knowing `other` and lets it go: coming back, `other` is denied like any
///    stranger (the slots follow the last list given).
#[tokio::test]
async fn slots_kept_for_known_peers_are_denied_to_others() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |config| config.max_connections = 4).await?;
    let b = node(Transport::Tcp, |_| {}).await?;
    let c = node(Transport::Tcp, |_| {}).await?;
    let d = node(Transport::Tcp, |_| {}).await?;
    let known = node(Transport::Tcp, |_| {}).await?;
    let other = node(Transport::Tcp, |_| {}).await?;
    a.client
        .keep_slots_for([known.id(), other.id()].into())
        .await?;
    // 1.
    within(b.client.dial(a.addr.clone())).await??;
    within(c.client.dial(a.addr.clone())).await??;
    within(other.client.dial(a.addr.clone())).await??;

    // 2. Three are established (`other` is known, and counts): the unreserved slots are taken.
    let refused = within(d.client.dial(a.addr.clone())).await?;
    assert!(
        matches!(
            refused,
            Err(NetError::Closed { .. } | NetError::Dial { .. })
        ),
        "{refused:?}"
    );

    // 3.
    within(known.client.dial(a.addr.clone())).await??;
    let (response, served) = tokio::join!(
        within(
            known
                .client
                .request(a.id(), Protocol::Sync, b"hello".to_vec())
        ),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"hello"));
    assert_eq!(served?.0, known.id());

    // 4. `other` leaves and is no longer known: its slot is not kept for it any more.
    a.client.keep_slots_for([known.id()].into()).await?;
    within(a.client.disconnect(other.id())).await??;
    let refused = within(other.client.dial(a.addr.clone())).await?;
    assert!(
        matches!(
            refused,
            Err(NetError::Closed { .. } | NetError::Dial { .. })
        ),
        "{refused:?}"
    );
    let mut connected = a.client.connected().await?;
    connected.sort();
    let mut expected = vec![b.id(), c.id(), known.id()];
    expected.sort();
    assert_eq!(connected, expected);
    Ok(())
}

/// 1. `a` allows one handshake in flight; `b` connects.
/// 2. A raw socket opens a connection to `a` and stays silent, holding that handshake slot.
/// 3. `c` dialing `a` is denied while the slot is held.
/// 4. `a` still answers `b`.
#[tokio::test]
async fn handshakes_beyond_the_pending_limit_are_denied() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |config| config.max_pending_incoming = 1).await?;
    let b = node(Transport::Tcp, |_| {}).await?;
    let c = node(Transport::Tcp, |_| {}).await?;
    // 1.
    within(b.client.dial(a.addr.clone())).await??;

    // 2.
    let _silent = tokio::net::TcpStream::connect(socket_addr(&a.addr)?).await?;

    // 3.
    let denied = within(c.client.dial(a.addr.clone())).await?;
    assert!(matches!(denied, Err(NetError::Dial { .. })), "{denied:?}");

    // 4.
    let (response, served) = tokio::join!(
        within(b.client.request(a.id(), Protocol::Sync, b"hello".to_vec())),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"hello"));
    assert_eq!(served?.0, b.id());
    Ok(())
}
