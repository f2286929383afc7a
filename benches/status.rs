//! In-process timing of each phase of `ceu status` on a synthetic CEU log (the layout of
//! `scripts/gen-ceu-log.py`, the profile it writes): reading the embedded reference data,
//! checking it into the catalog, the command line, the profile, reading the log file, the log
//! (parsed by the deserializer, and loaded by `Log::load` as `ceu status` loads it), the
//! duplicate keys, tracking and the JSON output. Memory is reused from run to run here, so
//! the cost of first touching fresh pages, large in a short process, is not in these figures.
//! `cargo bench --bench status`; `ENTRIES=N` changes the size (10,000 by default), `RUNS=N`
//! the number of runs (medians are printed), `CASE=text` runs only the phases whose name
//! holds `text`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Parser;
use coderpath::cli::Cli;
use coderpath::data::{Catalog, DataSet};
use coderpath::loader::Source;
use coderpath::person::dedup;
use coderpath::person::log::{Item, Log};
use coderpath::person::profile::Person;
use coderpath::track;

/// The binary's allocator, so that the phases cost here what they cost there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PROFILE: &str = "name: Big Log\neducation: certificate\nmemberships: [AAPC]\ncredentials:\n  - { id: CPC, earned: 2016-01-01 }\n  - { id: CPMA, earned: 2017-01-01 }\n  - { id: CCS, earned: 2016-03-01 }\naapc_renewal: 2025-05-31\nceu_log: big.ceus.yaml\n";

fn log(n: usize) -> String {
    let mut s = format!("# synthetic {n}-entry log\n");
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let span = (NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() - start).num_days() as usize;
    for i in 0..n {
        let d = start + chrono::Days::new((i * span / n) as u64);
        s.push_str(&format!(
            "- date: {d}\n  title: \"Course {i}\"\n  provider: Provider {}\n  ceus: {}\n  aapc_index: IDX-{i}\n  topics: [{}]\n  domain: {}\n  ahima_sourced: {}\n",
            i % 37,
            ["0.5", "1", "1.5", "2", "3"][i % 5],
            ["cpt", "icd10cm", "CPMA"][i % 3],
            ["hiim", "hiim", "other"][i % 3],
            i % 3 == 0
        ));
    }
    s
}

/// Median of `runs` timings of `f`, in milliseconds.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let n = env("ENTRIES", 10_000);
    let runs = env("RUNS", 30);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let text = log(n);
    println!("{n} entries, {} bytes, medians of {runs} runs", text.len());

    let (catalog, _) = Catalog::load(None, as_of).expect("embedded data loads");
    let profile = Source::new("big.yaml", PROFILE);
    let person = Person::load(&profile, &catalog, as_of).expect("the profile loads");
    let log_src = Source::new("big.ceus.yaml", text.as_str());
    let log = Log::load(&log_src, &catalog).expect("the log loads");
    let status = track::status(&person, &log, &catalog, as_of).expect("status");

    let only = std::env::var("CASE").ok();
    let row = |name: &str, f: &mut dyn FnMut()| {
        if only.as_ref().is_none_or(|o| name.contains(o.as_str())) {
            println!("{name:42} {:8.3} ms", median(runs, f));
        }
    };
    row("command line (clap)", &mut || {
        let args = [
            "coderpath",
            "--as-of",
            "2026-11-27",
            "ceu",
            "status",
            "big.yaml",
        ];
        black_box(Cli::try_parse_from(args).expect("parses"));
    });
    row("reference data: parse (DataSet::load)", &mut || {
        black_box(DataSet::load(None).expect("loads"));
    });
    row("reference data: parse + check (Catalog)", &mut || {
        black_box(Catalog::load(None, as_of).expect("loads"));
    });
    row("profile: parse + resolve", &mut || {
        let src = Source::new("big.yaml", PROFILE);
        black_box(Person::load(&src, &catalog, as_of).expect("loads"));
    });
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ceus.yaml");
    std::fs::write(&path, &text).expect("the log is written");
    row("log: read the file (Source::read)", &mut || {
        black_box(Source::read(&path).expect("reads"));
    });
    row("log: parse into items (deserializer)", &mut || {
        let src = Source::new("big.ceus.yaml", text.as_str());
        black_box(src.parse_list::<Item>().expect("parses"));
    });
    row("log: Log::load (parse + checks + duplicates)", &mut || {
        let src = Source::new("big.ceus.yaml", text.as_str());
        black_box(Log::load(&src, &catalog).expect("loads"));
    });
    row("log: duplicate keys only", &mut || {
        for e in &log.entries {
            black_box(dedup::key(&e.title, e.date, &e.provider));
        }
    });
    row("track::status", &mut || {
        black_box(track::status(&person, &log, &catalog, as_of).expect("status"));
    });
    row("JSON output (to_string_pretty)", &mut || {
        black_box(serde_json::to_string_pretty(&status).expect("serialises"));
    });
}
