//! afl target `roundtrip`: `dabir::fuzzing::roundtrip` on each input (`fuzz/run.sh roundtrip SECONDS`).
fn main() {
    afl::fuzz!(|data: &[u8]| dabir::fuzzing::roundtrip(data));
}
