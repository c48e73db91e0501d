//! The one integration-test binary: every test runs the real `dabir` binary in a
//! temporary directory with a cleared environment, a fixed clock and a fixed author.

mod common;

mod brief;
mod cache;
mod check;
mod guards;
mod locked;
mod print;
mod national;
mod rev;
mod rules;
mod schema;
mod sync;
mod write;
