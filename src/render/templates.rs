//! The tera engine: embedded templates, each overridable by a file of the same name in
//! `--templates DIR`.

use std::path::Path;
use std::sync::OnceLock;

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
    /// The embedded layout rendered once around stand-ins for the title and the body, cut
    /// at them (`None` inside when they do not each appear once, title first).
    frame: OnceLock<Option<Frame>>,
}

/// `layout.html` cut around its title and body: `head`, the title escaped, `middle`, the
/// body, `tail`.
struct Frame {
    head: String,
    middle: String,
    tail: String,
}

/// Stand for the title and the body while `layout.html` is rendered around them:
/// noncharacters that no text of ours holds, with a name.
const TITLE: &str = "\u{fdd2}title\u{fdd2}";
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
            frame: OnceLock::new(),
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
    /// embedded layout, rendered once per run, they are rendered straight into the page.
    pub fn page(
        &self,
        title: &str,
        body: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>,
    ) -> Result<String, Error> {
        match self.frame()? {
            Some(f) => {
                let mut out = Vec::with_capacity(f.head.len() + f.tail.len() + 64 * 1024);
                out.extend_from_slice(f.head.as_bytes());
                super::code::html(title, &mut out)
                    .map_err(|e| Error::Template(format!("layout.html: {e}")))?;
                out.extend_from_slice(f.middle.as_bytes());
                body(&mut out)?;
                out.extend_from_slice(f.tail.as_bytes());
                utf8(out)
            }
            None => {
                let mut sections = Vec::new();
                body(&mut sections)?;
                let body = utf8(sections)?;
                self.render("layout.html", &PageModel { title, body: &body })
            }
        }
    }

    /// The embedded layout's [`Frame`], made on first use.
    fn frame(&self) -> Result<Option<&Frame>, Error> {
        if !self.embedded_layout {
            return Ok(None);
        }
        if let Some(frame) = self.frame.get() {
            return Ok(frame.as_ref());
        }
        let page = self.render(
            "layout.html",
            &PageModel {
                title: TITLE,
                body: BODY,
            },
        )?;
        let frame = page.split_once(TITLE).and_then(|(head, rest)| {
            let (middle, tail) = rest.split_once(BODY)?;
            let once = ![head, middle, tail]
                .iter()
                .any(|p| p.contains(TITLE) || p.contains(BODY));
            once.then(|| Frame {
                head: head.into(),
                middle: middle.into(),
                tail: tail.into(),
            })
        });
        Ok(self.frame.get_or_init(|| frame).as_ref())
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
        assert!(t.frame().unwrap().is_some());
        let body = format!("<h1>Plan</h1>\n<p>R&amp;D {TITLE}{BODY}</p>");
        let code = crate::render::code::code("a<b");
        for title in ["Report for Ana", "<b>&", BODY, TITLE, &code, "\u{fdd0}x"] {
            let page = t
                .page(title, |out| {
                    out.extend_from_slice(body.as_bytes());
                    Ok(())
                })
                .unwrap();
            assert_eq!(page, slow_page(&t, title, &body), "{title:?}");
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
