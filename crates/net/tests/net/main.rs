//! Integration tests of `comptoir-net`: real nodes talking over loopback only (mDNS off).

mod common;
mod limits;
mod requests;
mod robustness;
