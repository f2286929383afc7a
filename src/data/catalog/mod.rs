//! The checked catalog: the reference data with every id indexed and every reference
//! resolved to a typed handle ([`Ix`]). Building it is `data check`: a data set that builds
//! cannot make a command fail, and compute code reads only the catalog.

mod build;
mod records;
mod reference;
mod rulebooks;

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::path::Path;

use chrono::NaiveDate;

pub use records::*;

use super::DataSet;
use super::model::{Assumptions, Body, InForceFor};
use crate::error::{Diagnostic, Error, Severity};

/// A handle to a record of kind `T` in a [`Catalog`]; valid for the catalog that made it.
pub struct Ix<T> {
    i: u32,
    kind: PhantomData<fn() -> T>,
}

impl<T> Ix<T> {
    fn new(i: usize) -> Self {
        Ix {
            i: i as u32,
            kind: PhantomData,
        }
    }

    fn index(self) -> usize {
        self.i as usize
    }
}

impl<T> Clone for Ix<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Ix<T> {}
impl<T> PartialEq for Ix<T> {
    fn eq(&self, o: &Self) -> bool {
        self.i == o.i
    }
}
impl<T> Eq for Ix<T> {}
impl<T> PartialOrd for Ix<T> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<T> Ord for Ix<T> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.i.cmp(&o.i)
    }
}
impl<T> Hash for Ix<T> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.i.hash(h)
    }
}
impl<T> fmt::Debug for Ix<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "#{}", self.i)
    }
}

/// A record kind the catalog stores in a table.
pub trait Record: Sized {
    /// The record's id as written in the data.
    fn id(&self) -> &str;
    /// The catalog's table of this kind.
    fn table(c: &Catalog) -> &[Self];
    /// The catalog's id index of this kind.
    fn index(c: &Catalog) -> &HashMap<String, Ix<Self>>;
}

/// The reference data, resolved and checked.
pub struct Catalog {
    raw: DataSet,
    credentials: Vec<Credential>,
    competencies: Vec<Competency>,
    backgrounds: Vec<Background>,
    settings: Vec<Setting>,
    programmes: Vec<Programme>,
    careers: Vec<Career>,
    code_sets: Vec<CodeSet>,
    rulebooks: Vec<Rulebook>,
    occupations: Vec<Occupation>,
    credential_ix: HashMap<String, Ix<Credential>>,
    competency_ix: HashMap<String, Ix<Competency>>,
    background_ix: HashMap<String, Ix<Background>>,
    setting_ix: HashMap<String, Ix<Setting>>,
    programme_ix: HashMap<String, Ix<Programme>>,
    career_ix: HashMap<String, Ix<Career>>,
    code_set_ix: HashMap<String, Ix<CodeSet>>,
    rulebook_ix: HashMap<String, Ix<Rulebook>>,
    occupation_ix: HashMap<String, Ix<Occupation>>,
}

macro_rules! record {
    ($t:ty, $table:ident, $index:ident) => {
        impl Record for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn table(c: &Catalog) -> &[Self] {
                &c.$table
            }
            fn index(c: &Catalog) -> &HashMap<String, Ix<Self>> {
                &c.$index
            }
        }
    };
}

record!(Credential, credentials, credential_ix);
record!(Competency, competencies, competency_ix);
record!(Background, backgrounds, background_ix);
record!(Setting, settings, setting_ix);
record!(Programme, programmes, programme_ix);
record!(Career, careers, career_ix);
record!(CodeSet, code_sets, code_set_ix);
record!(Rulebook, rulebooks, rulebook_ix);
record!(Occupation, occupations, occupation_ix);

impl Catalog {
    /// Loads the data (embedded, with `dir`'s files replacing their twins) and builds the
    /// catalog; any error-level problem stops here, warnings are returned beside it.
    pub fn load(dir: Option<&Path>, as_of: NaiveDate) -> Result<(Catalog, Vec<Diagnostic>), Error> {
        let raw = DataSet::load(dir)?;
        let (catalog, problems) = Catalog::check(raw, as_of);
        match catalog {
            Some(c) => Ok((c, problems)),
            None => Err(Error::Inputs(
                problems
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect(),
            )),
        }
    }

    /// Every problem in `raw` (errors first, then warnings), and the catalog when there is
    /// no error.
    pub fn check(raw: DataSet, as_of: NaiveDate) -> (Option<Catalog>, Vec<Diagnostic>) {
        build::build(raw, as_of)
    }

    /// The embedded data, built; for tests.
    #[cfg(test)]
    pub fn embedded() -> Catalog {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a real date");
        match Catalog::load(None, as_of) {
            Ok((c, _)) => c,
            Err(e) => panic!("embedded data does not build: {}", e.render(false)),
        }
    }

    /// The record a handle points at.
    pub fn get<T: Record>(&self, ix: Ix<T>) -> &T {
        &T::table(self)[ix.index()]
    }

    /// The handle of the record with this id.
    pub fn find<T: Record>(&self, id: &str) -> Option<Ix<T>> {
        T::index(self).get(id).copied()
    }

    /// Every record of a kind, in file order, with its handle.
    pub fn all<'a, T: Record + 'a>(&'a self) -> impl Iterator<Item = (Ix<T>, &'a T)> {
        T::table(self)
            .iter()
            .enumerate()
            .map(|(i, r)| (Ix::new(i), r))
    }

    /// Every id of a kind, in file order (for "did you mean" hints).
    pub fn ids<'a, T: Record + 'a>(&'a self) -> Vec<&'a str> {
        T::table(self).iter().map(Record::id).collect()
    }

    /// The raw data, as read (for listings and for locating records).
    pub fn raw(&self) -> &DataSet {
        &self.raw
    }

    /// The planning defaults.
    pub fn assumptions(&self) -> &Assumptions {
        &self.raw.assumptions.assumptions
    }

    /// The rulebook of `body` whose cycle rule places a cycle starting on `start`: the one
    /// with the latest `effective_from` on or before it.
    pub fn rulebook_for(&self, body: Body, start: NaiveDate) -> Option<&Rulebook> {
        self.rulebooks
            .iter()
            .filter(|r| r.body == body && r.effective_from <= start)
            .max_by_key(|r| r.effective_from)
    }

    /// The rulebook that judges a cycle of `body` from `start` to `end`: of those in force
    /// for it (starting on or before `start`, or for running cycles on or before `end`), the
    /// latest.
    pub fn rulebook_judging(
        &self,
        body: Body,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Option<&Rulebook> {
        self.rulebooks
            .iter()
            .filter(|r| {
                r.body == body
                    && r.effective_from
                        <= match r.in_force_for {
                            InForceFor::CyclesStarting => start,
                            InForceFor::CyclesRunning => end,
                        }
            })
            .max_by_key(|r| r.effective_from)
    }

    /// The earliest date any rulebook of `body` takes effect.
    pub fn oldest_rulebook(&self, body: Body) -> Option<NaiveDate> {
        self.rulebooks
            .iter()
            .filter(|r| r.body == body)
            .map(|r| r.effective_from)
            .min()
    }

    /// Ids a CEU entry's topics may use: competencies, and credentials (for discipline and
    /// specialty CEUs).
    pub fn topic_ids(&self) -> Vec<&str> {
        let mut ids = self.ids::<Competency>();
        ids.extend(self.ids::<Credential>());
        ids
    }
}
