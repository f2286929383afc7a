//! Reading a node of the tree: scalars resolved by the requested type, problems recorded
//! where they are, stand-ins handed on.

use serde::de::{self, Visitor};

use super::access::Empty;
use super::access::{Elements, Entries, Fields, Next, Variant};
use super::stand_in::StandIn;
use super::{Ctx, Error, Fix, Key, Path};
use crate::error::{Code, quote};
use crate::loader::Problem;
use crate::loader::node::{Kind, Node};
use crate::loader::scalar::{Resolved, resolve};
use crate::loader::words::{self, did_you_mean, found, one_of};
use crate::loader::ymd;

/// A node being read.
pub(super) struct NodeDe<'x, 'a> {
    pub(super) node: &'x Node<'a>,
    pub(super) path: &'x Path<'x>,
    pub(super) ctx: &'x Ctx<'x>,
}

impl NodeDe<'_, '_> {
    /// Records "found X" where `expected` was wanted.
    pub(super) fn wrong_type(&self, expected: &str) {
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

    pub(super) fn record(&self, code: Code, message: String, expected: String) {
        self.ctx.record(
            Problem::new(self.node.pos(), code, message, expected),
            Some(self.path),
        );
    }

    pub(super) fn stand_in(&self) -> StandIn<'_> {
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
                let example = self.node.scalar().and_then(words::as_number);
                self.wrong_type(&format!(
                    "a number such as {}",
                    example.as_deref().unwrap_or("12.5")
                ));
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
pub(super) fn mapping_expected(fields: &[&str]) -> String {
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
            Kind::Seq(items) => v.visit_seq(Elements {
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
        // Case does not matter (`GED` is `ged`, `aapc` is `AAPC`): the variant as spelt.
        let Some(word) = variants
            .iter()
            .find(|x| x.eq_ignore_ascii_case(word))
            .copied()
        else {
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
        };
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
