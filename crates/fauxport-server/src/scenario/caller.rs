//! Who is calling, as the call counters key a caller: a short digest, not the key itself.

/// Who is calling, for call counters: the first 128 bits of SHA-256 over the key and the
/// selector header, in hex.
pub(crate) fn digest(api_key: &str, header: &str) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    hasher.update(api_key.as_bytes());
    hasher.update([0x1f]);
    hasher.update(header.as_bytes());
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
