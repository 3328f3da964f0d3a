//! Two laptops on a local network of their own find each other with mDNS: a code that names no
//! address is enough to join, and `sync` needs no address either.
//!
//! The network is made by the test: two network namespaces joined by a virtual cable (a veth
//! pair), so that multicast never leaves them. Making namespaces needs root and `ip` (iproute2,
//! which `cargo xtask deps` installs); where they cannot be made the test fails, saying why,
//! unless `COMPTOIR_ALLOW_SKIP=1` is set: then it says why on stderr and returns. That is the one
//! agreed exception to "a test starts what it needs": nothing else can stand in for a LAN, and
//! only the person running the tests may decide to go without it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::{Command, Stdio};

use comptoir_app::invitation::InvitationCode;

use crate::support::{BIN, Device, Run, Server, TIMEOUT, about};

/// Two network namespaces, `a` and `b`, joined by a veth pair: `a` is 10.231.N.1/24, `b` is
/// 10.231.N.2/24. Deleted (with the cable) when dropped.
struct Lan {
    a: String,
    b: String,
    /// The cable's host-side name, until it is moved into namespace a.
    veth: String,
    subnet: u8,
}

fn ip(args: &[&str]) -> Result<(), String> {
    match Command::new("ip").args(args).stdin(Stdio::null()).output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "`ip {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => Err(format!("`ip` cannot run: {e}")),
    }
}

impl Lan {
    /// Makes the namespaces and the cable, or says why not.
    fn create() -> Result<Self, String> {
        let pid = std::process::id();
        // Interface names are at most 15 bytes.
        let (veth_a, veth_b) = (format!("cpt{pid}a"), format!("cpt{pid}b"));
        let lan = Self {
            a: format!("comptoir-{pid}-a"),
            b: format!("comptoir-{pid}-b"),
            veth: veth_a.clone(),
            subnet: u8::try_from(pid % 250).unwrap_or(0) + 1,
        };
        ip(&["netns", "add", &lan.a])?;
        ip(&["netns", "add", &lan.b])?;
        ip(&[
            "link", "add", &veth_a, "type", "veth", "peer", "name", &veth_b,
        ])?;
        for (ns, veth, host) in [(&lan.a, &veth_a, 1), (&lan.b, &veth_b, 2)] {
            ip(&["link", "set", veth, "netns", ns])?;
            let address = format!("10.231.{}.{host}/24", lan.subnet);
            ip(&["-n", ns, "addr", "add", &address, "dev", veth])?;
            ip(&["-n", ns, "link", "set", veth, "up"])?;
            ip(&["-n", ns, "link", "set", "lo", "up"])?;
        }
        Ok(lan)
    }

    fn address_of_a(&self) -> Ipv4Addr {
        Ipv4Addr::new(10, 231, self.subnet, 1)
    }
}

impl Drop for Lan {
    fn drop(&mut self) {
        // Deleting a namespace deletes the end of the cable inside it, and so the cable; were
        // the cable still outside (set-up failed half-way), it is deleted here.
        let _ = ip(&["link", "del", &self.veth]);
        let _ = ip(&["netns", "del", &self.a]);
        let _ = ip(&["netns", "del", &self.b]);
    }
}

/// `comptoir` on `device`'s data directory inside namespace `ns`, with mDNS on.
fn in_namespace(ns: &str, device: &Device, args: &[&str]) -> Command {
    let mut cmd = Command::new("ip");
    cmd.args(["netns", "exec", ns, BIN, "--data-dir"])
        .arg(device.data_dir())
        .args(args)
        .env_remove("COMPTOIR_NO_MDNS")
        .env_remove("COMPTOIR_DATA_DIR")
        .env_remove("COMPTOIR_LOG")
        .stdin(Stdio::null());
    cmd
}

/// The variable that lets this test pass without a LAN, and the one value that does.
const ALLOW_SKIP: (&str, &str) = ("COMPTOIR_ALLOW_SKIP", "1");

/// Whether the person running the tests allowed skipping what this machine cannot do.
fn skip_allowed() -> bool {
    std::env::var(ALLOW_SKIP.0).is_ok_and(|v| v == ALLOW_SKIP.1)
}

#[test]
#[allow(clippy::print_stderr)] // The skip is said on stderr (shown with `--nocapture`).
fn devices_on_a_lan_join_and_sync_by_discovery() {
    // 1. The LAN: namespace a for Ana's laptop (A), namespace b for Bruno's (B) and Chloé's (C).
    //    Without it the test fails, unless skipping was allowed.
    let (variable, value) = ALLOW_SKIP;
    let lan = match Lan::create() {
        Ok(lan) => lan,
        Err(why) if skip_allowed() => {
            eprintln!(
                "lan test skipped ({variable}={value}): network namespaces cannot be made here \
                 ({why})"
            );
            return;
        }
        Err(why) => panic!(
            "network namespaces cannot be made here ({why}): this test needs root and `ip` \
             (iproute2; `cargo xtask deps` installs it). Set {variable}={value} to skip it on a \
             machine that cannot make them."
        ),
    };

    // 2. A holds the Bistrot du Social de Namur and serves it on the LAN, mDNS on.
    let (a, b, c) = (Device::new(), Device::new(), Device::new());
    let group = a.bistrot("Bistrot du Social de Namur");
    a.create(&["member", "add", &group, "--name", "Maïté Dethier"]);
    let listen = format!("/ip4/{}/tcp/0", lan.address_of_a());
    let server = Server::start(&mut in_namespace(
        &lan.a,
        &a,
        &["--json", "serve", "--listen", &listen],
    ));
    let port: u16 = server
        .address
        .rsplit('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a TCP port");

    // 3. A code made without --address names where serve listens (it remembered it).
    let code = a.json(&["invite", "create", &group, "--preapproved"])["code"]
        .as_str()
        .expect("a code")
        .to_string();
    let decoded = InvitationCode::decode(&code).expect("a valid code");
    let listening = SocketAddr::new(IpAddr::V4(lan.address_of_a()), port);
    assert_eq!(decoded.addresses, [listening]);

    // 4. B, in the other namespace, joins with it.
    let joined = Run::of(&mut in_namespace(
        &lan.b,
        &b,
        &["--json", "invite", "accept", &code, "--timeout", TIMEOUT],
    ))
    .json(&["invite", "accept"]);
    assert_eq!(joined["joined"], group.as_str());
    server.wait_for("B invited", |e| about(e, "invited", &b.peer_id()));

    // 5. C gets a code that names no address at all: it finds A by mDNS alone.
    let second = a.json(&["invite", "create", &group, "--preapproved"]);
    let mut bare =
        InvitationCode::decode(second["code"].as_str().expect("a code")).expect("a valid code");
    bare.addresses.clear();
    let joined = Run::of(&mut in_namespace(
        &lan.b,
        &c,
        &[
            "--json",
            "invite",
            "accept",
            &bare.encode(),
            "--timeout",
            TIMEOUT,
        ],
    ))
    .json(&["invite", "accept"]);
    assert_eq!(joined["joined"], group.as_str());
    server.wait_for("C invited", |e| about(e, "invited", &c.peer_id()));

    // 6. C adds a member and syncs with no address either; once C's sync has succeeded, A
    //    has the member.
    c.create(&["member", "add", &group, "--name", "Lucas Deprez"]);
    Run::of(&mut in_namespace(
        &lan.b,
        &c,
        &["--json", "sync", "--timeout", TIMEOUT],
    ))
    .json(&["sync"]);
    let members = a.json(&["member", "list", &group]);
    assert_eq!(members, c.json(&["member", "list", &group]));
    let names: Vec<&str> = members
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["Lucas Deprez", "Maïté Dethier"]);
    assert_eq!(b.groups().len(), 1);
}
