//! afl target `date`: `dabir::fuzzing::date` on each input (`fuzz/run.sh date SECONDS`).
fn main() {
    afl::fuzz!(|data: &[u8]| dabir::fuzzing::date(data));
}
