//! A site's own templates: a template that does unbounded work stops with a diagnostic naming
//! it; what ladder puts into template text at load (declaration marks, step counting) changes
//! neither the page's bytes nor the line and column of a diagnostic.

mod common;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{repo, Site};

/// `ladder build` on `site` with `env`, killed after `secs`: (exit code, stderr), or `None` when it
/// had to be killed.
fn build_within(site: &Site, env: &[(&str, &str)], secs: u64) -> Option<(i32, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["build", "--today", "2026-11-23", "--root"])
        .arg(site.root())
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return Some((status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned()));
        }
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The built-in role template with `main` put at the start of its `main` block.
fn role_template(main: &str) -> String {
    let builtin = std::fs::read_to_string(repo().join("templates/role.html")).unwrap();
    builtin.replacen("{% block main %}", &format!("{{% block main %}}{main}"), 1)
}

/// A component that calls itself eight times per level, 18 levels deep (tera allows 20): 8^18
/// calls. The build stops with the component's template, line and column, and does not hang.
#[test]
fn a_component_that_calls_itself_eight_times_per_level_stops_the_build() {
    let calls = "{{ <boom n={n + 1} /> }}".repeat(8);
    let s = Site::copy_of("tests/fixture");
    s.write(
        "templates/boom.html",
        &format!("\n  {{% component boom(n) %}}{{% if n < 18 %}}{calls}{{% endif %}}{{% endcomponent boom %}}\n"),
    );
    s.write("templates/role.html", &role_template("{{ <boom n={0} /> }}"));
    let start = Instant::now();
    let (code, stderr) = build_within(&s, &[("LADDER_TEMPLATE_STEPS", "100000")], 15).expect("the build hangs");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "templates/boom.html:2:3: error: template error: this page's render went over 100,000 loop turns and component calls"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("stop the recursion sooner"), "{stderr}");
    assert!(stderr.contains("failed: 1 error(s)"), "one error, not one per role page:\n{stderr}");
    eprintln!("stopped after {:?}", start.elapsed());
}

/// Loops inside loops are counted too, against the default limit of a million steps a page.
#[test]
fn loops_inside_loops_stop_at_the_default_limit() {
    let s = Site::copy_of("tests/fixture");
    let nested = "{% for a in range(end=1000) %}{% for b in range(end=1000) %}{% for c in range(end=1000) %}{{ c }}{% endfor %}{% endfor %}{% endfor %}";
    s.write("templates/role.html", &role_template(nested));
    let (code, stderr) = build_within(&s, &[], 15).expect("the build hangs");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("templates/role.html:2:"), "{stderr}");
    assert!(stderr.contains("went over 1,000,000 loop turns and component calls"), "{stderr}");
}

/// Step counting and declaration marks leave the page's bytes as the template says, whitespace
/// control and raw blocks included.
#[test]
fn what_ladder_puts_into_templates_leaves_pages_as_written() {
    let s = Site::copy_of("tests/fixture");
    let main = "<ul>\n{%- for item in site.nav[:2] -%}\n  <li>{{ item.label }}</li>\n{%- endfor %}\n</ul>\
        {{ <wrap x={1} /> }}|{% for i in [1, 2] %}{{ i }}{% endfor %}|\
        {% raw %}{% for x in y %}<style>{% endraw %}|{{ \"<script>\" }}|";
    s.write("templates/partials/wrap.html", "{% component wrap(x) -%}\n  [{{ x }}]\n{%- endcomponent wrap %}");
    s.write(
        "templates/404.html",
        &format!("{{% extends \"base.html\" %}}{{% block main %}}{main}{{% endblock main %}}"),
    );
    let (code, stderr) = build_within(&s, &[], 30).expect("the build hangs");
    assert_eq!(code, 0, "{stderr}");
    let page = s.page("404.html");
    let expected = "<ul><li>Roles</li><li>Paths</li>\n</ul>[1]|12|{% for x in y %}<style>|&lt;script&gt;|";
    assert!(page.contains(expected), "expected {expected} in:\n{page}");
    assert!(!page.contains("__ladder") && !page.contains("ladder-own"), "{page}");
}

/// A template error on a line where ladder put text in (a `<script>` mark, a step call) is
/// reported at the editor's column.
#[test]
fn errors_point_at_the_editors_column() {
    let s = Site::copy_of("tests/fixture");
    let line = "    <script>let a = 1;</script>{% for r in [1] %}<style>p{}</style>{{ r.missing }}{% endfor %}";
    s.write(
        "templates/404.html",
        &format!("{{% extends \"base.html\" %}}\n{{% block main %}}\n{line}\n{{% endblock main %}}"),
    );
    let (code, stderr) = build_within(&s, &[], 30).expect("the build hangs");
    assert_eq!(code, 1, "{stderr}");
    // tera points at the missing field's name.
    let col = line.find("missing").unwrap() + 1;
    assert!(stderr.contains(&format!("templates/404.html:3:{col}: error: template error")), "column {col}:\n{stderr}");
    assert!(!stderr.contains("ladder-own") && !stderr.contains("__ladder"), "{stderr}");
}

/// A band's source reported by another, and the role's list of sources.
const CITED: &[(&str, &str)] = &[
    (
        "data/sources.yaml",
        "- id: survey\n  title: Salary survey\n  accessed: 2026-10-01\n- id: census\n  title: Pay census\n  publisher: Stats Office\n",
    ),
    (
        "data/roles/analyst.yaml",
        "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\npay:\n  - { basis: annual, low: 50000, high: 70000, source: census, via: survey }\nsources: [survey]\n",
    ),
];

/// Citations reach templates as data: the built-in partials print publisher, linked or `<cite>`
/// title and date, and a site's own `partials/cite.html` replaces them everywhere a page cites.
#[test]
fn a_site_restyles_citations_with_its_own_cite_partial() {
    let s = Site::new(CITED);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.page("roles/analyst/index.html");
    assert!(
        page.contains("Source: Stats Office, <cite>Pay census</cite> (undated), as reported by <cite>Salary survey</cite> (undated)"),
        "{page}"
    );

    s.write(
        "templates/partials/cite.html",
        "<span class=my-cite>{{ cite.source.title }}{% if cite.via %} via {{ cite.via.id }}{% endif %}</span>",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.page("roles/analyst/index.html");
    assert!(page.contains("Source: <span class=my-cite>Pay census via survey</span>"), "{page}");
    assert!(page.contains("<span class=my-cite>Salary survey</span>"), "the list of sources: {page}");
    assert!(!page.contains("<cite>Pay census</cite>"), "{page}");
}

/// `name` and `mark` in `data/site.yaml` make the header's brand (the title stays the pages'
/// `<title>`); without them the header shows the title. A mark longer than three characters is
/// an error at its place.
#[test]
fn site_name_and_mark_make_the_header_brand() {
    let header = |site: &Site| {
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let page = site.page("index.html");
        let start = page.find("<a class=\"brand\"").expect("the header has a brand link");
        page[start..start + page[start..].find("</a>").unwrap()].to_string()
    };
    let site = Site::new(&[]);
    let config = std::fs::read_to_string(site.root().join("data/site.yaml")).unwrap();
    let plain = header(&site);
    assert!(!plain.contains("class=\"mark\""), "no mark unless one is set: {plain}");
    let title = config.lines().find_map(|l| l.strip_prefix("title: ")).unwrap().trim_matches('"');
    assert!(plain.contains(title), "the title stands in for a name: {plain}");

    site.write("data/site.yaml", &format!("{config}\nname: Ladder\nmark: Ld\n"));
    let branded = header(&site);
    assert!(branded.contains("<span class=\"mark\" aria-hidden=\"true\">Ld</span>"), "{branded}");
    assert!(branded.contains("<span class=\"brand-name\">Ladder</span>"), "{branded}");
    assert!(site.page("index.html").contains(&format!("<title>{title}</title>")));

    site.write("data/site.yaml", &format!("{config}\nmark: Ladder\n"));
    let run = site.build();
    assert_eq!(run.code, 1);
    let line = config.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!("data/site.yaml:{line}:7: error: `mark` is one to three characters")),
        "{}",
        run.stderr
    );
}
