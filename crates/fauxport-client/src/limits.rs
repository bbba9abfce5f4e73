//! How much the client holds in memory: caps on what a server announces (`Content-Length`, a
//! page's byte range) and on what it sends. Nothing is allocated from an announced size beyond
//! [`PREALLOCATE_BYTES`]; a body over its cap is an error naming the cap, read no further.

/// The default cap on one GraphQL answer: 64 MiB (fauxport's answers are a few kilobytes).
pub const DEFAULT_MAX_ANSWER_BYTES: u64 = 64 << 20;

/// The default cap on one page download, and on one NDJSON line: 256 MiB (fauxport's largest
/// huge row). A page is buffered whole before its rows are yielded, so this is what a page may
/// cost.
pub const DEFAULT_MAX_PAGE_BYTES: u64 = 256 << 20;

/// The most bytes reserved for a body before they arrive, whatever its announced size.
pub(crate) const PREALLOCATE_BYTES: u64 = 1 << 20;

/// The caps of a [`Client`](crate::Client) ([`Client::with_limits`](crate::Client::with_limits)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest GraphQL answer read, in bytes; a larger one (announced or sent) is
    /// [`ClientError::TooLarge`](crate::ClientError::TooLarge), not retried.
    pub max_answer_bytes: u64,
    /// The largest page downloaded and the longest NDJSON line read, in bytes; a page whose
    /// range is larger is [`ClientError::TooLarge`](crate::ClientError::TooLarge) before it is
    /// downloaded, a longer line a [`ClientError::Protocol`](crate::ClientError::Protocol).
    pub max_page_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }
}

/// An empty buffer for a body announced at `announced` bytes: reserved up to
/// [`PREALLOCATE_BYTES`], never more.
pub(crate) fn body_buffer(announced: Option<u64>) -> Vec<u8> {
    let reserve = announced.unwrap_or(0).min(PREALLOCATE_BYTES);
    Vec::with_capacity(usize::try_from(reserve).unwrap_or(0))
}
