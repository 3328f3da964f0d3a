//! A node survives garbage on its ports, refuses addresses it cannot listen on, and stops
//! cleanly.

use crate::common::{
    Transport, answer, loopback_config, next_event, node, serve_one, socket_addr, within,
};
use comptoir_net::{NetError, NetEvent, Protocol};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Bytes that are not a libp2p handshake: an HTTP request, then a deterministic jumble.
fn garbage() -> Vec<u8> {
    let mut bytes = b"GET / HTTP/1.1\r\nHost: comptoir\r\n\r\n".to_vec();
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes.push(x.to_le_bytes()[0]);
    }
    bytes
}

/// 1. Garbage is written on a raw TCP socket to `a`'s port; `a` closes that socket.
/// 2. `b` still connects to `a` and gets an answer.
#[tokio::test]
async fn garbage_on_a_raw_tcp_socket_does_not_stop_the_node() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |_| {}).await?;
    let b = node(Transport::Tcp, |_| {}).await?;

    // 1.
    let mut raw = tokio::net::TcpStream::connect(socket_addr(&a.addr)?).await?;
    // The node may close the socket before every byte is written; that is what we want.
    let _ = raw.write_all(&garbage()).await;
    let mut rest = Vec::new();
    // Ends with EOF or a reset once `a` drops the connection.
    let _ = within(raw.read_to_end(&mut rest)).await?;

    // 2.
    within(b.client.dial(a.addr.clone())).await??;
    let (response, served) = tokio::join!(
        within(
            b.client
                .request(a.id(), Protocol::Sync, b"after garbage".to_vec())
        ),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"after garbage"));
    assert_eq!(served?.0, b.id());
    Ok(())
}

/// 1. Garbage datagrams are sent to `a`'s QUIC port.
/// 2. `b` still connects to `a` over QUIC and gets an answer.
#[tokio::test]
async fn garbage_datagrams_on_the_quic_port_do_not_stop_the_node() -> anyhow::Result<()> {
    let mut a = node(Transport::Quic, |_| {}).await?;
    let b = node(Transport::Quic, |_| {}).await?;

    // 1.
    let raw = tokio::net::UdpSocket::bind("127.0.0.1:0").await?;
    for chunk in garbage().chunks(1200) {
        raw.send_to(chunk, socket_addr(&a.addr)?).await?;
    }

    // 2.
    within(b.client.dial(a.addr.clone())).await??;
    let (response, served) = tokio::join!(
        within(
            b.client
                .request(a.id(), Protocol::Sync, b"after garbage".to_vec())
        ),
        serve_one(&mut a.events),
    );
    assert_eq!(response??, answer(b"after garbage"));
    assert_eq!(served?.0, b.id());
    Ok(())
}

/// 1. `a` and `b` connect.
/// 2. `a` shuts down: the call returns once the loop is gone, `a`'s event stream ends, and
///    `a`'s client refuses further calls.
/// 3. `b` sees `a` disconnect.
#[tokio::test]
async fn shutdown_ends_the_event_loop() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |_| {}).await?;
    let mut b = node(Transport::Tcp, |_| {}).await?;
    // 1.
    within(a.client.dial(b.addr.clone())).await??;

    // 2.
    within(a.client.shutdown()).await??;
    within(async { while a.events.recv().await.is_some() {} }).await?;
    assert!(matches!(
        a.client.connected().await,
        Err(NetError::Shutdown)
    ));
    assert!(matches!(a.client.shutdown().await, Err(NetError::Shutdown)));

    // 3.
    let gone = next_event(&mut b.events, |event| match event {
        NetEvent::Disconnected { peer } => Some(peer),
        _ => None,
    })
    .await?;
    assert_eq!(gone, a.id());
    Ok(())
}

#[tokio::test]
async fn dropping_every_client_ends_the_event_loop() -> anyhow::Result<()> {
    let mut a = node(Transport::Tcp, |_| {}).await?;
    let copy = a.client.clone();
    drop(copy);
    drop(a.client);
    within(async { while a.events.recv().await.is_some() {} }).await?;
    Ok(())
}

#[tokio::test]
async fn a_taken_tcp_port_fails_clearly() -> anyhow::Result<()> {
    // Taken by a plain socket.
    let taken = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = taken.local_addr()?.port();
    let mut config = loopback_config(Transport::Tcp);
    config.listen = vec![format!("/ip4/127.0.0.1/tcp/{port}").parse()?];
    let started = comptoir_net::start(config).await;
    assert!(
        matches!(started, Err(NetError::Listen { .. })),
        "{started:?}"
    );

    // Taken by another node (whose listener allows port sharing).
    let a = node(Transport::Tcp, |_| {}).await?;
    let mut config = loopback_config(Transport::Tcp);
    config.listen = vec![a.addr.clone()];
    let started = comptoir_net::start(config).await;
    assert!(
        matches!(started, Err(NetError::Listen { .. })),
        "{started:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_taken_quic_port_fails_clearly() -> anyhow::Result<()> {
    let a = node(Transport::Quic, |_| {}).await?;
    let mut config = loopback_config(Transport::Quic);
    config.listen = vec![a.addr.clone()];
    let started = comptoir_net::start(config).await;
    assert!(
        matches!(started, Err(NetError::Listen { .. })),
        "{started:?}"
    );
    Ok(())
}

#[tokio::test]
async fn an_address_not_on_this_machine_fails_clearly() -> anyhow::Result<()> {
    // 192.0.2.0/24 is reserved for documentation: never assigned to an interface.
    let mut config = loopback_config(Transport::Tcp);
    config.listen = vec!["/ip4/192.0.2.1/tcp/0".parse()?];
    let started = comptoir_net::start(config).await;
    assert!(
        matches!(started, Err(NetError::Listen { .. })),
        "{started:?}"
    );
    Ok(())
}

#[tokio::test]
async fn an_unsupported_address_fails_clearly() -> anyhow::Result<()> {
    let mut config = loopback_config(Transport::Tcp);
    config.listen = vec!["/ip4/127.0.0.1/udp/0".parse()?];
    let started = comptoir_net::start(config).await;
    assert!(
        matches!(started, Err(NetError::UnsupportedAddress(_))),
        "{started:?}"
    );
    Ok(())
}
