//! afl target `name`: `dabir::fuzzing::name` on each input (`fuzz/run.sh name SECONDS`).
fn main() {
    afl::fuzz!(|data: &[u8]| dabir::fuzzing::name(data));
}
