//! Readable, safe, unique file names for client reports: `maya-thompson`, and on a clash
//! of names a short suffix from the client's profile path (`jo-lee-3f2a`), so a name is the
//! same on every run of the same roster.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Windows device names, refused as file stems everywhere so reports copy safely.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem from a client's name: lower-case ASCII letters and digits joined by single
/// hyphens, at most 60 characters; no separators, dots, control characters or reserved names.
/// Latin letters are written in ASCII: accents dropped (`Sofía Ramírez` → `sofia-ramirez`),
/// and the letters without a decomposition spelt out (`Bjørn Strauß` → `bjorn-strauss`).
pub fn stem(name: &str) -> String {
    let mut letters = String::new();
    for c in name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        match c {
            'ł' => letters.push('l'),
            'ø' => letters.push('o'),
            'đ' | 'ð' => letters.push('d'),
            'ı' => letters.push('i'),
            'ß' => letters.push_str("ss"),
            'æ' => letters.push_str("ae"),
            'œ' => letters.push_str("oe"),
            'þ' => letters.push_str("th"),
            _ => letters.push(c),
        }
    }
    let mut out = String::new();
    for c in letters.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "client".into()
    } else if RESERVED.contains(&out.as_str()) {
        format!("client-{out}")
    } else {
        out
    }
}

/// Unique stems for `(name, key)` pairs, in order; `key` identifies the client (their
/// profile's path relative to the roster). The first client with a stem gets it as it is;
/// a later one gets `-` and the first 4 hex digits of a fixed hash of its key (8, then 16,
/// if those are taken; then a number). Linear in the number of clients.
pub fn unique_stems<'a>(clients: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let mut used = HashSet::new();
    clients
        .into_iter()
        .map(|(name, key)| {
            let base = stem(name);
            if used.insert(base.clone()) {
                return base;
            }
            let hash = format!("{:016x}", fnv1a(key));
            for len in [4, 8, 16] {
                let candidate = format!("{base}-{}", &hash[..len]);
                if used.insert(candidate.clone()) {
                    return candidate;
                }
            }
            // Only when two keys hash alike: count up from 2 (each attempt takes a new name).
            (2u64..)
                .map(|k| format!("{base}-{hash}-{k}"))
                .find(|c| used.insert(c.clone()))
                .unwrap_or(base)
        })
        .collect()
}

/// FNV-1a, 64 bits: the same on every run and machine.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_safe_stems() {
        assert_eq!(stem("../../etc/x"), "etc-x");
        assert_eq!(
            stem("<img src=x onerror=alert(1)>"),
            "img-src-x-onerror-alert-1"
        );
        assert_eq!(stem("=HYPERLINK(\"http://x\")"), "hyperlink-http-x");
        assert_eq!(stem("Ana\u{0}\u{7}\nMaría"), "ana-maria");
        assert_eq!(stem("Sofía Ramírez-Núñez"), "sofia-ramirez-nunez");
        assert_eq!(stem("Zoë Ångström ﬁn"), "zoe-angstrom-fin");
        assert_eq!(stem("Łukasz Błaszczykowski"), "lukasz-blaszczykowski");
        assert_eq!(stem("Bjørn Strauß Æsa Œuvre"), "bjorn-strauss-aesa-oeuvre");
        assert_eq!(stem("..."), "client");
        assert_eq!(stem("CON"), "client-con");
        assert_eq!(stem(&"a".repeat(200)).len(), 60);
    }

    #[test]
    fn clashes_get_a_suffix_from_the_profile_path() {
        let stems = unique_stems([
            ("Jo Lee", "clients/a.yaml"),
            ("jo lee", "clients/b.yaml"),
            ("Maya", "maya.yaml"),
            ("Jo-Lee", "clients/c.yaml"),
        ]);
        assert_eq!(stems[0], "jo-lee");
        assert_eq!(stems[2], "maya");
        assert!(
            stems[1].starts_with("jo-lee-") && stems[1].len() == 11,
            "{stems:?}"
        );
        assert_ne!(stems[1], stems[3]);
        // The same roster gives the same names.
        assert_eq!(
            unique_stems([("jo lee", "x.yaml"), ("Jo Lee", "y.yaml")])[1],
            unique_stems([("jo lee", "x.yaml"), ("Jo Lee", "y.yaml")])[1]
        );
    }

    #[test]
    fn many_clients_with_one_name_stay_unique() {
        let keys: Vec<String> = (0..20_000).map(|i| format!("clients/c{i}.yaml")).collect();
        let stems = unique_stems(keys.iter().map(|k| ("Same Name", k.as_str())));
        let distinct: HashSet<&String> = stems.iter().collect();
        assert_eq!(distinct.len(), 20_000);
        // The same key twice (a repeated entry) still gets two names.
        let twice = unique_stems([("A", "k"), ("A", "k"), ("A", "k"), ("A", "k"), ("A", "k")]);
        assert_eq!(twice.iter().collect::<HashSet<_>>().len(), 5);
    }
}
