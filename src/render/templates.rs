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
    /// Whether `layout.html` is the embedded one, which puts `body` into the page as it is:
    /// sections can then be rendered straight into the page (see [`Templates::page`]).
    embedded_layout: bool,
}

/// Stands for the body while `layout.html` is rendered around it: a noncharacter that no
/// text of ours holds, with a name. A page whose title holds it too is put together the
/// slow way.
const BODY: &str = "\u{fdd2}body\u{fdd2}";

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
        let mut embedded_layout = true;
        for (name, text) in EMBEDDED.into_iter().filter(|(name, _)| wanted(name)) {
            let path = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            let text = match &path {
                Some(p) => {
                    embedded_layout &= name != "layout.html";
                    std::fs::read_to_string(p).map_err(|source| Error::Read {
                        path: p.display().to_string(),
                        source,
                    })?
                }
                None => text.to_string(),
            };
            tera.add_raw_template(name, &text).map_err(|e| {
                let origin = path.map_or(format!("embedded {name}"), |p| p.display().to_string());
                Error::Template(format!("{origin}: {e}"))
            })?;
        }
        Ok(Templates {
            tera,
            embedded_layout,
        })
    }

    /// Renders template `name` with `model` as its context.
    pub fn render(&self, name: &str, model: &impl Serialize) -> Result<String, Error> {
        let mut out = Vec::new();
        self.render_into([name], model, [&mut out])?;
        utf8(out)
    }

    /// Renders each template of `names` with the same `model`, turned into a context once,
    /// at the end of the matching buffer of `outs`.
    pub fn render_into<const N: usize>(
        &self,
        names: [&str; N],
        model: &impl Serialize,
        outs: [&mut Vec<u8>; N],
    ) -> Result<(), Error> {
        let ctx = Context::from_serialize(model)
            .map_err(|e| Error::Template(format!("{}: {e}", names.join(", "))))?;
        for (name, out) in names.iter().zip(outs) {
            self.tera
                .render_to(name, &ctx, out)
                .map_err(|e| Error::Template(format!("{name}: {e}")))?;
        }
        Ok(())
    }

    /// One self-contained HTML page: `layout.html` around the sections that `body` renders
    /// at the end of the buffer it is given (with [`Templates::render_into`]). With the
    /// embedded layout they are rendered straight into the page, not copied there.
    pub fn page(
        &self,
        title: &str,
        body: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>,
    ) -> Result<String, Error> {
        let frame = if self.embedded_layout {
            Some(self.render("layout.html", &PageModel { title, body: BODY })?)
        } else {
            None
        };
        match frame.as_deref().and_then(|f| f.split_once(BODY)) {
            Some((head, tail)) if !tail.contains(BODY) => {
                let mut out = Vec::with_capacity(head.len() + tail.len() + 64 * 1024);
                out.extend_from_slice(head.as_bytes());
                body(&mut out)?;
                out.extend_from_slice(tail.as_bytes());
                utf8(out)
            }
            _ => {
                let mut sections = Vec::new();
                body(&mut sections)?;
                let body = utf8(sections)?;
                self.render("layout.html", &PageModel { title, body: &body })
            }
        }
    }
}

/// Rendered bytes as text (tera writes only text; anything else is a bug, reported).
pub fn utf8(bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes)
        .map_err(|e| Error::Template(format!("rendered text is not UTF-8: {e}")))
}

#[derive(Serialize)]
struct PageModel<'a> {
    title: &'a str,
    body: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page as `layout.html` renders it with the body given whole.
    fn slow_page(t: &Templates, title: &str, body: &str) -> String {
        t.render("layout.html", &PageModel { title, body }).unwrap()
    }

    #[test]
    fn sections_rendered_into_the_page_give_the_page_the_layout_renders() {
        let t = Templates::only(None, Some(&[])).unwrap();
        assert!(t.embedded_layout);
        let body = "<h1>Plan</h1>\n<p>R&amp;D</p>";
        for title in ["Report for Ana", "<b>&", BODY, "x \u{fdd2}body\u{fdd2} y"] {
            let page = t
                .page(title, |out| {
                    out.extend_from_slice(body.as_bytes());
                    Ok(())
                })
                .unwrap();
            assert_eq!(page, slow_page(&t, title, body), "{title:?}");
        }
    }

    #[test]
    fn an_overridden_layout_gets_the_body_whole() {
        let dir = tempfile::tempdir().unwrap();
        // This layout escapes the body and shows it twice: no splicing could give that.
        std::fs::write(
            dir.path().join("layout.html"),
            "<title>{{ title }}</title>{{ body }}|{{ body | upper }}",
        )
        .unwrap();
        let t = Templates::only(Some(dir.path()), Some(&[])).unwrap();
        assert!(!t.embedded_layout);
        let page = t
            .page("T", |out| {
                out.extend_from_slice(b"<p>a</p>");
                Ok(())
            })
            .unwrap();
        assert_eq!(
            page,
            "<title>T</title>&lt;p&gt;a&lt;/p&gt;|&lt;P&gt;A&lt;/P&gt;"
        );
    }
}
