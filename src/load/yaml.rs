//! YAML parsing with serde-saphyr, and its errors in an editor's words: what was expected, what
//! was found, which field was meant.

use serde::de::DeserializeOwned;

use crate::data::files::{CATEGORIES, QUIZ, SITE, SKILLS, SOURCES};
use crate::data::*;
use crate::diagnostic::{did_you_mean, Diagnostic};

pub fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // A bomb is judged by alias expansion and depth, not size: an honest large file (14,000
    // skills) needs more nodes and events than the defaults, in proportion to its bytes.
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_aliases = 10_000;
    budget.max_depth = 64;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.with_snippet = false;
    o.alias_limits.max_total_replayed_events = 100_000;
    o.alias_limits.max_alias_expansions_per_anchor = 1_000;
    o
}

/// A list file; an empty one means "none" where the file is optional (industries, pay).
pub fn parse_list<T: DeserializeOwned>(rel: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<T> {
    if !has_content(text) && !REQUIRED_LISTS.contains(&rel) {
        return Vec::new();
    }
    parse::<Option<Vec<T>>>(rel, text, 0, diags).flatten().unwrap_or_default()
}

pub const REQUIRED_LISTS: [&str; 3] = [SOURCES, CATEGORIES, SKILLS];

/// Whether YAML text holds anything but blank lines and comments.
pub fn has_content(text: &str) -> bool {
    text.lines().any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// What a file must hold, for the message about an empty one.
pub fn must_hold(rel: &str) -> &'static str {
    match rel {
        SITE => "the site's settings: at least `title: ...` and `base_url: https://...`",
        SOURCES => "the list of sources the site cites: `- id: ...` with `title: ...` for each",
        CATEGORIES => "the list of role categories: `- id: ...` with `name: ...` for each",
        SKILLS => "the list of skills: `- id: ...` with `name: ...` for each",
        QUIZ => "the quiz's `traits` and `questions`; delete the file if the site has no quiz",
        r if r.starts_with(files::ROLES) => {
            "a role: `title`, `category`, `summary` and `skills` (`ladder new role ID` writes a starter); or delete the file"
        }
        r if r.starts_with("data/paths/") => "a career path: `title` and `steps`; or delete the file",
        _ => "the fields described in the data contract in the README",
    }
}

/// An empty (or comment-only) file, or empty front matter: say so, and what belongs there.
pub fn empty_yaml(rel: &str, text: &str, line_offset: usize) -> Diagnostic {
    if line_offset > 0 {
        return Diagnostic::error(rel, 1, 1, "the front matter is empty")
            .help("a page needs at least a `title: ...` line between the two `---` lines")
            .width(3);
    }
    let what = if text.trim().is_empty() { "the file is empty" } else { "the file holds only comments" };
    Diagnostic::error(rel, 0, 0, what).help(format!("it must hold {}", must_hold(rel)))
}

/// Parse YAML into `T`; `line_offset` is added to positions (front matter starts on line 2).
pub fn parse<T: DeserializeOwned>(rel: &str, text: &str, line_offset: usize, diags: &mut Vec<Diagnostic>) -> Option<T> {
    if !has_content(text) {
        diags.push(empty_yaml(rel, text, line_offset));
        return None;
    }
    match serde_saphyr::from_str_with_options::<T>(text, options(text.len())) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(yaml_error(rel, text, line_offset, &e));
            None
        }
    }
}

pub fn yaml_error(rel: &str, text: &str, line_offset: usize, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, col) = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as usize + line_offset, l.column() as usize))
        .unwrap_or((0, 0));
    let raw = e.without_snippet().to_string();
    let raw = raw.lines().next().unwrap_or("").to_string();
    // serde-saphyr may prefix the position ("line 3 column 4: ..."); ours is in the headline.
    let msg = strip_position_prefix(&raw);
    let mut d = Diagnostic::error(rel, line, col, msg.clone());
    if let Some((message, help)) = editor_words(original_error(e)) {
        d.message = message;
        d.help = Some(help);
        if matches!(original_error(e), serde_saphyr::Error::MultipleDocuments { .. }) {
            // Point at the `---` line that starts the second document.
            let lines: Vec<&str> = text.lines().collect();
            let upto = d.line.saturating_sub(line_offset).min(lines.len());
            if let Some(i) = (0..upto).rev().find(|&i| lines[i].starts_with("---")) {
                d.line = i + 1 + line_offset;
                d.column = 1;
                d.width = 3;
            }
        }
    } else if let Some((field, expected)) = parse_unknown_field(&msg) {
        d.message = format!("unknown field `{field}`");
        d.width = field.chars().count();
        let help = match did_you_mean(&field, expected.iter().map(String::as_str)) {
            Some(h) => h,
            None if expected.is_empty() => "remove it".to_string(),
            None => format!(
                "this record takes {}; put site-specific values under `extra:`",
                expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        d.help = Some(help);
    } else if let Some(field) = msg.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        d.message = format!("missing required field `{field}`");
        d.help = Some(format!("add `{field}:` to this record"));
        // serde notices at the end of the mapping; for a file that is one record, point at its start.
        if col <= 1 {
            if let Some(first) = text.lines().position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
                d.line = first + 1 + line_offset;
                d.column = 1;
            }
        }
    } else if msg.contains("unknown variant") {
        if let Some((given, expected)) = parse_unknown_variant(&msg) {
            d.message = format!("`{given}` is not allowed here");
            d.width = given.chars().count().max(1);
            d.help = Some(match did_you_mean(&given, expected.iter().map(String::as_str)) {
                Some(h) => format!("{h} (one of {})", expected.join(", ")),
                None => format!("use one of {}", expected.join(", ")),
            });
        }
    } else if msg.contains("budget") || msg.contains("alias") && msg.contains("limit") {
        d.message = "YAML aliases or nesting expand this file far beyond its size; refused".to_string();
        d.help = Some(
            "the file expands far beyond its size (YAML aliases or nesting); write the values out instead of repeating anchors"
                .to_string(),
        );
    } else if msg.starts_with("invalid type") {
        d.help = Some(type_help(&msg));
    } else if let Some((plain, help)) = plain_message(&msg) {
        d.message = plain.to_string();
        d.help = Some(help.to_string());
    }
    d
}

/// The error serde-saphyr found, under the wrappers that add a snippet or an alias's place.
pub fn original_error(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } = e {
        e = error;
    }
    e
}

/// serde-saphyr's messages that speak to a Rust programmer (`use Option<String>`, `set
/// DuplicateKeyPolicy in Options`), said to the editor: (message, help).
pub fn editor_words(e: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    let words = match e {
        E::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("`{}` is written twice in this record", k.trim_matches('"')),
                None => "a key is written twice in this record".to_string(),
            },
            "keep one of the two lines: YAML does not say which one counts".to_string(),
        ),
        E::NullIntoString { .. } => (
            "expected text here, found an empty value".to_string(),
            "write the text, or remove the entry (`~`, `null` or nothing after `:` or `-` is empty)".to_string(),
        ),
        E::MultipleDocuments { .. } => (
            "a second YAML document starts here: a data file holds one".to_string(),
            "remove this `---` line (and join or remove what follows it)".to_string(),
        ),
        E::Eof { .. } => (
            "the file ends in the middle of a value".to_string(),
            "check for an unclosed quote or bracket, or a key with nothing after it".to_string(),
        ),
        E::UnknownAnchor { .. } => (
            "this `*name` refers to an anchor that is not defined above it".to_string(),
            "define the value first with `&name`, or write the value out here".to_string(),
        ),
        E::NonFiniteFloat { value, .. } => {
            (format!("`{value}` is not a number a page can show"), "write a plain number such as `80000`".to_string())
        }
        E::SerdeInvalidType { unexpected, expected, .. } => (
            format!("expected {} here, found {}", expected_words(expected), found_words(unexpected)),
            type_help(expected),
        ),
        E::SerdeInvalidValue { unexpected, expected, .. } => (
            format!("{} is not allowed here: expected {}", found_words(unexpected), expected_words(expected)),
            type_help(expected),
        ),
        E::SerdeInvalidLength { len, expected, .. } => {
            (format!("this list has {len} items, expected {expected}"), "check the number of items".to_string())
        }
        E::UnexpectedSequenceEnd { .. } | E::UnexpectedMappingEnd { .. } | E::ContainerEndMismatch { .. } => (
            "YAML syntax error: a list or mapping ends where it should not".to_string(),
            "check that brackets are closed and items line up".to_string(),
        ),
        E::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => (
            "expected one word here, found a list".to_string(),
            "write one of the words this field allows (the data contract in the README lists them)".to_string(),
        ),
        E::UnsupportedTag { tag, .. } => (
            format!("the YAML tag `{tag}` is not supported"),
            "remove the tag (the `!...` before the value); write the plain value".to_string(),
        ),
        _ => return None,
    };
    Some(words)
}

/// serde's name of the type it wanted, in an editor's words.
pub fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a sequence" | "sequence" => "a list",
        "a string" | "string" | "a borrowed string" | "a character" | "char" => "text",
        "a boolean" | "bool" => "`true` or `false`",
        "f64" | "f32" | "a floating point number" => "a number",
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "i16" | "i8" | "usize" | "isize" | "an integer" => {
            "a whole number"
        }
        "a map" | "a mapping" | "map" => "a mapping of `key: value` lines",
        _ if e.starts_with("struct ") => "a mapping of `key: value` lines",
        _ if e.starts_with("enum ") || e.starts_with("variant ") => "one of the words this field allows",
        _ if e.starts_with("a sequence") => "a list",
        _ => return e.to_string(),
    };
    words.to_string()
}

/// serde's description of the value it found (`string "x"`, `integer `5``), in editor's words.
pub fn found_words(unexpected: &str) -> String {
    let u = unexpected.trim();
    if let Some(v) = u.strip_prefix("string ") {
        return format!("the text `{}`", v.trim_matches('"'));
    }
    for prefix in ["integer ", "floating point ", "boolean ", "char "] {
        if let Some(v) = u.strip_prefix(prefix) {
            return format!("`{}`", v.trim_matches('`').trim_matches('"'));
        }
    }
    match u {
        "unit value" | "null" | "unit" | "none" | "Option value" => "an empty value".to_string(),
        "sequence" => "a list".to_string(),
        "map" => "a mapping".to_string(),
        _ => format!("`{u}`"),
    }
}

pub fn strip_position_prefix(msg: &str) -> String {
    let m = msg.trim();
    if let Some(rest) = m.strip_prefix("line ") {
        if let Some(idx) = rest.find(": ") {
            let head = &rest[..idx];
            if head.chars().all(|c| c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic()) {
                return rest[idx + 2..].to_string();
            }
        }
    }
    if let Some(idx) = m.rfind(" at line ") {
        return m[..idx].to_string();
    }
    m.to_string()
}

pub fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// `unknown field `x`, expected one of a, b, c` (serde's wording; names may be backticked).
pub fn parse_unknown(msg: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = msg.strip_prefix(prefix)?;
    let given = backticked(rest).into_iter().next()?;
    let expected = match rest.split_once("expected one of ").or_else(|| rest.split_once("expected ")) {
        Some((_, list)) => list
            .split(", ")
            .map(|s| s.trim().trim_matches('`').trim_start_matches("or ").trim_matches('`').to_string())
            .filter(|s| !s.is_empty() && !s.contains(' '))
            .collect(),
        None => Vec::new(),
    };
    Some((given, expected))
}

pub fn parse_unknown_field(msg: &str) -> Option<(String, Vec<String>)> {
    parse_unknown(msg, "unknown field ")
}

pub fn parse_unknown_variant(msg: &str) -> Option<(String, Vec<String>)> {
    parse_unknown(msg, "unknown variant ")
}

/// serde-saphyr's low-level wording, said the way an editor thinks about the file.
pub fn plain_message(msg: &str) -> Option<(&'static str, &'static str)> {
    let m = msg.to_lowercase();
    let table: &[(&str, &str, &str)] = &[
        ("unclosed quote", "YAML syntax error: a quote is never closed", "close the quote at the end of the value"),
        (
            "unclosed bracket",
            "YAML syntax error: a bracket is never closed",
            "close it with the matching `]` or `}`, or write one `- item` per line",
        ),
        (
            "mismatched bracket",
            "YAML syntax error: a bracket is closed by the wrong kind",
            "close `[` with `]` and `{` with `}`",
        ),
        ("misplaced bracket", "YAML syntax error: a closing bracket that was never opened", "remove it, or open it"),
        (
            "mapping values are not allowed",
            "YAML syntax error: `: ` in the middle of a value",
            "quote the value when it holds `: ` (e.g. `title: \"Ratio: 3\"`)",
        ),
        ("tab", "YAML syntax error: a tab in the indentation", "indent with spaces, not tabs"),
        (
            "indentation",
            "YAML syntax error: this line's indentation does not fit",
            "line it up with the other lines at its level (spaces only)",
        ),
        (
            "unknown escape character",
            "YAML syntax error: an unknown `\\` escape in double-quoted text",
            "write `\\\\` for a backslash, or quote the text with single quotes",
        ),
        (
            "unexpected eof",
            "the file ends in the middle of a list or mapping",
            "check for an unclosed bracket or quote",
        ),
        (
            "block sequence entries are not allowed",
            "YAML syntax error: a `- ` item where a value was expected",
            "put list items on their own lines under the key, indented",
        ),
        (
            "is only valid inside a block",
            "YAML syntax error: a `- ` item inside a `[...]` list",
            "close the `[` before the `- ` items, or remove it",
        ),
        ("expected string scalar", "expected text here", "write text (quote it if it contains `: `, `[` or `{`)"),
        (
            "invalid floating point",
            "expected a number here",
            "write a plain number, without currency signs or commas (e.g. `80000`)",
        ),
        ("invalid integer", "expected a whole number here", "write a whole number such as `3`"),
        ("invalid i64", "expected a whole number here", "write a whole number such as `3`"),
        ("invalid u32", "expected a whole number (0 or more) here", "write a whole number such as `30`"),
        ("expected sequence start", "expected a list here", "write a list: `[a, b]`, or one `- item` per line"),
        (
            "expected mapping start",
            "expected a mapping of `key: value` lines here",
            "indent the record's fields under it",
        ),
        ("invalid boolean", "expected `true` or `false` here", "write `true` or `false`"),
        (
            "did not find expected",
            "YAML syntax error: a bracket, quote or indentation is off",
            "check that brackets and quotes are closed and items line up",
        ),
        ("while scanning", "YAML syntax error", "check quotes, colons and indentation on this line"),
    ];
    table.iter().find(|(k, _, _)| m.contains(k)).map(|(_, msg, help)| (*msg, *help))
}

/// What to write, for serde's name of the type it wanted.
pub fn type_help(expected: &str) -> String {
    let msg = format!("expected {}", expected.trim_start_matches("expected "));
    if msg.contains("expected a sequence") {
        "write a list: `[a, b]` or one `- item` per line".to_string()
    } else if msg.contains("expected a string") || msg.contains("expected string") {
        "write text here (quote it if it looks like a number or a date)".to_string()
    } else if msg.contains("expected a map") || msg.contains("expected struct") || msg.contains("expected a mapping") {
        "write a mapping of `key: value` lines here".to_string()
    } else if msg.contains("f64") || msg.contains("i64") || msg.contains("u32") || msg.contains("number") {
        "write a plain number here, without currency signs or commas (e.g. `80000`)".to_string()
    } else if msg.contains("bool") {
        "write `true` or `false`".to_string()
    } else {
        "check the value's type against the data contract in the README".to_string()
    }
}
