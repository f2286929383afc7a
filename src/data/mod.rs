//! Reference data: the embedded defaults, `--data-dir` overrides, and cross-checks.

mod check;
pub mod model;

use std::path::Path;

use crate::error::{Diagnostic, Error};
use crate::loader::Source;
pub use check::check;
use chrono::NaiveDate;
use model::*;

/// The reference data files, in load order, with their embedded defaults.
pub const FILES: [(&str, &str); 9] = [
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
    ("settings.yaml", include_str!("../../data/settings.yaml")),
    ("careers.yaml", include_str!("../../data/careers.yaml")),
    ("outlook.yaml", include_str!("../../data/outlook.yaml")),
    ("code_sets.yaml", include_str!("../../data/code_sets.yaml")),
    (
        "assumptions.yaml",
        include_str!("../../data/assumptions.yaml"),
    ),
];

/// All reference data, parsed, with the sources it came from (for locating later errors).
pub struct DataSet {
    pub credentials: CredentialsFile,
    pub rules: RulesFile,
    pub programmes: ProgrammesFile,
    pub competencies: CompetenciesFile,
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
        let mut errors = Vec::new();
        let parsed = (
            parse(&sources[0], &mut errors),
            parse(&sources[1], &mut errors),
            parse(&sources[2], &mut errors),
            parse(&sources[3], &mut errors),
            parse(&sources[4], &mut errors),
            parse(&sources[5], &mut errors),
            parse(&sources[6], &mut errors),
            parse(&sources[7], &mut errors),
            parse(&sources[8], &mut errors),
        );
        match parsed {
            (Some(a), Some(b), Some(c), Some(d), Some(e), Some(f), Some(g), Some(h), Some(i)) => {
                Ok(DataSet {
                    credentials: a,
                    rules: b,
                    programmes: c,
                    competencies: d,
                    settings: e,
                    careers: f,
                    outlook: g,
                    code_sets: h,
                    assumptions: i,
                    sources,
                })
            }
            _ => Err(Error::Inputs(errors)),
        }
    }

    /// Loads and cross-checks; any error-level problem stops here.
    pub fn load_checked(dir: Option<&Path>, as_of: NaiveDate) -> Result<DataSet, Error> {
        let data = DataSet::load(dir)?;
        let errors: Vec<Diagnostic> = check(&data, as_of)
            .into_iter()
            .filter(|d| d.severity == crate::error::Severity::Error)
            .collect();
        if errors.is_empty() {
            Ok(data)
        } else {
            Err(Error::Inputs(errors))
        }
    }

    /// The source a file was loaded from.
    pub fn source(&self, file: File) -> &Source {
        &self.sources[file as usize]
    }

    /// Each file's name as shown in messages, with its `as_of` date.
    pub fn as_of_dates(&self) -> [(File, NaiveDate); 9] {
        [
            (File::Credentials, self.credentials.as_of),
            (File::Rules, self.rules.as_of),
            (File::Programmes, self.programmes.as_of),
            (File::Competencies, self.competencies.as_of),
            (File::Settings, self.settings.as_of),
            (File::Careers, self.careers.as_of),
            (File::Outlook, self.outlook.as_of),
            (File::CodeSets, self.code_sets.as_of),
            (File::Assumptions, self.assumptions.as_of),
        ]
    }

    /// Files whose `as_of` is more than two years before `as_of` (fees and rules change often).
    pub fn stale_files(&self, as_of: NaiveDate) -> Vec<(File, NaiveDate)> {
        let limit = as_of
            .checked_sub_months(chrono::Months::new(24))
            .unwrap_or(NaiveDate::MIN);
        self.as_of_dates()
            .into_iter()
            .filter(|(_, d)| *d < limit)
            .collect()
    }

    /// The programme with this id.
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.programmes.iter().find(|p| p.id == id)
    }

    /// The work setting with this id.
    pub fn setting(&self, id: &str) -> Option<&Setting> {
        self.settings.settings.iter().find(|s| s.id == id)
    }

    /// Ids a CEU entry's topics may use: competencies, and credentials (for discipline and
    /// specialty CEUs).
    pub fn topic_ids(&self) -> Vec<&str> {
        let competencies = self.competencies.competencies.iter().map(|c| c.id.as_str());
        competencies
            .chain(self.credentials.credentials.iter().map(|c| c.id.as_str()))
            .collect()
    }

    /// The credential with this id.
    pub fn credential(&self, id: &str) -> Option<&Credential> {
        self.credentials.credentials.iter().find(|c| c.id == id)
    }
}

/// Parses one file, collecting its error instead of stopping.
fn parse<T: serde::de::DeserializeOwned>(src: &Source, errors: &mut Vec<Diagnostic>) -> Option<T> {
    src.parse().map_err(|ds| errors.extend(ds)).ok()
}
