//! Failpoints in the write transaction (RELIABILITY.md, "Failpoints"). Compiled only into
//! debug builds (the ones `cargo test` runs): `DABIR_FAILPOINT=NAME:error` makes the write
//! fail at the point named NAME as an I/O error would, `NAME:panic` panics there. A
//! release build has no failpoint and never reads the variable.

use super::StoreError;

/// Every point, in the order a write passes them (docs/architecture.md, "The write
/// path", step 5).
pub const POINTS: &[&str] = &[
    "after-blobs",
    "after-tree",
    "before-ref",
    "after-ref",
    "before-worktree",
    "after-tempfile",
    "before-index",
];

/// Fail here when `DABIR_FAILPOINT` names this point.
#[cfg(debug_assertions)]
pub fn hit(name: &str) -> Result<(), StoreError> {
    debug_assert!(POINTS.contains(&name), "unknown failpoint {name}");
    let Ok(set) = std::env::var("DABIR_FAILPOINT") else {
        return Ok(());
    };
    match set.split_once(':') {
        Some((n, "panic")) if n == name => panic!("failpoint {name}"),
        Some((n, "error")) if n == name => Err(StoreError::Io {
            path: std::path::PathBuf::from(format!("failpoint {name}")),
            source: std::io::Error::other("injected by DABIR_FAILPOINT"),
        }),
        _ => Ok(()),
    }
}

/// Release builds: no failpoint.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn hit(_name: &str) -> Result<(), StoreError> {
    Ok(())
}
