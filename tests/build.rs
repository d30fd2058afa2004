//! Data in, pages out: builds the fixture site (and small variants) and reads the pages.

mod common;
use common::{tree, Site};

fn fixture_built() -> Site {
    let s = Site::copy_of("tests/fixture");
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

#[test]
fn every_page_of_the_contract_is_written() {
    let s = fixture_built();
    for p in [
        "index.html",
        "roles/index.html",
        "roles/model-evaluator/index.html",
        "categories/evaluation/index.html",
        "skills/index.html",
        "skills/python/index.html",
        "paths/index.html",
        "paths/evaluator-track/index.html",
        "industries/index.html",
        "industries/healthcare/index.html",
        "pay/index.html",
        "quiz/index.html",
        "search/index.html",
        "guides/index.html",
        "guides/getting-started/index.html",
        "guides/guides/nested/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "roles.json",
        "roles/ai-evaluator/index.html",
    ] {
        assert!(s.out().join(p).is_file(), "missing {p}");
    }
    assert!(!s.out().join("guides/draft-notes").exists(), "drafts are left out of builds");
}

#[test]
fn role_page_shows_pay_with_sources_and_json_ld() {
    let s = fixture_built();
    let page = s.page("roles/model-evaluator/index.html");
    // Each band, worded exactly as the source gives it, with its source.
    assert!(page.contains("around $70,000 or more a year"), "annual open-ended band");
    assert!(page.contains("an average of around $105 an hour"), "mean alone");
    assert!(page.contains("Platform pay averages</cite> (undated), as reported by"), "via source shown as reported by");
    assert!(page.contains("around $25–$50 an hour"), "work-type band");
    assert!(page.contains("pay for this kind of work"));
    let chart = regex::Regex::new(r#"<svg [^>]*role="img" aria-labelledby="[^"]+""#).unwrap();
    assert!(chart.is_match(&page), "the pay chart: an <svg role=\"img\"> named by its title and description");
    assert!(!page.contains("style=\""), "no inline style attributes under a strict CSP");
    // JSON-LD: Occupation with MonetaryAmount figures as given, never invented.
    let ld_start = page.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let ld_end = ld_start + page[ld_start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[ld_start..ld_end]).unwrap();
    let occ = &ld["@graph"][0];
    assert_eq!(occ["@type"], "Occupation");
    let sal = occ["estimatedSalary"].as_array().unwrap();
    assert_eq!(sal[0]["value"]["minValue"], 70000.0);
    assert!(sal[0]["value"].get("maxValue").is_none(), "an open top has no maxValue");
    assert_eq!(sal[1]["value"]["value"], 105.0, "a mean alone is `value`");
    assert_eq!(ld["@graph"][1]["@type"], "BreadcrumbList");
    // Skills with levels, paths in and out, sources, last reviewed.
    assert!(page.contains("Rubric discipline</a> <span class=\"level level-expert\">expert</span>"));
    assert!(page.contains("From QA to evaluation"));
    assert!(page.contains("Last reviewed <time datetime=\"2026-11-01\">1 November 2026</time>"));
}

#[test]
fn percentiles_become_a_distribution_and_no_pay_says_so() {
    let s = fixture_built();
    let page = s.page("roles/ai-trainer/index.html");
    assert!(page.contains("\"@type\":\"MonetaryAmountDistribution\""));
    assert!(page.contains("\"percentile10\":15.0") && page.contains("\"median\":22.0"));
    assert!(page.contains("up to $350 an hour"));
    let mlops = s.page("roles/mlops-engineer/index.html");
    assert!(mlops.contains("No source we read gives pay for this role."));
    assert!(!mlops.contains("estimatedSalary"));
}

#[test]
fn markdown_raw_html_is_shown_not_run_and_links_resolve() {
    let s = fixture_built();
    let page = s.page("guides/getting-started/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "raw HTML escaped");
    assert!(page.contains("href=\"/roles/model-evaluator/#pay\""));
    assert!(page.contains("id=\"first-steps\"") && page.contains("id=\"first-steps-2\""), "unique heading ids");
}

#[test]
fn sub_path_base_url_prefixes_every_internal_link() {
    let s = Site::copy_of("tests/fixture");
    let run = s.ladder(&["build", "--base-url", "https://example.org/sub/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (file, bytes) in tree(&s.out()) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/", "action=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len() - 1..];
                assert!(rest.starts_with("/sub/"), "{file}: {}", &rest[..rest.len().min(60)]);
            }
        }
        assert!(!html.contains("https://example.org/roles/"), "{file}: absolute URL without the sub-path");
    }
    assert!(std::fs::read_to_string(s.out().join("sitemap.xml"))
        .unwrap()
        .contains("<loc>https://example.org/sub/roles/ai-trainer/</loc>"));
}

#[test]
fn machine_files() {
    let s = fixture_built();
    let json: serde_json::Value = serde_json::from_str(&s.page("roles.json")).unwrap();
    assert_eq!(json["version"], 1);
    let roles = json["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 3);
    let me = roles.iter().find(|r| r["id"] == "model-evaluator").unwrap();
    assert_eq!(me["url"], "https://example.org/roles/model-evaluator/");
    assert_eq!(me["pay"][2]["band"], "evaluation-work");
    assert_eq!(me["pay"][2]["low"], 25.0);
    let feed = s.page("feed.xml");
    assert!(feed.contains("<updated>2026-11-01T00:00:00Z</updated>\n<entry>"), "feed dated by its newest entry");
    assert!(s.page("robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
    let redirect = s.page("roles/ai-evaluator/index.html");
    assert!(redirect.contains("url=/roles/model-evaluator/"));
}

/// The value of `name` in the opening tag `tag` (`<script src="..." ...>`), quoted with `"`.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

#[test]
fn every_page_has_a_strict_csp_matching_its_inline_code_and_its_files() {
    let s = fixture_built();
    let files: std::collections::BTreeMap<String, Vec<u8>> = tree(&s.out()).into_iter().collect();
    let opening = regex::Regex::new(r"<(?:script|link)\b[^>]*>").unwrap();
    for (file, bytes) in &files {
        if !file.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        let csp_start = html.find("Content-Security-Policy\" content=\"").expect(file) + 34;
        let csp = &html[csp_start..csp_start + html[csp_start..].find('"').unwrap()];
        assert!(csp.starts_with("default-src 'none'"), "{file}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{file}: {csp}");
        let directive = |name: &str| csp.split(';').find(|d| d.trim().starts_with(name)).unwrap().to_string();
        for (tag, name) in [("<style>", "style-src"), ("<script>", "script-src")] {
            for (i, _) in html.match_indices(tag) {
                let body = &html[i + tag.len()..];
                let body = &body[..body.find("</").unwrap()];
                let hash = ladder::output::sha256_b64(body.as_bytes());
                assert!(directive(name).contains(&hash), "{file}: {tag} not allowed by its hash");
            }
        }
        // Files a page loads: in the output, and a script only with the hash of its bytes, which
        // the policy lists; stylesheets come from the site itself.
        for m in opening.find_iter(html) {
            let tag = m.as_str();
            let Some(url) = attr(tag, "src").or_else(|| attr(tag, "href").filter(|_| tag.contains("stylesheet")))
            else {
                continue;
            };
            let body =
                files.get(url.trim_start_matches('/')).unwrap_or_else(|| panic!("{file}: {url} is not in the output"));
            if tag.starts_with("<script") {
                let integrity = format!("sha256-{}", ladder::output::sha256_b64(body));
                assert_eq!(attr(tag, "integrity"), Some(integrity.as_str()), "{file}: {tag}");
                assert!(directive("script-src").contains(&format!("'{integrity}'")), "{file}: {tag} not allowed");
            } else {
                assert!(directive("style-src").contains("'self'"), "{file}: {csp}");
            }
        }
        assert!(!html.contains("http://") || !html.contains("src=\"http"), "{file}: external resource");
    }
}

#[test]
fn shared_css_and_scripts_are_files_named_by_their_content_not_copied_into_pages() {
    let s = fixture_built();
    let assets: Vec<(String, Vec<u8>)> = tree(&s.out()).into_iter().filter(|(f, _)| f.starts_with("assets/")).collect();
    let names: Vec<&str> = assets.iter().map(|(f, _)| f.as_str()).collect();
    for stem in ["assets/style.", "assets/search.", "assets/wages-sort.", "assets/icon."] {
        assert_eq!(names.iter().filter(|n| n.starts_with(stem)).count(), 1, "{stem}: {names:?}");
    }
    let css = &assets.iter().find(|(f, _)| f.ends_with(".css")).unwrap().1;
    let css = String::from_utf8_lossy(css);
    assert!(css.contains(".compare-bar") && css.contains("--"), "every stylesheet, minified: {css}");
    let skill = s.page("skills/python/index.html");
    for (name, _) in &assets {
        if name.ends_with(".css") || name.contains("/search.") || name.contains("/icon.") {
            assert!(skill.contains(&format!("\"/{name}\"")), "a page references {name}");
        }
    }
    assert!(!skill.contains("<style") && !skill.contains("data:image"), "nothing shared is inline: {skill}");
    // The name changes with the content: a site's own stylesheet gives another name.
    s.write("templates/glance.css", ".x{color:red}");
    assert_eq!(s.build().code, 0);
    let after = s.page("skills/python/index.html");
    let style = |h: &str| h[h.find("/assets/style.").unwrap()..].split('"').next().unwrap().to_string();
    assert_ne!(style(&skill), style(&after));
    assert_eq!(tree(&s.out()).iter().filter(|(f, _)| f.starts_with("assets/style.")).count(), 1);
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let s = fixture_built();
    let before = tree(&s.out());
    // A runtime error (not a parse error) in the template of the very last page rendered.
    s.write("templates/redirect.html", "<!doctype html><title>x</title>{{ page.title }}{{ missing_value.field }}");
    let run = s.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("templates/redirect.html:1:"), "{}", run.stderr);
    assert_eq!(tree(&s.out()), before, "previous output changed");
    let leftovers: Vec<String> = std::fs::read_dir(s.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ladder-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left: {leftovers:?}");
}

#[test]
fn a_leftover_temporary_folder_is_removed_by_the_next_build() {
    let s = Site::copy_of("tests/fixture");
    std::fs::create_dir_all(s.root().join(".public.ladder-tmp-99999/roles")).unwrap();
    assert_eq!(s.build().code, 0);
    assert!(!s.root().join(".public.ladder-tmp-99999").exists());
}

#[test]
fn same_input_same_bytes_whatever_jobs_or_file_order() {
    let a = Site::copy_of("tests/fixture");
    // The same files written in reverse order into another folder.
    let b = Site::empty();
    let mut files = tree(a.root());
    files.reverse();
    for (rel, bytes) in &files {
        let p = b.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    assert_eq!(a.ladder(&["build", "--jobs", "1"]).code, 0);
    assert_eq!(b.ladder(&["build", "--jobs", "2"]).code, 0);
    assert_eq!(tree(&a.out()), tree(&b.out()));
}

#[test]
fn out_guard_refuses_source_folders_and_the_root() {
    let s = Site::copy_of("tests/fixture");
    for bad in [".", "data", "content/x", "templates"] {
        let out = s.root().join(bad);
        let run = s.ladder(&["build", "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 2, "--out {bad} must be refused: {}", run.stderr);
    }
    let parent = s.root().parent().unwrap().to_str().unwrap().to_string();
    assert_eq!(s.ladder(&["build", "--out", &parent]).code, 2, "a folder holding the root is refused");
    assert!(s.root().join("data/site.yaml").exists());
}

#[test]
fn check_writes_nothing() {
    let s = Site::copy_of("tests/fixture");
    let run = s.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!s.out().exists());
}

#[test]
fn editor_temporary_files_are_ignored() {
    let s = Site::copy_of("tests/fixture");
    s.write("data/roles/.model-evaluator.yaml.swp", "\0\0garbage");
    s.write("data/roles/4913", "x");
    s.write("content/notes.md~", "x");
    s.write("data/#skills.yaml#", "x");
    let run = s.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_site_template_overrides_a_default_by_name() {
    let s = Site::copy_of("tests/fixture");
    s.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Lost? Custom page.</h1>{% endblock main %}",
    );
    assert_eq!(s.build().code, 0);
    assert!(s.page("404.html").contains("Lost? Custom page."));
}

#[test]
fn the_default_site_builds_strictly() {
    let s = Site::empty();
    for dir in ["data", "content"] {
        common::copy_dir(&common::repo().join(dir), &s.root().join(dir));
    }
    let run = s.ladder(&["build", "--strict", "--today", "2026-11-23"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
