//! A person's own files: profile, CEU log and a counsellor's roster. Each is parsed strictly
//! and validated against the catalog; every problem is located.

pub mod append;
pub mod dedup;
pub mod import;
pub mod log;
mod problem;
pub mod profile;
pub mod roster;
pub mod within;

pub use problem::Problem;
