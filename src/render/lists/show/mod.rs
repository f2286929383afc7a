//! `data show`: one reference record in full — what it says, the records it links to, and
//! every source behind it — as a text table, Markdown or JSON (the record as written).

use serde::Serialize;
use serde_json::Value;

use crate::data::catalog::{self as rec, Ix};
use crate::data::model::Source;
use crate::data::{Catalog, File, Record};
use crate::error::Error;
use crate::render::escape;
use crate::render::plan::tag;
use crate::render::table::Table;
use crate::render::words::{and_list, article, or_list};
use crate::render::wrap::wrap;

/// The kinds of record `data show` finds by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShowKind {
    Credential,
    Programme,
    Setting,
    Career,
    Competency,
    Background,
}

impl ShowKind {
    /// Every kind, in the order an id is looked up.
    pub const ALL: [ShowKind; 6] = [
        ShowKind::Credential,
        ShowKind::Programme,
        ShowKind::Setting,
        ShowKind::Career,
        ShowKind::Competency,
        ShowKind::Background,
    ];

    /// The kind in words: "credential", "programme", …
    pub fn word(self) -> &'static str {
        match self {
            ShowKind::Credential => "credential",
            ShowKind::Programme => "programme",
            ShowKind::Setting => "setting",
            ShowKind::Career => "career",
            ShowKind::Competency => "competency",
            ShowKind::Background => "background",
        }
    }

    /// The ids of this kind, in file order.
    pub fn ids(self, cat: &Catalog) -> Vec<&str> {
        match self {
            ShowKind::Credential => cat.ids::<rec::Credential>(),
            ShowKind::Programme => cat.ids::<rec::Programme>(),
            ShowKind::Setting => cat.ids::<rec::Setting>(),
            ShowKind::Career => cat.ids::<rec::Career>(),
            ShowKind::Competency => cat.ids::<rec::Competency>(),
            ShowKind::Background => cat.ids::<rec::Background>(),
        }
    }

    /// The record of this kind with this id, ready to print.
    fn shown<'c>(self, cat: &'c Catalog, id: &str) -> Option<Shown<'c>> {
        match self {
            ShowKind::Credential => cat.find(id).map(|x| credential(cat, x)),
            ShowKind::Programme => cat.find(id).map(|x| programme(cat, x)),
            ShowKind::Setting => cat.find(id).map(|x| setting(cat, x)),
            ShowKind::Career => cat.find(id).map(|x| career(cat, x)),
            ShowKind::Competency => cat.find(id).map(|x| competency(cat, x)),
            ShowKind::Background => cat.find(id).map(|x| background(cat, x)),
        }
    }
}

/// One record ready to print: its facts as label–value rows, its sources, and the record
/// as written in the data (what JSON gives).
#[derive(Debug, Serialize)]
pub struct Shown<'c> {
    pub kind: ShowKind,
    pub id: String,
    pub name: String,
    /// The data file the record was read from.
    pub file: String,
    #[serde(skip)]
    pub facts: Vec<(String, String)>,
    #[serde(skip)]
    pub sources: Vec<Cited<'c>>,
    /// The record as written in the data, sources included.
    pub record: Value,
}

/// A source, with the part of the record it stands behind ("" for the whole record).
#[derive(Debug)]
pub struct Cited<'c> {
    pub about: &'static str,
    pub source: &'c Source,
}

/// The record with this id (among `kind` only, when given). An unknown id, or one that
/// several kinds share, is a usage error that says what to type instead.
pub fn show<'c>(cat: &'c Catalog, id: &str, kind: Option<ShowKind>) -> Result<Shown<'c>, Error> {
    let kinds = kind.map_or(ShowKind::ALL.to_vec(), |k| vec![k]);
    let mut found: Vec<Shown> = kinds.iter().filter_map(|k| k.shown(cat, id)).collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            let known: Vec<&str> = kinds.iter().flat_map(|k| k.ids(cat)).collect();
            let what = or_list(
                &kinds
                    .iter()
                    .map(|k| k.word().to_string())
                    .collect::<Vec<_>>(),
            );
            let hint = crate::loader::closest(id, &known)
                .map_or(String::new(), |b| format!("; did you mean {b}?"));
            Err(Error::Usage(format!(
                "{id}: no {what} has this id{hint} ({} lists the ids)",
                crate::render::code::code("coderpath data list KIND")
            )))
        }
        _ => {
            let words: Vec<String> = found.iter().map(|s| s.kind.word().to_string()).collect();
            let named: Vec<String> = words
                .iter()
                .map(|w| format!("{} {w}", article(w)))
                .collect();
            Err(Error::Usage(format!(
                "{id} is {}; add --kind {}",
                and_list(&named),
                or_list(&words)
            )))
        }
    }
}

impl Shown<'_> {
    /// A terminal table of the facts, then the numbered sources.
    pub fn to_text(&self, width: u16, color: bool) -> String {
        let table = Table {
            title: format!("{}: {}", self.id, self.name),
            note: self.note(),
            columns: vec!["About".into(), "Value".into()],
            rows: self
                .facts
                .iter()
                .map(|(l, v)| vec![l.clone(), v.clone()])
                .collect(),
        };
        let mut out = table.to_text(width, color);
        out.push_str(&format!("\nSources ({})\n", self.sources.len()));
        let w = usize::from(width);
        for (i, c) in self.sources.iter().enumerate() {
            let number = format!("{:>3}. ", i + 1);
            out.push_str(&wrap(&cited(c), w, &number, "     "));
            if let Some(url) = &c.source.url {
                out.push_str(&wrap(url, w, "     ", "     "));
            }
        }
        out
    }

    /// A Markdown section: heading, the facts as a table, the sources as a numbered list.
    pub fn to_md(&self) -> String {
        let mut out = format!(
            "# {}: {}\n\n{}\n\n| About | Value |\n| --- | --- |\n",
            escape::md(&self.id),
            escape::md(&self.name),
            escape::md(&self.note())
        );
        for (label, value) in &self.facts {
            out.push_str(&format!(
                "| {} | {} |\n",
                escape::md(label),
                escape::md(value)
            ));
        }
        out.push_str("\n## Sources\n\n");
        for (i, c) in self.sources.iter().enumerate() {
            let title = escape::md(&c.source.title);
            let linked = match &c.source.url {
                Some(url) => format!("[{title}](<{}>)", md_destination(url)),
                None => title,
            };
            let about = if c.about.is_empty() {
                String::new()
            } else {
                format!("{}: ", c.about)
            };
            out.push_str(&format!(
                "{}. {about}{linked} ({}, {})\n",
                i + 1,
                tag(c.source.tag),
                escape::md(&c.source.date)
            ));
        }
        out
    }

    /// What the record is and where it was read from.
    fn note(&self) -> String {
        let w = self.kind.word();
        format!("{} {w}, from {}.", capitalised(article(w)), self.file)
    }
}

/// "exam: Title (official, 2025-01-10)".
fn cited(c: &Cited) -> String {
    let about = if c.about.is_empty() {
        String::new()
    } else {
        format!("{}: ", c.about)
    };
    format!(
        "{about}{} ({}, {})",
        c.source.title,
        tag(c.source.tag),
        c.source.date
    )
}

/// A URL inside `<…>` as a Markdown link destination: the characters that would end it
/// (`<`, `>`, line breaks) percent-encoded.
fn md_destination(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' => "%3C".into(),
            '>' => "%3E".into(),
            c if c.is_whitespace() || c.is_control() => format!("%{:02X}", c as u32 & 0xff),
            c => c.to_string(),
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Label–value rows; empty values are left out.
#[derive(Default)]
struct Facts(Vec<(String, String)>);

impl Facts {
    fn add(&mut self, label: &str, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.0.push((label.into(), value));
        }
    }

    fn flag(&mut self, label: &str, yes: bool) {
        self.add(label, if yes { "yes" } else { "no" });
    }
}

/// A record kind with a human name beside its id.
trait Named: Record {
    fn name(&self) -> &str;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn name(&self) -> &str {
                &self.name
            }
        }
    )*};
}

named!(
    rec::Credential,
    rec::Programme,
    rec::Setting,
    rec::Career,
    rec::Competency,
    rec::Background
);

/// Ids, comma-separated: "CPC, CCS".
fn ids<T: Record>(cat: &Catalog, xs: impl IntoIterator<Item = Ix<T>>) -> String {
    xs.into_iter()
        .map(|x| cat.get(x).id().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names with their ids, comma-separated: "CPT procedure coding (cpt)".
fn names<T: Named>(cat: &Catalog, xs: impl IntoIterator<Item = Ix<T>>) -> String {
    xs.into_iter()
        .map(|x| {
            let r = cat.get(x);
            format!("{} ({})", r.name(), r.id())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Handles of the records of kind `T` that `keep` accepts.
fn those<'c, T: Record + 'c>(cat: &'c Catalog, keep: impl Fn(&T) -> bool) -> Vec<Ix<T>> {
    cat.all::<T>()
        .filter(|(_, r)| keep(r))
        .map(|(x, _)| x)
        .collect()
}

/// Sources of the whole record, then those of its parts.
fn cite<'c>(whole: &'c [Source], parts: &[(&'static str, &'c [Source])]) -> Vec<Cited<'c>> {
    let mut out: Vec<Cited> = whole
        .iter()
        .map(|s| Cited {
            about: "",
            source: s,
        })
        .collect();
    for (about, sources) in parts {
        out.extend(sources.iter().map(|s| Cited { about, source: s }));
    }
    out
}

/// The record as written in the data, as JSON.
fn raw<T: Serialize>(items: &[T], id: impl Fn(&T) -> bool) -> Value {
    items
        .iter()
        .find(|r| id(r))
        .and_then(|r| serde_json::to_value(r).ok())
        .unwrap_or(Value::Null)
}

fn shown<'c>(
    cat: &'c Catalog,
    kind: ShowKind,
    (id, name): (&str, &str),
    file: File,
    facts: Facts,
    sources: Vec<Cited<'c>>,
    record: Value,
) -> Shown<'c> {
    Shown {
        kind,
        id: id.into(),
        name: name.into(),
        file: cat.raw().source(file).name().into(),
        facts: facts.0,
        sources,
        record,
    }
}

mod records;
use records::{background, career, competency, credential, programme, setting};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_of_every_kind_shows_with_its_sources() {
        let cat = Catalog::embedded();
        for kind in ShowKind::ALL {
            for id in kind.ids(&cat) {
                let s = show(&cat, id, Some(kind)).expect("a listed id shows");
                assert_eq!((s.kind, s.id.as_str()), (kind, id));
                assert!(s.record.is_object(), "{id}: the record as written");
                assert!(!s.to_text(100, false).is_empty());
                assert!(s.to_md().starts_with("# "));
            }
        }
        let cpc = show(&cat, "CPC", None).expect("CPC");
        assert!(!cpc.sources.is_empty());
        assert!(cpc.to_text(100, false).contains("Sources ("));
    }

    #[test]
    fn an_unknown_id_suggests_the_closest() {
        let cat = Catalog::embedded();
        let Err(Error::Usage(m)) = show(&cat, "CPCC", None) else {
            panic!("a usage error")
        };
        assert!(m.contains("did you mean CPC?"), "{m}");
        let Err(Error::Usage(m)) = show(&cat, "CPC", Some(ShowKind::Setting)) else {
            panic!("a usage error")
        };
        assert!(m.contains("no setting has this id"), "{m}");
    }

    #[test]
    fn markdown_link_destinations_cannot_be_closed_early() {
        assert_eq!(md_destination("https://x/a b>c"), "https://x/a%20b%3Ec");
    }
}
