//! `FrameCodec`: one message per stream as a big-endian `u32` length followed by that many
//! bytes, refused when longer than the configured limit in either direction.
//!
//! An inbound request that breaks the framing is read as [`RequestFrame::Refused`] rather than
//! as an error: libp2p's request-response drops `read_request` errors without telling the
//! behaviour, and the node must report a refused request.

use std::{fmt, io};

use futures::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use libp2p::{StreamProtocol, request_response};

/// The request-response codec for both protocols: raw bytes in a length-prefixed frame.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FrameCodec {
    max_message_bytes: usize,
}

impl FrameCodec {
    pub(crate) fn new(max_message_bytes: usize) -> Self {
        Self { max_message_bytes }
    }
}

/// A request as it travels: the bytes, or, when reading, why they were refused.
pub(crate) enum RequestFrame {
    Bytes(Vec<u8>),
    /// Larger than the limit, or cut short. Only ever produced by reading.
    Refused(io::Error),
}

impl fmt::Debug for RequestFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestFrame::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            RequestFrame::Refused(error) => f.debug_tuple("Refused").field(error).finish(),
        }
    }
}

impl request_response::Codec for FrameCodec {
    type Protocol = StreamProtocol;
    type Request = RequestFrame;
    type Response = Vec<u8>;

    async fn read_request<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<RequestFrame>
    where
        T: AsyncRead + Unpin + Send,
    {
        match read_frame(io, self.max_message_bytes).await {
            Ok(bytes) => Ok(RequestFrame::Bytes(bytes)),
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
                ) =>
            {
                Ok(RequestFrame::Refused(error))
            }
            Err(error) => Err(error),
        }
    }

    async fn read_response<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<Vec<u8>>
    where
        T: AsyncRead + Unpin + Send,
    {
        read_frame(io, self.max_message_bytes).await
    }

    async fn write_request<T>(
        &mut self,
        _: &StreamProtocol,
        io: &mut T,
        request: RequestFrame,
    ) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        match request {
            RequestFrame::Bytes(bytes) => write_frame(io, &bytes, self.max_message_bytes).await,
            RequestFrame::Refused(_) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "a refused request is never sent",
            )),
        }
    }

    async fn write_response<T>(
        &mut self,
        _: &StreamProtocol,
        io: &mut T,
        response: Vec<u8>,
    ) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_frame(io, &response, self.max_message_bytes).await
    }
}

/// Reads one frame. A length above `max` is refused before anything else is read, with
/// `InvalidData`; a stream that ends early gives `UnexpectedEof`.
async fn read_frame<T>(io: &mut T, max: usize) -> io::Result<Vec<u8>>
where
    T: AsyncRead + Unpin,
{
    let mut prefix = [0u8; 4];
    io.read_exact(&mut prefix).await?;
    let len = u64::from(u32::from_be_bytes(prefix));
    if usize::try_from(len).map_or(true, |len| len > max) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("message of {len} bytes is larger than the limit of {max} bytes"),
        ));
    }
    // Grow the buffer as bytes arrive rather than trusting the announced length up front.
    let mut bytes = Vec::new();
    io.take(len).read_to_end(&mut bytes).await?;
    if bytes.len() as u64 != len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("stream ended after {} of {len} bytes", bytes.len()),
        ));
    }
    Ok(bytes)
}

/// Writes one frame, refusing (with `InvalidInput`) a message above `max`.
async fn write_frame<T>(io: &mut T, bytes: &[u8], max: usize) -> io::Result<()>
where
    T: AsyncWrite + Unpin,
{
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|_| bytes.len() <= max)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "message of {} bytes is larger than the limit of {max} bytes",
                    bytes.len()
                ),
            )
        })?;
    io.write_all(&len.to_be_bytes()).await?;
    io.write_all(bytes).await?;
    io.flush().await
}

#[cfg(test)]
mod tests {
    use futures::{executor::block_on, io::Cursor};
    use libp2p::request_response::Codec;

    use super::*;

    const PROTOCOL: StreamProtocol = StreamProtocol::new("/test/1");

    fn encode(codec: &mut FrameCodec, bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Cursor::new(Vec::new());
        let request = RequestFrame::Bytes(bytes.to_vec());
        block_on(codec.write_request(&PROTOCOL, &mut out, request))?;
        Ok(out.into_inner())
    }

    /// Reads `wire` as a request: its bytes, or the kind of error it was refused with.
    fn decode(codec: &mut FrameCodec, wire: &[u8]) -> io::Result<Result<Vec<u8>, io::ErrorKind>> {
        let frame = block_on(codec.read_request(&PROTOCOL, &mut Cursor::new(wire.to_vec())))?;
        Ok(match frame {
            RequestFrame::Bytes(bytes) => Ok(bytes),
            RequestFrame::Refused(error) => Err(error.kind()),
        })
    }

    #[test]
    fn a_frame_round_trips() -> io::Result<()> {
        let mut codec = FrameCodec::new(16);
        let wire = encode(&mut codec, b"hello")?;
        assert_eq!(wire, b"\0\0\0\x05hello");
        assert_eq!(decode(&mut codec, &wire)?, Ok(b"hello".to_vec()));
        Ok(())
    }

    #[test]
    fn an_empty_frame_round_trips() -> io::Result<()> {
        let mut codec = FrameCodec::new(16);
        let wire = encode(&mut codec, b"")?;
        assert_eq!(decode(&mut codec, &wire)?, Ok(Vec::new()));
        Ok(())
    }

    #[test]
    fn a_response_round_trips() -> io::Result<()> {
        let mut codec = FrameCodec::new(16);
        let mut out = Cursor::new(Vec::new());
        block_on(codec.write_response(&PROTOCOL, &mut out, b"hi".to_vec()))?;
        let read = block_on(codec.read_response(&PROTOCOL, &mut Cursor::new(out.into_inner())))?;
        assert_eq!(read, b"hi");
        Ok(())
    }

    #[test]
    fn writing_more_than_the_limit_is_refused() {
        let mut codec = FrameCodec::new(4);
        let error = encode(&mut codec, b"hello").err().map(|e| e.kind());
        assert_eq!(error, Some(io::ErrorKind::InvalidInput));
    }

    #[test]
    fn a_request_above_the_limit_is_refused_from_the_prefix_alone() -> io::Result<()> {
        let mut codec = FrameCodec::new(4);
        // Announces 4 GiB and carries nothing more: refused without waiting for the body.
        let refused = decode(&mut codec, &[0xff, 0xff, 0xff, 0xff])?;
        assert_eq!(refused, Err(io::ErrorKind::InvalidData));
        Ok(())
    }

    #[test]
    fn a_response_above_the_limit_is_an_error() {
        let mut codec = FrameCodec::new(4);
        let mut wire = Cursor::new(b"\0\0\0\x05hello".to_vec());
        let error = block_on(codec.read_response(&PROTOCOL, &mut wire))
            .err()
            .map(|e| e.kind());
        assert_eq!(error, Some(io::ErrorKind::InvalidData));
    }

    #[test]
    fn a_truncated_request_is_refused() -> io::Result<()> {
        let mut codec = FrameCodec::new(16);
        assert_eq!(
            decode(&mut codec, b"\0\0\0\x05hel")?,
            Err(io::ErrorKind::UnexpectedEof)
        );
        assert_eq!(
            decode(&mut codec, b"\0\0")?,
            Err(io::ErrorKind::UnexpectedEof)
        );
        Ok(())
    }
}
