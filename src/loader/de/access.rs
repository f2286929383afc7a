//! The lists, mappings, structs and enums of a node being read.

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use super::node::{NodeDe, mapping_expected};
use super::stand_in::StandIn;
use super::{Ctx, Error, Fix, Key, Path, child};
use crate::error::{Code, quote};
use crate::loader::Problem;
use crate::loader::node::Node;
use crate::loader::words::{closest, did_you_mean, found, one_of};

/// Elements of a list.
pub(super) struct Elements<'x, 'a> {
    pub(super) items: std::iter::Enumerate<std::slice::Iter<'x, Node<'a>>>,
    pub(super) path: &'x Path<'x>,
    pub(super) ctx: &'x Ctx<'x>,
}

impl<'de> SeqAccess<'de> for Elements<'_, '_> {
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
pub(super) struct Entries<'x, 'a> {
    pub(super) pairs: std::slice::Iter<'x, (Node<'a>, Node<'a>)>,
    pub(super) value: Option<&'x (Node<'a>, Node<'a>)>,
    pub(super) path: &'x Path<'x>,
    pub(super) ctx: &'x Ctx<'x>,
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
pub(super) enum Next<'x, 'a> {
    None,
    Node(&'x str, &'x Node<'a>),
    StandIn(&'static str),
}

/// Entries of a mapping read as a struct: unknown keys are recorded and skipped; absent
/// required keys known from an earlier pass follow the real ones, with stand-in values.
pub(super) struct Fields<'x, 'a> {
    pub(super) pairs: std::slice::Iter<'x, (Node<'a>, Node<'a>)>,
    pub(super) fields: &'static [&'static str],
    pub(super) missing: std::slice::Iter<'x, &'static str>,
    pub(super) value: Next<'x, 'a>,
    /// Where stand-in keys are looked up.
    pub(super) key: Key,
    /// The mapping, when there is one (else the struct stands in for a wrong value).
    pub(super) node: Option<&'x Node<'a>>,
    /// Fields that unknown keys were taken for ("did you mean").
    pub(super) suggested: Vec<&'static str>,
    pub(super) path: &'x Path<'x>,
    pub(super) ctx: &'x Ctx<'x>,
}

impl<'de> MapAccess<'de> for Fields<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for (k, v) in self.pairs.by_ref() {
            if self.ctx.full() {
                return Err(Error::Abort);
            }
            let Some(name) = k.scalar().filter(|_| !k.is_null()) else {
                self.ctx.record(
                    Problem::new(
                        k.pos(),
                        Code::WrongType,
                        format!("{}found {} as a key", self.path.prefix(), found(k)),
                        Some(one_of(self.fields)),
                    ),
                    Some(self.path),
                );
                continue;
            };
            if !self.fields.contains(&name) {
                let best = closest(name, self.fields);
                if let Some(best) = best {
                    self.suggested.push(best);
                }
                let shown = Path::Key(self.path, name);
                self.ctx.record(
                    Problem::new(
                        k.pos(),
                        Code::UnknownKey,
                        format!(
                            "unknown key {}{}",
                            quote(&shown.to_string()),
                            did_you_mean(name, self.fields)
                        ),
                        Some(one_of(self.fields)),
                    ),
                    // The key it was taken for is as good as absent.
                    best.map(|b| Path::Key(self.path, b)).as_ref(),
                );
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
            self.ctx.record(
                Problem::new(
                    node.pos(),
                    Code::MissingField,
                    format!("missing key `{name}`{within}"),
                    Some(format!(
                        "{} `{name}:` entry in this mapping",
                        crate::render::words::article(name)
                    )),
                ),
                None,
            );
        }
        self.ctx.taint(&Path::Key(self.path, name));
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
pub(super) struct Variant<'x, 'a> {
    pub(super) word: &'x str,
    pub(super) value: Option<&'x Node<'a>>,
    pub(super) de: NodeDe<'x, 'a>,
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
pub(super) struct Empty;

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
