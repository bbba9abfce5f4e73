//! Page URLs: `/files/{task}/{stream}/{page}?expires=…&sig=…`, signed with HMAC-SHA256 so they
//! behave like pre-signed storage URLs: no auth header, unguessable, and they expire.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A page reference carried by a URL: `page` is `None` for the whole stream (legacy URLs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// The task.
    pub task: String,
    /// `RESULT` or `ERRORS`.
    pub stream: String,
    /// The page index, or `None` for the whole stream.
    pub page: Option<usize>,
    /// Expiry, Unix seconds.
    pub expires: u64,
}

impl FileRef {
    fn payload(&self) -> String {
        let page = self
            .page
            .map_or_else(|| "all".to_owned(), |p| p.to_string());
        format!("{}/{}/{}/{}", self.task, self.stream, page, self.expires)
    }

    /// The path and query of the URL.
    pub fn path(&self, secret: &[u8]) -> String {
        let page = self
            .page
            .map_or_else(|| "all".to_owned(), |p| p.to_string());
        format!(
            "/files/{}/{}/{}?expires={}&sig={}",
            self.task,
            self.stream,
            page,
            self.expires,
            sign(secret, &self.payload())
        )
    }

    /// Whether `sig` signs this reference.
    pub fn verify(&self, secret: &[u8], sig: &str) -> bool {
        verify(secret, &self.payload(), sig)
    }
}

/// Whether `sig` is [`sign`]'s signature of `payload` (compared in constant time).
pub(super) fn verify(secret: &[u8], payload: &str, sig: &str) -> bool {
    let Ok(bytes) = decode_hex(sig) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return false;
    };
    mac.update(payload.as_bytes());
    mac.verify_truncated_left(&bytes).is_ok() && bytes.len() == 16
}

/// The first 16 bytes of HMAC-SHA256 of `payload` under `secret`, in lower-case hex.
pub(super) fn sign(secret: &[u8], payload: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Lower-case hex only, as [`sign`] writes it: one spelling per signature (no upper case, no
/// `+` that `u8::from_str_radix` would take).
fn decode_hex(s: &str) -> Result<Vec<u8>, ()> {
    fn digit(b: u8) -> Result<u8, ()> {
        match b {
            b'0'..=b'9' => Ok(b - b'0'),
            b'a'..=b'f' => Ok(b - b'a' + 10),
            _ => Err(()),
        }
    }
    let bytes = s.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(());
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Ok(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_and_tampering_fails() {
        let r = FileRef {
            task: "clt".into(),
            stream: "RESULT".into(),
            page: Some(3),
            expires: 99,
        };
        let path = r.path(b"k");
        let sig = path.rsplit("sig=").next().unwrap_or_default().to_owned();
        assert!(r.verify(b"k", &sig));
        assert!(!r.verify(b"other key", &sig));
        assert!(
            !FileRef {
                page: Some(4),
                ..r.clone()
            }
            .verify(b"k", &sig)
        );
        assert!(!r.verify(b"k", "00"));
        assert!(!r.verify(b"k", "zz"));
        // One spelling per signature: upper case and a `+` for a leading zero do not verify.
        assert!(!r.verify(b"k", &sig.to_uppercase()));
        let plus: String = sig
            .as_bytes()
            .chunks(2)
            .map(|p| match p {
                [b'0', d] => format!("+{}", *d as char),
                _ => String::from_utf8_lossy(p).into_owned(),
            })
            .collect();
        if plus != sig {
            assert!(!r.verify(b"k", &plus));
        }
        assert_eq!(decode_hex("0aff"), Ok(vec![0x0a, 0xff]));
        assert_eq!(decode_hex("0AFF"), Err(()));
        assert_eq!(decode_hex("+a"), Err(()));
    }
}
