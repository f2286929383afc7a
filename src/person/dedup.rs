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
/// a hash of the folded text, and a matching hash is confirmed by folding both items and
/// comparing the text, so no key is kept: two reusable buffers serve any number of items.
/// Items are added as they are read, so a long list needs no second pass.
pub struct Firsts {
    /// The first item of each hash.
    by_hash: HashMap<u64, usize>,
    /// Items whose hash was taken by a different key (all but impossible by chance).
    exact: HashMap<Key, usize>,
    buf: String,
    other: String,
    hash_of: fn(NaiveDate, &[u8], &[u8]) -> u64,
}

impl Firsts {
    /// No items yet, and room for `items` of them.
    pub fn new(items: usize) -> Self {
        Self::with_hash(items, quick_hash)
    }

    /// [`Firsts::new`] hashing (date, folded title, folded provider) with `hash_of`, which
    /// must not tell ASCII capitals from small letters.
    fn with_hash(items: usize, hash_of: fn(NaiveDate, &[u8], &[u8]) -> u64) -> Self {
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
        let Some((title, date, provider)) = key_of(i) else {
            return i;
        };
        // Text that folding would only lower is hashed as it stands (the hash ignores ASCII
        // case), without folding it first.
        let hash = if spaced_ascii(title) && spaced_ascii(provider) {
            (self.hash_of)(date, title.as_bytes(), provider.as_bytes())
        } else {
            let split = fold_key(&mut self.buf, (title, date, provider)).0;
            let (t, p) = self.buf.as_bytes().split_at(split);
            (self.hash_of)(date, t, p)
        };
        match self.by_hash.entry(hash) {
            Entry::Vacant(v) => *v.insert(i),
            Entry::Occupied(o) => {
                let j = *o.get();
                let mine = fold_key(&mut self.buf, (title, date, provider));
                let theirs = key_of(j).map(|k| fold_key(&mut self.other, k));
                if theirs == Some(mine) && self.other == self.buf {
                    j
                } else {
                    *self.exact.entry(key(title, date, provider)).or_insert(i)
                }
            }
        }
    }
}

/// Folds a key into `buf` (title, then provider); the length of the folded title, which
/// keeps the two texts apart whatever they hold, and the date.
fn fold_key(
    buf: &mut String,
    (title, date, provider): (&str, NaiveDate, &str),
) -> (usize, NaiveDate) {
    buf.clear();
    fold_into(title, buf);
    let split = buf.len();
    fold_into(provider, buf);
    (split, date)
}

/// Whether [`fold`] would only lower the case of `s`: ASCII words apart by single spaces.
fn spaced_ascii(s: &str) -> bool {
    s.is_ascii() && spaced(s.as_bytes())
}

/// A quick hash of a folded key (FxHash's word mixing) that lowers ASCII capitals as it
/// reads, not keyed: the map of hashes in [`Firsts`] places them with its own random keys,
/// and every match is confirmed by the text, so keys made to collide only go the slower
/// exact way, one by one.
fn quick_hash(date: NaiveDate, title: &[u8], provider: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut h = mix(
        title.len() as u64,
        u64::from(date.num_days_from_ce().unsigned_abs()),
    );
    for text in [title, provider] {
        let (words, rest) = text.as_chunks::<8>();
        for w in words {
            h = mix(h, lower_ascii(u64::from_le_bytes(*w)));
        }
        let last = rest.iter().rev().fold(0, |w, b| w << 8 | u64::from(*b));
        h = mix(h, lower_ascii(last));
    }
    h
}

/// Eight bytes with each ASCII capital made small (other bytes as they are), at once.
fn lower_ascii(w: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let low7 = w & !HIGHS;
    // A byte's high bit is set where its low seven bits are at least `A`, and where they
    // are above `Z`.
    let from_a = low7 + ONES * (0x80 - u64::from(b'A'));
    let past_z = low7 + ONES * (0x7f - u64::from(b'Z'));
    let capital = from_a & !past_z & !w & HIGHS;
    w | (capital >> 2)
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
    fn lowering_eight_bytes_at_once_lowers_ascii_capitals_only() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"aZ@[`{\x7f\x80";
                bytes[at] = byte;
                let want = bytes.map(|b| b.to_ascii_lowercase());
                let got = lower_ascii(u64::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(got, want, "{bytes:?}");
            }
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
            for hash in [quick_hash, |_: NaiveDate, _: &[u8], _: &[u8]| 7] {
                let mut firsts = Firsts::with_hash(0, hash);
                let found: Vec<usize> = (0..items.len())
                    .map(|i| firsts.add(i, |j| items.get(j).copied()))
                    .collect();
                proptest::prop_assert_eq!(&found, &naive);
            }
        }
    }
}
