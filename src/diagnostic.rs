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

/// Where the lines of a text start, so that a line, or the (line, column) of a byte offset, is
/// found by binary search: a diagnostic costs the same at the end of a 10 MB file as at its start.
/// Built once per text, in one pass. Columns count characters, as everywhere else.
#[derive(Debug, Default, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first is 0. A text ending in `\n` has an empty
    /// last line, as `str::split('\n')` has.
    starts: Vec<usize>,
    /// For a text that is not ASCII: the byte offset of every `MARK`th character, so a character
    /// count is never taken from further back than `MARK` characters. Empty for ASCII text,
    /// where characters are bytes.
    marks: Vec<usize>,
}

const MARK: usize = 256;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let marks =
            if text.is_ascii() { Vec::new() } else { text.char_indices().step_by(MARK).map(|(i, _)| i).collect() };
        LineIndex { starts, marks }
    }

    /// The byte range of 1-based `line` in `text` (the text the index was built from), without
    /// its `\n`.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map(|&s| s - 1).unwrap_or(text.len());
        (start <= end && end <= text.len()).then_some(start..end)
    }

    /// Line `line` (1-based) of `text`, without its line end.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let r = self.line_range(text, line)?;
        text.get(r).map(|l| l.trim_end_matches('\r'))
    }

    /// How many characters of `text` come before byte offset `at` (rounded down to a character).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if self.marks.is_empty() {
            return at;
        }
        let k = self.marks.partition_point(|&m| m <= at).saturating_sub(1);
        let from = self.marks.get(k).copied().unwrap_or(0).min(at);
        k * MARK + text[from..at].chars().count()
    }

    /// 1-based (line, column) of byte offset `at` of `text`.
    pub fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1];
        (line, self.chars_before(text, at) - self.chars_before(text, start) + 1)
    }

    /// The byte offset, within its line, of 1-based `column` of `line`; past the end of the line
    /// it is the line's length.
    pub fn column_offset(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        let r = self.line_range(text, line)?;
        let skip = column.max(1) - 1;
        if self.marks.is_empty() {
            return Some(skip.min(r.len()));
        }
        let target = self.chars_before(text, r.start) + skip;
        let from = self.marks.get(target / MARK).copied().unwrap_or(text.len());
        let at = text[from..].char_indices().nth(target % MARK).map(|(i, _)| from + i).unwrap_or(text.len());
        Some(at.min(r.end) - r.start)
    }

    /// How many characters line `line` has.
    pub fn line_chars(&self, text: &str, line: usize) -> Option<usize> {
        let r = self.line_range(text, line)?;
        Some(self.chars_before(text, r.end) - self.chars_before(text, r.start))
    }
}

/// The text of every file read, so a diagnostic can show its line.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: BTreeMap<String, (String, LineIndex)>,
}

impl SourceMap {
    pub fn insert(&mut self, path: &str, text: &str) {
        self.files.insert(path.to_string(), (text.to_string(), LineIndex::new(text)));
    }

    /// Add the files another map holds (a file in both: the other's text).
    /// One insert per file: `BTreeMap::append` rebuilds the whole tree, which is quadratic when
    /// thousands of one-file maps are added in turn.
    pub fn absorb(&mut self, other: SourceMap) {
        self.files.extend(other.files);
    }

    /// Forget a file (it was removed or is read again).
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    /// The whole text of a file that was read.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|(t, _)| t.as_str())
    }

    /// A file's text and its line index.
    pub fn indexed(&self, path: &str) -> Option<(&str, &LineIndex)> {
        self.files.get(path).map(|(t, i)| (t.as_str(), i))
    }

    pub fn line(&self, path: &str, line: usize) -> Option<&str> {
        let (text, index) = self.indexed(path)?;
        index.line(text, line)
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
    if let Some((shown, caret_at, carets)) = (d.line > 0).then(|| snippet(d, sources)).flatten() {
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        let _ = writeln!(out, "{blue}{pad} |{reset}");
        let _ = writeln!(out, "{blue}{num} |{reset} {shown}");
        let _ = writeln!(out, "{blue}{pad} |{reset} {}{sev_color}{}{reset}", " ".repeat(caret_at), "^".repeat(carets));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = {bold}help:{reset} {help}");
    }
    out
}

/// How many characters of a line a snippet shows at most.
const SNIPPET: usize = 200;
/// How many characters a snippet cut from a long line shows before the caret.
const SNIPPET_BEFORE: usize = 60;

/// The part of `d`'s line to show (tabs as spaces), how many characters come before the caret,
/// and how many carets. A line longer than `SNIPPET` characters is shown as a window around the
/// column, with `…` where it is cut, so the caret is always under the place meant.
fn snippet(d: &Diagnostic, sources: &SourceMap) -> Option<(String, usize, usize)> {
    let (text, index) = sources.indexed(&d.path)?;
    let line = index.line(text, d.line)?;
    let len = index.line_chars(text, d.line)?;
    let col = d.column.max(1) - 1;
    // The first character shown: 0 unless the caret would fall past the window.
    let first = if len <= SNIPPET || col < SNIPPET - SNIPPET_BEFORE { 0 } else { col.min(len) - SNIPPET_BEFORE };
    let last = (first + SNIPPET).min(len);
    let byte = |c: usize| index.column_offset(text, d.line, c + 1).unwrap_or(line.len()).min(line.len());
    let mut shown = String::new();
    if first > 0 {
        shown.push('…');
    }
    shown.push_str(&line[byte(first)..byte(last)].replace('\t', " "));
    if last < len {
        shown.push('…');
    }
    let caret_at = col.min(last) - first + usize::from(first > 0);
    let carets = if last < len { d.width.clamp(1, (last - col.min(last)).max(1)) } else { d.width.max(1) };
    Some((shown, caret_at, carets))
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
///
/// Called for every unknown reference with every id of its kind (14,000 skills), so a candidate
/// is first judged by two cheap lower bounds of the edit distance (the difference in length;
/// half the characters the two words do not share) and the distance is computed only for
/// candidates these cannot rule out. The answer is the same as without them.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    let bucket = |c: char| c as usize % 256;
    // Characters of `lower` minus those of the candidate, by bucket; restored after each one.
    let mut counts = [0i32; 256];
    for ch in lower.chars() {
        counts[bucket(ch)] += 1;
    }
    let mut best: Option<((usize, usize), &str)> = None;
    for c in candidates {
        let cl = if c.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(c.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(c)
        };
        let limit = (len.max(c.chars().count()) / 3).max(1);
        if len.abs_diff(cl.chars().count()) > limit {
            continue;
        }
        // Each edit changes the count of at most two characters by one (a swap none).
        for ch in cl.chars() {
            counts[bucket(ch)] -= 1;
        }
        let mut unshared = 0;
        for ch in lower.chars().chain(cl.chars()) {
            unshared += counts[bucket(ch)].unsigned_abs() as usize;
            counts[bucket(ch)] = 0;
        }
        for ch in lower.chars() {
            counts[bucket(ch)] += 1;
        }
        if unshared > 2 * limit {
            continue;
        }
        let d = strsim::damerau_levenshtein(&lower, &cl);
        // Ties go to the longer shared prefix (`USX` -> `USD`, not `UGX`), then alphabetical.
        let prefix = lower.chars().zip(cl.chars()).take_while(|(a, b)| a == b).count();
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

    /// `suggest` without its shortcuts: every candidate's distance computed.
    fn suggest_plainly<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let lower = word.to_lowercase();
        let mut best: Option<((usize, usize), &str)> = None;
        for &c in candidates {
            let d = strsim::damerau_levenshtein(&lower, &c.to_lowercase());
            let limit = (lower.chars().count().max(c.chars().count()) / 3).max(1);
            let prefix = lower.chars().zip(c.to_lowercase().chars()).take_while(|(a, b)| a == b).count();
            let key = (d, usize::MAX - prefix);
            if d <= limit && best.is_none_or(|(bk, bc)| key < bk || (key == bk && c < bc)) {
                best = Some((key, c));
            }
        }
        best.map(|(_, c)| c)
    }

    #[test]
    fn suggestions_are_those_of_the_plain_search() {
        let cands = [
            "python",
            "pytorch",
            "statistics",
            "stats",
            "sql",
            "USD",
            "UGX",
            "EUR",
            "model-evaluation",
            "model-evaluator",
            "évaluation",
            "ÉTÉ",
            "a",
            "ab",
            "ba",
            "data-annotation",
            "data-anotation-x",
        ];
        let words = [
            "pyhton",
            "ptyhon",
            "pytroch",
            "statistcs",
            "stat",
            "sq",
            "usx",
            "USX",
            "eru",
            "model-evalutaion",
            "model-evaluater",
            "evaluation",
            "été",
            "b",
            "aa",
            "data-annotaiton",
            "zzzz",
            "",
            "anotation",
        ];
        for w in words {
            assert_eq!(suggest(w, cands), suggest_plainly(w, &cands), "{w}");
        }
    }

    #[test]
    fn line_index_finds_lines_and_columns() {
        // Long enough (and not ASCII) that columns are counted from the marks.
        let mut text = String::from("é\n");
        for i in 0..1000 {
            text.push_str(&format!("ü{i} "));
        }
        text.push_str("\nlast\n");
        let index = LineIndex::new(&text);
        assert_eq!(index.line(&text, 1), Some("é"));
        assert_eq!(index.line(&text, 3), Some("last"));
        assert_eq!(index.line(&text, 4), Some(""));
        assert_eq!(index.line(&text, 5), None);
        assert_eq!(index.line(&text, 0), None);
        let long = index.line(&text, 2).unwrap();
        for (col, (at, _)) in long.char_indices().enumerate().step_by(97) {
            let start = text.find(long).unwrap();
            assert_eq!(index.line_col(&text, start + at), (2, col + 1));
            assert_eq!(index.column_offset(&text, 2, col + 1), Some(at));
        }
        assert_eq!(index.line_chars(&text, 2), Some(long.chars().count()));
        assert_eq!(index.column_offset(&text, 2, 1_000_000), Some(long.len()));
        assert_eq!(index.line_col(&text, text.len()), (4, 1));
        assert_eq!(index.line_col(&text, 1), (1, 1), "inside a character counts from its start");
        let ascii = LineIndex::new("ab\ncd");
        assert_eq!(ascii.line_col("ab\ncd", 4), (2, 2));
        assert_eq!(ascii.column_offset("ab\ncd", 2, 2), Some(1));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_column() {
        let mut sm = SourceMap::default();
        let line: String = (0..400).map(|i| format!("w{i:03} ")).collect();
        sm.insert("data/x.yaml", &format!("a: 1\nb: {line}\n"));
        let at = |col: usize| {
            let d = Diagnostic::error("data/x.yaml", 2, col, "bad").width(4);
            let out = render_human(&d, &sm, false);
            let lines: Vec<String> = out.lines().map(str::to_string).collect();
            let caret = lines[3].find('^').unwrap();
            (lines[2].clone(), lines[2].chars().skip(caret).take(4).collect::<String>())
        };
        // `w300` starts at character 3 + 300 * 5 + 1 of the line.
        let (shown, under) = at(1504);
        assert_eq!(under, "w300");
        assert!(shown.starts_with("2 | …") && shown.ends_with('…') && shown.chars().count() == 206, "{shown}");
        let (shown, under) = at(4);
        assert_eq!(under, "w000");
        assert!(shown.starts_with("2 | b: w000") && shown.ends_with('…'), "{shown}");
        // One past the end of the line.
        let (shown, _) = at(2004);
        assert!(shown.starts_with("2 | …") && shown.ends_with("w399 "), "{shown}");
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
