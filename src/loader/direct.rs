//! Reading clean items straight from the fast reader's tree, without the deserializer.
//!
//! For a large list in the fast reader's layout (a CEU log of thousands of entries), going
//! through serde for every value costs more than reading the text. A type that knows its
//! keys can instead read each item's pairs with the accessors here, which give exactly what
//! the deserializer ([`super::de`]) gives for the same node *when the deserializer would
//! record no problem*, and `None` (decline) in every other case: a null where a list is
//! wanted, a quoted number, an unknown word. One decline anywhere sends the whole document
//! back to [`Source::parse`](super::Source::parse), which reports every problem with the
//! usual words, so answers and diagnostics never depend on which path read the file. The
//! property tests in `src/proptests.rs` check that both paths give the same log.

use chrono::NaiveDate;

use super::fast::Items;
use super::node::{Kind, Node};
use super::scalar::{Resolved, resolve};
use super::ymd;

/// What reads items straight from the fast reader: each pair of an item as it is read, then
/// the end of the item. Returning `None` declines the document.
pub(crate) trait Read {
    /// A pair of the item being read; keys are unique within an item (the fast reader gives
    /// up on a repeated key).
    fn pair(&mut self, key: &str, value: Value<'_, '_>) -> Option<()>;

    /// The end of the item whose pairs were just given, which starts on `line`.
    fn end(&mut self, line: usize) -> Option<()>;
}

/// One value, read as a field type reads it. Each accessor returns `None` where the
/// deserializer would record a problem.
pub(crate) struct Value<'n, 'a>(&'n Node<'a>);

impl<'n> Value<'n, '_> {
    /// An `Option<String>` (or `Option<PathBuf>`): null is `None`, any other scalar its text.
    pub fn text(&self) -> Option<Option<&'n str>> {
        if self.0.is_null() {
            return Some(None);
        }
        self.0.scalar().map(Some)
    }

    /// An `Option<f64>`: null is `None`; a plain integer or float (YAML 1.2 core schema) its
    /// value.
    pub fn number(&self) -> Option<Option<f64>> {
        if self.0.is_null() {
            return Some(None);
        }
        let Kind::Scalar { text, plain: true } = &self.0.kind else {
            return None;
        };
        match resolve(text) {
            // Through `i64` where it fits, which converts in one instruction.
            Resolved::Int(n) => Some(Some(i64::try_from(n).map_or(n as f64, |n| n as f64))),
            Resolved::Float(f) => Some(Some(f)),
            Resolved::BigInt => Some(Some(text.parse().unwrap_or(0.0))),
            Resolved::Null | Resolved::Bool(_) | Resolved::Str => None,
        }
    }

    /// A `bool`: a plain `true` or `false` (any case YAML allows).
    pub fn flag(&self) -> Option<bool> {
        match &self.0.kind {
            Kind::Scalar { text, plain: true } => match resolve(text) {
                Resolved::Bool(b) => Some(b),
                _ => None,
            },
            _ => None,
        }
    }

    /// An optional `YYYY-MM-DD` date ([`ymd::option`]): null is `None`, a scalar holding a
    /// real date that date.
    pub fn date(&self) -> Option<Option<NaiveDate>> {
        match self.text()? {
            None => Some(None),
            Some(text) => ymd::read(text).ok().map(Some),
        }
    }

    /// A `Vec` of texts (`String`, or the log's short text): a list whose items are all
    /// scalars other than null.
    pub fn texts<T: for<'t> From<&'t str>>(&self) -> Option<Vec<T>> {
        let Kind::Seq(items) = &self.0.kind else {
            return None;
        };
        // Exactly as many places as items (collecting through `Option` would guess four).
        let mut texts = Vec::with_capacity(items.len());
        for n in items {
            texts.push((!n.is_null()).then(|| n.scalar().map(T::from))??);
        }
        Some(texts)
    }

    /// The word of an optional unit-only enum: null is `None`, any other scalar its text (the
    /// caller declines words that are not a variant's name).
    pub fn word(&self) -> Option<Option<&'n str>> {
        self.text()
    }
}

/// Hands the items of the top-level list of `text` to `reader` while the fast reader takes
/// the text and `reader` accepts what it is given. Returns whether every item was read;
/// when not, `reader` has seen only part of the document, which is then to be read with
/// [`Source::parse`](super::Source::parse).
pub(crate) fn each_item(text: &str, reader: &mut impl Read) -> bool {
    let mut items = Items::new(text);
    loop {
        let read = items.next_with(&mut |_, key, value| reader.pair(key, Value(&value)));
        match read {
            None => return true,
            Some(None) => return false,
            Some(Some(line)) => {
                if reader.end(line).is_none() {
                    return false;
                }
            }
        }
    }
}
