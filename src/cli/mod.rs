//! The command line: subcommands and global flags (clap derive).

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint};

use crate::data::model::{Body, Delivery};
use crate::render::lists::ListKind;
use crate::render::lists::show::ShowKind;

mod ceu;
pub use ceu::*;

/// The environment variable that names the profile when a command's PROFILE is left out.
pub const PROFILE_ENV: &str = "CODERPATH_PROFILE";

/// The profile a command uses when neither PROFILE nor [`PROFILE_ENV`] is given.
pub const DEFAULT_PROFILE: &str = "profile.yaml";

/// The heading of the options every subcommand takes.
pub const GLOBAL_HEADING: &str = "Global options";

/// The heading of the options for people who edit the report templates.
pub const TEMPLATE_HEADING: &str = "Template authors";

/// Career-path planner and CEU tracker for US medical coders.
#[derive(Debug, Parser)]
#[command(
    name = "coderpath",
    version,
    about = "Career-path planner and CEU tracker for US medical coding specialists",
    long_about = "Career-path planner and CEU tracker for US medical coding specialists.\n\n\
        coderpath reads sourced reference data (AAPC and AHIMA credentials, renewal rules, \
        programmes, work settings, BLS outlook) and a person's own YAML files, and works offline.",
    after_help = "Examples:\n  coderpath plan examples/aspiring.yaml -o roadmap.html\n  \
        coderpath ceu status examples/dual.yaml\n  \
        coderpath report examples/roster.yaml --out reports/\n  \
        coderpath data list programmes --prepares-for CPC --delivery online --max-cost 4000\n\n\
        A command's PROFILE may be left out: then $CODERPATH_PROFILE names it, else\n\
        ./profile.yaml is used when it exists."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes, shown under their own heading in every subcommand's help.
#[derive(Debug, Args)]
#[command(next_help_heading = GLOBAL_HEADING)]
pub struct Global {
    /// Directory of reference data files; each file found there replaces its embedded twin
    #[arg(long, global = true, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub data_dir: Option<PathBuf>,
    /// Directory of templates; each file found there replaces the embedded one of the same
    /// name (`coderpath templates eject DIR` writes the defaults). `--format context` on plan,
    /// readiness and ceu status prints the data a template receives, as JSON
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        value_hint = ValueHint::DirPath,
        help_heading = TEMPLATE_HEADING
    )]
    pub templates: Option<PathBuf>,
    /// The date to plan and judge from, YYYY-MM-DD [default: today]
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Colour in terminal output (NO_COLOR turns `auto` off)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only errors and the requested output: no warnings, notes, summaries or progress
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Also say, on stderr, which files were loaded and which rulebooks and planning
    /// assumptions were used
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Follow paths inside person files (a profile's ceu_log, a roster's clients, a log's
    /// certificates) that lead outside the folder of the file naming them
    #[arg(long, global = true)]
    pub allow_outside: bool,
    /// Whether the command's PROFILE was left to its default, [`DEFAULT_PROFILE`] (set by
    /// [`parse`], not a flag).
    #[arg(skip)]
    pub profile_defaulted: bool,
}

/// Parses the command line (a usage error exits with clap's message and code 2), noting
/// whether the command's PROFILE was left to its default.
pub fn parse() -> Cli {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let mut leaf = &matches;
    while let Some((_, sub)) = leaf.subcommand() {
        leaf = sub;
    }
    cli.global.profile_defaulted = leaf.ids().any(|id| id == "profile")
        && leaf.value_source("profile") == Some(clap::parser::ValueSource::DefaultValue);
    cli
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Global {
    /// Whether to colour a stream, given whether that stream is a terminal.
    pub fn color_for(&self, is_terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    /// Whether diagnostics on stderr are coloured.
    pub fn stderr_color(&self) -> bool {
        self.color_for(std::io::stderr().is_terminal())
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::loader::ymd::parse(s)
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, list or show the reference data
    #[command(
        subcommand,
        after_help = "Examples:\n  coderpath data check\n  coderpath data list credentials --body AHIMA\n  coderpath data show CPC"
    )]
    Data(DataCommand),
    /// Check a profile, CEU log or roster
    #[command(
        subcommand,
        after_help = "Example:\n  coderpath profile check examples/roster.yaml"
    )]
    Profile(ProfileCommand),
    /// A dated, costed roadmap from a profile to a coding job and beyond
    #[command(after_help = "Examples:\n  coderpath plan examples/aspiring.yaml\n  \
        coderpath plan examples/aspiring.yaml -o roadmap.html --calendar roadmap.ics\n  \
        coderpath plan examples/aspiring.yaml --format json | jq .warnings")]
    Plan(PlanArgs),
    /// Job readiness: the competencies the target setting needs against those the person has
    #[command(after_help = "Example:\n  coderpath readiness examples/aspiring.yaml --format md")]
    Readiness(ReportArgs),
    /// Continuing education: status, log entries, audit checks, calendar and what-if
    #[command(
        subcommand,
        after_help = "Examples:\n  coderpath ceu status examples/certified.yaml\n  coderpath ceu check examples/certified.yaml"
    )]
    Ceu(CeuCommand),
    /// Reports for a counsellor's whole roster: one per client plus an overview (index.html, summary.csv)
    #[command(
        after_help = "Examples:\n  coderpath report examples/roster.yaml --out reports/\n  \
        coderpath report clients/ --out reports/ --json --jobs 4\n\n\
        The input is a roster file (counsellor, organisation, clients: paths or globs) or a\n\
        directory of profiles, its subfolders included (a subfolder not read, such as a link\n\
        to a folder, is named in a warning and in the overview). A broken client is listed as\n\
        failed with its error; every other report is still written, and the exit code is 1.\n\
        Ctrl-C stops between files: no temporary file is left, and the exit code is 130."
    )]
    Report(RosterArgs),
    /// Write a commented starter file: a profile (aspiring or certified) or a roster
    #[command(
        after_help = "Examples:\n  coderpath init aspiring profile.yaml\n  coderpath init roster counsellor/roster.yaml\n\n\
        The file validates as written. `init roster` also writes clients/first-client.yaml beside\n\
        the roster so its glob matches. Existing files are kept unless --force."
    )]
    Init {
        /// What to start
        #[arg(value_enum)]
        kind: InitKind,
        /// Where to write it [default: profile.yaml, certified.yaml or roster.yaml]
        #[arg(value_hint = ValueHint::FilePath)]
        path: Option<PathBuf>,
        /// Replace existing files
        #[arg(long)]
        force: bool,
    },
    /// Work with the report templates
    #[command(
        subcommand,
        after_help = "Example:\n  coderpath templates eject my-templates/\n\n\
        Template authors: `--templates DIR` uses the templates in DIR, and `--format context`\n\
        (plan, readiness, ceu status) prints the data a template receives, as JSON."
    )]
    Templates(TemplatesCommand),
    /// Print a shell completion script (offering the embedded data's ids)
    #[command(
        after_help = "Example:\n  coderpath completions bash > ~/.local/share/bash-completion/completions/coderpath\n\n\
        Credential ids (--target, --add, --drop, --prepares-for), setting ids (--setting),\n\
        topic ids (--topic), bodies (--body) and record ids (data show) come from the embedded\n\
        data; ids from --data-dir data are accepted all the same."
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder
    #[command(
        after_help = "Examples:\n  coderpath man > coderpath.1 && man ./coderpath.1\n  \
        coderpath man --out man/ && man man/coderpath-ceu-status.1"
    )]
    Man {
        /// Write coderpath.1 and a page for each command (coderpath-plan.1,
        /// coderpath-ceu-status.1, …) into DIR (created) instead of printing the top page
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        out: Option<PathBuf>,
    },
    /// Write a synthetic roster for benchmarks: N clients, half aspiring, half certified with 50-entry logs
    #[command(hide = true)]
    GenRoster {
        /// Number of clients
        count: usize,
        /// Directory to write roster.yaml and clients/ into
        dir: PathBuf,
    },
}

/// A report about one profile, to stdout or a file.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The person's profile (YAML); `-` reads it from standard input
    #[arg(env = PROFILE_ENV, default_value = DEFAULT_PROFILE, value_hint = ValueHint::FilePath)]
    pub profile: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Also write the milestones as an iCalendar file (RFC 5545)
    #[arg(long, value_name = "FILE.ics", value_hint = ValueHint::FilePath)]
    pub calendar: Option<PathBuf>,
    #[command(flatten)]
    pub changes: PlanChanges,
    /// Compare with another scenario, side by side (up to 2): changes as KEY=VALUE pairs
    /// separated by commas, keys budget, hours, setting, target, by, delivery
    /// (e.g. `--compare hours=20` `--compare delivery=on-campus,budget=6000`)
    #[arg(long, value_name = "CHANGES", help_heading = "What if (this run only)")]
    pub compare: Vec<String>,
}

/// Changes to the profile for one run: what-if questions, the profile file untouched.
#[derive(Debug, Clone, Default, Args, serde::Serialize)]
#[command(next_help_heading = "What if (this run only)")]
pub struct PlanChanges {
    /// Budget in US dollars
    #[arg(long, value_name = "USD", value_parser = dollars, allow_negative_numbers = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Study hours a week (1-80)
    #[arg(long, value_name = "HOURS", value_parser = weekly_hours, allow_negative_numbers = true)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Work setting wanted (`coderpath data list settings`)
    #[arg(long, value_name = "SETTING")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
    /// Target credential (`coderpath data list credentials`)
    #[arg(long, value_name = "CREDENTIAL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Date to be ready by (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<chrono::NaiveDate>,
    /// Study online or on campus (repeat for either)
    #[arg(long, value_enum)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delivery: Vec<DeliveryArg>,
}

/// Where a report goes and in which format.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the -o extension, else text]
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

/// Formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Md,
    Html,
    Json,
    /// The data the Markdown and HTML templates receive, as JSON (for template authors;
    /// documented under `--templates`)
    #[value(hide = true)]
    Context,
}

impl OutputArgs {
    /// The format asked for, else the one `-o`'s extension names, else text.
    pub fn resolve(&self) -> Result<ReportFormat, String> {
        if let Some(f) = self.format {
            return Ok(f);
        }
        let Some(path) = &self.output else {
            return Ok(ReportFormat::Text);
        };
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Ok(ReportFormat::Text),
            "md" | "markdown" => Ok(ReportFormat::Md),
            "html" | "htm" => Ok(ReportFormat::Html),
            "json" => Ok(ReportFormat::Json),
            _ => Err(format!(
                "cannot tell the format of {} from its extension; add --format text|md|html|json",
                path.display()
            )),
        }
    }
}

/// `coderpath data …`
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Validate the reference data: silent and exit 0 when clean, located problems and exit 1 otherwise
    #[command(
        after_help = "Example:\n  coderpath data check --data-dir my-data/ --as-of 2026-11-27"
    )]
    Check {
        /// Output: located problems on stderr, or `{"ok", "diagnostics"}` as JSON on stdout
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// List reference records as a table, Markdown, CSV or JSON (full records with sources)
    #[command(
        after_help = "Examples:\n  coderpath data list credentials --body AAPC\n  \
        coderpath data list programmes --prepares-for CPC --delivery online --max-cost 4000\n  \
        coderpath data list outlook --format csv > outlook.csv"
    )]
    List(ListArgs),
    /// One record in full with its sources: a credential, programme, setting, career, competency or background
    #[command(
        after_help = "Examples:\n  coderpath data show CPC\n  coderpath data show physician_office --format md\n  \
        coderpath data show CPC --format json | jq .record.sources\n\n\
        Ids are those `coderpath data list KIND` shows; they are matched exactly."
    )]
    Show(ShowArgs),
}

/// Arguments of `data show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id, e.g. CPC, physician_office, cpt
    pub id: String,
    /// Look only among this kind of record (for an id two kinds share)
    #[arg(long, value_enum)]
    pub kind: Option<ShowKind>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Formats `data show` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Md,
    /// `{"kind", "file", "record"}`: the record as written in the data, with its sources
    Json,
}

/// Arguments of `data list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list
    #[arg(value_enum)]
    pub kind: ListKind,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Only this body's records (credentials, programmes, rules, careers)
    #[arg(long, value_parser = parse_body)]
    pub body: Option<Body>,
    /// Only programmes that prepare for this credential, e.g. CPC
    #[arg(long, value_name = "CREDENTIAL")]
    pub prepares_for: Option<String>,
    /// Only programmes offered this way
    #[arg(long, value_enum)]
    pub delivery: Option<DeliveryArg>,
    /// Only programmes whose lowest known cost is at most this many US dollars
    #[arg(long, value_name = "USD")]
    pub max_cost: Option<f64>,
}

/// How the check commands report problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Located problems with the offending line, on stderr
    Text,
    /// `{"ok": bool, "diagnostics": [{file, line, column, severity, code, message, expected}]}` on stdout
    Json,
}

/// Formats `data list` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Md,
    Csv,
    Json,
}

/// Delivery modes a programme filter accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryArg {
    Online,
    #[value(alias = "on_campus")]
    OnCampus,
}

impl From<DeliveryArg> for crate::data::model::Study {
    fn from(d: DeliveryArg) -> Self {
        match d {
            DeliveryArg::Online => Self::Online,
            DeliveryArg::OnCampus => Self::OnCampus,
        }
    }
}

impl From<DeliveryArg> for Delivery {
    fn from(d: DeliveryArg) -> Self {
        match d {
            DeliveryArg::Online => Delivery::Online,
            DeliveryArg::OnCampus => Delivery::OnCampus,
        }
    }
}

/// A number given on the command line, or what was expected (a number such as `example`).
fn number(s: &str, example: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            format!("expected a number such as {example} (digits only: no `$`, commas or words)")
        })
}

fn dollars(s: &str) -> Result<f64, String> {
    number(s, "4000")
}

fn weekly_hours(s: &str) -> Result<f64, String> {
    number(s, "20")
}

fn parse_body(s: &str) -> Result<Body, String> {
    match s.to_ascii_uppercase().as_str() {
        "AAPC" => Ok(Body::AAPC),
        "AHIMA" => Ok(Body::AHIMA),
        _ => Err(format!("`{s}` is not a credentialing body (AAPC or AHIMA)")),
    }
}

/// `coderpath profile …`
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Validate profiles, CEU logs (*.ceus.yaml) and rosters: silent and exit 0 when clean
    #[command(
        after_help = "Example:\n  coderpath profile check examples/certified.yaml examples/roster.yaml"
    )]
    Check {
        /// Files to check; a profile's CEU log and a roster's clients are checked too
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        /// Output: located problems on stderr, or `{"ok", "diagnostics"}` as JSON on stdout
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct RosterArgs {
    /// A roster file, or a directory of profiles (its subfolders included)
    #[arg(value_hint = ValueHint::AnyPath)]
    pub input: PathBuf,
    /// Directory for the reports (created; an existing one not made by coderpath needs --force)
    #[arg(long, short = 'o', visible_alias = "output", value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
    /// Also write each client's report in this format (HTML and Markdown are always
    /// written)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportExtra>,
    /// The same as --format json
    #[arg(long)]
    pub json: bool,
    /// Worker threads [default: the number of CPUs]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Write into an existing directory that coderpath did not create, and remove the pages
    /// of clients no longer in the roster
    #[arg(long)]
    pub force: bool,
    /// Write summary.csv without the UTF-8 byte order mark (for tools that dislike it)
    #[arg(long)]
    pub no_bom: bool,
}

/// A client page format `report` writes besides HTML and Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportExtra {
    Json,
}

impl RosterArgs {
    /// Whether each client's report is also written as JSON.
    pub fn writes_json(&self) -> bool {
        self.json || self.format == Some(ReportExtra::Json)
    }
}

/// Starter files `init` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitKind {
    Aspiring,
    Certified,
    Roster,
}

/// `coderpath templates …`
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the embedded templates to DIR for editing; use them with --templates DIR
    #[command(
        after_help = "Example:\n  coderpath templates eject my-templates/\n  coderpath --templates my-templates/ plan examples/aspiring.yaml -o roadmap.html\n\n\
        A template receives the same data as `--format context` prints (plan, readiness, ceu status)."
    )]
    Eject {
        /// Directory to write into (created)
        #[arg(value_hint = ValueHint::DirPath)]
        dir: PathBuf,
        /// Replace files that exist
        #[arg(long)]
        force: bool,
    },
}
