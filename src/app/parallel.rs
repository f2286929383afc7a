//! Work on many items in parallel where one item's panic (a bug) costs only that item:
//! [`par_map`] catches it and gives its message, and [`QuietPanics`] keeps the panic
//! message off stderr while it is caught (the caller reports it in its own words).

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::ProgressBar;

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

thread_local! {
    /// The last panic on this thread, as the hook saw it (message and place).
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// While alive, panics are recorded for [`par_map`] instead of printed; dropping it
/// restores the previous panic hook.
pub struct QuietPanics(Option<Hook>);

impl QuietPanics {
    /// Installs the recording hook.
    pub fn install() -> Self {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|info| {
            let message = payload_text(info.payload());
            let text = match info.location() {
                Some(l) => format!("{message} (at {}:{})", l.file(), l.line()),
                None => message,
            };
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
        }));
        QuietPanics(Some(previous))
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        if let Some(previous) = self.0.take() {
            std::panic::set_hook(previous);
        }
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Maps `items` on `jobs` threads; results keep the input order. An item whose `f` panics
/// gives `Err` with "internal error: MESSAGE (at FILE:LINE)".
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    progress: &ProgressBar,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Result<R, String>> {
    let next = AtomicUsize::new(0);
    let run = |item: &T| {
        std::panic::catch_unwind(AssertUnwindSafe(|| f(item))).map_err(|payload| {
            let text = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| payload_text(payload.as_ref()));
            format!("internal error: {text}; please report this bug")
        })
    };
    let done: Vec<(usize, Result<R, String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, run(item)));
                        progress.inc(1);
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut out: Vec<Option<Result<R, String>>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in done {
        out[i] = Some(r);
    }
    out.into_iter()
        .map(|r| r.unwrap_or_else(|| Err("internal error: a worker thread stopped".into())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_item_costs_only_itself() {
        let quiet = QuietPanics::install();
        let items: Vec<u32> = (0..50).collect();
        let out = par_map(&items, 3, &ProgressBar::hidden(), |&i| {
            if i == 7 {
                panic!("client {i} broke");
            }
            let zero = i - i;
            if i == 9 {
                let _ = 1 / zero;
            }
            i * 2
        });
        drop(quiet);
        assert_eq!(out.len(), 50);
        for (i, r) in out.iter().enumerate() {
            match (i, r) {
                (7, Err(e)) => assert!(
                    e.starts_with("internal error: client 7 broke (at src/app/parallel.rs:"),
                    "{e}"
                ),
                (9, Err(e)) => assert!(e.contains("divide by zero"), "{e}"),
                (_, Ok(v)) => assert_eq!(*v, 2 * i as u32),
                _ => panic!("item {i}: {r:?}"),
            }
        }
    }
}
