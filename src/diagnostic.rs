//! Diagnostics: what went wrong, where (file, line, column), and what to do about it.
//!
//! Every stage returns its problems as `Diagnostic` values; nothing is printed until the end,
//! when `report` sorts them by file and position and renders them together (human, JSON lines,
//! or GitHub annotations).

use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators (`data/roles/x.yaml`).
    pub path: String,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// How many characters the caret underlines.
    #[serde(skip)]
    pub width: usize,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            message: message.into(),
            help: None,
            width: 1,
        }
    }

    pub fn warning(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, column, message) }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// `path:line:column: severity: message`, the first line of every rendering.
    pub fn headline(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (self.line, self.column) {
            (0, _) => format!("{}: {sev}: {}", self.path, self.message),
            (l, 0) => format!("{}:{l}: {sev}: {}", self.path, self.message),
            (l, c) => format!("{}:{l}:{c}: {sev}: {}", self.path, self.message),
        }
    }
}

/// Sort as the user reads them: by file, then line, then column; errors before warnings at a tie.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message).cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
}

/// The text of every file read, so a diagnostic can show its line.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: BTreeMap<String, String>,
}

impl SourceMap {
    pub fn insert(&mut self, path: &str, text: &str) {
        self.files.insert(path.to_string(), text.to_string());
    }

    /// The whole text of a file that was read.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    pub fn line(&self, path: &str, line: usize) -> Option<&str> {
        let text = self.files.get(path)?;
        text.split('\n').nth(line.checked_sub(1)?).map(|l| l.trim_end_matches('\r'))
    }

    /// Whether `d` points inside its file: line 0 (the whole file), or a line of the file read
    /// and a column (characters, 1-based) at most one past that line's end. Fuzzing and the
    /// property tests hold every diagnostic to this.
    pub fn points_inside(&self, d: &Diagnostic) -> bool {
        if d.line == 0 {
            return true;
        }
        match self.line(&d.path, d.line) {
            Some(text) => d.column <= text.chars().count() + 1,
            None => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

pub struct Style {
    pub color: bool,
    pub github: bool,
}

/// Render one diagnostic the way a person reads it: headline, the line, a caret, the hint.
pub fn render_human(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let (bold, red, yellow, blue, reset) =
        if color { ("\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;34m", "\x1b[0m") } else { ("", "", "", "", "") };
    let sev_color = if d.severity == Severity::Error { red } else { yellow };
    let mut out = String::new();
    let head = d.headline();
    // Colour the severity word only.
    let sev_word = if d.severity == Severity::Error { "error:" } else { "warning:" };
    let coloured = head.replacen(sev_word, &format!("{sev_color}{sev_word}{reset}{bold}"), 1);
    let _ = writeln!(out, "{bold}{coloured}{reset}");
    if let Some(text) = (d.line > 0).then(|| sources.line(&d.path, d.line)).flatten() {
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        let shown: String = text.chars().take(200).collect::<String>().replace('\t', " ");
        let col = d.column.max(1) - 1;
        let caret_pad: String = " ".repeat(col.min(shown.chars().count()));
        let _ = writeln!(out, "{blue}{pad} |{reset}");
        let _ = writeln!(out, "{blue}{num} |{reset} {shown}");
        let _ = writeln!(out, "{blue}{pad} |{reset} {caret_pad}{sev_color}{}{reset}", "^".repeat(d.width.max(1)));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = {bold}help:{reset} {help}");
    }
    out
}

/// A GitHub Actions workflow command, so the problem shows on the pull request's diff.
pub fn render_github(d: &Diagnostic) -> String {
    let kind = if d.severity == Severity::Error { "error" } else { "warning" };
    let esc = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let mut msg = d.message.clone();
    if let Some(h) = &d.help {
        msg.push_str(" (");
        msg.push_str(h);
        msg.push(')');
    }
    let prop = |s: &str| esc(s).replace(':', "%3A").replace(',', "%2C");
    format!("::{kind} file={},line={},col={}::{}", prop(&d.path), d.line.max(1), d.column.max(1), esc(&msg))
}

/// Render all diagnostics for stderr.
pub fn render_all(diags: &[Diagnostic], sources: &SourceMap, format: Format, style: &Style) -> String {
    let mut out = String::new();
    for d in diags {
        match format {
            Format::Human => {
                out.push_str(&render_human(d, sources, style.color));
                out.push('\n');
            }
            Format::Json => {
                out.push_str(&serde_json::to_string(d).unwrap_or_default());
                out.push('\n');
            }
        }
        if style.github {
            out.push_str(&render_github(d));
            out.push('\n');
        }
    }
    out
}

/// The closest candidate to a misspelt word, if one is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<((usize, usize), &str)> = None;
    for c in candidates {
        let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
        let limit = (lower.chars().count().max(c.chars().count()) / 3).max(1);
        // Ties go to the longer shared prefix (`USX` -> `USD`, not `UGX`), then alphabetical.
        let prefix = lower.chars().zip(c.to_lowercase().chars()).take_while(|(a, b)| a == b).count();
        let key = (d, usize::MAX - prefix);
        if d <= limit && best.is_none_or(|(bk, bc)| key < bk || (key == bk && c < bc)) {
            best = Some((key, c));
        }
    }
    best.map(|(_, c)| c)
}

/// "did you mean `x`?" for a misspelt word, if a candidate is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_transposition() {
        assert_eq!(suggest("pyhton", ["python", "statistics"]), Some("python"));
        assert_eq!(suggest("zzzzzz", ["python", "statistics"]), None);
    }

    #[test]
    fn human_rendering_shows_line_and_caret() {
        let mut sm = SourceMap::default();
        sm.insert("data/x.yaml", "a: 1\nskill: pyhton\n");
        let d =
            Diagnostic::error("data/x.yaml", 2, 8, "unknown skill `pyhton`").help("did you mean `python`?").width(6);
        let out = render_human(&d, &sm, false);
        assert_eq!(
            out,
            "data/x.yaml:2:8: error: unknown skill `pyhton`\n  |\n2 | skill: pyhton\n  |        ^^^^^^\n  = help: did you mean `python`?\n"
        );
    }

    #[test]
    fn github_annotation_escapes() {
        let d = Diagnostic::error("data/a,b.yaml", 3, 4, "bad\nthing");
        assert_eq!(render_github(&d), "::error file=data/a%2Cb.yaml,line=3,col=4::bad%0Athing");
    }
}
