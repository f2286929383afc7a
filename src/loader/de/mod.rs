//! Reads a [`Node`] tree into any `T: Deserialize`, collecting every problem instead of
//! stopping at the first.
//!
//! A value of the wrong type, an unknown enum word or an impossible date is recorded where it
//! is, and a stand-in of the requested type (0, "", false, an empty list, the first enum
//! variant) is handed to the visitor so reading goes on. Unknown keys are recorded and
//! skipped before serde sees them (every struct is strict, as with
//! `#[serde(deny_unknown_fields)]`). Two failures cannot be stood in for inside one pass:
//! a required key that is absent (serde's derive reports it after the last key) and an error
//! raised by a type's own `Deserialize` impl. For those the pass is abandoned, a *fix* is
//! remembered (supply a stand-in for that key, or for that whole node) and the document is
//! read again; each pass fixes one more place, so a file with n such problems takes n + 1
//! passes (at most [`MAX_PASSES`]). A clean document takes one pass.
//!
//! A document with problems is still read to its end when it can be: the value, with
//! stand-ins in the wrong places, comes back with the problems and the record paths of those
//! places ([`Failed`]), so that the checks made after parsing can still judge everything
//! that was read as written.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed};

use super::Problem;
use super::fast::Items;
use super::node::{Kind, Node};
use crate::error::{Code, MAX_PER_FILE};

mod access;
mod node;
mod stand_in;
mod stream;

use node::NodeDe;
use stand_in::StandIn;
use stream::Stream;

/// Most passes over one document (see the module docs).
const MAX_PASSES: usize = 64;

/// Most problems recorded in one document; far more than are shown, few enough to keep a
/// hostile file from filling memory with them.
pub(super) const MAX_RECORDED: usize = 1000;

/// A document that did not read cleanly.
pub struct Failed<T> {
    /// The value read with stand-ins in the wrong places, when reading got to the end.
    pub value: Option<T>,
    /// Every problem found (never an empty list).
    pub problems: Vec<Problem>,
    /// Record paths (`credentials[0].earned`) whose values in `value` are stand-ins, or
    /// that a misspelt key was meant for.
    pub tainted: Vec<String>,
}

impl<T> Failed<T> {
    /// Problems without a value.
    pub fn only(problems: Vec<Problem>) -> Self {
        Failed {
            value: None,
            problems,
            tainted: Vec::new(),
        }
    }
}

/// Reads `root` into `T`, or returns every problem found.
pub fn from_tree<T: DeserializeOwned>(root: &Node<'_>) -> Result<T, Failed<T>> {
    // Only the fast reader's items can give up; a tree always gives an answer.
    passes(root.pos(), |ctx| {
        child(PhantomSeed::<T>::new(), root, &Path::Root, ctx)
    })
    .unwrap_or_else(|| Err(Failed::only(stuck(Vec::new(), &HashMap::new(), root.pos()))))
}

/// Reads a top-level list from the fast reader's items, each item read into `T`'s element
/// type and then dropped (no whole tree is kept), or `None` when the fast reader gives up.
pub fn from_items<'a, T: DeserializeOwned>(
    items: impl Fn() -> Items<'a>,
) -> Option<Result<T, Failed<T>>> {
    passes((1, 1), |ctx| {
        T::deserialize(Stream {
            items: items(),
            ctx,
        })
    })
}

/// Runs passes (see the module docs) of `pass` until one completes or none helps; `None`
/// when the fast reader gave up.
fn passes<T>(
    top: (usize, usize),
    pass: impl Fn(&Ctx<'_>) -> Result<T, Error>,
) -> Option<Result<T, Failed<T>>> {
    let mut fixes: Fixes = HashMap::new();
    for _ in 0..MAX_PASSES {
        let ctx = Ctx {
            problems: RefCell::new(Vec::new()),
            tainted: RefCell::new(Vec::new()),
            fixes: &fixes,
            fix: RefCell::new(None),
            gave_up: Cell::new(false),
        };
        let result = pass(&ctx);
        if ctx.gave_up.get() {
            return None;
        }
        let problems = ctx.problems.into_inner();
        let fix = ctx.fix.into_inner();
        match (result, fix) {
            (Ok(v), _) if problems.is_empty() => return Some(Ok(v)),
            (Ok(v), _) => {
                return Some(Err(Failed {
                    value: Some(v),
                    problems,
                    tainted: ctx.tainted.into_inner(),
                }));
            }
            // Enough to show: no need to read on.
            (Err(_), _) if problems.len() > MAX_PER_FILE => {
                return Some(Err(Failed::only(problems)));
            }
            (Err(_), Some((key, fix))) if merge(&mut fixes, key.clone(), fix.clone()) => {}
            (Err(_), _) => return Some(Err(Failed::only(stuck(problems, &fixes, top)))),
        }
    }
    Some(Err(Failed::only(stuck(Vec::new(), &fixes, top))))
}

/// What is known when no further pass helps: this pass's problems and the ones the fixes
/// stand for (never an empty list).
fn stuck(mut problems: Vec<Problem>, fixes: &Fixes, top: (usize, usize)) -> Vec<Problem> {
    for f in fixes.values() {
        if let Fix::Replace(Some(p)) = f {
            problems.push(p.clone());
        }
    }
    if problems.is_empty() {
        problems.push(Problem::new(
            top,
            Code::WrongType,
            "the document does not have the expected layout".into(),
            "the layout described in docs/file-formats.md",
        ));
    }
    problems
}

/// Where a fix applies: a node of the tree by its position and kind (the fast reader hands
/// out items one at a time, so addresses are not stable; a mapping and its first key share
/// a position but not a kind), plus a key path below it for stand-ins of absent keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Key {
    line: u32,
    col: u32,
    kind: u8,
    pub(super) sub: String,
}

impl Key {
    pub(super) fn of(node: &Node<'_>) -> Key {
        Key {
            line: node.line,
            col: node.col,
            kind: match node.kind {
                Kind::Scalar { .. } => 0,
                Kind::Seq(_) => 1,
                Kind::Map(_) => 2,
            },
            sub: String::new(),
        }
    }

    pub(super) fn field(&self, name: &str) -> Key {
        Key {
            sub: format!("{}.{name}", self.sub),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum Fix {
    /// Supply these absent required keys (with stand-in values) at the end of the mapping.
    Missing(Vec<&'static str>),
    /// Read a stand-in instead of the node; the problem is reported again each pass.
    Replace(Option<Problem>),
}

pub(super) type Fixes = HashMap<Key, Fix>;

/// Adds `fix`; false when it was already known (no progress).
fn merge(fixes: &mut Fixes, key: Key, fix: Fix) -> bool {
    match (fixes.get_mut(&key), fix) {
        (Some(Fix::Missing(have)), Fix::Missing(more)) => {
            let before = have.len();
            for f in more {
                if !have.contains(&f) {
                    have.push(f);
                }
            }
            have.len() > before
        }
        (Some(Fix::Replace(_)), _) => false,
        (_, fix) => {
            fixes.insert(key, fix);
            true
        }
    }
}

pub(super) struct Ctx<'x> {
    pub(super) problems: RefCell<Vec<Problem>>,
    /// Record paths of the places problems were found at (see [`Failed::tainted`]).
    tainted: RefCell<Vec<String>>,
    pub(super) fixes: &'x Fixes,
    /// The fix this pass needs, once it has to stop.
    pub(super) fix: RefCell<Option<(Key, Fix)>>,
    /// Set when the fast reader gave up part way.
    pub(super) gave_up: Cell<bool>,
}

impl Ctx<'_> {
    /// Records `p`, found at the record path `at` (none when no value is affected).
    pub(super) fn record(&self, p: Problem, at: Option<&Path<'_>>) {
        self.problems.borrow_mut().push(p);
        if let Some(at) = at {
            self.taint(at);
        }
    }

    /// Marks the value at `at` as not read as written.
    pub(super) fn taint(&self, at: &Path<'_>) {
        self.tainted.borrow_mut().push(at.to_string());
    }

    /// Whether so many problems are recorded that reading on is pointless (a pass stops).
    pub(super) fn full(&self) -> bool {
        self.problems.borrow().len() >= MAX_RECORDED
    }

    pub(super) fn stop(&self, key: Key, fix: Fix) -> Error {
        self.fix.borrow_mut().get_or_insert((key, fix));
        Error::Abort
    }

    pub(super) fn missing_fields(&self, key: &Key) -> &[&'static str] {
        if self.fixes.is_empty() {
            return &[];
        }
        match self.fixes.get(key) {
            Some(Fix::Missing(fields)) => fields,
            _ => &[],
        }
    }
}

/// The error passed through serde: `Abort` means "already recorded, stop this pass".
#[derive(Debug)]
pub enum Error {
    Abort,
    Missing(&'static str),
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Abort => f.write_str("reading stopped"),
            Error::Missing(field) => write!(f, "missing key `{field}`"),
            Error::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::Other(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        Error::Missing(field)
    }
}

/// A record path for messages: `credentials[3].id`.
#[derive(Clone, Copy)]
pub(super) enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, k) => f.write_str(k),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

impl Path<'_> {
    /// `"path: "` before a message, or nothing at the top.
    pub(super) fn prefix(&self) -> String {
        match self {
            Path::Root => String::new(),
            p => format!("{p}: "),
        }
    }
}

/// `PhantomData<T>` as a seed.
struct PhantomSeed<T>(std::marker::PhantomData<T>);

impl<T> PhantomSeed<T> {
    fn new() -> Self {
        PhantomSeed(std::marker::PhantomData)
    }
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for PhantomSeed<T> {
    type Value = T;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

/// Reads one child node with `seed`, applying a known fix and turning any error that was
/// not recorded into a fix for the next pass.
pub(super) fn child<'de, S: DeserializeSeed<'de>>(
    seed: S,
    node: &Node<'_>,
    path: &Path<'_>,
    ctx: &Ctx<'_>,
) -> Result<S::Value, Error> {
    if ctx.full() {
        return Err(Error::Abort);
    }
    if !ctx.fixes.is_empty()
        && let Some(Fix::Replace(p)) = ctx.fixes.get(&Key::of(node))
    {
        if let Some(p) = p {
            ctx.record(p.clone(), Some(path));
        }
        return seed.deserialize(StandIn {
            key: Key::of(node),
            ctx,
        });
    }
    match seed.deserialize(NodeDe { node, path, ctx }) {
        Err(Error::Abort) => Err(Error::Abort),
        Err(e) => {
            let p = Problem::new(
                node.pos(),
                Code::InvalidValue,
                format!("{}{e}", path.prefix()),
                None,
            );
            Err(ctx.stop(Key::of(node), Fix::Replace(Some(p))))
        }
        ok => ok,
    }
}
