//! A person's own files: profile, CEU log and a counsellor's roster. Each is parsed strictly
//! and validated against the reference data; every problem is located.

pub mod append;
pub mod dedup;
pub mod log;
pub mod profile;
pub mod roster;
pub mod within;
