//! The layout of `src/`: no import cycle between modules, no file over 900 lines.
//!
//! A module is a file (`src/render/views.rs` is `render::views`, `src/serve/mod.rs` is `serve`,
//! `src/lib.rs` is `crate`). A module depends on another when it names it: `use crate::...`,
//! `super::...`, a `crate::` path in code or in a macro's tokens, or a child module by name. Test
//! code (`#[cfg(test)]`) and `mod` declarations are not dependencies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

const MAX_LINES: usize = 900;

/// Files allowed over the limit while a change in progress splits them (empty: none is); the test
/// says when an entry can go.
const LONG_ELSEWHERE: &[&str] = &[];

/// Dependencies that close a cycle, tolerated while a change in progress removes them (empty: none
/// is). The check ignores them until they are gone; each must still exist, so the list cannot
/// outlive them.
const CYCLES_ELSEWHERE: &[(&str, &str)] = &[];

/// `src/` of this crate, or of another checkout named by `LAYOUT_SRC` (to see what the check
/// says of an older layout).
fn src() -> PathBuf {
    std::env::var_os("LAYOUT_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// Every `.rs` file of `src/` (sorted) with its text. `main.rs` is the binary, not a module of the
/// library.
fn files() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = walkdir::WalkDir::new(src())
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk src/"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).expect("read a source file"))
        })
        .collect();
    v.sort();
    v
}

fn module_of(rel: &str) -> Vec<String> {
    let rel = rel.trim_end_matches(".rs");
    if rel == "lib" || rel == "main" {
        return vec![];
    }
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.meta.require_list().is_ok_and(|l| l.tokens.to_string().contains("test")))
}

/// Collects the paths a file names, as lists of segments, each resolved from the file's module.
struct Paths<'a> {
    module: &'a [String],
    children: BTreeSet<String>,
    /// Depth of inline `mod x { .. }` blocks: `super` inside one stays in this file.
    inline: usize,
    found: Vec<Vec<String>>,
}

impl Paths<'_> {
    /// `segments` as an absolute path from the crate root, if it starts at `crate`, `super`,
    /// `self` or a child module.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let (first, rest) = segments.split_first()?;
        let mut base: Vec<String> = match first.as_str() {
            "crate" => vec![],
            "self" => self.module.to_vec(),
            "super" => {
                let mut supers = 1 + rest.iter().take_while(|s| *s == "super").count();
                let mut base = self.module.to_vec();
                let inline = self.inline.min(supers);
                supers -= inline;
                for _ in 0..supers {
                    base.pop()?;
                }
                let skip = segments.iter().take_while(|s| *s == "super").count();
                base.extend(segments[skip..].iter().cloned());
                return Some(base);
            }
            c if self.inline == 0 && self.children.contains(c) => {
                let mut b = self.module.to_vec();
                b.push(c.to_string());
                b
            }
            _ => return None,
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn add(&mut self, segments: Vec<String>) {
        if let Some(p) = self.absolute(&segments) {
            self.found.push(p);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.add(prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.add(prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.add(prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }

    /// `crate :: a :: b` and `super :: x` sequences in a macro's tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let list: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < list.len() {
            match &list[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(id) if id == "crate" || id == "super" => {
                    let mut segs = vec![id.to_string()];
                    let mut j = i + 1;
                    while j + 2 < list.len() && is_colon(&list[j]) && is_colon(&list[j + 1]) {
                        match &list[j + 2] {
                            TokenTree::Ident(n) => segs.push(n.to_string()),
                            _ => break,
                        }
                        j += 3;
                    }
                    i = j - 1;
                    if segs.len() > 1 {
                        self.add(segs);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn is_colon(t: &TokenTree) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == ':')
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        let attrs = match i {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Impl(x) => &x.attrs,
            _ => return syn::visit::visit_item(self, i),
        };
        if !is_cfg_test(attrs) {
            syn::visit::visit_item(self, i);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_some() {
            self.inline += 1;
            syn::visit::visit_item_mod(self, m);
            self.inline -= 1;
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        self.add(p.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, p);
    }

    /// `pub(crate)`, `pub(super)`: who may see an item, not what it needs.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
        syn::visit::visit_macro(self, m);
    }
}

/// Module -> the modules it names (itself left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<(String, String)> = files().into_iter().filter(|(rel, _)| rel != "main.rs").collect();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(rel, _)| module_of(rel)).collect();
    let mut g = BTreeMap::new();
    for (rel, text) in &files {
        let module = module_of(rel);
        let ast = syn::parse_file(text).unwrap_or_else(|e| panic!("src/{rel}: {e}"));
        let children = modules
            .iter()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(&module))
            .map(|m| m.last().unwrap().clone())
            .collect();
        let mut paths = Paths { module: &module, children, inline: 0, found: vec![] };
        paths.visit_file(&ast);
        let mut deps = BTreeSet::new();
        for p in paths.found {
            // The longest known module the path goes through.
            let target = (0..=p.len()).rev().map(|n| p[..n].to_vec()).find(|m| modules.contains(m)).unwrap_or_default();
            if target != module {
                deps.insert(name(&target));
            }
        }
        g.insert(name(&module), deps);
    }
    g
}

/// Strongly connected components with more than one module (Tarjan), each sorted.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> T<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on.insert(v);
            for w in self.g.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let l = self.low[v].min(self.low[w]);
                    self.low.insert(v, l);
                } else if self.on.contains(w) {
                    let l = self.low[v].min(self.index[w]);
                    self.low.insert(v, l);
                }
            }
            if self.low[v] == self.index[v] {
                let mut c = vec![];
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on.remove(w);
                    c.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if c.len() > 1 {
                    c.sort();
                    self.out.push(c);
                }
            }
        }
    }
    let mut t = T { g, index: BTreeMap::new(), low: BTreeMap::new(), stack: vec![], on: BTreeSet::new(), out: vec![] };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.out.sort();
    t.out
}

/// One shortest cycle through the first module of a component, for the message.
fn a_cycle(g: &BTreeMap<String, BTreeSet<String>>, component: &[String]) -> Vec<String> {
    let start = &component[0];
    let inside: BTreeSet<&String> = component.iter().collect();
    let mut from: BTreeMap<&String, &String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in g[v].iter().filter(|w| inside.contains(w)) {
            if w == start {
                let mut path = vec![start.clone()];
                let mut at = v;
                while at != start {
                    path.push(at.clone());
                    at = from[at];
                }
                path.push(start.clone());
                let n = path.len();
                path[1..n - 1].reverse();
                return path;
            }
            if !from.contains_key(w) {
                from.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    component.to_vec()
}

#[test]
fn no_import_cycle_between_modules() {
    let mut g = graph();
    for (a, b) in CYCLES_ELSEWHERE {
        let removed = g.get_mut(*a).is_some_and(|d| d.remove(*b));
        assert!(removed, "`{a}` no longer names `{b}`: remove the pair from CYCLES_ELSEWHERE in tests/layout.rs");
    }
    let found = cycles(&g);
    let report: Vec<String> =
        found.iter().map(|c| format!("  {{{}}}\n    e.g. {}", c.join(", "), a_cycle(&g, c).join(" -> "))).collect();
    assert!(
        found.is_empty(),
        "modules of src/ that depend on each other in a cycle (move what both need into a module of its own):\n{}",
        report.join("\n")
    );
}

#[test]
fn no_file_in_src_over_900_lines() {
    let mut long = vec![];
    for (rel, text) in files() {
        let lines = text.lines().count();
        let path = format!("src/{rel}");
        let elsewhere = LONG_ELSEWHERE.contains(&path.as_str());
        if lines > MAX_LINES && !elsewhere {
            long.push(format!("  {path}: {lines} lines"));
        }
        assert!(
            !elsewhere || lines > MAX_LINES,
            "{path} is {lines} lines now: remove it from LONG_ELSEWHERE in tests/layout.rs"
        );
    }
    for path in LONG_ELSEWHERE {
        assert!(
            src().parent().unwrap().join(path).exists(),
            "{path} is gone: remove it from LONG_ELSEWHERE in tests/layout.rs"
        );
    }
    assert!(
        long.is_empty(),
        "files of src/ over {MAX_LINES} lines (split them by what they own):\n{}",
        long.join("\n")
    );
}

/// The cycle finder finds a cycle and names it; a tree has none.
#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a", "d"]), ("d", vec![]), ("e", vec!["d"])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
    let found = cycles(&g);
    assert_eq!(found, vec![vec!["a".to_string(), "b".into(), "c".into()]]);
    assert_eq!(a_cycle(&g, &found[0]), ["a", "b", "c", "a"]);
}

/// `cargo test --test layout -- --ignored --nocapture`: every module and the modules it names.
#[test]
#[ignore]
fn show_module_graph() {
    for (m, deps) in graph() {
        println!("{m} -> {}", deps.into_iter().collect::<Vec<_>>().join(", "));
    }
}
