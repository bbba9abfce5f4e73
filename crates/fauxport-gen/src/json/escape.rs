//! JSON string escaping, eight bytes at a time.
//!
//! The escapes are serde_json's: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and `\u00xx` (lower-case
//! hex) for the other bytes below 0x20; DEL and non-ASCII text are written as they are.

/// One in every byte lane.
const LANES: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte lane.
const TOPS: u64 = 0x8080_8080_8080_8080;

/// The top bit of each byte lane of `word` that needs an escape (below 0x20, `"` or `\\`), and
/// maybe of lanes above the first such lane; zero when no byte needs one.
///
/// `(x - LANES*n) & !x & TOPS` flags the bytes of `x` below `n` (for `n <= 0x80`), and a byte
/// equals `c` when it is zero after `^ LANES*c`. A borrow only runs upwards, so the lowest flag is
/// always a true one: `trailing_zeros / 8` is the first byte to escape.
#[inline]
fn escape_lanes(word: u64) -> u64 {
    let below = |x: u64, n: u64| x.wrapping_sub(LANES * n) & !x;
    let control = below(word, 0x20);
    let quote = below(word ^ (LANES * u64::from(b'"')), 1);
    let backslash = below(word ^ (LANES * u64::from(b'\\')), 1);
    (control | quote | backslash) & TOPS
}

/// The escape letter of each byte that needs one (`u` for `\u00xx`); `0` for the others.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` as a quoted, escaped JSON string.
///
/// Written for a branch predictor as much as for instruction counts: most strings need no
/// escape, so they are copied first and checked as they go, in eight-byte words with no branch
/// but the loop's (the last word overlaps the one before, so no copy has a variable length);
/// only a string found to need an escape is written again, by [`write_escaped`].
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let start = out.len();
    let escapes = if let Some(last) = bytes.last_chunk::<8>() {
        let (words, rest) = bytes.as_chunks::<8>();
        let mut lanes = 0;
        for word in words {
            lanes |= escape_lanes(u64::from_le_bytes(*word));
            out.extend_from_slice(word);
        }
        // The last eight bytes, written over the part of them already written.
        out.truncate(out.len() + rest.len() - 8);
        out.extend_from_slice(last);
        lanes | escape_lanes(u64::from_le_bytes(*last))
    } else {
        let mut escapes = 0;
        for &byte in bytes {
            escapes |= ESCAPE[usize::from(byte)];
            out.push(byte);
        }
        u64::from(escapes)
    };
    if escapes != 0 {
        out.truncate(start);
        write_escaped(out, bytes);
    }
    out.push(b'"');
}

/// Appends `bytes` escaped (without the quotes): the text between escapes in one piece, found
/// eight bytes at a time. Lanes are only candidates (a borrow out of an escaped byte can flag the
/// lane above it), so each is checked against [`ESCAPE`].
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    // `bytes[run..i]` is checked and needs no escape.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes[i..].first_chunk::<8>() {
            let lanes = escape_lanes(u64::from_le_bytes(*word));
            if lanes == 0 {
                i += 8;
                continue;
            }
            i += (lanes.trailing_zeros() / 8) as usize;
        }
        let byte = bytes[i];
        let escape = ESCAPE[usize::from(byte)];
        if escape != 0 {
            out.extend_from_slice(&bytes[run..i]);
            if escape == b'u' {
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]]);
            } else {
                out.extend_from_slice(&[b'\\', escape]);
            }
            run = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_json_bytes(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).expect("a str serialises")
    }

    #[test]
    fn every_byte_below_0x80_escapes_as_serde_json_does() {
        for b in 0u8..0x80 {
            // The byte at every position of a word, and in the tail after it.
            for at in 0..12 {
                let mut text = "abcdefghijkl".to_string().into_bytes();
                text[at] = b;
                let text = String::from_utf8(text).expect("ASCII");
                let mut out = Vec::new();
                write_str(&mut out, &text);
                assert_eq!(out, serde_json_bytes(&text), "byte {b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn words_flag_exactly_the_bytes_that_need_escaping_and_the_first_of_them() {
        for b in 0u8..=0xFF {
            let word = u64::from_le_bytes([b'a', b'b', b, b'c', b'd', b'e', b'f', b'g']);
            let expected = b < 0x20 || b == b'"' || b == b'\\';
            assert_eq!(escape_lanes(word) != 0, expected, "byte {b:#04x}");
            if expected {
                assert_eq!(escape_lanes(word).trailing_zeros() / 8, 2, "byte {b:#04x}");
            }
        }
    }

    #[test]
    fn every_length_with_escapes_anywhere() {
        let alphabet = ["a", "\"", "\\", "\n", "\u{1}", "é", "\u{7f}"];
        for len in 0..20 {
            for seed in 0..40usize {
                let text: String = (0..len)
                    .map(|k| alphabet[(seed * 7 + k * k * 3 + k) % alphabet.len()])
                    .collect();
                let mut out = Vec::new();
                write_str(&mut out, &text);
                assert_eq!(out, serde_json_bytes(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn unicode_and_runs_of_escapes() {
        for text in [
            "",
            "é",
            "日本語のテキスト\n改行",
            "\"\"\"\"\"\"\"\"\"",
            "\\\n\t\r\u{7f}\u{1f}",
            "emoji 🦀 \u{2028}",
        ] {
            let mut out = Vec::new();
            write_str(&mut out, text);
            assert_eq!(out, serde_json_bytes(text), "{text:?}");
        }
    }
}
