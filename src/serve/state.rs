//! What the server knows about the builds, shared by the builder and the connections.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex};

#[derive(Clone, Default)]
pub struct State {
    /// Bumped by every good build; pages carry the generation they were built as.
    pub generation: u64,
    /// A good build exists (else every address answers with the error page).
    pub built: bool,
    /// The diagnostics of the latest build, when it failed.
    pub failure: Option<String>,
    /// Bumped by every failed build, so open pages show the newest diagnostics.
    pub failures: u64,
    pub base_path: String,
}

pub struct Shared {
    /// The served folder: the last good build.
    pub site: PathBuf,
    pub(super) state: Mutex<State>,
    /// Told at every update.
    pub(super) changed: Condvar,
}

impl Shared {
    pub fn new(site: PathBuf) -> Shared {
        Shared { site, state: Mutex::new(State::default()), changed: Condvar::new() }
    }

    pub fn snapshot(&self) -> State {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()));
        self.changed.notify_all();
    }
}
