//! The full YAML 1.2 reader: `saphyr-parser` events built into a positioned [`Node`] tree.
//!
//! Besides syntax, it refuses what the typed files never need and an attacker could abuse:
//! nesting deeper than [`MAX_DEPTH`], aliases expanding to more than [`MAX_ALIAS_NODES`]
//! nodes (billion laughs), more than one document, duplicate keys and tags other than `!!str`.
//! Problems that leave the tree usable (a duplicate key, a tag) are recorded and reading goes
//! on, so they are reported with everything else.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};

use super::node::{Kind, Node};
use super::words;
use super::{MAX_DEPTH, Problem};
use crate::error::Code;

/// Most nodes that aliases may add to a document, all aliases together.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// What reading produced: the tree when the document was read to its end (even if problems
/// were found on the way), the problems, and the record paths (`credentials[0].id`) of the
/// values those problems leave not read as written (a tagged value, a repeated key).
pub struct Read<'a> {
    pub root: Option<Node<'a>>,
    pub problems: Vec<Problem>,
    pub tainted: Vec<String>,
}

enum Frame<'a> {
    Seq {
        node: Node<'a>,
        items: Vec<Node<'a>>,
        anchor: usize,
    },
    Map {
        node: Node<'a>,
        pairs: Vec<(Node<'a>, Node<'a>)>,
        key: Option<Node<'a>>,
        /// Hashes of the keys to pair indices, once the mapping is too large for a linear
        /// duplicate check.
        seen: Option<KeyIndex>,
        anchor: usize,
    },
}

/// Reads one YAML document.
pub fn read(text: &str) -> Read<'_> {
    let mut b = Builder {
        stack: Vec::new(),
        root: None,
        anchors: HashMap::new(),
        alias_nodes: 0,
        problems: Vec::new(),
        tainted: Vec::new(),
    };
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(e) => e,
            Err(e) => {
                b.problems.push(syntax(&e, text));
                return b.stopped();
            }
        };
        let start = span.start;
        let step = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    b.problems.push(Problem::new(
                        pos(start),
                        Code::MultipleDocuments,
                        "the file holds more than one YAML document".into(),
                        "one document per file (remove this `---` and what follows, or split the file)",
                    ));
                    break;
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain;
                let node = Node::new(
                    start.line(),
                    start.col() + 1,
                    Kind::Scalar {
                        text,
                        plain: plain && !b.forced_str(tag.as_deref(), start),
                    },
                );
                b.complete(node, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                b.refuse_tag(tag.as_deref(), start);
                b.open(Frame::Seq {
                    node: Node::new(start.line(), start.col() + 1, Kind::Seq(Vec::new())),
                    items: Vec::new(),
                    anchor,
                })
            }
            Event::MappingStart(anchor, tag) => {
                b.refuse_tag(tag.as_deref(), start);
                b.open(Frame::Map {
                    node: Node::new(start.line(), start.col() + 1, Kind::Map(Vec::new())),
                    pairs: Vec::new(),
                    key: None,
                    seen: None,
                    anchor,
                })
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(),
            Event::Alias(id) => b.alias(id, start),
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => Ok(()),
        };
        if let Err(p) = step {
            b.problems.push(p);
            return b.stopped();
        }
        // Enough found (a hostile file of duplicates or tags): stop, without a tree.
        if b.problems.len() >= super::de::MAX_RECORDED {
            return b.stopped();
        }
    }
    Read {
        root: b.root,
        problems: b.problems,
        tainted: b.tainted,
    }
}

struct Builder<'a> {
    stack: Vec<Frame<'a>>,
    root: Option<Node<'a>>,
    /// Anchored nodes by id, with their height.
    anchors: HashMap<usize, (Node<'a>, usize)>,
    alias_nodes: usize,
    problems: Vec<Problem>,
    tainted: Vec<String>,
}

impl<'a> Builder<'a> {
    /// Reading stopped: the problems, without a tree.
    fn stopped(self) -> Read<'a> {
        Read {
            root: None,
            problems: self.problems,
            tainted: Vec::new(),
        }
    }

    /// The record path of the node being read (as [`super::de`] writes it).
    fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Seq { items, .. } => path.push_str(&format!("[{}]", items.len())),
                Frame::Map { key: Some(k), .. } => push_key(&mut path, k),
                Frame::Map { key: None, .. } => {}
            }
        }
        path
    }

    fn open(&mut self, frame: Frame<'a>) -> Result<(), Problem> {
        if self.stack.len() >= MAX_DEPTH {
            let node = match &frame {
                Frame::Seq { node, .. } | Frame::Map { node, .. } => node,
            };
            return Err(too_deep(node.pos()));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), Problem> {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq {
                mut node,
                items,
                anchor,
            }) => {
                node.kind = Kind::Seq(items);
                (node, anchor)
            }
            Some(Frame::Map {
                mut node,
                pairs,
                anchor,
                ..
            }) => {
                node.kind = Kind::Map(pairs);
                (node, anchor)
            }
            None => return Ok(()),
        };
        self.complete(node, anchor)
    }

    /// Places a finished node in its parent (remembering it when anchored).
    fn complete(&mut self, node: Node<'a>, anchor: usize) -> Result<(), Problem> {
        if anchor != 0 {
            let height = node.height();
            self.anchors.insert(anchor, (node.clone(), height));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                pairs, key, seen, ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if is_repeat(&k, pairs, seen) {
                        let name = k.scalar().unwrap_or_default();
                        let mut path = self.path();
                        push_key(&mut path, &k);
                        self.tainted.push(path);
                        self.problems.push(Problem::new(
                            k.pos(),
                            Code::DuplicateKey,
                            format!("duplicate key {}", crate::error::quote(name)),
                            format!("{} once in this mapping", crate::error::quote(name)),
                        ));
                    } else {
                        pairs.push((k, node));
                    }
                }
            },
        }
        Ok(())
    }

    /// A copy of the anchored node, within the depth and alias budgets.
    fn alias(&mut self, id: usize, at: Marker) -> Result<(), Problem> {
        let Some((node, height)) = self.anchors.get(&id) else {
            return Err(Problem::new(
                pos(at),
                Code::YamlSyntax,
                "this alias refers to the node that contains it".into(),
                "an alias of a node defined before it",
            ));
        };
        if self.stack.len() + height > MAX_DEPTH {
            return Err(too_deep(pos(at)));
        }
        self.alias_nodes += node.weight();
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(Problem::new(
                pos(at),
                Code::TooManyAliases,
                "aliases expand to too many nodes (an alias bomb?)".into(),
                format!("aliases adding at most {MAX_ALIAS_NODES} nodes in all"),
            ));
        }
        let copy = node.clone().at(pos(at));
        self.complete(copy, 0)
    }

    /// Whether `tag` is `!!str` (the scalar is then text); any other tag is reported.
    fn forced_str(&mut self, tag: Option<&Tag>, at: Marker) -> bool {
        match tag {
            Some(t) if t.is_yaml_core_schema() && t.suffix == "str" => true,
            other => {
                self.refuse_tag(other, at);
                false
            }
        }
    }

    fn refuse_tag(&mut self, tag: Option<&Tag>, at: Marker) {
        let Some(t) = tag else { return };
        self.tainted.push(self.path());
        let name = if t.is_yaml_core_schema() {
            format!("!!{}", t.suffix)
        } else {
            t.to_string()
        };
        self.problems.push(Problem::new(
            pos(at),
            Code::UnsupportedTag,
            format!(
                "YAML tags such as {} are not used in these files",
                crate::error::quote(&name)
            ),
            "the value without a tag",
        ));
    }
}

/// `path` followed by the mapping key `k`.
fn push_key(path: &mut String, k: &Node<'_>) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(k.scalar().unwrap_or_default());
}

/// Index of a large mapping's pairs by a (randomly keyed) hash of their key.
type KeyIndex = (RandomState, HashMap<u64, usize>);

/// Whether mapping key `k` is already among `pairs`. Small mappings are searched; large
/// ones keep a [`KeyIndex`] (on a hash collision, which is all but impossible, they are
/// searched too).
fn is_repeat(k: &Node<'_>, pairs: &[(Node<'_>, Node<'_>)], seen: &mut Option<KeyIndex>) -> bool {
    const LINEAR: usize = 16;
    let Some(text) = k.scalar() else {
        return false;
    };
    let search = || pairs.iter().any(|(p, _)| p.scalar() == Some(text));
    if pairs.len() < LINEAR {
        return search();
    }
    let (state, index) = seen.get_or_insert_with(|| {
        let state = RandomState::new();
        let index = pairs
            .iter()
            .enumerate()
            .filter_map(|(i, (p, _))| Some((state.hash_one(p.scalar()?), i)))
            .collect();
        (state, index)
    });
    match index.entry(state.hash_one(text)) {
        std::collections::hash_map::Entry::Occupied(e) => {
            pairs[*e.get()].0.scalar() == Some(text) || search()
        }
        std::collections::hash_map::Entry::Vacant(e) => {
            // The caller pushes `k` next, at index `pairs.len()`.
            e.insert(pairs.len());
            false
        }
    }
}

fn pos(m: Marker) -> (usize, usize) {
    (m.line(), m.col() + 1)
}

fn too_deep(at: (usize, usize)) -> Problem {
    Problem::new(
        at,
        Code::TooDeep,
        "the document is nested too deeply".into(),
        format!("at most {MAX_DEPTH} levels of nesting"),
    )
}

/// A scanner error in plain words; one about tabs points at the first tab from its line on
/// (the scanner may report the end of the value before the tab).
fn syntax(e: &ScanError, text: &str) -> Problem {
    let (message, expected) = words::syntax(e.info());
    let (mut line, mut col) = pos(*e.marker());
    if e.info().contains("tab")
        && let Some((n, tab)) = text
            .split('\n')
            .enumerate()
            .skip(line.saturating_sub(1))
            .find_map(|(n, l)| Some((n, l.chars().position(|c| c == '\t')?)))
    {
        (line, col) = (n + 1, tab + 1);
    }
    Problem::new((line, col), Code::YamlSyntax, message, expected)
}
