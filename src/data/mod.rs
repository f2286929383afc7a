//! Reference data: the embedded defaults, `--data-dir` overrides, the raw typed files, and
//! the checked [`Catalog`] that every command computes from.

pub mod catalog;
pub mod check;
pub mod model;
pub mod units;

use std::path::Path;

use chrono::NaiveDate;

pub use catalog::{Catalog, Ix, Record};
pub use check::STALE_AFTER_MONTHS;

use crate::error::{Diagnostic, Error};
use crate::loader::Source;
use model::*;

/// The reference data files, in load order, with their embedded defaults.
pub const FILES: [(&str, &str); 10] = [
    (
        "credentials.yaml",
        include_str!("../../data/credentials.yaml"),
    ),
    (
        "renewal_rules.yaml",
        include_str!("../../data/renewal_rules.yaml"),
    ),
    (
        "programmes.yaml",
        include_str!("../../data/programmes.yaml"),
    ),
    (
        "competencies.yaml",
        include_str!("../../data/competencies.yaml"),
    ),
    (
        "backgrounds.yaml",
        include_str!("../../data/backgrounds.yaml"),
    ),
    ("settings.yaml", include_str!("../../data/settings.yaml")),
    ("careers.yaml", include_str!("../../data/careers.yaml")),
    ("outlook.yaml", include_str!("../../data/outlook.yaml")),
    ("code_sets.yaml", include_str!("../../data/code_sets.yaml")),
    (
        "assumptions.yaml",
        include_str!("../../data/assumptions.yaml"),
    ),
];

/// All reference data as read, with the sources it came from (for locating later errors).
pub struct DataSet {
    pub credentials: CredentialsFile,
    pub rules: RulesFile,
    pub programmes: ProgrammesFile,
    pub competencies: CompetenciesFile,
    pub backgrounds: BackgroundsFile,
    pub settings: SettingsFile,
    pub careers: CareersFile,
    pub outlook: OutlookFile,
    pub code_sets: CodeSetsFile,
    pub assumptions: AssumptionsFile,
    sources: Vec<Source>,
}

/// Which file a record lives in; indexes [`FILES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    Credentials,
    Rules,
    Programmes,
    Competencies,
    Backgrounds,
    Settings,
    Careers,
    Outlook,
    CodeSets,
    Assumptions,
}

impl DataSet {
    /// Loads the embedded data, with each file found in `dir` replacing its embedded twin.
    /// Every file is parsed before failing, so all syntax errors are reported at once.
    pub fn load(dir: Option<&Path>) -> Result<DataSet, Error> {
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(Error::Usage(format!(
                "--data-dir {}: not a directory",
                d.display()
            )));
        }
        let mut sources = Vec::with_capacity(FILES.len());
        for (name, embedded) in FILES {
            let path = dir.map(|d| d.join(name)).filter(|p| p.exists());
            sources.push(match path {
                Some(p) => Source::read(&p)?,
                None => Source::new(format!("data/{name} (embedded)"), embedded),
            });
        }
        let mut e = Vec::new();
        let parsed = (
            parse(&sources[0], &mut e),
            parse(&sources[1], &mut e),
            parse(&sources[2], &mut e),
            parse(&sources[3], &mut e),
            parse(&sources[4], &mut e),
            parse(&sources[5], &mut e),
            parse(&sources[6], &mut e),
            parse(&sources[7], &mut e),
            parse(&sources[8], &mut e),
            parse(&sources[9], &mut e),
        );
        match parsed {
            (
                Some(credentials),
                Some(rules),
                Some(programmes),
                Some(competencies),
                Some(backgrounds),
                Some(settings),
                Some(careers),
                Some(outlook),
                Some(code_sets),
                Some(assumptions),
            ) => Ok(DataSet {
                credentials,
                rules,
                programmes,
                competencies,
                backgrounds,
                settings,
                careers,
                outlook,
                code_sets,
                assumptions,
                sources,
            }),
            _ => Err(Error::Inputs(e)),
        }
    }

    /// The source a file was loaded from.
    pub fn source(&self, file: File) -> &Source {
        &self.sources[file as usize]
    }

    /// Each file with its `as_of` date.
    pub fn as_of_dates(&self) -> [(File, NaiveDate); 10] {
        [
            (File::Credentials, self.credentials.as_of),
            (File::Rules, self.rules.as_of),
            (File::Programmes, self.programmes.as_of),
            (File::Competencies, self.competencies.as_of),
            (File::Backgrounds, self.backgrounds.as_of),
            (File::Settings, self.settings.as_of),
            (File::Careers, self.careers.as_of),
            (File::Outlook, self.outlook.as_of),
            (File::CodeSets, self.code_sets.as_of),
            (File::Assumptions, self.assumptions.as_of),
        ]
    }

    /// Files whose `as_of` is more than [`STALE_AFTER_MONTHS`] before `as_of` (fees and rules
    /// change often).
    pub fn stale_files(&self, as_of: NaiveDate) -> Vec<(File, NaiveDate)> {
        let limit = crate::dates::sub_months(as_of, STALE_AFTER_MONTHS);
        self.as_of_dates()
            .into_iter()
            .filter(|(_, d)| *d < limit)
            .collect()
    }

    /// Files dated after `as_of` (a look at a past date): they may hold later rules.
    pub fn newer_files(&self, as_of: NaiveDate) -> Vec<(File, NaiveDate)> {
        self.as_of_dates()
            .into_iter()
            .filter(|(_, d)| *d > as_of)
            .collect()
    }
}

/// Parses one file, collecting its error instead of stopping.
fn parse<T: serde::de::DeserializeOwned>(src: &Source, errors: &mut Vec<Diagnostic>) -> Option<T> {
    src.parse().map_err(|ds| errors.extend(ds)).ok()
}
