//! The tera engine: embedded templates, each overridable by a file of the same name in
//! `--templates DIR`.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use crate::error::Error;

/// The embedded templates, by name; the extension decides escaping (`.html` is escaped,
/// code in coderpath's words becoming `<code>`). Besides tera's filters, templates have
/// `md` (text for Markdown) and `count` (`{{ n | count(one="CEU", many="CEUs") }}`).
/// HTML report templates are page sections; `layout.html` wraps them into one
/// self-contained page (context: `title`, `body`).
pub const EMBEDDED: [(&str, &str); 13] = [
    // First: a template can only include one added before it (`index.html` includes it).
    ("layout.html", include_str!("../../templates/layout.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("compare.md", include_str!("../../templates/compare.md")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "report-client.html",
        include_str!("../../templates/report-client.html"),
    ),
    (
        "report-client.md",
        include_str!("../../templates/report-client.md"),
    ),
    ("list.md", include_str!("../../templates/list.md")),
    ("plan.md", include_str!("../../templates/plan.md")),
    ("plan.html", include_str!("../../templates/plan.html")),
    ("readiness.md", include_str!("../../templates/readiness.md")),
    (
        "readiness.html",
        include_str!("../../templates/readiness.html"),
    ),
    ("status.md", include_str!("../../templates/status.md")),
    ("status.html", include_str!("../../templates/status.html")),
];

/// Compiled templates.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Compiles the embedded templates, replacing any that `dir` holds a file for.
    pub fn new(dir: Option<&Path>) -> Result<Self, Error> {
        Self::only(dir, None)
    }

    /// Compiles `layout.html` and the templates `names` (all when `None`): a command that
    /// renders one section need not compile the rest.
    pub fn only(dir: Option<&Path>, names: Option<&[&str]>) -> Result<Self, Error> {
        let mut tera = Tera::new();
        tera.register_filter("md", super::escape::md_filter);
        tera.register_filter("count", super::words::count_filter);
        tera.set_escape_fn(super::code::html);
        let wanted = |name: &str| name == "layout.html" || names.is_none_or(|n| n.contains(&name));
        for (name, text) in EMBEDDED.into_iter().filter(|(name, _)| wanted(name)) {
            let path = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            let text = match &path {
                Some(p) => std::fs::read_to_string(p).map_err(|source| Error::Read {
                    path: p.display().to_string(),
                    source,
                })?,
                None => text.to_string(),
            };
            tera.add_raw_template(name, &text).map_err(|e| {
                let origin = path.map_or(format!("embedded {name}"), |p| p.display().to_string());
                Error::Template(format!("{origin}: {e}"))
            })?;
        }
        Ok(Templates { tera })
    }

    /// Renders template `name` with `model` as its context.
    pub fn render(&self, name: &str, model: &impl Serialize) -> Result<String, Error> {
        let [out] = self.render_each([name], model)?;
        Ok(out)
    }

    /// Renders each template of `names` with the same `model`, turned into a context once.
    pub fn render_each<const N: usize>(
        &self,
        names: [&str; N],
        model: &impl Serialize,
    ) -> Result<[String; N], Error> {
        let ctx = Context::from_serialize(model)
            .map_err(|e| Error::Template(format!("{}: {e}", names.join(", "))))?;
        let mut out: [String; N] = std::array::from_fn(|_| String::new());
        for (name, slot) in names.iter().zip(&mut out) {
            *slot = self
                .tera
                .render(name, &ctx)
                .map_err(|e| Error::Template(format!("{name}: {e}")))?;
        }
        Ok(out)
    }

    /// One self-contained HTML page: `layout.html` around already-rendered sections.
    pub fn page(&self, title: &str, sections: &[String]) -> Result<String, Error> {
        let page = PageModel {
            title,
            body: sections.join("\n"),
        };
        self.render("layout.html", &page)
    }
}

#[derive(Serialize)]
struct PageModel<'a> {
    title: &'a str,
    body: String,
}
