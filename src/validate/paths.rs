//! Progression paths: steps, roles, sources.

use std::collections::BTreeSet;

use super::context::*;
use crate::load::Loaded;

pub fn check_paths(c: &mut Validator, l: &Loaded) {
    for p in &l.paths {
        let at = At { path: &p.path, offset: 0 };
        let steps = &p.data.steps;
        for s in &p.data.sources {
            c.source_ref(at, s);
        }
        no_repeats(c, at, &p.data.sources, "source", "sources");
        if steps.value.len() < 2 {
            c.err(at, steps, 1, "a path needs two or more steps", Some("add the step before or after".into()));
        }
        let last = steps.value.len().saturating_sub(1);
        let mut seen_roles = BTreeSet::new();
        let mut seen_jobs = BTreeSet::new();
        for (i, s) in steps.value.iter().enumerate() {
            match (&s.value.role, &s.value.job) {
                (Some(_), Some(_)) | (None, None) => {
                    c.err(
                        at,
                        s,
                        1,
                        "a step has either `role` (a role of the site) or `job` (text), not both or neither",
                        Some("e.g. `- { role: ai-trainer, stage: Starting out }`".into()),
                    );
                }
                (Some(r), None) => {
                    c.reference(at, r, RefKind::Role, "steps name ids of files in `data/roles/`; for a job outside the site use `job:` on the first or last step");
                    if !seen_roles.insert(r.value.as_str()) {
                        c.err(
                            at,
                            r,
                            r.value.chars().count(),
                            format!("the path repeats the step `{}`", r.value),
                            Some("a path visits each role once; remove the repeated step".into()),
                        );
                    }
                }
                (None, Some(job)) => {
                    if i != 0 && i != last {
                        c.err(
                            at,
                            s,
                            1,
                            "a `job` step can only be the first or last step",
                            Some("steps in the middle name roles of the site with `role:`".into()),
                        );
                    }
                    if !seen_jobs.insert(job.as_str()) {
                        c.err(at, s, 1, format!("the path repeats the step `{job}`"), None);
                    }
                }
            }
        }
    }
}
