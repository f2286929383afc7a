//! Maps a record path such as `credentials[3].exam.fees[0]` back to its line and column, by
//! replaying the YAML parser's events. Built only when a semantic error needs a location.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Positions (1-based line and column) of every node, keyed by path.
/// (yaml-rust2 reports 0-based columns; they are shifted here.)
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
    /// The second occurrence of a path (a key repeated in one mapping).
    repeats: HashMap<String, (usize, usize)>,
}

enum Frame {
    Seq {
        path: String,
        next: usize,
    },
    /// `fresh` until the first key, whose position then becomes the mapping's (the
    /// parser marks a block mapping's start at its first `:`).
    Map {
        path: String,
        key: Option<String>,
        fresh: bool,
    },
}

struct Recorder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    repeats: HashMap<String, (usize, usize)>,
}

impl Recorder {
    /// The path of the node that starts now, or `None` when the node is a mapping key
    /// (the key is remembered for the value that follows).
    fn node_path(&mut self, key_text: Option<&str>, mark: Marker) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, fresh }) => match key.take() {
                Some(k) if path.is_empty() => Some(k),
                Some(k) => Some(format!("{path}.{k}")),
                None => {
                    *key = Some(key_text.unwrap_or("?").to_string());
                    if std::mem::take(fresh) {
                        self.positions
                            .insert(path.clone(), (mark.line(), mark.col() + 1));
                    }
                    None
                }
            },
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        let pos = (mark.line(), mark.col() + 1);
        if self.positions.contains_key(path) {
            self.repeats.entry(path.to_string()).or_insert(pos);
        } else {
            self.positions.insert(path.to_string(), pos);
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, ..) => {
                if let Some(p) = self.node_path(Some(&text), mark) {
                    self.record(&p, mark);
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.node_path(Some("*alias"), mark) {
                    self.record(&p, mark);
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let path = self.node_path(Some("?"), mark).unwrap_or_default();
                self.record(&path, mark);
                self.stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq { path, next: 0 }
                } else {
                    Frame::Map {
                        path,
                        key: None,
                        fresh: true,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl Locator {
    /// Indexes every node of `text`; a document that does not scan gives an empty index.
    pub fn new(text: &str) -> Self {
        let mut rec = Recorder {
            stack: Vec::new(),
            positions: HashMap::new(),
            repeats: HashMap::new(),
        };
        // A scan error only stops the index early; nodes before it keep their positions.
        let _ = Parser::new_from_str(text).load(&mut rec, false);
        Locator {
            positions: rec.positions,
            repeats: rec.repeats,
        }
    }

    /// Where `path` occurs a second time (a repeated key), if it does.
    pub fn repeat(&self, path: &str) -> Option<(usize, usize)> {
        self.repeats.get(path).copied()
    }

    /// The position of `path`, else of its nearest recorded ancestor, else (1, 1).
    pub fn find(&self, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(&pos) = self.positions.get(p) {
                return pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return *self.positions.get("").unwrap_or(&(1, 1)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Locator;

    #[test]
    fn finds_nested_paths() {
        let text = "as_of: 2026-01-01\nitems:\n  - id: a\n    tags: [x, y]\n  - id: b\n    sub:\n      deep: 3\n";
        let l = Locator::new(text);
        assert_eq!(l.find("as_of"), (1, 8));
        assert_eq!(l.find("items[0].id"), (3, 9));
        assert_eq!(l.find("items[0].tags[1]"), (4, 15));
        assert_eq!(l.find("items[1].sub.deep"), (7, 13));
        assert_eq!(l.find("items[1].missing"), (5, 5));
        assert_eq!(l.find("items[1].sub"), (7, 7));
    }

    #[test]
    fn top_level_sequence_items() {
        let l = Locator::new("- date: 2026-01-05\n  title: x\n");
        assert_eq!(l.find("[0].title"), (2, 10));
        assert_eq!(l.find("[0]"), (1, 3));
    }
}
