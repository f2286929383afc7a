//! The vocabulary of the reports: words for the data's enumerations, and numbers, money and
//! lists formatted for people. Everything a person reads is spelt here or in the other
//! `render` modules and the templates, never in the planner or the tracker.

use crate::data::model::{
    Body, DegreeLevel, Delivery, Education, FeeKind, LapseState, Payer, RuleFeeKind,
};

/// An amount in dollars, rounded to cents once: `$1,748`, `$12,578.50`.
pub fn usd(v: f64) -> String {
    let cents = (v * 100.0).round();
    let negative = cents < 0.0;
    // Amounts are bounded (at most a million dollars in the data), so this is exact.
    let cents = cents.abs() as i64;
    let (whole, frac) = (cents / 100, cents % 100);
    let sign = if negative { "-" } else { "" };
    if frac == 0 {
        format!("{sign}${}", thousands(whole))
    } else {
        format!("{sign}${}.{frac:02}", thousands(whole))
    }
}

/// `194800` → `194,800`.
pub fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0 { format!("-{out}") } else { out }
}

/// A number for people: at most one decimal, no needless `.0`, no `-0`.
pub fn num(v: f64) -> String {
    tenths((v * 10.0).round())
}

/// An amount earned, as [`num`] but rounded down, so that 35.96 of 36 CEUs never reads as
/// done. With [`num_up`] for what is left, the two add up to the requirement.
pub fn num_down(v: f64) -> String {
    // The allowance keeps a sum such as 15.3 (stored as 15.299…) at 15.3.
    tenths((v * 10.0 + 1e-6).floor())
}

/// An amount still needed, as [`num`] but rounded up: 0.04 CEUs to go is "0.1", not "0".
pub fn num_up(v: f64) -> String {
    tenths((v * 10.0 - 1e-6).ceil())
}

/// [`ceus`] of an amount still needed, rounded up ([`num_up`]).
pub fn ceus_up(v: f64) -> String {
    count(num_up(v).as_str(), "CEU", "CEUs")
}

/// `t` tenths, written as [`num`] writes numbers.
fn tenths(t: f64) -> String {
    if !t.is_finite() {
        return "—".into();
    }
    if t.abs() >= 1e15 {
        // Past the integers an `i64` holds exactly (no CEU or dollar figure gets here).
        let r = t / 10.0;
        return if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        };
    }
    // In whole numbers: formatting a float to a set precision is many times slower.
    let t = t as i64;
    let sign = if t < 0 { "-" } else { "" };
    let (whole, frac) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// A whole percentage of `part` in `whole`, rounded down after taking `part` to cents of a
/// unit (100 when nothing is needed).
pub fn percent(part: f64, whole: f64) -> u32 {
    let part = (part * 100.0).round() / 100.0;
    if whole <= 0.0 {
        100
    } else {
        ((part / whole).clamp(0.0, 1.0) * 100.0 + 1e-9).floor() as u32
    }
}

/// `min`–`max` in dollars, or one figure when they are equal.
pub fn usd_range(min: f64, max: f64) -> String {
    if (min - max).abs() < 0.005 {
        usd(min)
    } else {
        format!("{}–{}", usd(min), usd(max))
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `a`, `a or b`, `a, b or c`.
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A name inside a sentence: its first letter lowercased, unless the first word is an
/// acronym ("Medical terminology" → "medical terminology"; "ICD-10-CM coding" and "HIPAA"
/// stay as they are).
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() && !second.is_ascii_digit() => first
            .to_lowercase()
            .chain(name[first.len_utf8()..].chars())
            .collect(),
        _ => name.to_string(),
    }
}

/// A rulebook as a person knows it: "AAPC rules in force from 2015-01-01".
pub fn rulebook(book: &crate::data::catalog::Rulebook) -> String {
    format!(
        "{} rules in force from {}",
        book.body.as_str(),
        book.effective_from
    )
}

/// A CEU figure with its unit: "1 CEU", "2.5 CEUs".
pub fn ceus(v: f64) -> String {
    count(num(v).as_str(), "CEU", "CEUs")
}

/// Hours with their unit, as [`num`] writes them: "1 hour", "7.5 hours".
pub fn hours(v: impl Into<f64>) -> String {
    count(num(v.into()), "hour", "hours")
}

/// Months with their unit, as [`num`] writes them: "1 month", "10.1 months".
pub fn months(v: impl Into<f64>) -> String {
    count(num(v.into()), "month", "months")
}

/// A count and its noun, singular for exactly 1: `1 month`, `3 months`, `0 days`,
/// `2.5 CEUs`; `n` is the number as written (`num(v)` for an amount). The one place words
/// agree with a number: every count followed by a noun in `render/` and the templates (its
/// filter `count`) goes through it.
pub fn count(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let s = n.to_string();
    let noun = noun(&s, one, many);
    format!("{s} {noun}")
}

/// The form of a noun for `n` things, as [`count`] chooses it, for a noun apart from its
/// number ("lines 4, 9").
pub fn noun<'a>(n: impl std::fmt::Display, one: &'a str, many: &'a str) -> &'a str {
    if n.to_string() == "1" { one } else { many }
}

/// The `count` filter for tera templates: `{{ n | count(one="CEU", many="CEUs") }}` is
/// [`count`] of the value (a number is written as [`num`] writes it; text as it is).
pub fn count_filter(
    value: tera::Value,
    kwargs: tera::Kwargs,
    _: &tera::State,
) -> tera::TeraResult<String> {
    let one: &str = kwargs.must_get("one")?;
    let many: &str = kwargs.must_get("many")?;
    let n = match (value.as_str(), value.as_number()) {
        (Some(s), _) => s.to_string(),
        (None, Some(n)) => num(n.as_float()),
        _ => value.to_string(),
    };
    Ok(count(n, one, many))
}

/// "a" or "an" before `word`, numbers read aloud (an 80-hour, an 11-month, a 24-month).
pub fn article(word: &str) -> &'static str {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let vowel_sound = if digits.is_empty() {
        word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U'])
    } else {
        // eight…, eleven, eighteen, eleven hundred…, eighteen hundred…
        digits.starts_with('8')
            || matches!(digits.len(), 2 | 4)
                && (digits.starts_with("11") || digits.starts_with("18"))
    };
    if vowel_sound { "an" } else { "a" }
}

/// The full name of a body.
pub fn body(b: Body) -> &'static str {
    b.as_str()
}

/// An education level.
pub fn education(e: Education) -> &'static str {
    match e {
        Education::None => "no diploma",
        Education::HighSchool => "high-school diploma or GED",
        Education::Certificate => "postsecondary certificate",
        Education::Associate => "associate degree",
        Education::Bachelor => "bachelor's degree",
        Education::Master => "master's degree",
    }
}

/// A CAHIIM-accredited award.
pub fn degree(d: DegreeLevel) -> &'static str {
    match d {
        DegreeLevel::Associate => "CAHIIM-accredited HIM associate degree",
        DegreeLevel::Bachelor => "CAHIIM-accredited HIM bachelor's degree",
        DegreeLevel::PostBaccalaureate => "CAHIIM-approved post-baccalaureate HIM certificate",
        DegreeLevel::Master => "CAHIIM-accredited HIM master's degree",
    }
}

/// A degree a route asks for, with the higher awards that also meet it ("a bachelor's,
/// post-baccalaureate certificate or master's").
pub fn degree_or_higher(level: DegreeLevel) -> String {
    let levels: Vec<String> = [
        DegreeLevel::Associate,
        DegreeLevel::Bachelor,
        DegreeLevel::PostBaccalaureate,
        DegreeLevel::Master,
    ]
    .into_iter()
    .filter(|l| *l >= level)
    .map(|l| degree(l).to_string())
    .collect();
    or_list(&levels)
}

/// How a programme or exam is delivered.
pub fn delivery(d: Delivery) -> &'static str {
    match d {
        Delivery::Online => "online",
        Delivery::OnCampus => "on campus",
        Delivery::TestCentre => "at a test centre",
    }
}

/// Which price an exam fee is.
pub fn fee_kind(k: FeeKind) -> &'static str {
    match k {
        FeeKind::OneAttempt => "one attempt",
        FeeKind::TwoAttempts => "two attempts",
        FeeKind::Member => "member price",
        FeeKind::NonMember => "non-member price",
    }
}

/// Who pays a renewal fee.
pub fn payer(p: Option<Payer>) -> &'static str {
    match p {
        Some(Payer::Member) => "member",
        Some(Payer::NonMember) => "non-member",
        Some(Payer::Student) => "student",
        Some(Payer::Individual) => "individual",
        None => "",
    }
}

/// A renewal fee, named for the body it is paid to.
pub fn rule_fee(b: Body, k: RuleFeeKind, p: Option<Payer>) -> String {
    let who = payer(p);
    let who = if who.is_empty() {
        String::new()
    } else {
        format!(" ({who})")
    };
    let what = match k {
        RuleFeeKind::MembershipFirst => "membership, first year",
        RuleFeeKind::MembershipRenewal => "membership renewal",
        RuleFeeKind::Recertification => "recertification fee",
        RuleFeeKind::Extension => "CEU extension",
        RuleFeeKind::Late => "late fee",
        RuleFeeKind::Reinstatement => "reinstatement fee",
    };
    format!("{} {what}{who}", body(b))
}

/// What a fee is counted per, as a suffix for its amount: "", " per credential".
pub fn fee_per(per: crate::data::model::FeePer) -> &'static str {
    use crate::data::model::FeePer;
    match per {
        FeePer::Once => "",
        FeePer::Credential => " per credential",
        FeePer::AdditionalCredential => " per additional credential",
    }
}

/// A credential's state while its cycle is past due.
pub fn lapse(l: LapseState) -> &'static str {
    match l {
        LapseState::Overdue => "overdue",
        LapseState::Grace => "in its grace period",
        LapseState::Inactive => "inactive",
    }
}

/// A number with its sign: `+3`, `-1.5`.
pub fn signed(v: f64) -> String {
    let n = num(v);
    if n.starts_with('-') || n == "0" {
        n
    } else {
        format!("+{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_rounded_to_cents_once() {
        assert_eq!(usd(1748.0), "$1,748");
        assert_eq!(usd(12578.5), "$12,578.50");
        assert_eq!(usd(189.999), "$190");
        assert_eq!(usd(189.994), "$189.99");
        assert_eq!(usd(-0.0), "$0");
        assert_eq!(usd_range(2000.0, 7500.0), "$2,000–$7,500");
    }

    #[test]
    fn tenths_are_written_as_the_float_formatting_writes_them() {
        let slow = |t: f64| {
            let r = t / 10.0 + 0.0;
            if r.fract() == 0.0 {
                format!("{r:.0}")
            } else {
                format!("{r:.1}")
            }
        };
        let mut ts: Vec<f64> = (-2000..2000).map(f64::from).collect();
        ts.extend([-0.0, 1e14 + 7.0, -1e14 - 3.0, 1e15 + 10.0, 4e18, -9.9e17]);
        for t in ts {
            assert_eq!(tenths(t), slow(t), "{t}");
        }
        assert_eq!(tenths(f64::NAN), "—");
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(num(19.999999999999996), "20");
        assert_eq!(num(10.55), "10.6");
        assert_eq!(num(-0.0), "0");
        // Earned rounds down and still needed rounds up, so they add up and never read as
        // done early.
        assert_eq!(
            (num_down(35.96), num_up(36.0 - 35.96)),
            ("35.9".into(), "0.1".into())
        );
        assert_eq!(
            (num_down(15.25), num_up(20.75)),
            ("15.2".into(), "20.8".into())
        );
        let sum: f64 = [0.1, 0.2, 15.0].iter().sum();
        assert_eq!(
            (num_down(sum), num_up(36.0 - sum)),
            ("15.3".into(), "20.7".into())
        );
        assert_eq!(
            (num_down(36.0), num_up(0.0), num_up(-0.0)),
            ("36".into(), "0".into(), "0".into())
        );
        assert_eq!(percent(19.999999999999996, 20.0), 100);
        assert_eq!(percent(9.0, 36.0), 25);
        assert_eq!(thousands(-29000), "-29,000");
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
        assert_eq!(article("80-hour"), "an");
        assert_eq!(article("24-month"), "a");
        assert_eq!(article("18-month"), "an");
        assert_eq!(article("associate"), "an");
    }

    #[test]
    fn names_and_units_in_sentences() {
        assert_eq!(in_sentence("Medical terminology"), "medical terminology");
        assert_eq!(
            in_sentence("ICD-10-CM diagnosis coding"),
            "ICD-10-CM diagnosis coding"
        );
        assert_eq!(in_sentence("HIPAA"), "HIPAA");
        assert_eq!(
            in_sentence("Healthcare law, ethics and HIPAA"),
            "healthcare law, ethics and HIPAA"
        );
        assert_eq!(ceus(1.0), "1 CEU");
        assert_eq!(ceus(0.96), "1 CEU");
        assert_eq!(ceus(2.5), "2.5 CEUs");
        assert_eq!(months(1u32), "1 month");
        assert_eq!(hours(7.5), "7.5 hours");
        assert_eq!(count(0, "day", "days"), "0 days");
        assert_eq!(noun(1, "line", "lines"), "line");
    }

    #[test]
    fn templates_count_with_the_same_words() {
        let mut tera = tera::Tera::new();
        tera.register_filter("count", count_filter);
        let t = r#"{{ a | count(one="CEU", many="CEUs") }}, {{ b | count(one="day", many="days") }}, {{ c | count(one="CEU", many="CEUs") }}"#;
        tera.add_raw_template("t.html", t).unwrap();
        let ctx = tera::Context::from_serialize(&serde_json::json!({"a": "1", "b": 1, "c": 2.5}))
            .unwrap();
        assert_eq!(
            tera.render("t.html", &ctx).unwrap(),
            "1 CEU, 1 day, 2.5 CEUs"
        );
        assert_eq!(
            degree_or_higher(DegreeLevel::PostBaccalaureate),
            "CAHIIM-approved post-baccalaureate HIM certificate or CAHIIM-accredited HIM master's degree"
        );
    }
}
