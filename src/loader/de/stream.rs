//! The top of a document the fast reader takes, read one item at a time.

use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};

use super::node::NodeDe;
use super::{Ctx, Error, Path, child};
use crate::loader::fast::Items;
use crate::loader::node::{Kind, Node};
use crate::loader::ymd;

/// The top of a document the fast reader takes: a list whose items come one at a time.
pub(super) struct Stream<'x, 'a> {
    pub(super) items: Items<'a>,
    pub(super) ctx: &'x Ctx<'x>,
}

impl Stream<'_, '_> {
    /// The list as a node, for a type that is not a list: that is a wrong type, which is
    /// reported without looking into the items, so they are read (the fast reader may yet
    /// give up on one) but not kept.
    fn whole<R>(self, read: impl FnOnce(NodeDe<'_, '_>) -> Result<R, Error>) -> Result<R, Error> {
        let mut items = self.items;
        if items.by_ref().any(|item| item.is_none()) {
            self.ctx.gave_up.set(true);
            return Err(Error::Abort);
        }
        let node = Node::new(items.first_line, 1, Kind::Seq(Vec::new()));
        read(NodeDe {
            node: &node,
            path: &Path::Root,
            ctx: self.ctx,
        })
    }
}

macro_rules! whole {
    ($($method:ident($($arg:ident: $t:ty),*)),*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $t,)* v: V) -> Result<V::Value, Error> {
            self.whole(|de| de.$method($($arg,)* v))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Stream<'_, '_> {
    type Error = Error;

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_seq(StreamItems {
            items: self.items,
            index: 0,
            ctx: self.ctx,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
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

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        if name == ymd::TOKEN {
            self.whole(|de| de.deserialize_newtype_struct(name, v))
        } else {
            v.visit_newtype_struct(self)
        }
    }

    whole!(
        deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(),
        deserialize_i64(), deserialize_i128(), deserialize_u8(), deserialize_u16(),
        deserialize_u32(), deserialize_u64(), deserialize_u128(), deserialize_f32(),
        deserialize_f64(), deserialize_char(), deserialize_str(), deserialize_string(),
        deserialize_bytes(), deserialize_byte_buf(), deserialize_unit(),
        deserialize_unit_struct(name: &'static str), deserialize_map(),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(), deserialize_ignored_any()
    );
}

/// The items of a [`Stream`].
pub(super) struct StreamItems<'x, 'a> {
    pub(super) items: Items<'a>,
    pub(super) index: usize,
    pub(super) ctx: &'x Ctx<'x>,
}

impl<'de> SeqAccess<'de> for StreamItems<'_, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        match self.items.next() {
            None => Ok(None),
            Some(None) => {
                self.ctx.gave_up.set(true);
                Err(Error::Abort)
            }
            Some(Some(node)) => {
                self.index += 1;
                let value = child(
                    seed,
                    &node,
                    &Path::Index(&Path::Root, self.index - 1),
                    self.ctx,
                );
                self.items.recycle(node);
                value.map(Some)
            }
        }
    }
}
