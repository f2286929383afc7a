//! Dated renewal rulebooks applied: where a body's cycles fall for a person and what a cycle
//! requires. Every figure and rule comes from the catalog's rulebooks; nothing here is a
//! number of a credentialing body.

pub mod cycles;
pub mod fees;
pub mod requirement;

pub use cycles::{Cycle, CycleAnchor, Cycles};
pub use requirement::{Minimum, MinimumKind, Proration, Required, ShareKind, ShareRule};
