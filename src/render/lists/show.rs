//! `data show`: one reference record in full — what it says, the records it links to, and
//! every source behind it — as a text table, Markdown or JSON (the record as written).

use serde::Serialize;
use serde_json::Value;

use super::kinds::{exam_summary, fees, length};
use crate::data::catalog::{self as rec, Ix};
use crate::data::model::{ExperienceKind, Source};
use crate::data::{Catalog, File, Record};
use crate::error::Error;
use crate::render::escape;
use crate::render::plan::tag;
use crate::render::table::Table;
use crate::render::words::{
    and_list, article, degree, delivery, education, num, or_list, usd_range,
};
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
                "{id}: no {what} has this id{hint} (`coderpath data list KIND` lists the ids)"
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

fn credential(cat: &Catalog, x: Ix<rec::Credential>) -> Shown<'_> {
    let c = cat.get(x);
    let mut f = Facts::default();
    f.add("Body", c.body.as_str());
    f.add("Kind", format!("{:?}", c.kind).to_lowercase());
    f.add("Settings", names(cat, c.settings.iter().copied()));
    f.add("Code sets", ids(cat, c.code_sets.iter().copied()));
    f.add("Exam tests", names(cat, c.competencies.iter().copied()));
    match &c.exam {
        Some(e) => {
            f.add("Exam", exam_summary(e));
            f.add(
                "Exam delivery",
                e.delivery
                    .iter()
                    .map(|d| delivery(*d))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            f.add("Exam fees", fees(e));
            f.add("Exam note", e.note.clone().unwrap_or_default());
        }
        None => f.add("Exam", "not found in the sources"),
    }
    f.flag("Membership needed", c.membership_required);
    match &c.eligibility {
        None => f.add("Eligibility", "not found in the sources"),
        Some(e) if e.required.is_empty() => f.add("Eligibility", "no proof needed"),
        Some(e) => f.add("Eligibility (one of)", routes(cat, &e.required)),
    }
    if let Some(e) = &c.eligibility {
        f.add("Recommended (one of)", routes(cat, &e.recommended));
        f.add("Eligibility note", e.note.clone().unwrap_or_default());
    }
    if let Some(a) = &c.apprentice {
        f.add("Apprentice designation", a.designation.clone());
        for r in &a.removal_routes {
            f.add(&format!("Apprentice removal ({})", r.id), removal(r));
        }
    }
    let prepares = those(cat, |p: &rec::Programme| p.prepares_for.contains(&x));
    f.add("Programmes preparing for it", ids(cat, prepares));
    let careers = those(cat, |k: &rec::Career| {
        k.credentials.contains(&x) || k.credentials_any.contains(&x)
    });
    f.add("Advancement paths", names(cat, careers));
    let books = those(cat, |r: &rec::Rulebook| r.body == c.body);
    f.add("Renewal rulebooks", ids(cat, books));
    f.add("Note", c.note.clone().unwrap_or_default());
    let mut parts: Vec<(&'static str, &[Source])> = Vec::new();
    if let Some(e) = &c.exam {
        parts.push(("exam", &e.sources));
    }
    if let Some(e) = &c.eligibility {
        parts.push(("eligibility", &e.sources));
    }
    if let Some(a) = &c.apprentice {
        parts.push(("apprentice status", &a.sources));
    }
    let record = raw(&cat.raw().credentials.credentials, |r| r.id == c.id);
    shown(
        cat,
        ShowKind::Credential,
        (&c.id, &c.name),
        File::Credentials,
        f,
        cite(&c.sources, &parts),
        record,
    )
}

/// Eligibility routes, "; or " between them.
fn routes(cat: &Catalog, rs: &[rec::Route]) -> String {
    rs.iter()
        .map(|r| route(cat, r))
        .collect::<Vec<_>>()
        .join("; or ")
}

/// One eligibility route: every condition it sets.
fn route(cat: &Catalog, r: &rec::Route) -> String {
    let mut parts = Vec::new();
    if let Some(e) = r.education {
        parts.push(format!("{} or higher", education(e)));
    }
    if let Some(m) = r.experience_months {
        let what = match r.experience {
            ExperienceKind::Coding => "coding",
            ExperienceKind::PrivacySecurity => "privacy or security",
        };
        parts.push(format!("{m} months' {what} experience"));
    }
    if !r.credentials_any.is_empty() {
        parts.push(format!(
            "holding one of {}",
            ids(cat, r.credentials_any.iter().copied())
        ));
    }
    if let Some(d) = r.accredited_degree {
        parts.push(degree(d).into());
    }
    if !r.coursework.is_empty() {
        parts.push(format!(
            "coursework in {}",
            names(cat, r.coursework.iter().copied())
        ));
    }
    let conditions = if parts.is_empty() {
        "no proof needed".into()
    } else {
        parts.join(", ")
    };
    with_note(conditions, r.note.as_deref())
}

/// "CONDITIONS — NOTE", or the conditions alone.
fn with_note(conditions: String, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("{conditions} — {n}"),
        None => conditions,
    }
}

/// One way out of apprentice status.
fn removal(r: &crate::data::model::RemovalRoute) -> String {
    let mut parts = Vec::new();
    if r.experience_months.get() > 0 {
        parts.push(format!("{} months' coding work", r.experience_months));
    }
    if let Some(h) = r.course_hours {
        let hours = num(h.get());
        parts.push(format!("{} {hours}-hour coding course", article(&hours)));
    }
    if r.practicode {
        parts.push("Practicode finished".into());
    }
    with_note(parts.join(", "), r.note.as_deref())
}

fn programme(cat: &Catalog, x: Ix<rec::Programme>) -> Shown<'_> {
    let p = cat.get(x);
    let written = cat
        .raw()
        .programmes
        .programmes
        .iter()
        .find(|r| r.id == p.id);
    let mut f = Facts::default();
    f.add(
        "Kind",
        match p.type_of {
            Some(t) => format!("a named example of {}", cat.get(t).id),
            None => match p.kind {
                crate::data::model::ProgrammeKind::Type => "a programme type".into(),
                crate::data::model::ProgrammeKind::Example => "a named example".into(),
            },
        },
    );
    f.add("Provider", p.provider.clone().unwrap_or_default());
    if let Some(l) = &p.location {
        f.add("Location", format!("{}, {}", l.city, l.state));
    }
    let mut how = p
        .delivery
        .iter()
        .map(|d| delivery(*d))
        .collect::<Vec<_>>()
        .join(", ");
    if p.self_paced {
        how.push_str(" (self-paced)");
    }
    f.add("Delivery", how);
    f.add("Length", written.map(length).unwrap_or_default());
    f.add(
        "Cost",
        p.cost_usd
            .map_or("not found".into(), |c| usd_range(c.min.get(), c.max.get())),
    );
    if let Some(c) = p.out_of_state_cost_usd {
        f.add("Out-of-state cost", usd_range(c.min.get(), c.max.get()));
    }
    f.add("Accreditation", p.accreditation.clone().unwrap_or_default());
    if let Some(d) = p.accredited_degree {
        f.add("Accredited award", degree(d));
    }
    if let Some(e) = p.grants {
        f.add("Awards", education(e));
    }
    f.add("Prepares for", ids(cat, p.prepares_for.iter().copied()));
    f.add("Covers", names(cat, p.competencies.iter().copied()));
    if let Some(h) = p.apprentice_course_hours {
        f.add(
            "Apprentice removal course",
            format!("{} hours", num(h.get())),
        );
    }
    if p.practicode {
        f.flag("Practicode included", true);
    }
    let mut pre = Vec::new();
    if let Some(e) = p.prerequisites.education {
        pre.push(education(e).to_string());
    }
    if let Some(g) = p.prerequisites.gpa {
        pre.push(format!("GPA {}", num(g)));
    }
    f.add("Entry requirements", pre.join(", "));
    let examples = those(cat, |q: &rec::Programme| q.type_of == Some(x));
    f.add("Named examples", ids(cat, examples));
    f.add("Note", p.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().programmes.programmes, |r| r.id == p.id);
    shown(
        cat,
        ShowKind::Programme,
        (&p.id, &p.name),
        File::Programmes,
        f,
        cite(&p.sources, &[]),
        record,
    )
}

fn setting(cat: &Catalog, x: Ix<rec::Setting>) -> Shown<'_> {
    let s = cat.get(x);
    let mut f = Facts::default();
    f.add(
        "Credentials (best first)",
        ids(cat, s.credentials.iter().copied()),
    );
    f.add("Code sets", ids(cat, s.code_sets.iter().copied()));
    f.add(
        "Competencies it needs",
        names(cat, s.competencies.iter().copied()),
    );
    f.add("Share of jobs", s.share_note.clone().unwrap_or_default());
    f.add("Note", s.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().settings.settings, |r| r.id == s.id);
    shown(
        cat,
        ShowKind::Setting,
        (&s.id, &s.name),
        File::Settings,
        f,
        cite(&s.sources, &[]),
        record,
    )
}

fn career(cat: &Catalog, x: Ix<rec::Career>) -> Shown<'_> {
    let c = cat.get(x);
    let mut f = Facts::default();
    f.add("Credentials", ids(cat, c.credentials.iter().copied()));
    if !c.credentials_any.is_empty() {
        f.add("Needs one of", ids(cat, c.credentials_any.iter().copied()));
    }
    if let Some(m) = c.experience_months {
        f.add("Experience", format!("{m} months"));
    }
    if let Some(e) = c.education {
        f.add("Education", education(e));
    }
    f.add(
        "Suits backgrounds",
        names(cat, c.suits_backgrounds.iter().copied()),
    );
    f.add("Note", c.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().careers.careers, |r| r.id == c.id);
    shown(
        cat,
        ShowKind::Career,
        (&c.id, &c.name),
        File::Careers,
        f,
        cite(&c.sources, &[]),
        record,
    )
}

fn competency(cat: &Catalog, x: Ix<rec::Competency>) -> Shown<'_> {
    let c = cat.get(x);
    let mut f = Facts::default();
    f.add(
        "Kind",
        match c.kind {
            crate::data::model::CompetencyKind::Topic => "course topic",
            crate::data::model::CompetencyKind::Skill => "job skill",
        },
    );
    let taught = those(cat, |p: &rec::Programme| p.competencies.contains(&x));
    f.add(
        "Taught by",
        if taught.is_empty() {
            "none in the data".into()
        } else {
            ids(cat, taught)
        },
    );
    let needed = those(cat, |s: &rec::Setting| s.competencies.contains(&x));
    f.add("Needed in", names(cat, needed));
    let tested = those(cat, |k: &rec::Credential| k.competencies.contains(&x));
    f.add("Tested by", ids(cat, tested));
    let covered = those(cat, |b: &rec::Background| b.credits.contains(&x));
    f.add("Covered by backgrounds", names(cat, covered));
    f.add("Note", c.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().competencies.competencies, |r| r.id == c.id);
    shown(
        cat,
        ShowKind::Competency,
        (&c.id, &c.name),
        File::Competencies,
        f,
        cite(&c.sources, &[]),
        record,
    )
}

fn background(cat: &Catalog, x: Ix<rec::Background>) -> Shown<'_> {
    let b = cat.get(x);
    let mut f = Facts::default();
    f.add("Covers", names(cat, b.credits.iter().copied()));
    let careers = those(cat, |c: &rec::Career| c.suits_backgrounds.contains(&x));
    f.add("Suits advancement paths", names(cat, careers));
    f.add("Note", b.note.clone().unwrap_or_default());
    let record = raw(&cat.raw().backgrounds.backgrounds, |r| r.id == b.id);
    shown(
        cat,
        ShowKind::Background,
        (&b.id, &b.name),
        File::Backgrounds,
        f,
        cite(&b.sources, &[]),
        record,
    )
}

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
