//! Output: view models rendered as text tables, CSV, JSON, or through tera templates.

pub mod format;
pub mod lists;
pub mod table;
pub mod templates;
