//! When two CEU log entries are the same course: one rule for `ceu add`, `ceu import` and
//! `ceu check`.
//!
//! Two entries are duplicates when their dates are equal and their titles and providers
//! are equal after [`fold`]: surrounding whitespace trimmed, every run of whitespace
//! (spaces, tabs, line breaks, no-break spaces) made one space, and Unicode canonical
//! caseless matching applied (canonical decomposition, full default case folding,
//! decomposition again — so `Straße` = `STRASSE`, `ÉTUDE` = `étude` whether the accent is
//! one character or two). They are also duplicates when they carry the same AAPC index
//! number after [`fold`], on any dates: an approved course keeps its index however often it
//! is taken or replayed, and counts once.

use chrono::{Datelike, NaiveDate};
use foldhash::HashMap;
use std::collections::hash_map::Entry;
use unicode_normalization::UnicodeNormalization;

/// The key two duplicate entries share.
pub type Key = (String, NaiveDate, String);

/// The duplicate key of an entry.
pub fn key(title: &str, date: NaiveDate, provider: &str) -> Key {
    (fold(title), date, fold(provider))
}

/// An AAPC index as compared for duplicates, or `None` for a blank one.
pub fn index_key(index: Option<&str>) -> Option<String> {
    index.filter(|s| !s.trim().is_empty()).map(fold)
}

/// `s` as compared for duplicates (see the module comment).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends [`fold`]`(s)` to `out`. ASCII text (the usual case) is folded in place, without
/// any allocation of its own.
fn fold_into(s: &str, out: &mut String) {
    let start = out.len();
    if s.is_ascii() {
        if spaced(s.as_bytes()) {
            out.push_str(s);
        } else {
            push_words(s, out);
        }
        out[start..].make_ascii_lowercase();
    } else {
        let folded: String = caseless::Caseless::default_case_fold(s.nfd())
            .nfd()
            .collect();
        push_words(&folded, out);
    }
}

/// Whether ASCII text is already folded as to white space: words apart by single spaces, with
/// none before or after them (usually so).
fn spaced(b: &[u8]) -> bool {
    let mut after_space = true;
    for &c in b {
        match c {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => return false,
            _ => after_space = false,
        }
    }
    !after_space || b.is_empty()
}

/// Appends the words of `s` (split at any whitespace) to `out`, one space between them.
fn push_words(s: &str, out: &mut String) {
    let mut words = s.split_whitespace();
    if let Some(w) = words.next() {
        out.push_str(w);
    }
    for w in words {
        out.push(' ');
        out.push_str(w);
    }
}

/// Finds, item by item, the first earlier item with the same [`key`]. Keys are compared by
/// a hash of the folded text, and a matching hash is confirmed by folding the earlier item
/// again and comparing the text, so no key is kept: two reusable buffers serve any number
/// of items. Items are added as they are read, so a long list needs no second pass.
pub struct Firsts {
    /// The first item of each hash.
    by_hash: HashMap<u64, usize>,
    /// Items whose hash was taken by a different key (all but impossible by chance).
    exact: HashMap<Key, usize>,
    buf: String,
    other: String,
    hash_of: fn(usize, NaiveDate, &[u8]) -> u64,
}

impl Firsts {
    /// No items yet, and room for `items` of them.
    pub fn new(items: usize) -> Self {
        Self::with_hash(items, quick_hash)
    }

    /// [`Firsts::new`] hashing (title length, date, folded title and provider) with `hash_of`.
    fn with_hash(items: usize, hash_of: fn(usize, NaiveDate, &[u8]) -> u64) -> Self {
        Firsts {
            by_hash: HashMap::with_capacity_and_hasher(items, Default::default()),
            exact: HashMap::default(),
            buf: String::new(),
            other: String::new(),
            hash_of,
        }
    }

    /// Adds item `i` (the items are added in order, from 0); `key_of(j)` gives the key of
    /// item `j` for any `j` up to `i`. Returns the index of the first item with `i`'s key.
    pub fn add<'k>(
        &mut self,
        i: usize,
        key_of: impl Fn(usize) -> Option<(&'k str, NaiveDate, &'k str)>,
    ) -> usize {
        let Some((split, date)) = fold_key(&mut self.buf, key_of(i)) else {
            return i;
        };
        let hash = (self.hash_of)(split, date, self.buf.as_bytes());
        match self.by_hash.entry(hash) {
            Entry::Vacant(v) => *v.insert(i),
            Entry::Occupied(o) => {
                let j = *o.get();
                if fold_key(&mut self.other, key_of(j)) == Some((split, date))
                    && self.other == self.buf
                {
                    j
                } else {
                    match key_of(i) {
                        Some((title, date, provider)) => {
                            *self.exact.entry(key(title, date, provider)).or_insert(i)
                        }
                        None => i,
                    }
                }
            }
        }
    }
}

/// Folds a key into `buf` (title, then provider); the length of the folded title, which
/// keeps the two texts apart whatever they hold, and the date.
fn fold_key(buf: &mut String, key: Option<(&str, NaiveDate, &str)>) -> Option<(usize, NaiveDate)> {
    let (title, date, provider) = key?;
    buf.clear();
    fold_into(title, buf);
    let split = buf.len();
    fold_into(provider, buf);
    Some((split, date))
}

/// A quick hash of a folded key (FxHash's word mixing), not keyed: the map of hashes in
/// [`Firsts`] places them with its own random keys, and every match is confirmed by
/// the text, so keys made to collide only go the slower exact way, one by one.
fn quick_hash(split: usize, date: NaiveDate, text: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut h = mix(
        split as u64,
        u64::from(date.num_days_from_ce().unsigned_abs()),
    );
    let mut chunks = text.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, c.iter().rev().fold(0, |w, b| w << 8 | u64::from(*b)));
    }
    for b in chunks.remainder() {
        h = mix(h, u64::from(*b));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_space_and_composition() {
        assert_eq!(
            fold("  Risk\tAdjustment \n Update "),
            "risk adjustment update"
        );
        assert_eq!(fold("Straße"), fold("STRASSE"));
        assert_eq!(fold("ÉTUDE"), fold("e\u{301}tude"));
        assert_eq!(fold("Ana\u{a0}María"), fold("ana maría"));
        assert_ne!(fold("Coding 1"), fold("Coding 2"));
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(key("Webinar", d, "AAPC"), key(" WEBINAR ", d, "aapc"));
        assert_eq!(fold("a\u{b}b\u{c}c"), "a b c");
        assert_eq!(fold(" \t "), "");
        for s in [
            "",
            " ",
            "A",
            "A b",
            "A  b",
            " A",
            "A ",
            "a\rb",
            "a\x1fb",
            "AbC dEf 1",
            "\t A \x0b\x0c b \r\n",
            "IDX-12",
        ] {
            assert_eq!(
                fold(s),
                s.to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
    }

    #[test]
    fn firsts_finds_the_first_with_the_same_key() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let e = NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
        let items = [
            ("Webinar", d, "AAPC"),
            ("webinar ", d, "aapc"),
            ("Webinar", e, "AAPC"),
            ("Webi", d, "narAAPC"),
            ("Straße", d, "X"),
            ("STRASSE", d, "x"),
            ("WEBINAR", d, "AAPC"),
        ];
        let firsts_of = |mut firsts: Firsts| -> Vec<usize> {
            (0..items.len())
                .map(|i| firsts.add(i, |j| items.get(j).copied()))
                .collect()
        };
        assert_eq!(firsts_of(Firsts::new(0)), vec![0, 0, 2, 3, 4, 4, 0]);
        // Every hash equal: the text still tells the keys apart.
        let found = firsts_of(Firsts::with_hash(0, |_, _, _| 7));
        assert_eq!(found, vec![0, 0, 2, 3, 4, 4, 0]);
    }

    proptest::proptest! {
        #[test]
        fn firsts_agree_with_a_map_of_keys(
            items in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["Webinar", " webinar", "WEBINAR  ", "Web inar", "Straße", "STRASSE", "é", "e\u{301}", ""]),
                    0u64..3,
                    proptest::sample::select(vec!["AAPC", "aapc", "AAPC\t", "AHIMA", "x"]),
                ),
                0..40,
            )
        ) {
            let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
            let items: Vec<(&str, NaiveDate, &str)> = items
                .into_iter()
                .map(|(t, d, p)| (t, day + chrono::Days::new(d), p))
                .collect();
            let mut seen = std::collections::HashMap::new();
            let naive: Vec<usize> = items
                .iter()
                .enumerate()
                .map(|(i, (t, d, p))| *seen.entry(key(t, *d, p)).or_insert(i))
                .collect();
            for hash in [quick_hash, |_: usize, _: NaiveDate, _: &[u8]| 7] {
                let mut firsts = Firsts::with_hash(0, hash);
                let found: Vec<usize> = (0..items.len())
                    .map(|i| firsts.add(i, |j| items.get(j).copied()))
                    .collect();
                proptest::prop_assert_eq!(&found, &naive);
            }
        }
    }
}
