//! When two CEU log entries are the same course: one rule for `ceu add`, `ceu import` and
//! `ceu check`.
//!
//! Two entries are duplicates when their dates are equal and their titles and providers
//! are equal after [`fold`]: surrounding whitespace trimmed, every run of whitespace
//! (spaces, tabs, line breaks, no-break spaces) made one space, and Unicode canonical
//! caseless matching applied (canonical decomposition, full default case folding,
//! decomposition again — so `Straße` = `STRASSE`, `ÉTUDE` = `étude` whether the accent is
//! one character or two).

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use unicode_normalization::UnicodeNormalization;

/// The key two duplicate entries share.
pub type Key = (String, NaiveDate, String);

/// The duplicate key of an entry.
pub fn key(title: &str, date: NaiveDate, provider: &str) -> Key {
    (fold(title), date, fold(provider))
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
    !(after_space && !b.is_empty())
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

/// For each item (title, date, provider), the index of the first item with the same
/// [`key`] — its own index when no earlier item has it. Keys are compared by a hash of the
/// folded text, and a matching hash is confirmed by comparing the folded text itself, so
/// only one reusable buffer is allocated for the folding, however long the list.
pub fn first_of_each<T>(items: &[T], key_of: impl Fn(&T) -> (&str, NaiveDate, &str)) -> Vec<usize> {
    first_by_hash(items, key_of, quick_hash)
}

/// [`first_of_each`] with the hash of (title length, date, folded title and provider).
fn first_by_hash<T>(
    items: &[T],
    key_of: impl Fn(&T) -> (&str, NaiveDate, &str),
    hash_of: impl Fn(usize, NaiveDate, &[u8]) -> u64,
) -> Vec<usize> {
    let mut buf = String::new();
    // The first item of each hash; items whose hash was taken by a different key, which is
    // all but impossible, go to `exact`.
    let mut by_hash: HashMap<u64, usize> = HashMap::with_capacity(items.len());
    let mut exact: HashMap<Key, usize> = HashMap::new();
    let fold_key = |buf: &mut String, item: &T| {
        let (title, date, provider) = key_of(item);
        buf.clear();
        fold_into(title, buf);
        // The title's length keeps the two texts apart whatever they hold.
        let split = buf.len();
        fold_into(provider, buf);
        (split, date)
    };
    let mut first = Vec::with_capacity(items.len());
    let mut other = String::new();
    for (i, item) in items.iter().enumerate() {
        let (split, date) = fold_key(&mut buf, item);
        let hash = hash_of(split, date, buf.as_bytes());
        let j = match by_hash.entry(hash) {
            Entry::Vacant(v) => *v.insert(i),
            Entry::Occupied(o) => {
                let j = *o.get();
                if fold_key(&mut other, &items[j]) == (split, date) && other == buf {
                    j
                } else {
                    let (title, date, provider) = key_of(item);
                    *exact.entry(key(title, date, provider)).or_insert(i)
                }
            }
        };
        first.push(j);
    }
    first
}

/// A quick hash of a folded key (FxHash's word mixing), not keyed: the map of hashes in
/// [`first_of_each`] places them with its own random keys, and every match is confirmed by
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
    fn first_of_each_finds_the_first_with_the_same_key() {
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
        assert_eq!(first_of_each(&items, |k| *k), vec![0, 0, 2, 3, 4, 4, 0]);
        // Every hash equal: the text still tells the keys apart.
        assert_eq!(
            first_by_hash(&items, |k| *k, |_, _, _| 7),
            vec![0, 0, 2, 3, 4, 4, 0]
        );
    }
}
