//! `plan` as a careers counsellor uses it: a missed target date names the change that would
//! meet it, campuses out of the person's reach are left out or ranked last, a state
//! college's resident and non-resident prices are shown as what they are, and an
//! over-budget plan names a cheaper target that fits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::coderpath;

/// `plan` of the profile `yaml` (read from stdin) with `args`; its stdout.
fn plan(yaml: &str, args: &[&str]) -> String {
    let out = coderpath()
        .args(["plan", "-"])
        .args(args)
        .env("COLUMNS", "400")
        .write_stdin(yaml)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text between `from` and the next blank line.
fn section<'a>(text: &'a str, from: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

const JOSE: &str = "name: José Núñez
education: ged
backgrounds: [medical_assistant]
target: { setting: hospital_outpatient, by: 2027-09-01 }
preferences: { delivery: [on_campus], budget_usd: 6000, hours_per_week: 15 }
state: TX
";

/// On campus misses the date at any hours; online meets it, as `--compare delivery=online`
/// shows: the warning says so instead of "no programme in the data meets it".
#[test]
fn a_missed_date_names_studying_online() {
    let out = plan(JOSE, &[]);
    let warnings = section(&out, "Warnings");
    assert!(
        warnings.contains("studying online would meet it (Online vocational coding certificate"),
        "{warnings}"
    );
    assert!(
        !warnings.contains("no programme in the data meets it"),
        "{warnings}"
    );
    let online = plan(JOSE, &["--delivery", "online"]);
    assert!(!online.contains("Misses the target date"), "{online}");
}

/// A Texan studying on campus is not offered campuses in Georgia or New York.
#[test]
fn campuses_in_other_states_are_not_considered() {
    let out = plan(JOSE, &[]);
    let considered = section(&out, "Programmes considered");
    for place in ["Albany", "Utica", "Santa Barbara"] {
        assert!(!considered.contains(place), "{place} in\n{considered}");
    }
}

const SAM: &str = "name: Sam Lee
education: bachelor
target: { setting: insurance_company }
preferences: { budget_usd: 3000 }
";

/// No state, no delivery preference: one Californian college's campus is not the
/// programme, and its resident price is not shown as the low end of a price range.
#[test]
fn without_a_state_a_campus_is_not_the_pick_nor_its_resident_price_a_low_end() {
    let out = plan(SAM, &[]);
    let programme = out.lines().find(|l| l.starts_with("Programme:")).unwrap();
    assert!(!programme.contains("Santa Barbara"), "{programme}");
    assert!(!out.contains("$1,748 at the low end"), "{out}");
    assert!(!out.contains("$1,748–$12,578"), "{out}");
    // Where it is listed, both prices are named for whom they are.
    let on_campus = plan(
        "name: X\neducation: high_school\ntarget: { setting: physician_office, credential: CCA }\npreferences: { delivery: [on_campus] }\n",
        &[],
    );
    let considered = section(&on_campus, "Programmes considered");
    assert!(
        considered.contains(
            "out-of-state tuition, as the profile gives no state (CA residents pay $1,748)"
        ),
        "{considered}"
    );
}

/// A Californian pays in-state tuition, and the cost line says so with the other price.
#[test]
fn a_resident_pays_in_state_tuition() {
    let out = plan(
        "name: X\neducation: high_school\ntarget: { setting: physician_office, credential: CCA }\npreferences: { delivery: [on_campus] }\nstate: CA\n",
        &[],
    );
    let costs = section(&out, "Costs to the target");
    assert!(
        costs.contains("Santa Barbara City College Medical Coding Specialist Certificate, in-state tuition (others pay $12,578)"),
        "{costs}"
    );
}

/// $300 and five hours a week: the CPC is over the budget, and the warning names the CCA,
/// which the setting also takes, at what `--target CCA` costs.
#[test]
fn over_budget_names_a_cheaper_target() {
    let yaml = "name: P\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { delivery: [online], budget_usd: 300, hours_per_week: 5 }\n";
    let out = plan(yaml, &[]);
    let warnings = section(&out, "Warnings");
    assert!(
        warnings.contains(
            "CCA (Certified Coding Associate), which the setting also takes, may fit it, but the price of its programme, Health information technology associate degree (CAHIIM-accredited), is not found: $299 + 1 cost not found"
        ),
        "{warnings}"
    );
    let cca = plan(yaml, &["--target", "CCA"]);
    assert!(
        cca.contains("Cost to the target: $299 + 1 cost not found (budget $300)"),
        "{cca}"
    );
}

const P4: &str = "name: P4
education: high_school
target: { setting: hospital_outpatient, credential: COC, by: 2027-12-31 }
preferences: { budget_usd: 3000, hours_per_week: 10 }
";

/// The CPC the warning names costs what `--target CPC` says, and is job-ready when it says;
/// the cheaper programme is said to fit only at the low end of its price, and to be late.
#[test]
fn over_budget_figures_are_those_of_the_plan_they_point_to() {
    let warnings = plan(P4, &[]);
    let warnings = section(&warnings, "Warnings");
    assert!(
        warnings.contains(
            "Community-college medical coding certificate may fit it at the low end of its price, but its exam would be on 2029-01-08, after the target date"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "CPC (Certified Professional Coder), which the setting also takes, may fit it, but the price of its programme, AAPC self-paced"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains("is not found: $582 + 1 cost not found, job-ready 2027-03-05."),
        "{warnings}"
    );
    let cpc = plan(P4, &["--target", "CPC"]);
    assert!(
        cpc.contains("Cost to the target: $582 + 1 cost not found (budget $3,000)"),
        "{cpc}"
    );
    assert!(cpc.contains("Job-ready:          2027-03-05"), "{cpc}");
}

/// Two days late is "2 days", not "0 weeks"; past two weeks, weeks rounded up.
#[test]
fn lateness_under_two_weeks_is_in_days() {
    let two_days = plan(P4, &["--target", "CPC", "--by", "2027-03-03"]);
    assert!(
        two_days.contains("The target exam is on 2027-03-05, 2 days after the 2027-03-03 target"),
        "{two_days}"
    );
    let fifteen_days = plan(P4, &["--target", "CPC", "--by", "2027-02-18"]);
    assert!(
        fifteen_days.contains("3 weeks after the 2027-02-18 target"),
        "{fifteen_days}"
    );
}
