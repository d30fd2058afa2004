//! Guides and the home page: front matter and Markdown links.

use super::context::*;
use crate::load::Loaded;

pub fn check_pages(c: &mut Validator, l: &Loaded) {
    for p in l.pages.iter().chain(l.home.iter()) {
        let at = At { path: &p.path, offset: 1 };
        for s in &p.front.sources {
            c.source_ref(at, s);
        }
        no_repeats(c, at, &p.front.sources, "source", "sources");
        if let Some(u) = &p.front.updated {
            c.date(at, u, "updated");
        }
        let at_body = At { path: &p.path, offset: 0 };
        c.markdown(at_body, &p.body, p.body_line, 1);
    }
}
