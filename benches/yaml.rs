//! In-process timing of the YAML loader on a synthetic 10,000-entry CEU log (the layout of
//! `scripts/gen-ceu-log.py`): the default path (the fast reader), the full reader alone
//! (forced by a leading `---`, which the fast reader does not take), and `Log::load` as
//! `ceu status` runs it. `cargo bench --bench yaml`; `ENTRIES=N` changes the size, `CASE=text` runs only the cases
//! whose name holds `text`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use coderpath::data::Catalog;
use coderpath::loader::Source;
use coderpath::person::log::{Item, Log};

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

/// Median and minimum of `runs` timings of `f`, in milliseconds.
fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t[0])
}

fn main() {
    let n: usize = std::env::var("ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let text = log(n);
    let full = format!("---\n{text}");
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let (data, _) = Catalog::load(None, as_of).expect("embedded data loads");
    println!("{n} entries, {} bytes", text.len());
    let cases: [(&str, &str, usize); 3] = [
        ("parse (fast reader)", &text, 30),
        ("parse (full reader only)", &full, 10),
        ("Log::load (as ceu status)", &text, 30),
    ];
    let only = std::env::var("CASE").ok();
    for (i, (name, input, runs)) in cases.into_iter().enumerate() {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let (median, min) = time(runs, || {
            let src = Source::new("big.ceus.yaml", input);
            if i == 2 {
                black_box(Log::load(&src, &data).expect("the log loads"));
            } else {
                black_box(src.parse::<Vec<Item>>().expect("the log parses"));
            }
        });
        println!("{name:28} median {median:7.2} ms   min {min:7.2} ms   ({runs} runs)");
    }
}
