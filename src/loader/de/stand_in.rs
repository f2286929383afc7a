//! Stand-ins: a value of whatever type is asked for, read in place of a wrong or absent one.

use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, VariantAccess, Visitor};

use super::access::{Empty, Fields, Next};
use super::{Ctx, Error, Fix, Key, Path};
use crate::loader::ymd;

/// A stand-in value of whatever type is asked for: 0, "", false, none, empty, the first enum
/// variant, a placeholder date, or a struct of stand-ins for its required keys.
pub(super) struct StandIn<'x> {
    pub(super) key: Key,
    pub(super) ctx: &'x Ctx<'x>,
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
pub(super) struct StandInVariant<'x> {
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
