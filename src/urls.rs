//! Addresses: the base URL, the address of every page (the one place that formats them), `@/`
//! links as editors write them, links to other sites (syntax-checked, never fetched) and
//! percent-decoding.
//!
//! Page addresses are relative to the base URL and end in `/` (`roles/x/`); `Model::url` puts the
//! base path in front.

/// Split `https://example.org/sub` into (`https://example.org/sub/`, `/sub/`).
pub fn split_base_url(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(['?', '#', ' ', '@']) || path.contains(['?', '#', ' ']) {
        return None;
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Some((format!("{scheme}://{host}{path}"), path))
}

/// Links to other sites are syntax-checked, never fetched. Returns (message, help) for a bad one.
pub fn bad_url(dest: &str, image: bool) -> Option<(String, String)> {
    let lower = dest.trim().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)));
    if let Some(s) = scheme {
        if ["javascript", "vbscript", "data", "file"].contains(&s) {
            return Some((format!("`{s}:` links are not allowed"), "link to a page with an http(s) address".into()));
        }
    }
    if image {
        return Some((
            "images in Markdown are not supported".into(),
            "describe the picture in words; ladder pages load nothing from other sites".into(),
        ));
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        if split_base_url(dest.trim()).is_none() && !dest.contains(['?', '#']) {
            return Some((
                format!("`{dest}` is not a valid web address"),
                "write a full address like `https://example.org/page`".into(),
            ));
        }
        if dest.contains(' ') {
            return Some((
                format!("`{dest}` is not a valid web address"),
                "web addresses cannot contain spaces".into(),
            ));
        }
        // Characters a URL never holds unencoded (the HTML checker rejects such an `href`).
        if let Some(c) = dest.trim().chars().find(|c| c.is_whitespace() || c.is_control() || "\"<>`{}|\\^".contains(*c))
        {
            return Some((
                format!("`{dest}` is not a valid web address"),
                format!("web addresses cannot contain {c:?} as it is; percent-encode it (e.g. `%22` for `\"`)"),
            ));
        }
        return None;
    }
    if scheme.is_some_and(|s| s == "mailto") {
        return None;
    }
    if dest.starts_with('#') {
        return None;
    }
    if dest.starts_with('/') || !dest.contains(':') {
        return Some((
            format!("link `{dest}` does not say which page of the site it means"),
            "link to a page of the site with `@/`, e.g. `@/roles/model-evaluator/`, so it is checked and follows the base URL".into(),
        ));
    }
    Some((format!("`{dest}` is not a web address ladder can link to"), "use an http(s) address or an `@/` link".into()))
}

/// `%XX` decoding; `None` for a malformed escape (`%zz`, `%+1`, a `%` at the end) or bytes that
/// are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    String::from_utf8(decode_bytes(s, false)?).ok()
}

/// `%20` -> ` `; invalid escapes stay as written, bytes that are not UTF-8 become `\u{FFFD}`.
pub fn percent_decode_lossy(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = decode_bytes(s, true).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `lenient`: a `%` without two hex digits after it is kept as it is; else it makes `None`.
fn decode_bytes(s: &str, lenient: bool) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            match b.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                Some(hex) => {
                    out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                    i += 3;
                    continue;
                }
                None if !lenient => return None,
                None => {}
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Some(out)
}

pub const HOME: &str = "";
pub const ROLES: &str = "roles/";
pub const SKILLS: &str = "skills/";
pub const PATHS: &str = "paths/";
pub const INDUSTRIES: &str = "industries/";
pub const PAY: &str = "pay/";
pub const COMPARE: &str = "compare/";
pub const GUIDES: &str = "guides/";
pub const SEARCH: &str = "search/";
pub const QUIZ: &str = "quiz/";
/// The not-found page is a file, not a folder.
pub const NOT_FOUND_FILE: &str = "404.html";

pub fn role(id: &str) -> String {
    format!("roles/{id}/")
}

/// Every area of a role's wage tables.
pub fn role_pay(id: &str) -> String {
    format!("roles/{id}/pay/")
}

pub fn category(id: &str) -> String {
    format!("categories/{id}/")
}

pub fn skill(id: &str) -> String {
    format!("skills/{id}/")
}

pub fn path(id: &str) -> String {
    format!("paths/{id}/")
}

pub fn industry(id: &str) -> String {
    format!("industries/{id}/")
}

/// A guide's slug may hold `/` (`content/a/b.md` is `guides/a/b/`).
pub fn guide(slug: &str) -> String {
    format!("guides/{slug}/")
}

/// An old address (`redirect_from`) as a folder: `/old/x` -> `old/x/`.
pub fn redirect(from: &str) -> String {
    format!("{}/", from.trim_matches('/'))
}

/// The output file of a page address: `roles/x/` -> `roles/x/index.html`.
pub fn file_of(address: &str) -> String {
    format!("{address}index.html")
}

/// The kinds of record an `@/` link names with an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Role,
    Skill,
    Path,
    Industry,
    Category,
}

impl LinkKind {
    /// The folder of its pages: `roles`.
    pub fn folder(self) -> &'static str {
        match self {
            LinkKind::Role => "roles",
            LinkKind::Skill => "skills",
            LinkKind::Path => "paths",
            LinkKind::Industry => "industries",
            LinkKind::Category => "categories",
        }
    }
}

/// What an `@/` link names, read without the site's records.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// The home page or an index (`roles/`, `pay/`, ...): always there.
    Index,
    Quiz,
    Record(LinkKind, &'a str),
    Guide(String),
}

/// An `@/` link (the part after `@/`, `roles/x/#pay`) split into what it names, its page part
/// (`roles/x/`) and its fragment. `Err`: no address ladder knows, with what to write instead.
pub fn parse_link(rest: &str) -> Result<(LinkTarget<'_>, &str, Option<&str>), String> {
    let (page, frag) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (rest, None),
    };
    let segs: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
    let kind = |k: &str| match k {
        "roles" => LinkKind::Role,
        "skills" => LinkKind::Skill,
        "paths" => LinkKind::Path,
        "industries" => LinkKind::Industry,
        _ => LinkKind::Category,
    };
    let target = match segs.as_slice() {
        [] => LinkTarget::Index,
        ["roles" | "skills" | "paths" | "industries" | "pay" | "search" | "guides"] => LinkTarget::Index,
        ["quiz"] => LinkTarget::Quiz,
        [k @ ("roles" | "skills" | "paths" | "industries" | "categories"), id] => LinkTarget::Record(kind(k), id),
        ["guides", rest @ ..] => LinkTarget::Guide(rest.join("/")),
        _ => return Err("`@/` links name a page: `@/roles/ID/`, `@/skills/ID/`, `@/paths/ID/`, `@/guides/SLUG/`, `@/industries/ID/`, `@/categories/ID/`, or an index such as `@/roles/`".to_string()),
    };
    Ok((target, page, frag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_strict_and_lossy() {
        assert_eq!(percent_decode("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("%+1"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode_lossy("caf%C3%A9%2"), "café%2");
        assert_eq!(percent_decode_lossy("%zz%41"), "%zzA");
    }

    #[test]
    fn addresses() {
        assert_eq!(file_of(&role("x")), "roles/x/index.html");
        assert_eq!(redirect("/old/x"), "old/x/");
        assert_eq!(guide("a/b"), "guides/a/b/");
    }
}
