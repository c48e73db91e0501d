//! afl target `loader`: `dabir::fuzzing::loader` on each input (`fuzz/run.sh loader SECONDS`).
fn main() {
    afl::fuzz!(|data: &[u8]| dabir::fuzzing::loader(data));
}
