//! `roster.yaml`: a counsellor's list of client profiles (paths or globs, relative to the roster).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::loader::Source;

/// A counsellor's roster as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    pub counsellor: String,
    #[serde(default)]
    pub organisation: Option<String>,
    /// Profile paths or glob patterns, relative to the roster file.
    pub clients: Vec<String>,
}

impl Roster {
    /// Parses a roster and expands its client list into profile paths, in listed order
    /// (each glob's matches sorted), without duplicates.
    pub fn load(src: &Source) -> Result<(Roster, Vec<PathBuf>), Vec<Diagnostic>> {
        let roster: Roster = src.parse()?;
        let dir = Path::new(src.name()).parent().unwrap_or(Path::new("."));
        let mut paths = Vec::new();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        if roster.clients.is_empty() {
            out.push(
                src.at("clients", "the roster lists no clients")
                    .expected("profile paths or globs"),
            );
        }
        for (i, pattern) in roster.clients.iter().enumerate() {
            let full = dir.join(pattern);
            let found: Vec<PathBuf> = if pattern.contains(['*', '?', '[']) {
                match glob::glob(&full.to_string_lossy()) {
                    // A glob over a folder of clients skips their CEU logs.
                    Ok(g) => g
                        .filter_map(Result::ok)
                        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".ceus.yaml"))
                        .collect(),
                    Err(e) => {
                        out.push(
                            src.at(&format!("clients[{i}]"), format!("bad pattern: {}", e.msg)),
                        );
                        continue;
                    }
                }
            } else if full.is_file() {
                vec![full]
            } else {
                vec![]
            };
            if found.is_empty() {
                out.push(
                    src.at(
                        &format!("clients[{i}]"),
                        format!("`{pattern}` matches no file"),
                    )
                    .expected("a profile path relative to the roster"),
                );
            }
            for p in found {
                if seen.insert(p.clone()) {
                    paths.push(p);
                }
            }
        }
        if out.is_empty() {
            Ok((roster, paths))
        } else {
            Err(out)
        }
    }
}
