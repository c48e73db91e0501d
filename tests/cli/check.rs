//! `dabir check`: diagnostics, hostile input, exit codes.

use crate::common::*;

#[test]
fn not_a_repository_exits_3() {
    let env = TestEnv::new();
    let r = env.run(&["check", "-C", "."]);
    assert_eq!(r.code, 3, "{}", r.transcript());
}
