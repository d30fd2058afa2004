//! Templates: the defaults compiled into the binary, overridden by name from the site's own
//! `templates/`. Template whitespace (indentation) is stripped once at load, keeping lines, so
//! tera's error positions still point into the editor's file. CSS and scripts are minified once.
//!
//! Two more things are put into the template text at load (`prepare`), and taken back out of
//! tera's error positions: the mark on every literal `<script`/`<style` tag that declares it as the
//! site's own to the Content-Security-Policy (`output::declare`), and, in a site's own templates,
//! a call that counts the page's loop turns and component calls (`budget`), so that no template
//! can make a page's render run for ever.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use tera::{Context, Tera};

use super::budget::{self, Budget};
use crate::diagnostic::Diagnostic;
use crate::model::Model;

pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("roles.html", include_str!("../../templates/roles.html")),
    ("role.html", include_str!("../../templates/role.html")),
    ("role-pay.html", include_str!("../../templates/role-pay.html")),
    ("category.html", include_str!("../../templates/category.html")),
    ("skills.html", include_str!("../../templates/skills.html")),
    ("skill.html", include_str!("../../templates/skill.html")),
    ("paths.html", include_str!("../../templates/paths.html")),
    ("path.html", include_str!("../../templates/path.html")),
    ("industries.html", include_str!("../../templates/industries.html")),
    ("industry.html", include_str!("../../templates/industry.html")),
    ("pay.html", include_str!("../../templates/pay.html")),
    ("guides.html", include_str!("../../templates/guides.html")),
    ("guide.html", include_str!("../../templates/guide.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("quiz.html", include_str!("../../templates/quiz.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("redirect.html", include_str!("../../templates/redirect.html")),
    ("partials/cite.html", include_str!("../../templates/partials/cite.html")),
    ("partials/pay.html", include_str!("../../templates/partials/pay.html")),
    ("partials/source.html", include_str!("../../templates/partials/source.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("partials/glance.html", include_str!("../../templates/partials/glance.html")),
    ("partials/role_list.html", include_str!("../../templates/partials/role_list.html")),
    ("partials/sources.html", include_str!("../../templates/partials/sources.html")),
    ("partials/wages.html", include_str!("../../templates/partials/wages.html")),
    ("partials/wages-overview.html", include_str!("../../templates/partials/wages-overview.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("chart.css", include_str!("../../templates/chart.css")),
    ("glance.css", include_str!("../../templates/glance.css")),
    ("roles-filter.js", include_str!("../../templates/roles-filter.js")),
    ("search.js", include_str!("../../templates/search.js")),
    ("search.css", include_str!("../../templates/search.css")),
    ("wages.css", include_str!("../../templates/wages.css")),
    ("wages-sort.js", include_str!("../../templates/wages-sort.js")),
    ("wages-filter.js", include_str!("../../templates/wages-filter.js")),
];

/// Strip each line's indentation; keep the line breaks so positions stay right.
fn squeeze(text: &str) -> (String, Vec<usize>) {
    if text.contains("<pre") || text.contains("<textarea") {
        return (text.to_string(), vec![0; text.lines().count() + 1]);
    }
    let mut out = String::with_capacity(text.len());
    let mut indents = Vec::new();
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        indents.push(line.len() - trimmed.len());
        out.push_str(trimmed.trim_end());
        out.push('\n');
    }
    out.pop();
    (out, indents)
}

/// A kind of piece of template text, as tera's lexer splits it.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Piece {
    Text,
    /// `{% ... %}`
    Tag,
    /// `{{ ... }}`
    Expr,
    /// `{# ... #}`
    Comment,
}

/// The end (after the closing delimiter) of the tag, expression or comment that starts at `from`
/// (just after its opening delimiter); string literals in tags and expressions are skipped.
fn piece_end(text: &str, from: usize, kind: Piece) -> usize {
    let b = text.as_bytes();
    let close: &[u8] = match kind {
        Piece::Tag => b"%}",
        Piece::Expr => b"}}",
        _ => b"#}",
    };
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if kind != Piece::Comment && matches!(c, b'"' | b'\'' | b'`') {
            i += 1;
            while i < b.len() && b[i] != c {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
        } else if b[i..].starts_with(close) {
            return i + 2;
        }
        i += 1;
    }
    b.len()
}

/// The first word of a tag (`for`, `component`, `raw`, ...).
fn tag_word(tag: &str) -> &str {
    let inner = tag.trim_start_matches("{%").trim_start_matches('-').trim_start();
    let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    &inner[..end]
}

/// Split template text into text, tags, expressions and comments. The contents of a
/// `{% raw %}` block are text.
fn pieces(text: &str) -> Vec<(Piece, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut text_start) = (0, 0);
    while i + 1 < b.len() {
        let kind = match (b[i], b[i + 1]) {
            (b'{', b'%') => Piece::Tag,
            (b'{', b'{') => Piece::Expr,
            (b'{', b'#') => Piece::Comment,
            _ => {
                i += 1;
                continue;
            }
        };
        if text_start < i {
            out.push((Piece::Text, text_start..i));
        }
        let end = piece_end(text, i + 2, kind);
        out.push((kind, i..end));
        i = end;
        text_start = end;
        if kind == Piece::Tag && tag_word(&text[out[out.len() - 1].1.clone()]) == "raw" {
            // Text up to the `{% endraw %}` tag, which the loop then reads as a tag.
            i = b.len();
            let mut j = end;
            while let Some(k) = text[j..].find("{%").map(|k| k + j) {
                if tag_word(&text[k..]) == "endraw" {
                    i = k;
                    break;
                }
                j = k + 2;
            }
        }
    }
    if text_start < b.len() {
        out.push((Piece::Text, text_start..b.len()));
    }
    out
}

/// Text `prepare` put into a line, in characters of the prepared line: where, how long, and
/// where an error inside it is reported (the tag a step call follows, with its width).
struct Insert {
    at: usize,
    len: usize,
    anchor: usize,
    width: usize,
}

/// What tera reads instead of a template's text, and how to take tera's positions back to the
/// editor's file.
pub struct Prepared {
    pub text: String,
    /// Per line: the indentation `squeeze` removed, and what was put in.
    lines: Vec<(usize, Vec<Insert>)>,
}

impl Prepared {
    /// The editor's 1-based column of tera's 0-based column `col` on 1-based line `line`, and
    /// the width to underline when `col` is inside inserted text.
    pub fn column(&self, line: usize, col: usize) -> (usize, Option<usize>) {
        let Some((indent, inserts)) = self.lines.get(line.saturating_sub(1)) else { return (col + 1, None) };
        let inside = inserts.iter().find(|i| col >= i.at && col < i.at + i.len);
        let col = inside.map_or(col, |i| i.anchor);
        let before: usize = inserts.iter().filter(|i| i.at + i.len <= col).map(|i| i.len).sum();
        (indent + col - before + 1, inside.map(|i| i.width))
    }
}

/// The call that counts one step of a page's render (`budget`), put after a tag.
fn step_call(tag: &str) -> String {
    let trim = if tag.ends_with("-%}") { "-" } else { "" };
    format!("{{{{ {}() {trim}}}}}", budget::STEP)
}

/// Squeeze a template, mark its literal `<script`/`<style` tags as declared, and, when `count`,
/// count a step at the start of every loop turn and component call.
pub fn prepare(text: &str, count: bool) -> Prepared {
    let (squeezed, indents) = squeeze(text);
    // (byte offset, text, the tag it follows)
    let mut inserts: Vec<(usize, String, Option<&str>)> = Vec::new();
    for (kind, range) in pieces(&squeezed) {
        let piece = &squeezed[range.clone()];
        match kind {
            Piece::Text => {
                inserts.extend(
                    crate::output::tag_name_ends(piece)
                        .into_iter()
                        .map(|at| (range.start + at, crate::output::own_mark().to_string(), None)),
                );
            }
            Piece::Tag if count && matches!(tag_word(piece), "for" | "component") => {
                inserts.push((range.end, step_call(piece), Some(piece)));
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(squeezed.len() + inserts.len() * 48);
    let mut lines: Vec<(usize, Vec<Insert>)> = indents.into_iter().map(|i| (i, Vec::new())).collect();
    let (mut from, mut line, mut line_start) = (0, 0, 0);
    for (at, insert, after) in inserts {
        let before = &squeezed[from..at];
        if let Some(nl) = before.rfind('\n') {
            line += before.matches('\n').count();
            line_start = out.len() + nl + 1;
        }
        out.push_str(before);
        let col = out[line_start..].chars().count();
        let (anchor, width) = match after {
            Some(tag) if !tag.contains('\n') => (col - tag.chars().count(), tag.chars().count()),
            _ => (col, 1),
        };
        if let Some(l) = lines.get_mut(line) {
            l.1.push(Insert { at: col, len: insert.len(), anchor, width });
        }
        out.push_str(&insert);
        from = at;
    }
    out.push_str(&squeezed[from..]);
    Prepared { text: out, lines }
}

/// A script minified with the one minifier ladder uses for every script (oxc, local names
/// shortened: `crate::search::script::minify`); as written when it does not parse.
pub fn minify_script(code: &str) -> String {
    crate::search::script::minify(code).unwrap_or_else(|| code.to_string())
}

/// Minify CSS (with minify-html, by wrapping it in its element) or a script (`minify_script`).
pub fn minify_asset(tag: &str, code: &str) -> String {
    if tag == "script" {
        return minify_script(code);
    }
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = tag == "style";
    let wrapped = format!("<{tag}>{code}</{tag}>");
    let out = minify_html::minify(wrapped.as_bytes(), &cfg);
    let s = String::from_utf8(out).unwrap_or(wrapped);
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    s.strip_prefix(&open).and_then(|x| x.strip_suffix(&close)).map(str::to_string).unwrap_or_else(|| code.to_string())
}

/// Built-in assets minified once per process (they never change while it runs).
pub(crate) fn default_asset(name: &str) -> Option<&'static str> {
    static CACHE: OnceLock<BTreeMap<&'static str, String>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        let mut m = BTreeMap::new();
        for (n, text) in DEFAULTS {
            if n.ends_with(".css") {
                m.insert(*n, minify_asset("style", text));
            } else if n.ends_with(".js") {
                m.insert(*n, minify_asset("script", text));
            }
        }
        m
    });
    cache.get(name).map(String::as_str)
}

/// The names of the templates ladder renders or reads: its built-in ones and the quiz script.
fn used_names() -> impl Iterator<Item = &'static str> {
    DEFAULTS.iter().map(|d| d.0).chain(["quiz.js"])
}

/// A warning for each of the site's templates that nothing uses: ladder has no template of its
/// name, no other template names it (`include`, `extends`), and it defines no component.
pub fn unused(templates: &[crate::load::TemplateFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in templates {
        if used_names().any(|n| n == t.name) {
            continue;
        }
        let quoted = ['"', '\'', '`'].map(|q| format!("{q}{}{q}", t.name));
        let named = templates
            .iter()
            .filter(|o| o.name != t.name)
            .map(|o| o.text.as_str())
            .chain(DEFAULTS.iter().map(|d| d.1))
            .any(|text| quoted.iter().any(|q| text.contains(q.as_str())));
        let component =
            pieces(&t.text).iter().any(|(k, r)| *k == Piece::Tag && tag_word(&t.text[r.clone()]) == "component");
        if named || component {
            continue;
        }
        let ext = format!(".{}", t.name.rsplit('.').next().unwrap_or(""));
        // A close name in the same folder with the same extension, compared without either.
        let split = |n: &'static str| n.rsplit_once('/').unwrap_or(("", n));
        let (folder, file) = t.name.rsplit_once('/').unwrap_or(("", &t.name));
        let stems: Vec<(&str, &str)> = used_names()
            .filter(|n| split(n).0 == folder)
            .filter_map(|n| split(n).1.strip_suffix(ext.as_str()).map(|s| (s, n)))
            .collect();
        let mut help = crate::diagnostic::suggest(file.trim_end_matches(ext.as_str()), stems.iter().map(|s| s.0))
            .and_then(|best| stems.iter().find(|s| s.0 == best))
            .map(|s| format!("did you mean `{}`? ", s.1))
            .unwrap_or_default();
        let own: Vec<&str> = used_names().filter(|n| n.ends_with(&ext) && !n.contains('/')).collect();
        if own.is_empty() {
            help.push_str(&format!("ladder has no `{ext}` template of its own"));
        } else {
            help.push_str(&format!("a template replaces ladder's own by its name ({})", own.join(", ")));
        }
        help.push_str(&format!("; another template uses this one with `{{% include \"{}\" %}}`", t.name));
        out.push(
            Diagnostic::warning(
                &t.path,
                0,
                0,
                format!("`{}` is not used: ladder has no template of this name and no template includes it", t.path),
            )
            .help(help),
        );
    }
    out
}

/// Every template by name: (file, text, from the site's `templates/`).
pub(crate) type Sources<'a> = BTreeMap<&'a str, (String, &'a str, bool)>;

pub(crate) fn sources<'a>(m: &'a Model) -> Sources<'a> {
    let mut sources = Sources::new();
    for (name, text) in DEFAULTS {
        sources.insert(*name, (format!("templates/{name}"), *text, false));
    }
    for t in &m.loaded.templates {
        sources.insert(t.name.as_str(), (t.path.clone(), t.text.as_str(), true));
    }
    sources
}

/// Whether a template's steps are counted: the site's own templates, except exact copies of
/// ladder's (whose loops only walk the site's data).
fn counted(name: &str, text: &str, from_site: bool) -> bool {
    from_site && DEFAULTS.iter().find(|d| d.0 == name).is_none_or(|d| d.1 != text)
}

/// Load templates, site overrides first; put shared data into the global context. The budget
/// tells whether a page went over its work budget (`budget`).
pub fn engine(m: &Model) -> Result<(Tera, Arc<Budget>), Vec<Diagnostic>> {
    let sources = sources(m);
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let limit = budget::limit().map_err(|v| {
        vec![Diagnostic::error(
            budget::LIMIT_VAR,
            0,
            0,
            format!("`{}={v}` is not a number of steps", budget::LIMIT_VAR),
        )
        .help(format!(
            "set it to a whole number above 0, or unset it for {}",
            crate::pay::group_thousands(&budget::LIMIT.to_string())
        ))]
    })?;
    let budget = budget::register(&mut tera, limit);
    let batch: Vec<(&str, String)> = sources
        .iter()
        .filter(|(name, _)| !(name.ends_with(".css") || name.ends_with(".js")))
        .map(|(&name, &(_, text, from_site))| (name, prepare(text, counted(name, text, from_site)).text))
        .collect();
    if let Err(e) = tera.add_raw_templates(batch) {
        return Err(tera_errors(&e, &sources));
    }
    share(&mut tera, m);
    Ok((tera, budget))
}

/// Put what every page shares into `tera`'s global context, in place of what was there.
pub fn share(tera: &mut Tera, m: &Model) {
    let g = tera.global_context();
    *g = tera::Context::new();
    g.insert("site", &site_view(m));
    g.insert("csp", crate::output::CSP_PLACEHOLDER);
}

#[derive(serde::Serialize)]
struct NavItem {
    key: &'static str,
    label: &'static str,
    url: String,
}

#[derive(serde::Serialize)]
struct SiteView<'a> {
    title: &'a str,
    name: &'a str,
    mark: &'a str,
    /// The About page (`content/about.md`), when the site has one.
    about: Option<String>,
    description: &'a str,
    language: &'a str,
    base_path: &'a str,
    base_url: &'a str,
    home: String,
    search: String,
    has_quiz: bool,
    nav: Vec<NavItem>,
}

fn site_view<'a>(m: &'a Model) -> SiteView<'a> {
    let mut nav = vec![
        NavItem { key: "roles", label: "Roles", url: m.url("roles/") },
        NavItem { key: "paths", label: "Paths", url: m.url("paths/") },
        NavItem { key: "skills", label: "Skills", url: m.url("skills/") },
        NavItem { key: "pay", label: "Pay", url: m.url("pay/") },
        NavItem { key: "industries", label: "Industries", url: m.url("industries/") },
        NavItem { key: "guides", label: "Guides", url: m.url("guides/") },
    ];
    if m.loaded.quiz.is_some() {
        nav.push(NavItem { key: "quiz", label: "Quiz", url: m.url("quiz/") });
    }
    SiteView {
        title: &m.config.title,
        name: &m.config.name,
        mark: &m.config.mark,
        about: m.pages.contains_key("about").then(|| m.url("guides/about/")),
        description: &m.config.description,
        language: &m.config.language,
        base_path: &m.config.base_path,
        base_url: &m.config.base_url,
        home: m.url(""),
        search: m.url("search/"),
        has_quiz: m.loaded.quiz.is_some(),
        nav,
    }
}

/// A tera error as diagnostics naming the template file, line and column (the editor's, not
/// those of the text `prepare` gave tera).
fn tera_errors(e: &tera::Error, sources: &Sources) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    let path_of = |name: &str| sources.get(name).map(|s| s.0.clone()).unwrap_or_else(|| format!("templates/{name}"));
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let kind =
                if matches!(e.kind(), ErrorKind::SyntaxError(_)) { "template syntax error" } else { "template error" };
            let width = if span.end_line == span.start_line { span.end_col.saturating_sub(span.start_col) } else { 1 };
            let message = format!("{kind}: {}", r.message());
            vec![at_template(sources, r.filename(), span.start_line, span.start_col, width, message)]
        }
        // Checks across templates (unknown filters, functions, components, blocks): tera gives
        // one report per problem, each starting `error: MESSAGE` then `--> NAME:LINE:COLUMN`.
        ErrorKind::Msg(reports) => {
            let mut out = Vec::new();
            for report in reports.split("\n\n") {
                let mut lines = report.lines();
                let (Some(message), Some(place)) = (
                    lines.next().and_then(|l| l.strip_prefix("error: ")),
                    lines.next().and_then(|l| l.split("--> ").nth(1)),
                ) else {
                    continue;
                };
                let mut parts = place.rsplitn(3, ':');
                let (Some(col), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
                let (Ok(line), Ok(col)) = (line.parse::<usize>(), col.parse::<usize>()) else { continue };
                out.push(at_template(
                    sources,
                    name,
                    line,
                    col.saturating_sub(1),
                    1,
                    format!("template error: {message}"),
                ));
            }
            if out.is_empty() {
                out.push(Diagnostic::error("templates", 0, 0, format!("template error: {}", unprepare(reports))));
            }
            out
        }
        ErrorKind::MissingParent { current, parent } => vec![Diagnostic::error(
            path_of(current),
            0,
            0,
            format!("template `{current}` extends `{parent}`, which does not exist"),
        )
        .help(format!(
            "add `templates/{parent}` or extend one of: {}",
            sources.keys().filter(|k| k.ends_with(".html")).cloned().collect::<Vec<_>>().join(", ")
        ))],
        ErrorKind::TemplateNotFound(name) => {
            vec![Diagnostic::error("templates", 0, 0, format!("template `{name}` not found"))]
        }
        other => {
            vec![Diagnostic::error("templates", 0, 0, format!("template error: {}", unprepare(&other.to_string())))]
        }
    }
}

/// tera's text without what `prepare` put in, should a message quote it.
fn unprepare(text: &str) -> String {
    text.replace(crate::output::own_mark(), "").replace(&step_call("-%}"), "").replace(&step_call("%}"), "")
}

/// A diagnostic at tera's (1-based) line and (0-based) column of the prepared `name`, `width`
/// characters wide.
fn at_template(sources: &Sources, name: &str, line: usize, col: usize, width: usize, message: String) -> Diagnostic {
    let (path, (column, inserted), builtin) = match sources.get(name) {
        Some((path, text, from_site)) => {
            (path.clone(), prepare(text, counted(name, text, *from_site)).column(line, col), !from_site)
        }
        None => (format!("templates/{name}"), (col + 1, None), false),
    };
    let help = if message.contains(budget::OVER) {
        Some(budget::HELP.to_string())
    } else {
        builtin.then(|| {
            "this is one of ladder's built-in templates; override it by name in the site's `templates/`".to_string()
        })
    };
    Diagnostic::error(path, line, column, unprepare(&message)).help_opt(help).width(inserted.unwrap_or(width))
}

/// Render one template with a page context, turning errors into diagnostics. The page's steps
/// are counted from zero (`budget`).
pub fn render(tera: &Tera, m: &Model, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
    budget::start_page();
    // Room for a whole page, so the output is not copied as it grows.
    let mut out = Vec::with_capacity(64 * 1024);
    tera.render_to(name, ctx, &mut out).and_then(|()| Ok(String::from_utf8(out)?)).map_err(|e| {
        let sources = sources(m);
        let mut d = tera_errors(&e, &sources).swap_remove(0);
        // tera names no template for some errors (components nested too deep): the page's.
        if d.path == "templates" {
            d.path = sources.get(name).map_or_else(|| format!("templates/{name}"), |s| s.0.clone());
        }
        d
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_go_into_text_only() {
        let p = prepare(
            "{% set a = \"%}<script>\" %}<script>{{ '<style>' }}{# <style> #}{% raw %}<STYLE>{% endraw %}",
            false,
        );
        let mark = crate::output::own_mark();
        let expected = format!(
            "{{% set a = \"%}}<script>\" %}}<script{mark}>{{{{ '<style>' }}}}{{# <style> #}}{{% raw %}}<STYLE{mark}>{{% endraw %}}"
        );
        assert_eq!(p.text, expected);
    }

    #[test]
    fn steps_follow_loops_and_components_of_counted_templates() {
        let text =
            "{% for a in b -%}\n{% endfor %}{% component c() %}{% endcomponent c %}{% raw %}{% for %}{% endraw %}";
        let p = prepare(text, true);
        assert_eq!(p.text.matches(budget::STEP).count(), 2, "{}", p.text);
        assert!(p.text.starts_with(&format!("{{% for a in b -%}}{{{{ {}() -}}}}", budget::STEP)), "{}", p.text);
        assert_eq!(prepare(text, false).text, text);
        // A column after the step call is the editor's; one inside it is the loop's tag.
        let after = p.text.lines().next().unwrap().len();
        assert_eq!(p.column(1, after), (18, None));
        assert_eq!(p.column(1, 20), (1, Some(17)));
    }
}
