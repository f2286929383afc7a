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

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use super::Problem;
use super::node::{Kind, Node};
use super::scalar::{Resolved, resolve};
use super::words::{closest, did_you_mean, found, one_of};
use super::ymd;
use crate::error::{Code, MAX_PER_FILE, quote};

/// Most passes over one document (see the module docs).
const MAX_PASSES: usize = 64;

/// Reads `root` into `T`, or returns every problem found (never an empty list).
pub fn from_tree<T: DeserializeOwned>(root: &Node<'_>) -> Result<T, Vec<Problem>> {
    let mut fixes: Fixes = HashMap::new();
    for _ in 0..MAX_PASSES {
        let ctx = Ctx {
            problems: RefCell::new(Vec::new()),
            fixes: &fixes,
            fix: RefCell::new(None),
        };
        let result = child(PhantomSeed::<T>::new(), root, &Path::Root, &ctx);
        let problems = ctx.problems.into_inner();
        let fix = ctx.fix.into_inner();
        match (result, fix) {
            (Ok(v), _) if problems.is_empty() => return Ok(v),
            (Ok(_), _) => return Err(problems),
            // Enough to show: no need to read on.
            (Err(_), _) if problems.len() > MAX_PER_FILE => return Err(problems),
            (Err(_), Some((key, fix))) if merge(&mut fixes, key.clone(), fix.clone()) => {}
            (Err(_), _) => return Err(stuck(problems, &fixes, root)),
        }
    }
    Err(stuck(Vec::new(), &fixes, root))
}

/// What is known when no further pass helps: this pass's problems and the ones the fixes
/// stand for (never an empty list).
fn stuck(mut problems: Vec<Problem>, fixes: &Fixes, root: &Node<'_>) -> Vec<Problem> {
    for f in fixes.values() {
        if let Fix::Replace(Some(p)) = f {
            problems.push(p.clone());
        }
    }
    if problems.is_empty() {
        problems.push(Problem::new(
            root.pos(),
            Code::WrongType,
            "the document does not have the expected layout".into(),
            "the layout described in docs/file-formats.md",
        ));
    }
    problems
}

/// Where a fix applies: a node of the tree (by address; the tree does not move while it is
/// read), plus a key path below it for stand-ins of absent keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    node: usize,
    sub: String,
}

impl Key {
    fn of(node: &Node<'_>) -> Key {
        Key {
            node: std::ptr::from_ref(node) as usize,
            sub: String::new(),
        }
    }

    fn field(&self, name: &str) -> Key {
        Key {
            node: self.node,
            sub: format!("{}.{name}", self.sub),
        }
    }
}

#[derive(Debug, Clone)]
enum Fix {
    /// Supply these absent required keys (with stand-in values) at the end of the mapping.
    Missing(Vec<&'static str>),
    /// Read a stand-in instead of the node; the problem is reported again each pass.
    Replace(Option<Problem>),
}

type Fixes = HashMap<Key, Fix>;

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

struct Ctx<'x> {
    problems: RefCell<Vec<Problem>>,
    fixes: &'x Fixes,
    /// The fix this pass needs, once it has to stop.
    fix: RefCell<Option<(Key, Fix)>>,
}

impl Ctx<'_> {
    fn record(&self, p: Problem) {
        self.problems.borrow_mut().push(p);
    }

    fn stop(&self, key: Key, fix: Fix) -> Error {
        self.fix.borrow_mut().get_or_insert((key, fix));
        Error::Abort
    }

    fn missing_fields(&self, key: &Key) -> &[&'static str] {
        match self.fixes.get(key) {
            Some(Fix::Missing(fields)) if !self.fixes.is_empty() => fields,
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
enum Path<'p> {
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
    fn prefix(&self) -> String {
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
fn child<'de, S: DeserializeSeed<'de>>(
    seed: S,
    node: &Node<'_>,
    path: &Path<'_>,
    ctx: &Ctx<'_>,
) -> Result<S::Value, Error> {
    if !ctx.fixes.is_empty()
        && let Some(Fix::Replace(p)) = ctx.fixes.get(&Key::of(node))
    {
        if let Some(p) = p {
            ctx.record(p.clone());
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

/// A node being read.
struct NodeDe<'x, 'a> {
    node: &'x Node<'a>,
    path: &'x Path<'x>,
    ctx: &'x Ctx<'x>,
}

impl NodeDe<'_, '_> {
    /// Records "found X" where `expected` was wanted.
    fn wrong_type(&self, expected: &str) {
        let mut expected = expected.to_string();
        if let Kind::Scalar { text, plain: false } = &self.node.kind
            && matches!(resolve(text), Resolved::Int(_) | Resolved::Float(_))
            && (expected.contains("number"))
        {
            expected.push_str(", without quotes");
        }
        let message = match self.path {
            Path::Root => format!("found {} at the top of the file", found(self.node)),
            p => format!("{}found {}", p.prefix(), found(self.node)),
        };
        self.record(Code::WrongType, message, expected);
    }

    fn record(&self, code: Code, message: String, expected: String) {
        self.ctx
            .record(Problem::new(self.node.pos(), code, message, expected));
    }

    fn stand_in(&self) -> StandIn<'_> {
        StandIn {
            key: Key::of(self.node),
            ctx: self.ctx,
        }
    }

    /// The plain scalar's meaning, or `None` for quoted scalars and collections.
    fn resolved(&self) -> Option<Resolved> {
        match &self.node.kind {
            Kind::Scalar { text, plain: true } => Some(resolve(text)),
            _ => None,
        }
    }

    /// An integer in `min..=max`, else `None` after recording why.
    fn integer(&self, min: i128, max: i128) -> Option<i128> {
        let expected = int_expected(min, max);
        match self.resolved() {
            Some(Resolved::Int(n)) if (min..=max).contains(&n) => Some(n),
            Some(Resolved::Int(n)) if n < 0 && min == 0 => {
                self.record(
                    Code::InvalidValue,
                    format!("{}{} is negative", self.path.prefix(), self.quoted()),
                    expected,
                );
                None
            }
            Some(Resolved::Int(_) | Resolved::BigInt) => {
                self.record(
                    Code::InvalidValue,
                    format!("{}{} is out of range", self.path.prefix(), self.quoted()),
                    format!("a whole number from {min} to {max}"),
                );
                None
            }
            _ => {
                self.wrong_type(&expected);
                None
            }
        }
    }

    fn quoted(&self) -> String {
        quote(self.node.scalar().unwrap_or_default())
    }

    fn float(&self) -> f64 {
        match self.resolved() {
            Some(Resolved::Int(n)) => n as f64,
            Some(Resolved::Float(f)) => f,
            Some(Resolved::BigInt) => self
                .node
                .scalar()
                .and_then(|t| t.parse().ok())
                .unwrap_or(0.0),
            _ => {
                self.wrong_type("a number such as 4000");
                0.0
            }
        }
    }

    /// Text of a non-null scalar, else "" after recording.
    fn text(&self) -> &str {
        match &self.node.kind {
            Kind::Scalar { text, .. } if !self.node.is_null() => text,
            _ => {
                self.wrong_type("text");
                ""
            }
        }
    }

    fn date<'de, V: Visitor<'de>>(&self, v: V) -> Result<V::Value, Error> {
        let expected = "a date YYYY-MM-DD";
        match &self.node.kind {
            Kind::Scalar { text, .. } if !self.node.is_null() => match ymd::read(text) {
                Ok(_) => v.visit_str(text),
                Err(ymd::DateError::Shape) => {
                    self.wrong_type(expected);
                    v.visit_str(ymd::PLACEHOLDER)
                }
                Err(ymd::DateError::NotReal) => {
                    self.record(
                        Code::InvalidValue,
                        format!(
                            "{}{} is not a real calendar date",
                            self.path.prefix(),
                            quote(text)
                        ),
                        expected.into(),
                    );
                    v.visit_str(ymd::PLACEHOLDER)
                }
            },
            _ => {
                self.wrong_type(expected);
                v.visit_str(ymd::PLACEHOLDER)
            }
        }
    }
}

fn int_expected(min: i128, max: i128) -> String {
    match (min, max) {
        (0, m) if m >= i128::from(u32::MAX) => "a whole number, 0 or more".into(),
        (0, m) => format!("a whole number from 0 to {m}"),
        (m, _) if m <= i128::from(i32::MIN) => "a whole number such as 12".into(),
        (lo, hi) => format!("a whole number from {lo} to {hi}"),
    }
}

/// `"a mapping with keys such as `a`, `b`"`.
fn mapping_expected(fields: &[&str]) -> String {
    match fields {
        [] => "a mapping".into(),
        [a] => format!("a mapping with the key `{a}`"),
        [a, b, ..] => format!("a mapping with keys such as `{a}`, `{b}`"),
    }
}

macro_rules! integers {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            let n = self.integer(i128::try_from(<$t>::MIN).unwrap_or(0), i128::try_from(<$t>::MAX).unwrap_or(i128::MAX));
            v.$visit(n.and_then(|n| <$t>::try_from(n).ok()).unwrap_or_default())
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Seq(_) => self.deserialize_seq(v),
            Kind::Map(_) => self.deserialize_map(v),
            Kind::Scalar { text, plain: false } => v.visit_str(text),
            Kind::Scalar { text, plain: true } => match resolve(text) {
                Resolved::Null => v.visit_unit(),
                Resolved::Bool(b) => v.visit_bool(b),
                Resolved::Int(n) => match i64::try_from(n) {
                    Ok(n) => v.visit_i64(n),
                    Err(_) => match u64::try_from(n) {
                        Ok(n) => v.visit_u64(n),
                        Err(_) => v.visit_i128(n),
                    },
                },
                Resolved::BigInt => v.visit_f64(text.parse().unwrap_or(f64::INFINITY)),
                Resolved::Float(f) => v.visit_f64(f),
                Resolved::Str => v.visit_str(text),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.resolved() {
            Some(Resolved::Bool(b)) => v.visit_bool(b),
            _ => {
                self.wrong_type("true or false");
                v.visit_bool(false)
            }
        }
    }

    integers!(
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64, deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16, deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64, deserialize_u128 visit_u128 u128
    );

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_f32(self.float() as f32)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_f64(self.float())
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let text = self.node.scalar().unwrap_or_default();
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => v.visit_char(c),
            _ => {
                self.wrong_type("a single character");
                v.visit_char(' ')
            }
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_str(self.text())
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_str(self.text())
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_bytes(self.text().as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_bytes(self.text().as_bytes())
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if !self.node.is_null() {
            self.wrong_type("nothing");
        }
        v.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        if name == ymd::TOKEN {
            self.date(v)
        } else {
            v.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Seq(items) => v.visit_seq(Items {
                items: items.iter().enumerate(),
                path: self.path,
                ctx: self.ctx,
            }),
            _ => {
                self.wrong_type(if self.node.is_null() {
                    "a list (`[]` for an empty one)"
                } else {
                    "a list"
                });
                v.visit_seq(Empty)
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Map(pairs) => v.visit_map(Entries {
                pairs: pairs.iter(),
                value: None,
                path: self.path,
                ctx: self.ctx,
            }),
            _ => {
                self.wrong_type("a mapping of keys to values");
                v.visit_map(Empty)
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let key = Key::of(self.node);
        let result = match &self.node.kind {
            Kind::Map(pairs) => v.visit_map(Fields {
                pairs: pairs.iter(),
                fields,
                missing: self.ctx.missing_fields(&key).iter(),
                value: Next::None,
                key: key.clone(),
                node: Some(self.node),
                suggested: Vec::new(),
                path: self.path,
                ctx: self.ctx,
            }),
            _ => {
                self.wrong_type(&mapping_expected(fields));
                v.visit_map(Fields {
                    pairs: [].iter(),
                    fields,
                    missing: self.ctx.missing_fields(&key).iter(),
                    value: Next::None,
                    key: key.clone(),
                    node: None,
                    suggested: Vec::new(),
                    path: self.path,
                    ctx: self.ctx,
                })
            }
        };
        match result {
            Err(Error::Missing(field)) => Err(self.ctx.stop(key, Fix::Missing(vec![field]))),
            other => other,
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let (word, value) = match &self.node.kind {
            Kind::Scalar { text, .. } if !self.node.is_null() => (text.as_ref(), None),
            Kind::Map(pairs) if pairs.len() == 1 => match pairs[0].0.scalar() {
                Some(k) => (k, Some(&pairs[0].1)),
                None => ("", None),
            },
            _ => {
                self.wrong_type(&one_of(variants));
                return self.stand_in().deserialize_enum("", variants, v);
            }
        };
        if !variants.contains(&word) {
            self.record(
                Code::UnknownValue,
                format!(
                    "{}unknown value {}{}",
                    self.path.prefix(),
                    quote(word),
                    did_you_mean(word, variants)
                ),
                one_of(variants),
            );
            return self.stand_in().deserialize_enum("", variants, v);
        }
        v.visit_enum(Variant {
            word,
            value,
            de: self,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
}

/// Elements of a list.
struct Items<'x, 'a> {
    items: std::iter::Enumerate<std::slice::Iter<'x, Node<'a>>>,
    path: &'x Path<'x>,
    ctx: &'x Ctx<'x>,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        match self.items.next() {
            Some((i, node)) => child(seed, node, &Path::Index(self.path, i), self.ctx).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// Entries of a mapping read as a map (keys of any type).
struct Entries<'x, 'a> {
    pairs: std::slice::Iter<'x, (Node<'a>, Node<'a>)>,
    value: Option<&'x (Node<'a>, Node<'a>)>,
    path: &'x Path<'x>,
    ctx: &'x Ctx<'x>,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(pair) = self.pairs.next() else {
            return Ok(None);
        };
        self.value = Some(pair);
        child(seed, &pair.0, self.path, self.ctx).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let Some((k, v)) = self.value.take() else {
            return Err(Error::Other("a value was read before its key".into()));
        };
        let name = k.scalar().unwrap_or("?");
        child(seed, v, &Path::Key(self.path, name), self.ctx)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

/// What the next `next_value_seed` reads.
enum Next<'x, 'a> {
    None,
    Node(&'x str, &'x Node<'a>),
    StandIn(&'static str),
}

/// Entries of a mapping read as a struct: unknown keys are recorded and skipped; absent
/// required keys known from an earlier pass follow the real ones, with stand-in values.
struct Fields<'x, 'a> {
    pairs: std::slice::Iter<'x, (Node<'a>, Node<'a>)>,
    fields: &'static [&'static str],
    missing: std::slice::Iter<'x, &'static str>,
    value: Next<'x, 'a>,
    /// Where stand-in keys are looked up.
    key: Key,
    /// The mapping, when there is one (else the struct stands in for a wrong value).
    node: Option<&'x Node<'a>>,
    /// Fields that unknown keys were taken for ("did you mean").
    suggested: Vec<&'static str>,
    path: &'x Path<'x>,
    ctx: &'x Ctx<'x>,
}

impl<'de> MapAccess<'de> for Fields<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for (k, v) in self.pairs.by_ref() {
            let Some(name) = k.scalar().filter(|_| !k.is_null()) else {
                self.ctx.record(Problem::new(
                    k.pos(),
                    Code::WrongType,
                    format!("{}found {} as a key", self.path.prefix(), found(k)),
                    Some(one_of(self.fields)),
                ));
                continue;
            };
            if !self.fields.contains(&name) {
                if let Some(best) = closest(name, self.fields) {
                    self.suggested.push(best);
                }
                let shown = Path::Key(self.path, name);
                self.ctx.record(Problem::new(
                    k.pos(),
                    Code::UnknownKey,
                    format!(
                        "unknown key {}{}",
                        quote(&shown.to_string()),
                        did_you_mean(name, self.fields)
                    ),
                    Some(one_of(self.fields)),
                ));
                continue;
            }
            self.value = Next::Node(name, v);
            return seed.deserialize(StrDeserializer::new(name)).map(Some);
        }
        let Some(&name) = self.missing.next() else {
            return Ok(None);
        };
        // A misspelt key already says what is missing.
        if let Some(node) = self.node.filter(|_| !self.suggested.contains(&name)) {
            let within = match self.path {
                Path::Root => String::new(),
                p => format!(" in {}", quote(&p.to_string())),
            };
            self.ctx.record(Problem::new(
                node.pos(),
                Code::MissingField,
                format!("missing key `{name}`{within}"),
                Some(format!("a `{name}:` entry in this mapping")),
            ));
        }
        self.value = Next::StandIn(name);
        seed.deserialize(StrDeserializer::new(name)).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        match std::mem::replace(&mut self.value, Next::None) {
            Next::Node(name, v) => child(seed, v, &Path::Key(self.path, name), self.ctx),
            Next::StandIn(name) => {
                let key = self.key.field(name);
                match seed.deserialize(StandIn {
                    key: key.clone(),
                    ctx: self.ctx,
                }) {
                    Err(Error::Abort) => Err(Error::Abort),
                    Err(_) => Err(self.ctx.stop(key, Fix::Replace(None))),
                    ok => ok,
                }
            }
            Next::None => Err(Error::Other("a value was read before its key".into())),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pairs.len())
    }
}

/// An enum given by name (`word`), with the mapping value when written `word: value`.
struct Variant<'x, 'a> {
    word: &'x str,
    value: Option<&'x Node<'a>>,
    de: NodeDe<'x, 'a>,
}

impl<'de, 'x, 'a> EnumAccess<'de> for Variant<'x, 'a> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let v = seed.deserialize(StrDeserializer::<Error>::new(self.word))?;
        Ok((v, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        if let Some(v) = self.value.filter(|v| !v.is_null()) {
            NodeDe {
                node: v,
                path: self.de.path,
                ctx: self.de.ctx,
            }
            .wrong_type(&format!("`{}` alone, with no value", self.word));
        }
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        match self.value {
            Some(v) => child(seed, v, &Path::Key(self.de.path, self.word), self.de.ctx),
            None => {
                self.de.wrong_type(&format!("`{}: value`", self.word));
                seed.deserialize(self.de.stand_in())
            }
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        match self.value {
            Some(node) => de::Deserializer::deserialize_seq(
                NodeDe {
                    node,
                    path: &Path::Key(self.de.path, self.word),
                    ctx: self.de.ctx,
                },
                v,
            ),
            None => {
                self.de.wrong_type(&format!("`{}: [values]`", self.word));
                v.visit_seq(Empty)
            }
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(node) => de::Deserializer::deserialize_struct(
                NodeDe {
                    node,
                    path: &Path::Key(self.de.path, self.word),
                    ctx: self.de.ctx,
                },
                "",
                fields,
                v,
            ),
            None => {
                self.de.wrong_type(&mapping_expected(fields));
                de::Deserializer::deserialize_struct(self.de.stand_in(), "", fields, v)
            }
        }
    }
}

/// An empty list or mapping.
struct Empty;

impl<'de> SeqAccess<'de> for Empty {
    type Error = Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        _: S,
    ) -> Result<Option<S::Value>, Error> {
        Ok(None)
    }
}

impl<'de> MapAccess<'de> for Empty {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>, Error> {
        Ok(None)
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, _: S) -> Result<S::Value, Error> {
        Err(Error::Other("a value was read before its key".into()))
    }
}

/// A stand-in value of whatever type is asked for: 0, "", false, none, empty, the first enum
/// variant, a placeholder date, or a struct of stand-ins for its required keys.
struct StandIn<'x> {
    key: Key,
    ctx: &'x Ctx<'x>,
}

macro_rules! zeros {
    ($($method:ident $visit:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.$visit(Default::default())
        }
    )*};
}

impl<'de> de::Deserializer<'de> for StandIn<'_> {
    type Error = Error;

    zeros!(
        deserialize_bool visit_bool, deserialize_i8 visit_i8, deserialize_i16 visit_i16,
        deserialize_i32 visit_i32, deserialize_i64 visit_i64, deserialize_i128 visit_i128,
        deserialize_u8 visit_u8, deserialize_u16 visit_u16, deserialize_u32 visit_u32,
        deserialize_u64 visit_u64, deserialize_u128 visit_u128, deserialize_f32 visit_f32,
        deserialize_f64 visit_f64, deserialize_char visit_char
    );

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_str("")
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_bytes(&[])
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_bytes(&[])
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_none()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        if name == ymd::TOKEN {
            v.visit_str(ymd::PLACEHOLDER)
        } else {
            v.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_seq(Empty)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        v.visit_seq(Empty)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_seq(Empty)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_map(Empty)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let result = v.visit_map(Fields {
            pairs: [].iter(),
            fields,
            missing: self.ctx.missing_fields(&self.key).iter(),
            value: Next::None,
            key: self.key.clone(),
            node: None,
            suggested: Vec::new(),
            path: &Path::Root,
            ctx: self.ctx,
        });
        match result {
            Err(Error::Missing(field)) => Err(self.ctx.stop(self.key, Fix::Missing(vec![field]))),
            other => other,
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match variants.first() {
            Some(first) => v.visit_enum(StandInVariant {
                word: first,
                inner: self,
            }),
            None => Err(Error::Other("no value is possible here".into())),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_str("")
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
}

/// The first variant of an enum, with stand-in content.
struct StandInVariant<'x> {
    word: &'static str,
    inner: StandIn<'x>,
}

impl<'de, 'x> EnumAccess<'de> for StandInVariant<'x> {
    type Error = Error;
    type Variant = StandIn<'x>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, StandIn<'x>), Error> {
        let v = seed.deserialize(self.word.into_deserializer())?;
        let key = self.inner.key.field(self.word);
        Ok((
            v,
            StandIn {
                key,
                ctx: self.inner.ctx,
            },
        ))
    }
}

impl<'de> VariantAccess<'de> for StandIn<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        v.visit_seq(Empty)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}
