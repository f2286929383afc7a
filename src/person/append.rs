//! Appending one entry to a CEU log as text, so every existing byte (comments, formatting)
//! stays as it was.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::log::{Domain, MAX_ENTRY_CEUS};

/// An entry to add, as given on the command line.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub date: NaiveDate,
    pub title: String,
    pub provider: String,
    pub ceus: f64,
    pub aapc_index: Option<String>,
    pub topics: Vec<String>,
    pub domain: Option<Domain>,
    pub ahima_sourced: bool,
    pub certificate: Option<PathBuf>,
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

impl NewEntry {
    /// Problems with the values themselves (before looking at the log).
    pub fn problems(&self, as_of: NaiveDate, known_topics: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push("--title is empty".into());
        }
        if self.provider.trim().is_empty() {
            out.push("--provider is empty".into());
        }
        if !(self.ceus.is_finite() && self.ceus > 0.0 && self.ceus <= MAX_ENTRY_CEUS) {
            out.push(format!(
                "--ceus {}: expected more than 0 and at most {MAX_ENTRY_CEUS}",
                self.ceus
            ));
        }
        if self.date > as_of {
            out.push(format!(
                "--date {} is after {as_of}; CEUs are logged once earned",
                self.date
            ));
        }
        for t in &self.topics {
            if !known_topics.contains(&t.as_str()) {
                let hint = crate::loader::closest(t, known_topics)
                    .map_or(String::new(), |b| format!(" (did you mean `{b}`?)"));
                out.push(format!(
                    "--topic {t}: not a competency or credential id{hint}"
                ));
            }
        }
        out
    }

    /// The entry as a block-sequence item, ending in a newline.
    pub fn to_yaml(&self) -> String {
        let mut s = format!(
            "- date: {}\n  title: {}\n  provider: {}\n  ceus: {}\n",
            self.date,
            quoted(&self.title),
            quoted(&self.provider),
            crate::data::units::plain(self.ceus)
        );
        if let Some(i) = &self.aapc_index {
            s.push_str(&format!("  aapc_index: {}\n", quoted(i)));
        }
        if !self.topics.is_empty() {
            s.push_str(&format!(
                "  topics: [{}]\n",
                self.topics
                    .iter()
                    .map(|t| quoted(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(d) = self.domain {
            s.push_str(&format!(
                "  domain: {}\n",
                if d == Domain::Hiim { "hiim" } else { "other" }
            ));
        }
        if self.ahima_sourced {
            s.push_str("  ahima_sourced: true\n");
        }
        if let Some(c) = &self.certificate {
            s.push_str(&format!(
                "  certificate: {}\n",
                quoted(&c.to_string_lossy())
            ));
        }
        s
    }
}

/// `existing` followed by `entry`, adding a line break first if the file lacks a final one.
pub fn append(existing: &str, entry: &str) -> String {
    let mut out = String::with_capacity(existing.len() + entry.len() + 1);
    out.push_str(existing);
    if !existing.is_empty() && !existing.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(entry);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_without_touching_existing_bytes() {
        let e = NewEntry {
            date: "2026-01-05".parse().unwrap(),
            title: "Q: \"E/M\" # not a comment".into(),
            provider: "AAPC".into(),
            ceus: 1.5,
            aapc_index: Some("X-1".into()),
            topics: vec!["cpt".into()],
            domain: Some(Domain::Hiim),
            ahima_sourced: false,
            certificate: None,
        };
        let old = "# my log\n- date: 2025-01-01 # first\n  title: A\n  provider: B\n  ceus: 1";
        let new = append(old, &e.to_yaml());
        assert!(new.starts_with(old));
        assert_eq!(
            &new[old.len()..],
            "\n- date: 2026-01-05\n  title: \"Q: \\\"E/M\\\" # not a comment\"\n  provider: \"AAPC\"\n  ceus: 1.5\n  aapc_index: \"X-1\"\n  topics: [\"cpt\"]\n  domain: hiim\n"
        );
        let items: Vec<super::super::log::Item> = crate::loader::Source::new("t", new.as_str())
            .parse()
            .unwrap();
        assert_eq!(
            items[1].title.as_deref(),
            Some("Q: \"E/M\" # not a comment")
        );
    }
}
