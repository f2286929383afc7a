//! A `state` (a profile's, a programme's location): the USPS code of a US state, the
//! District of Columbia or an inhabited territory.
//!
//! Source: USPS Publication 28, Appendix B, "Two-Letter State and Possession
//! Abbreviations" (https://pe.usps.com/text/pub28/28apb.htm). The freely associated states
//! (FM, MH, PW) and the Armed Forces codes (AA, AE, AP) are left out: in-state tuition is
//! not priced for them.

/// Each USPS code with its name, in the publication's order.
pub const USPS_STATES: [(&str, &str); 56] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AS", "American Samoa"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("GU", "Guam"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("MP", "Northern Mariana Islands"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("PR", "Puerto Rico"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VI", "U.S. Virgin Islands"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

/// Whether `code` is a USPS code as written (upper case).
pub fn is_code(code: &str) -> bool {
    USPS_STATES.iter().any(|(c, _)| *c == code)
}

/// The code meant by `written`, when it is not one: the code in another case (`ca`), the
/// code of a name (`California`, `new york`, or a name misspelt by a letter or two), or the
/// code with its letters swapped (`AC`); `None` when nothing is close.
pub fn meant(written: &str) -> Option<&'static str> {
    let w = written.trim();
    let upper = w.to_uppercase();
    let by_code = |c: &str| USPS_STATES.iter().map(|(code, _)| *code).find(|x| *x == c);
    if let Some(c) = by_code(&upper) {
        return Some(c);
    }
    let names: Vec<&str> = USPS_STATES.iter().map(|(_, n)| *n).collect();
    if w.chars().count() > 3
        && let Some(name) = crate::loader::closest(w, &names)
    {
        return USPS_STATES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(c, _)| *c);
    }
    let swapped: String = upper.chars().rev().collect();
    (upper.chars().count() == 2)
        .then(|| by_code(&swapped))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_codes_pass_and_near_ones_are_named() {
        assert!(is_code("CA") && is_code("DC") && is_code("PR") && is_code("GU"));
        for bad in ["XX", "ZZ", "ca", "QQ", "AA", "Calif"] {
            assert!(!is_code(bad), "{bad}");
        }
        assert_eq!(meant("ca"), Some("CA"));
        assert_eq!(meant("California"), Some("CA"));
        assert_eq!(meant("new york"), Some("NY"));
        assert_eq!(meant("Pensylvania"), Some("PA"));
        assert_eq!(meant("AC"), Some("CA"));
        assert_eq!(meant("XX"), None);
        assert_eq!(meant("QZ"), None);
    }
}
