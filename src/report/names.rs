//! Safe, unique file names for client reports.

use std::collections::HashSet;

/// Windows device names, refused as file stems everywhere so reports copy safely.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem from a client's name: lower-case ASCII letters and digits joined by single
/// hyphens, at most 60 characters; no separators, dots, control characters or reserved names.
pub fn stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
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

/// Unique stems for `names`, in order: a repeated stem gets `-2`, `-3`, … appended.
pub fn unique_stems<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used = HashSet::new();
    names
        .into_iter()
        .map(|n| {
            let base = stem(n);
            let mut candidate = base.clone();
            let mut k = 2;
            while !used.insert(candidate.clone()) {
                candidate = format!("{base}-{k}");
                k += 1;
            }
            candidate
        })
        .collect()
}

/// The shelf (`00` … `0f`) a stem's files go in: a fixed hash (FNV-1a), so the layout is
/// the same on every run and every machine.
pub fn shelf(stem: &str) -> String {
    let hash = stem.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:02x}", hash % 16)
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
        assert_eq!(stem("Ana\u{0}\u{7}\nMaría"), "ana-mar-a");
        assert_eq!(stem("..."), "client");
        assert_eq!(stem("CON"), "client-con");
        assert_eq!(stem(&"a".repeat(200)).len(), 60);
    }

    #[test]
    fn shelves_are_stable() {
        assert_eq!(shelf("maya-thompson"), shelf("maya-thompson"));
        let used: HashSet<String> = (0..200).map(|i| shelf(&format!("client-{i}"))).collect();
        assert_eq!(used.len(), 16);
    }

    #[test]
    fn duplicates_get_numbered_in_order() {
        assert_eq!(
            unique_stems(["Jo Lee", "jo lee", "Jo-Lee", "jo-lee-2"]),
            ["jo-lee", "jo-lee-2", "jo-lee-3", "jo-lee-2-2"]
        );
    }
}
