//! Cache files: each written whole, atomically, by one build, headed by that build's
//! fingerprint and a checksum of the body, and read back only by the same build, so a
//! damaged, foreign or stale file reads as absent rather than as wrong data
//! (`RELIABILITY.md`, "Caches cannot lie"). Every cache is one: the write path's record
//! cache (`store::cache`, in chunks of its own), the check cache (`check::cache`), the
//! national roll-up's, `log`'s.

use std::hash::{Hash, Hasher};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What the files were written by: the version, the schemas, and this very executable
/// (its size and time), so a rebuilt dabir never trusts another build's parse or rules.
pub fn fingerprint() -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    LAYOUT.hash(&mut h);
    env!("CARGO_PKG_VERSION").hash(&mut h);
    if let Ok(m) = std::env::current_exe().and_then(std::fs::metadata) {
        m.len().hash(&mut h);
        m.modified().ok().hash(&mut h);
    }
    for (name, text) in crate::schema::FILES {
        name.hash(&mut h);
        text.hash(&mut h);
    }
    h.finish()
}

/// Bump when the header or the body of a cache file changes shape.
const LAYOUT: u32 = 4;

/// A cheap checksum of a cache file's body, so a damaged file reads as absent rather than
/// as wrong records (postcard would happily decode a flipped byte inside a string).
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = bytes.len() as u64 ^ K;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = (h ^ u64::from_le_bytes(w.try_into().expect("8 bytes")))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^ (h >> 32)
}

/// Read a cache file written by [`save_versioned`] by this same build: `None` when it is
/// absent, written by another build, damaged or not a `T`.
pub fn load_versioned<T: DeserializeOwned>(file: &Path) -> Option<T> {
    let bytes = std::fs::read(file).ok()?;
    let (build, rest) = postcard::take_from_bytes::<u64>(&bytes).ok()?;
    if build != fingerprint() {
        return None;
    }
    let (sum, body) = postcard::take_from_bytes::<u64>(rest).ok()?;
    if sum != checksum(body) {
        return None;
    }
    postcard::from_bytes(body).ok()
}

/// Write `body` to a cache file atomically (a temporary file renamed over it), headed by
/// the build fingerprint and a checksum.
pub fn save_versioned<T: Serialize + ?Sized>(file: &Path, body: &T) -> std::io::Result<()> {
    let body = postcard::to_stdvec(body).map_err(std::io::Error::other)?;
    let mut bytes = postcard::to_stdvec(&fingerprint()).map_err(std::io::Error::other)?;
    bytes.extend(postcard::to_stdvec(&checksum(&body)).map_err(std::io::Error::other)?);
    bytes.extend(body);
    let dir = file.parent().expect("cache dir");
    std::fs::create_dir_all(dir)?;
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
