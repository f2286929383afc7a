//! Readable, safe, unique file names for client reports: `maya-thompson`, and for clients who
//! share a name a short suffix from each one's profile path (`jo-lee-3f2a`), so a client's
//! page keeps its name from run to run, whatever the order of the roster.

use std::collections::{HashMap, HashSet};

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
/// profile's path relative to the roster). A client whose stem no other client has gets it
/// as it is; clients who share one each get `-` and the first 4 hex digits of a fixed hash
/// of their key (8, then 16, if those are taken; then a number), taken in the order of their
/// keys, so no name depends on the order of the roster. Linear in the number of clients
/// (plus sorting those who share a stem).
pub fn unique_stems<'a>(clients: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let clients: Vec<(String, &str)> = clients.into_iter().map(|(n, k)| (stem(n), k)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (base, _) in &clients {
        *count.entry(base).or_default() += 1;
    }
    let mut names: Vec<Option<String>> = clients
        .iter()
        .map(|(base, _)| (count[base.as_str()] == 1).then(|| base.clone()))
        .collect();
    let mut used: HashSet<String> = names.iter().flatten().cloned().collect();
    let mut sharing: Vec<usize> = (0..clients.len()).filter(|i| names[*i].is_none()).collect();
    sharing.sort_by_key(|i| clients[*i].1);
    for i in sharing {
        let (base, key) = &clients[i];
        let hash = format!("{:016x}", fnv1a(key));
        let name = [4, 8, 16]
            .into_iter()
            .map(|len| format!("{base}-{}", &hash[..len]))
            // Only when two keys hash alike: count up from 2.
            .chain((2u64..).map(|k| format!("{base}-{hash}-{k}")))
            .find(|c| !used.contains(c))
            .unwrap_or_default();
        used.insert(name.clone());
        names[i] = Some(name);
    }
    names.into_iter().flatten().collect()
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
        assert_eq!(stems[2], "maya");
        for s in [&stems[0], &stems[1], &stems[3]] {
            assert!(s.starts_with("jo-lee-") && s.len() == 11, "{stems:?}");
        }
        assert_eq!(stems.iter().collect::<HashSet<_>>().len(), 4);
        // A client keeps their page name whatever the order of the roster.
        let forward = unique_stems([("jo lee", "x.yaml"), ("Jo Lee", "y.yaml"), ("Al", "a")]);
        let back = unique_stems([("Al", "a"), ("Jo Lee", "y.yaml"), ("jo lee", "x.yaml")]);
        assert_eq!(
            (&forward[0], &forward[1], &forward[2]),
            (&back[2], &back[1], &back[0])
        );
        // A suffixed name never takes a name another client has as it is.
        let taken = format!("jo-lee-{}", &format!("{:016x}", fnv1a("x.yaml"))[..4]);
        let stems = unique_stems([("Jo Lee", "x.yaml"), ("Jo Lee", "y.yaml"), (&taken, "z")]);
        assert_eq!(stems[2], taken);
        assert_ne!(stems[0], taken);
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
