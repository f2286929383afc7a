//! The report folder's manifest (`.coderpath-manifest`): the client pages the last run
//! wrote, one path per line relative to the folder, so the next run knows which pages
//! belong to clients no longer in the roster. Only paths a run could have written are read
//! back (`clients/NAME.html|md|json`, NAME as [`super::names::stem`] makes them), so an
//! edited manifest cannot make a run remove anything else.

use std::collections::BTreeSet;

/// The manifest's file name in the report folder.
pub const FILE: &str = ".coderpath-manifest";

/// The manifest's text for `pages`.
pub fn format(pages: &BTreeSet<String>) -> String {
    let mut out = String::from(
        "# Client pages written by coderpath report into this folder (used to find pages of\n\
         # clients no longer in the roster). One path per line.\n",
    );
    for p in pages {
        out.push_str(p);
        out.push('\n');
    }
    out
}

/// The pages a manifest lists, skipping comments and anything that is not a client page.
pub fn parse(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| is_page(l))
        .map(String::from)
        .collect()
}

/// Whether `path` is a client page a run writes: `clients/` + a safe stem + extension.
pub fn is_page(path: &str) -> bool {
    let Some(file) = path.strip_prefix("clients/") else {
        return false;
    };
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    matches!(ext, "html" | "md" | "json")
        && !stem.is_empty()
        && !stem.starts_with('-')
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_only_client_pages() {
        let pages: BTreeSet<String> = ["clients/jo-lee.html", "clients/jo-lee.md"]
            .map(String::from)
            .into();
        assert_eq!(parse(&format(&pages)), pages);
        let hostile = "../etc/passwd\nclients/../x.html\n/abs.html\nclients/a/b.html\nclients/.hidden.html\nclients/x.sh\nindex.html\nclients/ok-1.json\n";
        assert_eq!(
            parse(hostile),
            BTreeSet::from(["clients/ok-1.json".to_string()])
        );
    }
}
