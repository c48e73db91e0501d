//! The one integration-test binary: every test runs the real `dabir` binary in a
//! temporary directory with a cleared environment, a fixed clock and a fixed author.

mod common;

mod check;
mod write;
mod schema;
mod brief;
mod rev;
mod rules;
