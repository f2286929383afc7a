//! Typed reference data as written in `data/*.yaml`: one struct per record kind, parsed
//! strictly (unknown keys are errors) and serialised unchanged for `data list --format json`.
//! Cross-references are still ids here; [`crate::data::Catalog`] resolves them.

/// Reads an enumeration from one of its words, alternative spellings listed after the
/// canonical ones (so the reader's "one of" hint and "did you mean" name every spelling).
macro_rules! words {
    ($t:ty, { $($($w:literal)|+ => $v:expr),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const WORDS: &[&str] = &[$($($w),+),+];
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        write!(f, "one of: {}", WORDS.join(", "))
                    }
                    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, a: A) -> Result<$t, A::Error> {
                        use serde::de::VariantAccess;
                        let (word, rest): (String, _) = a.variant()?;
                        rest.unit_variant()?;
                        // Case does not matter: `GED` is `ged`.
                        match word.to_ascii_lowercase().as_str() {
                            $($($w)|+ => Ok($v),)+
                            _ => Err(serde::de::Error::unknown_variant(&word, WORDS)),
                        }
                    }
                }
                d.deserialize_enum(stringify!($t), WORDS, V)
            }
        }
    };
}

mod credentials;
mod programmes;
mod reference;
mod rules;

use serde::{Deserialize, Serialize};

pub use credentials::*;
pub use programmes::*;
pub use reference::*;
pub use rules::*;

/// Where a fact comes from.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Address of the page; absent only for the project's source article.
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    /// Date shown on the page or the year the figure refers to ("not shown" when absent).
    pub date: String,
    pub tag: SourceTag,
}

/// How much a source can be trusted.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SourceTag {
    Official,
    OfficialMirror,
    Gov,
    School,
    Secondary,
}

/// A credentialing body.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Body {
    AAPC,
    AHIMA,
}

impl Body {
    /// Both bodies, in display order.
    pub const ALL: [Body; 2] = [Body::AAPC, Body::AHIMA];

    /// The body's name as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Body::AAPC => "AAPC",
            Body::AHIMA => "AHIMA",
        }
    }
}

/// Education levels, lowest first. `ged` is read as `high_school` (it counts the same).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    None,
    HighSchool,
    Certificate,
    Associate,
    Bachelor,
    Master,
}

words!(Education, {
    "none" => Education::None,
    "high_school" => Education::HighSchool,
    "certificate" => Education::Certificate,
    "associate" => Education::Associate,
    "bachelor" => Education::Bachelor,
    "master" => Education::Master,
    "ged" => Education::HighSchool,
});

/// A CAHIIM-accredited health information management award, lowest first. A route asking
/// for one level is met by any higher one.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DegreeLevel {
    Associate,
    Bachelor,
    /// A post-baccalaureate HIM certificate (taken after a bachelor's in any field).
    PostBaccalaureate,
    Master,
}

/// How a programme or exam is delivered. YAML and the command line accept both spellings
/// (`on_campus`, `on-campus`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Online,
    OnCampus,
    TestCentre,
}

words!(Delivery, {
    "online" => Delivery::Online,
    "on_campus" => Delivery::OnCampus,
    "test_centre" => Delivery::TestCentre,
    "on-campus" => Delivery::OnCampus,
    "test-centre" => Delivery::TestCentre,
});

/// How a person wants to study (a profile's `preferences.delivery`): a programme's ways of
/// teaching, without the exam's test centre.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Study {
    Online,
    OnCampus,
}

words!(Study, {
    "online" => Study::Online,
    "on_campus" => Study::OnCampus,
    "on-campus" => Study::OnCampus,
});

impl From<Study> for Delivery {
    fn from(s: Study) -> Self {
        match s {
            Study::Online => Delivery::Online,
            Study::OnCampus => Delivery::OnCampus,
        }
    }
}

/// A `min`..`max` range of a bounded quantity.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Range<T> {
    pub min: T,
    pub max: T,
}
