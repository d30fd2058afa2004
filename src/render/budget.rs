//! A bound on the work of one page's render. tera limits how deep components nest (20), not how
//! much work a page does: a component that calls itself eight times per level makes 8^20 calls,
//! and the build (and, in `serve`, every later rebuild) never ends. tera has no hook for this, so
//! `templates::prepare` puts a call to `STEP` at the start of every loop turn and component body
//! of the site's own templates; the call counts the page's steps and fails the render, naming the
//! template and line, past `LIMIT`. Counting steps (not time) keeps the outcome the same on every
//! machine. Once a page went over, the pages still rendering stop at their next step.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult};

/// The function `templates::prepare` calls; not meant for templates to call.
pub const STEP: &str = "__ladder_step";

/// Loop turns and component calls a page may make, unless `LIMIT_VAR` says otherwise. A
/// template that walks every skill of a 14,000-skill site and each skill's roles makes about
/// 100,000; one that walks all the skills once per category, 20 times more.
pub const LIMIT: u64 = 1_000_000;

/// The environment variable that sets another limit (a whole number of steps).
pub const LIMIT_VAR: &str = "LADDER_TEMPLATE_STEPS";

/// The limit for this build: `LIMIT_VAR` if set, else `LIMIT`; `Err` names a bad value.
pub fn limit() -> Result<u64, String> {
    match std::env::var(LIMIT_VAR) {
        Err(_) => Ok(LIMIT),
        Ok(v) => v.trim().parse::<u64>().ok().filter(|n| *n > 0).ok_or(v),
    }
}

/// How the message of a page over its budget starts.
pub const OVER: &str = "this page's render went over";

pub const HELP: &str = "a component that calls itself more than once per level, or loops inside loops, multiply their work at each level: stop the recursion sooner or loop over the data itself (LADDER_TEMPLATE_STEPS=N allows N steps a page)";

/// The message of a page stopped because another one went over its budget (not reported).
pub const STOPPED: &str = "stopped: another page went over its work budget";

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Whether a page of this build went over its budget.
#[derive(Default)]
pub struct Budget {
    over: AtomicBool,
}

impl Budget {
    pub fn over(&self) -> bool {
        self.over.load(Ordering::Relaxed)
    }
}

/// Count a new page's steps from zero (pages render on one thread each).
pub fn start_page() {
    STEPS.with(|s| s.set(0));
}

/// Register `STEP` with `tera`, allowing `limit` steps a page; the budget it returns tells
/// whether a page went over.
pub fn register(tera: &mut Tera, limit: u64) -> Arc<Budget> {
    let budget = Arc::new(Budget::default());
    let shared = Arc::clone(&budget);
    let words = crate::pay::group_thousands(&limit.to_string());
    tera.register_function(STEP, move |_: Kwargs, _: &State| -> TeraResult<String> {
        if shared.over() {
            return Err(tera::Error::message(STOPPED));
        }
        let n = STEPS.with(|s| {
            s.set(s.get() + 1);
            s.get()
        });
        if n > limit {
            shared.over.store(true, Ordering::Relaxed);
            return Err(tera::Error::message(format!(
                "{OVER} {words} loop turns and component calls and was stopped here"
            )));
        }
        Ok(String::new())
    });
    budget
}
