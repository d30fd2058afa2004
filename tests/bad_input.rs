//! Bad input that used to slip through a build: control characters in text, files that are not
//! regular files, and a base URL that is not plain ASCII. Each is run the way an editor meets it,
//! with `ladder build` on a site folder.

mod common;
use common::Site;

/// `base_url: https://example.org/café/` used to give a false broken link for every link that
/// Markdown wrote (percent-encoded) and blame a template. Now the site builds, and every link
/// of every page, read as a browser reads it, names a file of the output.
#[test]
fn a_base_url_with_non_ascii_characters_builds_with_working_links() {
    let site = Site::copy_of("tests/fixture");
    let config = std::fs::read_to_string(site.root().join("data/site.yaml")).unwrap();
    let config: String = config
        .lines()
        .map(|l| {
            if l.starts_with("base_url:") {
                "base_url: https://example.org/café/".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("data/site.yaml", &config);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
    let mut checked = 0;
    let mut encoded = 0;
    for (file, bytes) in common::tree(&site.out()) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for href in html.split("href=\"").skip(1).filter_map(|s| s.split('"').next()) {
            let href = href.split(['#', '?']).next().unwrap();
            if !href.starts_with('/') {
                continue;
            }
            encoded += usize::from(href.contains('%'));
            let path = percent_decode(href);
            let rel =
                path.strip_prefix("/café/").unwrap_or_else(|| panic!("{file}: `{href}` is outside the base path"));
            let target = site.out().join(rel);
            let target = if rel.is_empty() || rel.ends_with('/') { target.join("index.html") } else { target };
            assert!(target.is_file(), "{file}: `{href}` names no file of the output");
            checked += 1;
        }
    }
    assert!(checked > 100 && encoded > 0, "{checked} links checked, {encoded} percent-encoded");
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
