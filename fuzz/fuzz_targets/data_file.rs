//! One data file of arbitrary bytes in an otherwise valid site (tests/fixture).
//!
//! The first byte picks the file (any file of the fixture, or a new role, path or page); the rest
//! replaces its bytes. `ladder check` must not panic and every diagnostic must point inside its file.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const NEW: [&str; 3] = ["data/roles/new-role.yaml", "data/paths/new-path.yaml", "content/new-page.md"];

fuzz_target!(|input: &[u8]| {
    static BASE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    thread_local! {
        static SCRATCH: ladder_fuzz::Scratch = ladder_fuzz::Scratch::new();
    }
    let base = BASE.get_or_init(ladder_fuzz::fixture);
    let Some((&pick, bytes)) = input.split_first() else {
        return;
    };
    let mut files = base.clone();
    let target = pick as usize % (files.len() + NEW.len());
    if target < files.len() {
        files[target].1 = bytes.to_vec();
    } else {
        files.push((NEW[target - files.len()].to_string(), bytes.to_vec()));
    }
    SCRATCH.with(|s| {
        s.reset(&files);
        ladder_fuzz::check(&s.root);
    });
});
