//! The one integration-test binary: every test runs the real `dabir` binary in a
//! temporary directory with a cleared environment, a fixed clock and a fixed author.

mod common;

mod attach;
mod audit;
mod brief;
mod browser;
mod cache;
mod calendar;
mod check;
mod clerk;
mod export;
mod faults;
mod guards;
mod hostile;
mod locked;
mod long;
mod national;
mod print;
mod programme;
mod registry;
mod rev;
mod rules;
mod schema;
mod site;
mod sync;
mod write;
