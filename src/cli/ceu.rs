//! The `ceu` subcommands' arguments.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum, ValueHint};

use super::{
    CheckFormat, DEFAULT_PROFILE, ListFormat, PROFILE_ENV, ReportArgs, parse_body, parse_date,
};
use crate::data::model::Body;

/// `coderpath ceu …`
#[derive(Debug, Subcommand)]
pub enum CeuCommand {
    /// Where the person stands with each body: cycle, required/earned/remaining, sub-requirements, status, pace, fees
    #[command(
        after_help = "Examples:\n  coderpath ceu status examples/dual.yaml\n  coderpath ceu status examples/dual.yaml -o status.html"
    )]
    Status(ReportArgs),
    /// Append one entry to the CEU log, then show the new totals for each body
    #[command(
        after_help = "Examples:\n  coderpath ceu add examples/certified.yaml --date 2026-11-20 \\\n    --title \"Risk adjustment update\" --provider AAPC --ceus 1.5 --aapc-index AAPC-2026-1120 --topic icd10cm\n  coderpath ceu add examples/certified.yaml --dry-run --date 2026-11-20 --title T --provider P --ceus 1\n\nThe entry is appended at the end; every byte already in the log stays as it was. A log\npath works too (its totals then need the profile: `coderpath ceu status PROFILE`)."
    )]
    Add(AddArgs),
    /// Audit readiness of the log: silent and exit 0 when clean, located problems and exit 1 otherwise
    #[command(after_help = "Example:\n  coderpath ceu check examples/certified.yaml")]
    Check {
        /// The person's profile (its `ceu_log` is checked)
        #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
        profile: PathBuf,
        /// Output: located problems on stderr, or `{"ok", "diagnostics"}` as JSON on stdout
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Renewal dates as an iCalendar file: due dates, submission window, revocation, fees, code-set updates
    #[command(after_help = "Example:\n  coderpath ceu calendar examples/dual.yaml -o renewals.ics")]
    Calendar {
        /// The person's profile
        #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
        profile: PathBuf,
        /// Write the calendar here (atomically) instead of stdout
        #[arg(long, short, value_name = "FILE.ics", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
    },
    /// How requirements, deadlines and remaining CEUs change if a credential is added or dropped
    #[command(
        after_help = "Examples:\n  coderpath ceu what-if examples/certified.yaml --add CRC\n  coderpath ceu what-if examples/dual.yaml --drop CCS"
    )]
    WhatIf(WhatIfArgs),
    /// The log as a register: each entry's line, date, CEUs and, for each body, the cycle it
    /// counts in or why it does not
    #[command(
        after_help = "Examples:\n  coderpath ceu list examples/dual.yaml\n  coderpath ceu list examples/dual.yaml --body AHIMA --cycle current\n  coderpath ceu list examples/certified.yaml --provider aapc --format csv -o ceus.csv"
    )]
    List(CeuListArgs),
    /// Add entries from a spreadsheet or portal export (CSV with a header row), in one write
    #[command(
        after_help = "Examples:\n  coderpath ceu import examples/certified.yaml ceus.csv --dry-run\n  coderpath ceu import examples/certified.yaml export.csv --map \"Course Name=title\" --map \"Hours=ceus\"\n\nColumns are matched by header: date, title, provider and ceus are needed; aapc_index,\ntopics (ids separated by `;`), domain (hiim or other), ahima_sourced (yes/no) and\ncertificate are optional. Common spellings (\"Completion Date\", \"CEU Hours\", \"Sponsor\",\n\"Index #\", …) are understood; --map names the rest. Dates are YYYY-MM-DD or MM/DD/YYYY.\nEntries the log already has are skipped and listed; any bad row stops the import."
    )]
    #[command(allow_missing_positional = true)]
    Import(CeuImportArgs),
    /// Remove one entry or checkpoint (by its line, as `ceu list` shows it)
    #[command(
        after_help = "Examples:\n  coderpath ceu remove examples/certified.yaml --line 14\n  coderpath ceu remove examples/certified.yaml --line 14 --dry-run\n\nNames the entry (line, date, title, CEUs) it removes. Everything else in the log stays\nbyte for byte. Asks first unless --yes."
    )]
    Remove(CeuRemoveArgs),
}

/// Arguments of `ceu import`.
#[derive(Debug, Args)]
pub struct CeuImportArgs {
    /// The person's profile (its `ceu_log` gets the entries; `-` reads it from stdin), or the
    /// CEU log itself; with one path only, that path is the CSV
    #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
    pub profile: PathBuf,
    /// The CSV file (UTF-8, comma-separated, a header row first)
    #[arg(value_name = "FILE.csv", value_hint = ValueHint::FilePath)]
    pub csv: PathBuf,
    /// Read column COLUMN as FIELD (repeatable), e.g. --map "Course Name=title"
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Show what would be added and skipped; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `ceu remove`.
#[derive(Debug, Args)]
pub struct CeuRemoveArgs {
    /// The person's profile (its `ceu_log` is changed; `-` reads it from stdin, with --yes),
    /// or the CEU log itself
    #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
    pub profile: PathBuf,
    /// The line the entry or checkpoint starts on (the Line column of `ceu list`)
    #[arg(long, value_name = "N")]
    pub line: usize,
    /// Remove without asking
    #[arg(long, short)]
    pub yes: bool,
    /// Show what would be removed and the totals without it; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `ceu list`.
#[derive(Debug, Args)]
pub struct CeuListArgs {
    /// The person's profile (its `ceu_log` is listed)
    #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
    pub profile: PathBuf,
    /// Only this body's column (AAPC or AHIMA)
    #[arg(long, value_parser = parse_body)]
    pub body: Option<Body>,
    /// Entries dated in each body's current cycle, the previous one, or all
    #[arg(long, value_enum, default_value_t = CycleArg::All)]
    pub cycle: CycleArg,
    /// Only entries whose provider contains this text (any case)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub provider: Option<String>,
    /// Only entries tagged with this topic: a competency or credential id, e.g. cpt, CPMA
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Write the listing here (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

/// Cycles `ceu list` can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CycleArg {
    Current,
    Previous,
    All,
}

/// Arguments of `ceu add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The person's profile (its `ceu_log` gets the entry; created if missing; `-` reads it
    /// from stdin), or the CEU log itself (an existing one, or a new NAME.ceus.yaml)
    #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
    pub profile: PathBuf,
    /// When the CEUs were earned (completion date)
    #[arg(long, value_parser = parse_date)]
    pub date: NaiveDate,
    /// Course, webinar or event title as on the certificate
    #[arg(long, allow_hyphen_values = true)]
    pub title: String,
    /// Who gave it (sponsor on the certificate)
    #[arg(long, allow_hyphen_values = true)]
    pub provider: String,
    /// CEUs earned (more than 0, at most 60)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_typed)]
    pub ceus: Typed,
    /// AAPC approval index number (needed for the entry to count for AAPC)
    #[arg(long, value_name = "INDEX")]
    pub aapc_index: Option<String>,
    /// Competency or credential id the CEU relates to (repeatable), e.g. cpt, CPMA, CEMC
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// AHIMA domain: inside the HIIM domains, or other
    #[arg(long, value_enum)]
    pub domain: Option<DomainArg>,
    /// Given by AHIMA (incl. HCPro) or an AHIMA component state association
    #[arg(long)]
    pub ahima_sourced: bool,
    /// Certificate file: a path from the current folder, to a file within the log's folder
    /// (the log records it relative to its folder)
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub certificate: Option<PathBuf>,
    /// Show the entry that would be added; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// A number given on the command line, with the text typed (to echo it as typed: `1e400`
/// is read as infinity).
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub value: f64,
    pub text: String,
}

fn parse_typed(s: &str) -> Result<Typed, String> {
    s.trim()
        .parse::<f64>()
        .map(|value| Typed {
            value,
            text: s.to_string(),
        })
        .map_err(|_| format!("`{s}` is not a number"))
}

/// AHIMA domains on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DomainArg {
    Hiim,
    Other,
}

/// Arguments of `ceu what-if`.
#[derive(Debug, Args)]
pub struct WhatIfArgs {
    /// The person's profile
    #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
    pub profile: PathBuf,
    /// A credential to add (earned on --as-of); repeatable
    #[arg(long, value_name = "CREDENTIAL")]
    pub add: Vec<String>,
    /// A credential to drop; repeatable
    #[arg(long, value_name = "CREDENTIAL")]
    pub drop: Vec<String>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = WhatIfFormat::Text)]
    pub format: WhatIfFormat,
}

/// Formats of `ceu what-if`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhatIfFormat {
    Text,
    Json,
}
