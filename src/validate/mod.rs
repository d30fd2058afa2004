//! Validate: every rule of the data contract, every reference, every warning. All problems are
//! collected (never stopping at the first), each with file, line, column and a hint.
//!
//! `context` holds what every check shares; one module per kind of record.

mod bands;
mod context;
mod guides;
mod paths;
mod quiz;
mod roles;
mod site;
mod warnings;

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::load;
use crate::model::Model;
pub use context::Options;
use context::{At, Validator};

pub use context::{md_links, MdLink};
pub use site::known_currency;

pub fn validate(m: &Model, opts: &Options) -> Vec<Diagnostic> {
    // A control character is reported, but its file is still read whole: not broken.
    let broken =
        m.loaded.diagnostics.iter().filter(|d| !load::is_control_character(d)).map(|d| d.path.clone()).collect();
    let mut c = Validator { m, diags: Vec::new(), broken };
    let l = m.loaded;
    site::check_site(&mut c, l);
    site::check_sources(&mut c, l);
    site::check_categories_industries(&mut c, l);
    site::check_skills(&mut c, l);
    let mut band_ids = BTreeMap::new();
    for b in &l.pay_bands {
        let at = At { path: load::PAY, offset: 0 };
        match &b.value.id {
            Some(id) => c.id(at, id, "pay band", &mut band_ids),
            None => c.err(
                at,
                b,
                1,
                "a pay band in `data/pay.yaml` needs an `id`",
                Some("add `id: some-name` so roles can point to it with `{ band: some-name }`".into()),
            ),
        }
        bands::check_band(&mut c, at, b, true);
    }
    roles::check_roles(&mut c, l);
    paths::check_paths(&mut c, l);
    quiz::check_quiz(&mut c, l);
    guides::check_pages(&mut c, l);
    warnings::check_warnings(&mut c, l, opts);
    c.diags.extend(crate::quiz::check::warnings(m));
    c.diags.extend(crate::wages::validate(m, opts.today));
    c.diags
}
