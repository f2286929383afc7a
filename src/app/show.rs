//! `data show ID`: one reference record in full, with its sources.

use std::io::IsTerminal;

use chrono::NaiveDate;

use super::{emit, json, load_catalog, text_width};
use crate::cli::{Global, ShowArgs, ShowFormat};
use crate::error::Error;
use crate::render::lists::show::show;

pub(super) fn data_show(global: &Global, as_of: NaiveDate, args: &ShowArgs) -> Result<u8, Error> {
    let catalog = load_catalog(global, as_of)?;
    let shown = show(&catalog, &args.id, args.kind)?;
    let text = match args.format {
        ShowFormat::Text => shown.to_text(
            text_width(),
            global.color_for(std::io::stdout().is_terminal()),
        ),
        ShowFormat::Md => shown.to_md(),
        ShowFormat::Json => json(&shown),
    };
    emit(&text)
}
