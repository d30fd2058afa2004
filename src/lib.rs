//! ladder: YAML about roles, skills, pay and progression paths in; a static site out.
//!
//! `build` runs the pipeline, one named step after another: load -> model -> validate -> search
//! index -> render -> link check -> write. The README's "Architecture" section says what each
//! module owns.

pub mod build;
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod escape;
pub mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod pages;
pub mod pay;
pub mod progress;
pub mod quiz;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod urls;
pub mod validate;
pub mod wages;

pub use build::{run, run_with_progress, Options, Outcome};
pub use output::check_out_dir;
