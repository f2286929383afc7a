//! Reference data: the embedded defaults, `--data-dir` overrides, the raw typed files, and
//! the checked [`Catalog`] that every command computes from.

pub mod catalog;
pub mod check;
pub mod model;
pub mod states;
pub mod units;

use std::path::Path;

use chrono::NaiveDate;

pub use catalog::{Catalog, Ix, Record};
pub use check::STALE_AFTER_MONTHS;

use crate::error::{Diagnostic, Error};
use crate::loader::Source;
use model::*;

/// Declares [`FILES`] and their JSON twins from the files' stems, in load order.
macro_rules! files {
    ($($stem:literal),* $(,)?) => {
        /// The reference data files, in load order, with their embedded defaults.
        pub const FILES: [(&str, &str); 10] = [$((
            concat!($stem, ".yaml"),
            include_str!(concat!("../../data/", $stem, ".yaml")),
        )),*];

        /// The embedded files as JSON, converted at build time (`build.rs`): reading JSON
        /// is several times quicker than reading YAML.
        const JSON: [&str; 10] = [$(include_str!(concat!(env!("OUT_DIR"), "/", $stem, ".json"))),*];
    };
}

files!(
    "credentials",
    "renewal_rules",
    "programmes",
    "competencies",
    "backgrounds",
    "settings",
    "careers",
    "outlook",
    "code_sets",
    "assumptions",
);

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
            let what = if d.symlink_metadata().is_err() {
                "no such folder"
            } else {
                "not a folder"
            };
            return Err(Error::Usage(format!("--data-dir {}: {what}", d.display())));
        }
        let mut sources = Vec::with_capacity(FILES.len());
        // The JSON of each file that is not overridden.
        let mut json = [None; 10];
        for (i, (name, embedded)) in FILES.into_iter().enumerate() {
            // Anything by that name replaces the embedded file, so a link to nothing is
            // reported rather than passed over.
            let path = dir
                .map(|d| d.join(name))
                .filter(|p| p.symlink_metadata().is_ok());
            sources.push(match path {
                Some(p) => Source::read(&p)?,
                None => {
                    json[i] = Some(JSON[i]);
                    Source::new(format!("data/{name} (embedded)"), embedded)
                }
            });
        }
        let mut e = Vec::new();
        let parsed = (
            parse(&sources[0], json[0], &mut e),
            parse(&sources[1], json[1], &mut e),
            parse(&sources[2], json[2], &mut e),
            parse(&sources[3], json[3], &mut e),
            parse(&sources[4], json[4], &mut e),
            parse(&sources[5], json[5], &mut e),
            parse(&sources[6], json[6], &mut e),
            parse(&sources[7], json[7], &mut e),
            parse(&sources[8], json[8], &mut e),
            parse(&sources[9], json[9], &mut e),
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

/// Reads one file from its JSON twin when it has one, else parses it, collecting its errors
/// instead of stopping. JSON that does not read (never for the embedded files: the test
/// `embedded_json_matches_yaml`) falls back to the YAML, which reports the problem.
fn parse<T: serde::de::DeserializeOwned>(
    src: &Source,
    json: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    if let Some(Ok(t)) = json.map(serde_json::from_str) {
        return Some(t);
    }
    src.parse().map_err(|ds| errors.extend(ds)).ok()
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;

    /// File `i` read from its JSON twin and from its YAML, each as it serializes.
    fn both_ways<T: DeserializeOwned + Serialize>(
        i: usize,
    ) -> (serde_json::Value, serde_json::Value) {
        let (name, yaml) = FILES[i];
        let from_json: T = serde_json::from_str(JSON[i])
            .unwrap_or_else(|e| panic!("{name}: the build-time JSON does not read: {e}"));
        let from_yaml: T = Source::new(name, yaml)
            .parse()
            .expect("the embedded data parses");
        let value = |t: &T| serde_json::to_value(t).expect("the data serializes");
        (value(&from_json), value(&from_yaml))
    }

    #[test]
    fn embedded_json_matches_yaml() {
        let pairs = [
            both_ways::<CredentialsFile>(File::Credentials as usize),
            both_ways::<RulesFile>(File::Rules as usize),
            both_ways::<ProgrammesFile>(File::Programmes as usize),
            both_ways::<CompetenciesFile>(File::Competencies as usize),
            both_ways::<BackgroundsFile>(File::Backgrounds as usize),
            both_ways::<SettingsFile>(File::Settings as usize),
            both_ways::<CareersFile>(File::Careers as usize),
            both_ways::<OutlookFile>(File::Outlook as usize),
            both_ways::<CodeSetsFile>(File::CodeSets as usize),
            both_ways::<AssumptionsFile>(File::Assumptions as usize),
        ];
        for (i, (json, yaml)) in pairs.into_iter().enumerate() {
            assert_eq!(json, yaml, "{}", FILES[i].0);
        }
    }
}
