//! coderpath: career-path planner and CEU tracker for US medical coding specialists.
//! The library never prints; `app` is the edge that does.

pub mod app;
pub mod cli;
pub mod data;
pub mod dates;
pub mod error;
pub mod loader;
pub mod person;
pub mod plan;
#[cfg(test)]
mod proptests;
pub mod render;
pub mod report;
pub mod rules;
#[cfg(test)]
mod testing;
pub mod track;
#[cfg(test)]
mod writer_proptests;
