//! What one sync message may cost this device before automerge is given it: the bytes its
//! compressed parts inflate to (a decompression bomb is a few kilobytes that inflate to
//! gigabytes) and the operations of each change (an op bomb repeats one operation millions of
//! times in a few run-length-encoded bytes). Checked on the bytes, without inflating more than
//! the budget allows.

use std::io::Read;

use flate2::read::DeflateDecoder;

/// The bytes every compressed part of one message may inflate to, together. A ten-year group
/// (5,000 events, 500 syntheses) sent whole inflates to about 6 MB.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// The operations one change may hold. The largest change Comptoir itself makes (a group of
/// 5,000 events imported at once) holds about 100,000.
pub const MAX_OPS_PER_CHANGE: usize = 1_000_000;

/// A message's inflation budget, spent chunk by chunk.
#[derive(Debug)]
pub(crate) struct Budget {
    left: u64,
}

impl Budget {
    pub(crate) fn new() -> Self {
        Self { left: MAX_INFLATED }
    }

    /// Inflates raw deflate `bytes` as long as the budget lasts.
    pub(crate) fn inflate(&mut self, bytes: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        DeflateDecoder::new(bytes)
            .take(self.left.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| format!("a compressed part does not inflate: {e}"))?;
        let len = out.len() as u64;
        if len > self.left {
            return Err(format!(
                "compressed parts inflate to more than {MAX_INFLATED} bytes"
            ));
        }
        self.left -= len;
        Ok(out)
    }

    /// Spends what a document chunk's compressed columns inflate to. `data` is the chunk's
    /// content (after its header): actors, heads, the change and operation column
    /// descriptions, then the columns, each compressed on its own when its spec says so.
    pub(crate) fn document(&mut self, data: &[u8]) -> Result<(), String> {
        let bad = || "a document chunk whose layout does not parse".to_string();
        let mut r = Reader(data);
        for _ in 0..r.count()? {
            let len = r.count()?;
            r.skip(len).ok_or_else(bad)?;
        }
        let heads = r.count()?;
        r.skip(heads.checked_mul(32).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        let change_columns = r.columns()?;
        let op_columns = r.columns()?;
        for (deflated, len) in change_columns.into_iter().chain(op_columns) {
            let column = r.take(len).ok_or_else(bad)?;
            if deflated {
                self.inflate(column)?;
            }
        }
        Ok(())
    }
}

/// Whether a change's operations fit [`MAX_OPS_PER_CHANGE`].
pub(crate) fn ops_fit(change: &automerge::Change) -> Result<(), String> {
    if change.len() > MAX_OPS_PER_CHANGE {
        return Err(format!(
            "a change of {} operations, more than the {MAX_OPS_PER_CHANGE} allowed",
            change.len()
        ));
    }
    Ok(())
}

/// The deflate bit of a column spec.
const DEFLATE: u64 = 0b1000;

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn uleb(&mut self) -> Result<u64, String> {
        let (value, len) = crate::chunks::uleb128(self.0).ok_or("a malformed length")?;
        self.0 = &self.0[len..];
        Ok(value)
    }

    /// A count or a length, which must fit what is left.
    fn count(&mut self) -> Result<usize, String> {
        let value = self.uleb()?;
        usize::try_from(value)
            .ok()
            .filter(|&n| n <= self.0.len())
            .ok_or_else(|| "a length longer than the chunk".to_string())
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        self.take(n).map(|_| ())
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    /// Column descriptions: whether each is compressed, and its length.
    fn columns(&mut self) -> Result<Vec<(bool, usize)>, String> {
        let count = self.count()?;
        let mut columns = Vec::with_capacity(count);
        for _ in 0..count {
            let spec = self.uleb()?;
            let len = self.count()?;
            columns.push((spec & DEFLATE != 0, len));
        }
        Ok(columns)
    }
}
