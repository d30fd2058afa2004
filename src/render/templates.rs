//! Templates: the defaults compiled into the binary, overridden by name from the site's own
//! `templates/`. Template whitespace (indentation) is stripped once at load, keeping lines, so
//! tera's error positions still point into the editor's file. CSS and scripts are minified once.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use tera::{Context, Tera};

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
    ("partials/pay.html", include_str!("../../templates/partials/pay.html")),
    ("partials/role_list.html", include_str!("../../templates/partials/role_list.html")),
    ("partials/sources.html", include_str!("../../templates/partials/sources.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("chart.css", include_str!("../../templates/chart.css")),
    ("roles-filter.js", include_str!("../../templates/roles-filter.js")),
    ("search.js", include_str!("../../templates/search.js")),
    ("search.css", include_str!("../../templates/search.css")),
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

/// Minify CSS or a script once, with minify-html, by wrapping it in its element.
pub fn minify_asset(tag: &str, code: &str) -> String {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = tag == "style";
    cfg.minify_js = tag == "script";
    let wrapped = format!("<{tag}>{code}</{tag}>");
    let out = minify_html::minify(wrapped.as_bytes(), &cfg);
    let s = String::from_utf8(out).unwrap_or(wrapped);
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    s.strip_prefix(&open).and_then(|x| x.strip_suffix(&close)).map(str::to_string).unwrap_or_else(|| code.to_string())
}

/// Built-in assets minified once per process (they never change while it runs).
fn default_asset(name: &str) -> Option<&'static str> {
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

/// Load templates, site overrides first; put shared data into the global context.
pub fn build(m: &Model) -> Result<Tera, Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, (String, String, bool)> = BTreeMap::new();
    for (name, text) in DEFAULTS {
        sources.insert(name.to_string(), (format!("templates/{name}"), text.to_string(), false));
    }
    for t in &m.l.templates {
        sources.insert(t.name.clone(), (t.path.clone(), t.text.clone(), true));
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut indents: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut assets: BTreeMap<String, String> = BTreeMap::new();
    let mut batch = Vec::new();
    for (name, (_, text, from_site)) in &sources {
        if name.ends_with(".css") || name.ends_with(".js") {
            let min = match (from_site, default_asset(name)) {
                (false, Some(cached)) => cached.to_string(),
                _ => minify_asset(if name.ends_with(".css") { "style" } else { "script" }, text),
            };
            assets.insert(name.clone(), min);
            continue;
        }
        let (squeezed, ind) = squeeze(text);
        indents.insert(name.clone(), ind);
        batch.push((name.clone(), squeezed));
    }
    if let Err(e) = tera.add_raw_templates(batch) {
        return Err(vec![tera_error(&e, &sources, &indents)]);
    }
    let css = format!(
        "{}{}{}",
        assets.get("style.css").cloned().unwrap_or_default(),
        assets.get("chart.css").cloned().unwrap_or_default(),
        assets.get("search.css").cloned().unwrap_or_default()
    );
    let g = tera.global_context();
    g.insert("site", &site_view(m));
    g.insert("css", &css);
    g.insert("roles_filter_js", assets.get("roles-filter.js").map(String::as_str).unwrap_or(""));
    let search_js = sources.get("search.js").map(|s| (s.1.as_str(), s.2)).unwrap_or(("", false));
    g.insert("search_js", &crate::search::script::for_page(search_js.0, search_js.1));
    g.insert("csp", crate::output::CSP_PLACEHOLDER);
    Ok(tera)
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
    if m.l.quiz.is_some() {
        nav.push(NavItem { key: "quiz", label: "Quiz", url: m.url("quiz/") });
    }
    SiteView {
        title: &m.config.title,
        description: &m.config.description,
        language: &m.config.language,
        base_path: &m.config.base_path,
        base_url: &m.config.base_url,
        home: m.url(""),
        search: m.url("search/"),
        has_quiz: m.l.quiz.is_some(),
        nav,
    }
}

/// A tera error as a diagnostic naming the template file, line and column.
pub fn tera_error(
    e: &tera::Error,
    sources: &BTreeMap<String, (String, String, bool)>,
    indents: &BTreeMap<String, Vec<usize>>,
) -> Diagnostic {
    use tera::ErrorKind;
    let builtin = |name: &str| sources.get(name).map(|s| !s.2).unwrap_or(true);
    let path_of = |name: &str| sources.get(name).map(|s| s.0.clone()).unwrap_or_else(|| format!("templates/{name}"));
    let d = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let span = r.span();
            let indent =
                indents.get(r.filename()).and_then(|v| v.get(span.start_line.saturating_sub(1))).copied().unwrap_or(0);
            let width = if span.end_line == span.start_line { span.end_col.saturating_sub(span.start_col) } else { 1 };
            let kind =
                if matches!(e.kind(), ErrorKind::SyntaxError(_)) { "template syntax error" } else { "template error" };
            Diagnostic::error(
                path_of(r.filename()),
                span.start_line,
                span.start_col + indent + 1,
                format!("{kind}: {}", r.message()),
            )
            .width(width)
            .help_opt(builtin(r.filename()).then(|| {
                "this is one of ladder's built-in templates; override it by name in the site's `templates/`".to_string()
            }))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            path_of(current),
            0,
            0,
            format!("template `{current}` extends `{parent}`, which does not exist"),
        )
        .help(format!(
            "add `templates/{parent}` or extend one of: {}",
            sources.keys().filter(|k| k.ends_with(".html")).cloned().collect::<Vec<_>>().join(", ")
        )),
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error("templates", 0, 0, format!("template `{name}` not found"))
        }
        other => Diagnostic::error("templates", 0, 0, format!("template error: {other}")),
    };
    // Errors from a site's template file show that file's own line in the diagnostic.
    d
}

/// Render one template with a page context, turning errors into diagnostics.
pub fn render(tera: &Tera, m: &Model, name: &str, ctx: &Context) -> Result<String, Diagnostic> {
    tera.render(name, ctx).map_err(|e| {
        let mut sources = BTreeMap::new();
        let mut indents = BTreeMap::new();
        for (n, text) in DEFAULTS {
            sources.insert(n.to_string(), (format!("templates/{n}"), String::new(), false));
            indents.insert(n.to_string(), squeeze(text).1);
        }
        for t in &m.l.templates {
            sources.insert(t.name.clone(), (t.path.clone(), String::new(), true));
            indents.insert(t.name.clone(), squeeze(&t.text).1);
        }
        tera_error(&e, &sources, &indents)
    })
}
