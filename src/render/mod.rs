//! Output: view models rendered as text tables, CSV, JSON, or through tera templates.

pub mod escape;
pub mod format;
pub mod ics;
pub mod lists;
pub mod plan;
pub mod status;
pub mod table;
pub mod templates;
