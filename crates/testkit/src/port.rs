//! Free TCP ports on loopback.

use crate::{Error, Result};

/// A free TCP port on loopback, as the OS hands it out (free when this returns; the caller
/// binds it right away). Prefer letting the program bind port 0 and report its port, as
/// `serve` does: this is for programs that cannot.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(Error::io("binding a free port on loopback"))?;
    let address = listener
        .local_addr()
        .map_err(Error::io("reading the bound port"))?;
    Ok(address.port())
}
