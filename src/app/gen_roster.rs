//! The hidden `gen-roster` command: a synthetic roster for benchmarks. Half the clients are
//! aspiring coders with varied targets and means; half are certified with 50-entry CEU logs.
//! Deterministic: the same count gives the same files.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::Error;

const SETTINGS: [&str; 6] = [
    "physician_office",
    "hospital_outpatient",
    "hospital_inpatient",
    "nursing_facility",
    "insurance_company",
    "remote",
];
const EDUCATION: [&str; 4] = ["none", "high_school", "high_school", "certificate"];
const HELD: [&[&str]; 4] = [&["CPC"], &["CCS"], &["CPC", "CCS"], &["CPC", "CPMA"]];
const TOPICS: [&str; 5] = ["cpt", "icd10cm", "icd10pcs", "hcpcs2", "CPMA"];

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn pick(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

pub(super) fn run(count: usize, dir: &Path) -> Result<u8, Error> {
    let clients = dir.join("clients");
    let werr = |p: &Path, source| Error::Write {
        path: p.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&clients).map_err(|e| werr(&clients, e))?;
    let mut rng = Lcg(42);
    for i in 0..count {
        let name = format!("Client {i:05}");
        let path = clients.join(format!("client-{i:05}.yaml"));
        let mut text = format!("name: {name}\n");
        if i % 2 == 0 {
            let setting = SETTINGS[rng.pick(SETTINGS.len())];
            let _ = write!(
                text,
                "education: {}\ncompleted: [medical_terminology]\ntarget: {{ setting: {setting}, by: 2028-{:02}-28 }}\npreferences: {{ budget_usd: {}, hours_per_week: {}{} }}\n",
                EDUCATION[rng.pick(EDUCATION.len())],
                1 + rng.pick(12),
                1000 + 1000 * rng.pick(8),
                5 + 5 * rng.pick(6),
                if rng.pick(2) == 0 {
                    ", delivery: [online]"
                } else {
                    ""
                },
            );
        } else {
            let held = HELD[rng.pick(HELD.len())];
            let _ = write!(
                text,
                "education: associate\nexperience_months: {}\nmemberships: [AAPC]\naapc_renewal: 2026-{:02}-15\ncredentials:\n",
                24 + rng.pick(60),
                1 + rng.pick(12)
            );
            for c in held {
                let _ = writeln!(
                    text,
                    "  - {{ id: {c}, earned: 2019-{:02}-10 }}",
                    1 + rng.pick(12)
                );
            }
            let log_name = format!("client-{i:05}.ceus.yaml");
            let _ = writeln!(text, "ceu_log: {log_name}");
            let mut log = format!("# CEU log of {name}\n");
            for e in 0..50 {
                let day = e * 14 + rng.pick(10);
                let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid")
                    + chrono::Days::new(day as u64);
                let _ = write!(
                    log,
                    "- date: {date}\n  title: \"Session {e}\"\n  provider: Provider {}\n  ceus: {}\n  aapc_index: IDX-{i}-{e}\n  topics: [{}]\n  domain: {}\n  ahima_sourced: {}\n",
                    rng.pick(20),
                    [0.5, 1.0, 1.5, 2.0][rng.pick(4)],
                    TOPICS[rng.pick(TOPICS.len())],
                    if rng.pick(5) == 0 { "other" } else { "hiim" },
                    rng.pick(2) == 0,
                );
            }
            let log_path = clients.join(log_name);
            std::fs::write(&log_path, log).map_err(|e| werr(&log_path, e))?;
        }
        std::fs::write(&path, text).map_err(|e| werr(&path, e))?;
    }
    let roster = dir.join("roster.yaml");
    let text = format!(
        "counsellor: Benchmark Counsellor\norganisation: Synthetic Workforce Center\nclients:\n  - \"clients/client-*[0-9].yaml\"\n# {}\n",
        crate::render::words::count(count, "client", "clients")
    );
    std::fs::write(&roster, text).map_err(|e| werr(&roster, e))?;
    Ok(0)
}
