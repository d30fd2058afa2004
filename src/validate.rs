//! Validate: every rule of the data contract, every reference, every warning. All problems are
//! collected (never stopping at the first), each with file, line, column and a hint.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::*;
use crate::date;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::{self, is_safe_id, unsafe_id_help, Loaded};
use crate::model::Model;
use crate::quiz::Reach;
use crate::urls::{bad_url, split_base_url};

pub struct Options {
    /// Today's date as a day number, for staleness.
    pub today: i64,
}

/// ISO 4217 codes in current use.
const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL",
];

pub fn known_currency(c: &str) -> bool {
    CURRENCIES.contains(&c)
}

fn pos<T>(s: &S<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

struct Checker<'m, 'a> {
    m: &'m Model<'a>,
    diags: Vec<Diagnostic>,
    /// Files that could not be read or parsed: references into them are not judged (the
    /// records are missing because of the file's own error, already reported).
    broken: BTreeSet<String>,
}

/// The file that defines records of a kind, for `Checker::broken`.
fn defining_file(kind: &str) -> &'static str {
    match kind {
        "source" => load::SOURCES,
        "category" => load::CATEGORIES,
        "industry" => load::INDUSTRIES,
        "skill" => load::SKILLS,
        "pay band" => load::PAY,
        "trait" => load::QUIZ,
        "role" => files::ROLES,
        _ => "",
    }
}

/// A file and the amount to add to positions in it (front matter starts on line 2).
#[derive(Clone, Copy)]
struct At<'p> {
    path: &'p str,
    offset: usize,
}

impl<'m, 'a> Checker<'m, 'a> {
    fn err<T>(&mut self, at: At, v: &S<T>, width: usize, msg: impl Into<String>, help: Option<String>) {
        let (line, col) = pos(v);
        let line = if line == 0 { 0 } else { line + at.offset };
        self.diags.push(Diagnostic::error(at.path, line, col, msg).help_opt(help).width(width));
    }

    fn warn<T>(&mut self, at: At, v: &S<T>, width: usize, msg: impl Into<String>, help: Option<String>) {
        let (line, col) = pos(v);
        let line = if line == 0 { 0 } else { line + at.offset };
        self.diags.push(Diagnostic::warning(at.path, line, col, msg).help_opt(help).width(width));
    }

    /// A reference to a record of another kind; `known` are the ids that exist.
    fn reference<V>(&mut self, at: At, r: &S<String>, kind: &str, known: &BTreeMap<&str, V>, how_to_add: &str) {
        if known.contains_key(r.value.as_str()) || self.defined_in_broken_file(kind, &r.value) {
            return;
        }
        let help = did_you_mean(&r.value, known.keys().copied()).unwrap_or_else(|| how_to_add.to_string());
        self.err(at, r, r.value.chars().count(), format!("unknown {kind} `{}`", r.value), Some(help));
    }

    /// Whether a record `id` of `kind` may exist in a file that failed to load: a role in its
    /// own broken file, any other kind in its broken list file.
    fn defined_in_broken_file(&self, kind: &str, id: &str) -> bool {
        match kind {
            "role" => self.broken.contains(&files::role(id)),
            _ => self.kind_broken(kind),
        }
    }

    /// Whether the file defining records of `kind` failed to load.
    fn kind_broken(&self, kind: &str) -> bool {
        let file = defining_file(kind);
        !file.is_empty() && self.broken.iter().any(|b| b.starts_with(file))
    }

    fn source_ref(&mut self, at: At, r: &S<String>) {
        let m: &Model = self.m;
        self.reference(at, r, "source", &m.sources, "add it to `data/sources.yaml` first");
    }

    fn id(&mut self, at: At, id: &S<String>, kind: &str, seen: &mut BTreeMap<String, usize>) {
        if !is_safe_id(&id.value) {
            self.err(
                at,
                id,
                id.value.chars().count(),
                format!("`{}` is not a safe {kind} id", id.value),
                Some(unsafe_id_help().into()),
            );
        }
        if let Some(first) = seen.get(&id.value) {
            let help = format!("{kind} ids must be unique; the first `{}` is on line {first}", id.value);
            self.err(at, id, id.value.chars().count(), format!("duplicate {kind} id `{}`", id.value), Some(help));
        } else {
            seen.insert(id.value.clone(), pos(id).0 + at.offset);
        }
    }

    fn date(&mut self, at: At, d: &S<String>, field: &str) -> Option<i64> {
        let parsed = date::parse(&d.value);
        if parsed.is_none() {
            self.err(
                at,
                d,
                d.value.chars().count(),
                format!("`{}` is not a valid date for `{field}`", d.value),
                Some("write dates as YYYY-MM-DD, e.g. `2026-11-01`".into()),
            );
        }
        parsed
    }

    /// Markdown: `@/` links resolve; no script URLs; no images from elsewhere.
    fn markdown(&mut self, at: At, text: &str, line: usize, col: usize) {
        let mut after = 0;
        for link in md_links(text) {
            let (l, c) = locate(self.m.l, at.path, (line + at.offset, col), link.line, &link.dest, &mut after);
            let width = link.dest.chars().count();
            if link.bare {
                self.diags.push(
                    Diagnostic::error(at.path, l, c, format!("`{}` is written as text, not as a link", link.dest))
                        .help(format!("write it as a Markdown link: `[link text]({})`", link.dest))
                        .width(width),
                );
            } else if let Some(rest) = link.dest.strip_prefix("@/") {
                if self.link_target_broken(rest) {
                    continue;
                }
                if let Err(help) = self.m.internal_link(rest) {
                    self.diags.push(
                        Diagnostic::error(
                            at.path,
                            l,
                            c,
                            format!("link to a page that does not exist: `{}`", link.dest),
                        )
                        .help(help)
                        .width(width),
                    );
                }
            } else if let Some(problem) = bad_url(&link.dest, link.image) {
                self.diags.push(Diagnostic::error(at.path, l, c, problem.0).help(problem.1).width(width));
            }
        }
    }

    /// Whether an `@/` link points into a file that failed to load: its pages are missing
    /// because of that file's own error, already reported.
    fn link_target_broken(&self, rest: &str) -> bool {
        let page = rest.split('#').next().unwrap_or("");
        let segs: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
        let file = match segs.as_slice() {
            ["roles", id] => files::role(id),
            ["paths", id] => files::path(id),
            ["skills", _] => load::SKILLS.to_string(),
            ["industries", _] => load::INDUSTRIES.to_string(),
            ["categories", _] => load::CATEGORIES.to_string(),
            ["quiz"] => load::QUIZ.to_string(),
            ["guides", rest @ ..] if !rest.is_empty() => format!("content/{}.md", rest.join("/")),
            _ => return false,
        };
        self.broken.contains(&file)
    }

    fn md_field(&mut self, at: At, s: &S<String>) {
        let (line, col) = pos(s);
        self.markdown(at, &s.value, line, col);
    }
}

/// A link or image destination in Markdown, with the line (0-based) it sits on in the text.
pub struct MdLink {
    pub dest: String,
    pub line: usize,
    pub image: bool,
    /// An `@/` address written as plain text instead of as a link.
    pub bare: bool,
}

pub fn md_links(text: &str) -> Vec<MdLink> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    let lines = crate::diagnostic::LineIndex::new(text);
    for (ev, range) in Parser::new_ext(text, crate::render::markdown::options()).into_offset_iter() {
        let line = lines.line_col(text, range.start).0 - 1;
        let (dest, image) = match ev {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::Text(t) if t.contains("@/") => {
                for (i, _) in t.match_indices("@/") {
                    let word: String =
                        t[i..].chars().take_while(|c| !c.is_whitespace() && !",;)".contains(*c)).collect();
                    let dest = word.trim_end_matches(['.', ':', '!', '?']).to_string();
                    out.push(MdLink { dest, line, image: false, bare: true });
                }
                continue;
            }
            _ => continue,
        };
        out.push(MdLink { dest: dest.to_string(), line, image, bare: false });
    }
    out
}

/// Find where a link sits in the file: the value starts at (line, col); a block scalar's text
/// starts on the next line. Search the likely lines for the destination text, from `after` (the
/// byte offset in the file past the previous link found) when that is on the line, so the links
/// of one long line are found in one pass; `after` moves past this link.
fn locate(
    l: &Loaded,
    path: &str,
    (line, col): (usize, usize),
    text_line: usize,
    dest: &str,
    after: &mut usize,
) -> (usize, usize) {
    let Some((text, index)) = l.files.indexed(path) else { return (line, col) };
    for cand in [line + text_line, line + text_line + 1, line + text_line.saturating_sub(1)] {
        let Some(r) = index.line_range(text, cand) else { continue };
        let from = if r.contains(after) { *after } else { r.start };
        let find = |from: usize| text[from..r.end].find(dest).map(|i| from + i);
        if let Some(at) = find(from).or_else(|| (from > r.start).then(|| find(r.start)).flatten()) {
            *after = at + dest.len();
            return index.line_col(text, at);
        }
    }
    (line, col)
}

pub fn validate(m: &Model, opts: &Options) -> Vec<Diagnostic> {
    // A control character is reported, but its file is still read whole: not broken.
    let broken = m.l.diagnostics.iter().filter(|d| !load::is_control_character(d)).map(|d| d.path.clone()).collect();
    let mut c = Checker { m, diags: Vec::new(), broken };
    let l = m.l;
    check_site(&mut c, l);
    check_sources(&mut c, l);
    check_categories_industries(&mut c, l);
    check_skills(&mut c, l);
    let mut band_ids = BTreeMap::new();
    for b in &l.pay_bands {
        let at = At { path: load::PAY, offset: 0 };
        match &b.value.id {
            Some(id) => c.id(at, id, "pay band", &mut band_ids),
            None => c.err(
                at,
                b,
                1,
                "a pay band in `data/pay.yaml` needs an `id`",
                Some("add `id: some-name` so roles can point to it with `{ band: some-name }`".into()),
            ),
        }
        check_band(&mut c, at, b, true);
    }
    check_roles(&mut c, l);
    check_paths(&mut c, l);
    check_quiz(&mut c, l);
    check_pages(&mut c, l);
    check_warnings(&mut c, l, opts);
    c.diags.extend(crate::quiz::check::warnings(m));
    c.diags.extend(crate::wages::validate(m, opts.today));
    c.diags
}

fn check_site(c: &mut Checker, l: &Loaded) {
    let Some(site) = &l.site else { return };
    let at = At { path: load::SITE, offset: 0 };
    if split_base_url(&site.base_url.value).is_none() {
        let v = &site.base_url;
        c.err(
            at,
            v,
            v.value.chars().count(),
            format!("`{}` is not a valid base URL", v.value),
            Some("write the site's full address, e.g. `https://example.org/` or `https://example.org/careers/`".into()),
        );
    }
    if let Some(cur) = &site.currency {
        if !known_currency(&cur.value) {
            let help = did_you_mean(&cur.value.to_uppercase(), CURRENCIES.iter().copied())
                .unwrap_or_else(|| "use an ISO 4217 code such as `USD`, `EUR` or `GBP`".into());
            c.err(at, cur, cur.value.chars().count(), format!("unknown currency `{}`", cur.value), Some(help));
        }
    }
    if let Some(lang) = &site.language {
        let ok = !lang.value.is_empty()
            && lang
                .value
                .split('-')
                .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|ch| ch.is_ascii_alphanumeric()));
        if !ok {
            c.err(
                at,
                lang,
                lang.value.chars().count(),
                format!("`{}` is not a language tag", lang.value),
                Some("use a BCP 47 tag such as `en` or `en-GB`".into()),
            );
        }
    }
}

fn check_sources(c: &mut Checker, l: &Loaded) {
    let at = At { path: load::SOURCES, offset: 0 };
    let mut seen = BTreeMap::new();
    for s in &l.sources {
        c.id(at, &s.id, "source", &mut seen);
        if let Some(u) = &s.url {
            if let Some((msg, help)) = bad_url(&u.value, false) {
                c.err(at, u, u.value.chars().count(), msg, Some(help));
            } else if !(u.value.starts_with("http://") || u.value.starts_with("https://")) {
                c.err(
                    at,
                    u,
                    u.value.chars().count(),
                    format!("`{}` is not a web address", u.value),
                    Some("write the full address starting with `https://`".into()),
                );
            }
        }
        if let Some(d) = &s.date {
            c.date(at, d, "date");
        }
        if let Some(d) = &s.accessed {
            c.date(at, d, "accessed");
        }
    }
}

fn outlook(c: &mut Checker, at: At, o: &Outlook) {
    c.md_field(at, &o.summary);
    cited(c, at, &o.source, o.via.as_ref());
}

/// A `source` (with optional `via`) cited for a figure or claim.
fn cited(c: &mut Checker, at: At, source: &S<String>, via: Option<&S<String>>) {
    c.source_ref(at, source);
    if let Some(v) = via {
        c.source_ref(at, v);
        if v.value == source.value {
            c.err(
                at,
                v,
                v.value.len(),
                "`via` names the same source as `source`",
                Some("`via` is the source we read that reported it; remove `via` if we read the source itself".into()),
            );
        }
        if let Some(s) = c.m.sources.get(v.value.as_str()) {
            if !read_by_us(s) {
                c.err(
                    at,
                    v,
                    v.value.len(),
                    format!("`via` source `{}` has no `url` or `accessed`: we did not read it", v.value),
                    Some("`via` names the source we read that reported the figure".into()),
                );
            }
        }
    } else if let Some(s) = c.m.sources.get(source.value.as_str()) {
        if !read_by_us(s) {
            c.err(
                at,
                source,
                source.value.len(),
                format!("source `{}` was not read by us (it has no `url` or `accessed`)", source.value),
                Some("say which source we read reported it with `via: <id>`; it is shown \"as reported by\"".into()),
            );
        }
    }
}

fn check_categories_industries(c: &mut Checker, l: &Loaded) {
    let at = At { path: load::CATEGORIES, offset: 0 };
    let mut seen = BTreeMap::new();
    for cat in &l.categories {
        c.id(at, &cat.id, "category", &mut seen);
        if let Some(o) = &cat.outlook {
            outlook(c, at, o);
        }
    }
    let at = At { path: load::INDUSTRIES, offset: 0 };
    let mut seen = BTreeMap::new();
    for ind in &l.industries {
        c.id(at, &ind.id, "industry", &mut seen);
        if let Some(d) = &ind.description {
            c.md_field(at, d);
        }
        if let Some(o) = &ind.outlook {
            outlook(c, at, o);
        }
    }
}

fn check_skills(c: &mut Checker, l: &Loaded) {
    let at = At { path: load::SKILLS, offset: 0 };
    let mut seen = BTreeMap::new();
    for s in &l.skills {
        c.id(at, &s.id, "skill", &mut seen);
        if let Some(learn) = &s.learn {
            c.md_field(at, learn);
        }
    }
    if l.skills.iter().any(|s| has_repeat(&s.aliases, true)) {
        let text = l.files.text(load::SKILLS).unwrap_or_default();
        let spanned = load::parse::<Vec<TextLists>>(load::SKILLS, text, 0, &mut Vec::new()).unwrap_or_default();
        for t in &spanned {
            report_text_repeats(c, at, t);
        }
    }
}

fn check_band(c: &mut Checker, at: At, b: &S<PayBand>, in_pay_file: bool) {
    let band = &b.value;
    if let Some(r) = &band.band {
        if in_pay_file {
            c.err(
                at,
                r,
                4,
                "a band in `data/pay.yaml` cannot point to another band",
                Some("give its figures here instead".into()),
            );
        } else {
            c.reference(
                at,
                r,
                "pay band",
                {
                    let m: &Model = c.m;
                    &m.bands
                },
                "define it in `data/pay.yaml` with this `id`",
            );
            let others = band.label.is_some()
                || band.basis.is_some()
                || band.source.is_some()
                || figures(band).iter().any(|f| f.1.is_some());
            if others {
                c.err(
                    at,
                    r,
                    4,
                    "`band:` stands alone: it points to a band of `data/pay.yaml`",
                    Some("remove the other fields, or remove `band:` and give this band's own figures".into()),
                );
            }
        }
        return;
    }
    if let (Some(id), false) = (&band.id, in_pay_file) {
        c.err(
            at,
            id,
            2,
            "`id` is only for bands in `data/pay.yaml`",
            Some("remove it, or move the band to `data/pay.yaml` and write `- { band: ID }` here".into()),
        );
    }
    if band.basis.is_none() {
        c.err(at, b, 1, "missing required field `basis`", Some("add `basis: annual` or `basis: hourly`".into()));
    }
    match &band.source {
        None => c.err(
            at,
            b,
            1,
            "missing required field `source`",
            Some("every figure cites where it comes from: add `source: <id from data/sources.yaml>`".into()),
        ),
        Some(s) => cited(c, at, s, band.via.as_ref()),
    }
    if band.source.is_none() {
        if let Some(v) = &band.via {
            c.source_ref(at, v);
        }
    }
    if let Some(cur) = &band.currency {
        if !known_currency(&cur.value) {
            let help = did_you_mean(&cur.value.to_uppercase(), CURRENCIES.iter().copied())
                .unwrap_or_else(|| "use an ISO 4217 code such as `USD`, `EUR` or `GBP`".into());
            c.err(at, cur, cur.value.chars().count(), format!("unknown currency `{}`", cur.value), Some(help));
        }
    }
    let figs = figures(band);
    if figs.iter().all(|f| f.1.is_none()) {
        c.err(at, b, 1, "a pay band needs at least one figure", Some("add `low`, `high`, `median` or `mean`".into()));
    }
    let (lo, hi, per) = figure_range(band.basis);
    let mut in_range = true;
    for (name, f) in &figs {
        if let Some(f) = f {
            if !(lo..=hi).contains(&f.value) {
                in_range = false;
                let shown = show_figure(f.value);
                let msg = if f.value.is_nan() || f.value <= 0.0 {
                    format!("`{name}` must be a positive amount, not {shown}")
                } else if f.value < lo {
                    format!("`{name}` ({shown}) is below the smallest {per} figure, {}", money(lo))
                } else {
                    format!("`{name}` ({shown}) is above the largest {per} figure, {}", money(hi))
                };
                c.err(
                    at,
                    f,
                    1,
                    msg,
                    Some(format!(
                        "{per} figures run from {} to {} (in the band's currency); check for a mistyped number",
                        money(lo),
                        money(hi)
                    )),
                );
            }
        }
    }
    if !in_range {
        // The order of figures that cannot be shown is not worth a second message.
        return;
    }
    // Ordered: low <= p10 <= p25 <= median <= p75 <= p90 <= high.
    let ordered: Vec<(&str, &S<f64>)> =
        figs.iter().filter(|(n, _)| *n != "mean").filter_map(|(n, f)| f.map(|f| (*n, f))).collect();
    for w in ordered.windows(2) {
        let ((na, a), (nb, bb)) = (w[0], w[1]);
        if a.value > bb.value {
            c.err(at, bb, fmt_num(bb.value).len(), format!("`{nb}` ({}) is below `{na}` ({})", fmt_num(bb.value), fmt_num(a.value)), Some("figures must be in order: low <= p10 <= p25 <= median <= p75 <= p90 <= high; check for a swapped or mistyped number".into()));
        }
    }
    if let Some(mean) = &band.mean {
        let lo = band.low.as_ref().map(|x| x.value);
        let hi = band.high.as_ref().map(|x| x.value);
        if lo.is_some_and(|lo| mean.value < lo) || hi.is_some_and(|hi| mean.value > hi) {
            c.err(
                at,
                mean,
                1,
                "`mean` lies outside `low`..`high`",
                Some("check the figures against the source".into()),
            );
        }
    }
    if let Some(up) = &band.up_to {
        if up.value && (band.high.is_none() || band.low.is_some()) {
            c.err(
                at,
                up,
                4,
                "`up_to` needs `high` and no `low`",
                Some("\"up to Y\" is written `high: Y` with `up_to: true`; for a range use `low` and `high`".into()),
            );
        }
    }
    if band.open_high && band.low.is_none() && band.high.is_none() {
        c.err(
            at,
            b,
            1,
            "`open_high` needs `low` or `high`",
            Some("\"X or more\" is `low: X` with `open_high: true`".into()),
        );
    }
    if let Some(n) = &band.note {
        c.md_field(at, n);
    }
}

/// The figures a pay band can honestly hold, per basis: (lowest, highest, "annual"/"hourly").
/// Lowest: one cent an hour, one unit a year (anything smaller shows as "$0"). Highest: far
/// above any salary in a currency with small units (100,000,000,000 dong a year is about
/// 4 million dollars), and far below where pay shows rounding noise (cents stay exact
/// below 2^53 / 100, about 90,000,000,000,000). A band without `basis` (an error of its
/// own) is held to the widest range.
pub fn figure_range(basis: Option<Basis>) -> (f64, f64, &'static str) {
    match basis {
        Some(Basis::Hourly) => (0.01, 100_000_000.0, "hourly"),
        Some(Basis::Annual) => (1.0, 100_000_000_000.0, "annual"),
        None => (0.01, 100_000_000_000.0, "pay"),
    }
}

/// A bound of `figure_range` as a page shows an amount: `100,000,000`, `0.01`.
fn money(v: f64) -> String {
    crate::render::chart::format_money(v, "")
}

/// A figure as an editor wrote it: `80000`, `12.5`, `1e30`, `1e-300`, `.inf`.
fn show_figure(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    if v.is_finite() && v != 0.0 && !(1e-4..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        fmt_num(v)
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

pub fn figures(b: &PayBand) -> [(&'static str, Option<&S<f64>>); 8] {
    [
        ("low", b.low.as_ref()),
        ("p10", b.p10.as_ref()),
        ("p25", b.p25.as_ref()),
        ("median", b.median.as_ref()),
        ("p75", b.p75.as_ref()),
        ("p90", b.p90.as_ref()),
        ("high", b.high.as_ref()),
        ("mean", b.mean.as_ref()),
    ]
}

fn check_roles(c: &mut Checker, l: &Loaded) {
    let page_urls: BTreeSet<String> = all_page_urls(c.m);
    let mut redirects: BTreeMap<String, String> = BTreeMap::new();
    for r in &l.roles {
        let at = At { path: &r.path, offset: 0 };
        let role = &r.data;
        c.reference(
            at,
            &role.category,
            "category",
            {
                let m: &Model = c.m;
                &m.categories
            },
            "add it to `data/categories.yaml` first",
        );
        if role.skills.value.is_empty() {
            c.err(
                at,
                &role.skills,
                1,
                "a role needs at least one skill",
                Some("list skills as `- { skill: ID, level: working }`".into()),
            );
        }
        let mut seen_skills = BTreeSet::new();
        for s in &role.skills.value {
            let id = &s.skill;
            if c.kind_broken("skill") {
                continue;
            }
            if !c.m.skills.contains_key(id.value.as_str()) {
                let alias_of =
                    c.m.l
                        .skills
                        .iter()
                        .find(|k| k.aliases.iter().any(|a| a.eq_ignore_ascii_case(&id.value)))
                        .map(|k| k.id.value.clone());
                let help = alias_of
                    .map(|a| format!("`{}` is an alias; use the skill id `{a}`", id.value))
                    .or_else(|| did_you_mean(&id.value, c.m.skills.keys().copied()))
                    .unwrap_or_else(|| "add it to `data/skills.yaml` first (try `ladder new skill ID`)".into());
                c.err(at, id, id.value.chars().count(), format!("unknown skill `{}`", id.value), Some(help));
            } else if !seen_skills.insert(id.value.as_str()) {
                c.err(
                    at,
                    id,
                    id.value.chars().count(),
                    format!("skill `{}` is listed twice", id.value),
                    Some("keep one entry per skill".into()),
                );
            }
        }
        for b in &role.pay {
            check_band(c, at, b, false);
        }
        if let Some(n) = &role.pay_note {
            c.md_field(at, n);
        }
        if let Some(d) = &role.description {
            c.md_field(at, d);
        }
        for s in &role.breaking_in {
            c.md_field(at, s);
        }
        let mut seen = BTreeSet::new();
        for i in &role.industries {
            c.reference(
                at,
                i,
                "industry",
                {
                    let m: &Model = c.m;
                    &m.industries
                },
                "add it to `data/industries.yaml` first",
            );
            if !seen.insert(i.value.as_str()) {
                c.err(at, i, i.value.len(), format!("industry `{}` is listed twice", i.value), None);
            }
        }
        no_repeats(c, at, &role.related, "role", "related");
        no_repeats(c, at, &role.sources, "source", "sources");
        repeats(c, at, &role.breaking_in, ("entry", "breaking_in"), Text::Prose);
        let band_refs: Vec<&S<String>> = role.pay.iter().filter_map(|b| b.value.band.as_ref()).collect();
        no_repeats(c, at, band_refs.iter().copied(), "pay band", "pay");
        plain_repeats(c, at, role);
        for rel in &role.related {
            if rel.value == r.id {
                c.err(
                    at,
                    rel,
                    rel.value.len(),
                    "a role cannot be related to itself",
                    Some("remove it from `related`".into()),
                );
            } else {
                c.reference(
                    at,
                    rel,
                    "role",
                    {
                        let m: &Model = c.m;
                        &m.roles
                    },
                    "related roles are ids of files in `data/roles/`",
                );
            }
        }
        if let Some(o) = &role.outlook {
            outlook(c, at, o);
        }
        for s in &role.sources {
            c.source_ref(at, s);
        }
        if let Some(u) = &role.updated {
            c.date(at, u, "updated");
        }
        for rf in &role.redirect_from {
            let v = &rf.value;
            let ok =
                v.starts_with('/') && v.ends_with('/') && v.len() > 2 && v.trim_matches('/').split('/').all(is_safe_id);
            if !ok {
                c.err(
                    at,
                    rf,
                    v.chars().count(),
                    format!("`{v}` is not a site address to redirect from"),
                    Some(
                        "write the old address as `/roles/old-id/` (lowercase segments, leading and trailing `/`)"
                            .into(),
                    ),
                );
            } else if page_urls.contains(v) {
                c.err(
                    at,
                    rf,
                    v.chars().count(),
                    format!("`{v}` is the address of a page of the site"),
                    Some("a redirect would replace that page; remove it".into()),
                );
            } else if let Some(other) = redirects.insert(v.clone(), r.path.clone()) {
                c.err(at, rf, v.chars().count(), format!("`{v}` is already redirected by `{other}`"), None);
            }
        }
        match (&role.fit, &l.quiz) {
            (None, Some(_)) => c.diags.push(
                Diagnostic::error(
                    &r.path,
                    1,
                    1,
                    "missing `fit`: the site has a quiz, so every role needs a quiz profile",
                )
                .help(format!(
                    "add `fit: {{ {}: 3 }}` with a 0..5 value for each trait that describes the role",
                    c.m.traits.keys().next().copied().unwrap_or("trait")
                )),
            ),
            (Some(fit), Some(_)) => check_fit(c, at, fit),
            _ => {}
        }
    }
}

/// Each id of a list once: a repeated id is shown twice on the page (an error, as a repeated
/// industry).
fn no_repeats<'v>(c: &mut Checker, at: At, list: impl IntoIterator<Item = &'v S<String>>, what: &str, field: &str) {
    repeats(c, at, list, (what, field), Text::Id);
}

/// How entries of a list are compared and judged.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    /// Ids: a repeat is an error.
    Id,
    /// Free text: a repeat is a warning (a blemish on the page, no wrong reference).
    Prose,
    /// Names matched without regard to case (aliases): a repeat is a warning.
    Name,
}

fn repeats<'v>(c: &mut Checker, at: At, list: impl IntoIterator<Item = &'v S<String>>, name: (&str, &str), kind: Text) {
    let (what, field) = name;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for v in list {
        let text = v.value.trim();
        let key = if kind == Text::Name { text.to_lowercase() } else { text.to_string() };
        match seen.get(&key) {
            Some(first) => {
                let shown = if text.chars().count() > 40 {
                    format!("{}...", text.chars().take(40).collect::<String>())
                } else {
                    text.to_string()
                };
                let msg = format!("{what} `{shown}` is listed twice in `{field}`");
                let help = Some(format!("the first is on line {first}; keep one"));
                let width = v.value.chars().count().min(40);
                if kind == Text::Id {
                    c.err(at, v, width, msg, help);
                } else {
                    c.warn(at, v, width, msg, help);
                }
            }
            None => {
                seen.insert(key, pos(v).0 + at.offset);
            }
        }
    }
}

/// Text lists kept without positions (`aliases`, `tasks`, `backgrounds`, `credentials`) are
/// checked for repeats as they are; only when one is found is the file read again for the
/// positions of its entries.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct TextLists {
    aliases: Option<Vec<S<String>>>,
    tasks: Option<Vec<S<String>>>,
    backgrounds: Option<Vec<S<String>>>,
    credentials: Option<Vec<S<String>>>,
}

fn has_repeat(list: &[String], fold: bool) -> bool {
    let mut seen = BTreeSet::new();
    list.iter().any(|s| !seen.insert(if fold { s.trim().to_lowercase() } else { s.trim().to_string() }))
}

fn plain_repeats(c: &mut Checker, at: At, role: &Role) {
    let lists = [
        (&role.aliases, "alias", "aliases"),
        (&role.tasks, "task", "tasks"),
        (&role.backgrounds, "background", "backgrounds"),
        (&role.credentials, "credential", "credentials"),
    ];
    if !lists.iter().any(|(l, what, _)| has_repeat(l, *what == "alias")) {
        return;
    }
    let Some(text) = c.m.l.files.text(at.path) else { return };
    let Some(spanned) = load::parse::<TextLists>(at.path, text, 0, &mut Vec::new()) else { return };
    report_text_repeats(c, at, &spanned);
}

fn report_text_repeats(c: &mut Checker, at: At, t: &TextLists) {
    if let Some(aliases) = &t.aliases {
        // Aliases are matched without regard to case.
        repeats(c, at, aliases, ("alias", "aliases"), Text::Name);
    }
    for (list, what, field) in [
        (&t.tasks, "task", "tasks"),
        (&t.backgrounds, "background", "backgrounds"),
        (&t.credentials, "credential", "credentials"),
    ] {
        if let Some(list) = list {
            repeats(c, at, list, (what, field), Text::Prose);
        }
    }
}

fn check_fit(c: &mut Checker, at: At, fit: &S<Pairs<S<String>, S<i64>>>) {
    let mut seen = BTreeSet::new();
    for (k, v) in &fit.value.0 {
        if !c.m.traits.contains_key(k.value.as_str()) {
            let help = did_you_mean(&k.value, c.m.traits.keys().copied()).unwrap_or_else(|| {
                format!(
                    "traits are defined in `data/quiz.yaml`: {}",
                    c.m.traits.keys().copied().collect::<Vec<_>>().join(", ")
                )
            });
            c.err(at, k, k.value.chars().count(), format!("unknown trait `{}`", k.value), Some(help));
        } else if !seen.insert(k.value.as_str()) {
            c.err(at, k, k.value.chars().count(), format!("trait `{}` appears twice in `fit`", k.value), None);
        }
        if !(0..=5).contains(&v.value) {
            c.err(
                at,
                v,
                1,
                format!("fit values run from 0 to 5, not {}", v.value),
                Some("0 means the trait does not matter for the role, 5 that it is central".into()),
            );
        }
    }
    if fit.value.0.iter().all(|(_, v)| v.value == 0) {
        c.err(
            at,
            fit,
            1,
            "`fit` is empty or all zero: the quiz could never recommend this role",
            Some("give the traits that describe the role a value from 1 to 5".into()),
        );
    }
}

fn check_paths(c: &mut Checker, l: &Loaded) {
    for p in &l.paths {
        let at = At { path: &p.path, offset: 0 };
        let steps = &p.data.steps;
        for s in &p.data.sources {
            c.source_ref(at, s);
        }
        no_repeats(c, at, &p.data.sources, "source", "sources");
        if steps.value.len() < 2 {
            c.err(at, steps, 1, "a path needs two or more steps", Some("add the step before or after".into()));
        }
        let last = steps.value.len().saturating_sub(1);
        let mut seen_roles = BTreeSet::new();
        let mut seen_jobs = BTreeSet::new();
        for (i, s) in steps.value.iter().enumerate() {
            match (&s.value.role, &s.value.job) {
                (Some(_), Some(_)) | (None, None) => {
                    c.err(
                        at,
                        s,
                        1,
                        "a step has either `role` (a role of the site) or `job` (text), not both or neither",
                        Some("e.g. `- { role: ai-trainer, stage: Starting out }`".into()),
                    );
                }
                (Some(r), None) => {
                    c.reference(at, r, "role", { let m: &Model = c.m; &m.roles }, "steps name ids of files in `data/roles/`; for a job outside the site use `job:` on the first or last step");
                    if !seen_roles.insert(r.value.as_str()) {
                        c.err(
                            at,
                            r,
                            r.value.chars().count(),
                            format!("the path repeats the step `{}`", r.value),
                            Some("a path visits each role once; remove the repeated step".into()),
                        );
                    }
                }
                (None, Some(job)) => {
                    if i != 0 && i != last {
                        c.err(
                            at,
                            s,
                            1,
                            "a `job` step can only be the first or last step",
                            Some("steps in the middle name roles of the site with `role:`".into()),
                        );
                    }
                    if !seen_jobs.insert(job.as_str()) {
                        c.err(at, s, 1, format!("the path repeats the step `{job}`"), None);
                    }
                }
            }
        }
    }
}

fn check_quiz(c: &mut Checker, l: &Loaded) {
    let Some(q) = &l.quiz else { return };
    let at = At { path: load::QUIZ, offset: 0 };
    let mut seen = BTreeMap::new();
    for t in &q.traits.value {
        c.id(at, &t.id, "trait", &mut seen);
    }
    if q.traits.value.is_empty() {
        c.err(
            at,
            &q.traits,
            1,
            "the quiz has no traits",
            Some("traits are the dimensions answers add to, e.g. `- { id: code, name: Writing code }`".into()),
        );
    }
    if q.questions.value.is_empty() {
        c.err(at, &q.questions, 1, "the quiz has no questions", Some("add at least one question with options".into()));
    }
    if let Some(intro) = &q.intro {
        c.md_field(at, intro);
    }
    let mut qseen = BTreeMap::new();
    let mut reach = Reach::new();
    for question in &q.questions.value {
        c.id(at, &question.id, "question", &mut qseen);
        let opts = &question.options;
        let min_opts = if question.choose == Choose::One { 2 } else { 1 };
        if opts.value.len() < min_opts {
            c.err(at, opts, 1, format!("question `{}` needs at least {min_opts} options", question.id.value), None);
        }
        let mut oseen = BTreeMap::new();
        for o in &opts.value {
            c.id(at, &o.id, "option", &mut oseen);
            let mut tseen = BTreeSet::new();
            for (k, v) in &o.adds.0 {
                if !c.m.traits.contains_key(k.value.as_str()) {
                    let help = did_you_mean(&k.value, c.m.traits.keys().copied())
                        .unwrap_or_else(|| "add it to `traits` first".into());
                    c.err(at, k, k.value.chars().count(), format!("unknown trait `{}`", k.value), Some(help));
                } else if !tseen.insert(k.value.as_str()) {
                    c.err(at, k, k.value.chars().count(), format!("trait `{}` appears twice in `adds`", k.value), None);
                }
                if !(-5..=5).contains(&v.value) {
                    c.err(at, v, 1, format!("`adds` values run from -5 to 5, not {}", v.value), None);
                }
                reach.adds(k.value.as_str(), v.value, question.choose == Choose::Many);
            }
            no_repeats(c, at, &o.has, "skill", "has");
            for h in &o.has {
                c.reference(
                    at,
                    h,
                    "skill",
                    {
                        let m: &Model = c.m;
                        &m.skills
                    },
                    "`has` lists skill ids from `data/skills.yaml`",
                );
            }
        }
        reach.end_question();
    }
    for t in reach.beyond_limit() {
        c.err(
            at,
            &q.questions,
            1,
            format!("answers can push trait `{t}` beyond ±2^20"),
            Some("scoring must stay exact in the browser; use fewer or smaller `adds`".into()),
        );
    }
    for lab in &q.labels {
        if !lab.min.value.is_finite() || lab.min.value < -1.0 || lab.min.value > 1.0 {
            c.err(
                at,
                &lab.min,
                1,
                "a label's `min` is a score from 0 to 1",
                Some("e.g. `{ min: 0.8, label: Strong fit }`".into()),
            );
        }
    }
}

fn check_pages(c: &mut Checker, l: &Loaded) {
    for p in l.pages.iter().chain(l.home.iter()) {
        let at = At { path: &p.path, offset: 1 };
        for s in &p.front.sources {
            c.source_ref(at, s);
        }
        no_repeats(c, at, &p.front.sources, "source", "sources");
        if let Some(u) = &p.front.updated {
            c.date(at, u, "updated");
        }
        let at_body = At { path: &p.path, offset: 0 };
        c.markdown(at_body, &p.body, p.body_line, 1);
    }
}

fn check_warnings(c: &mut Checker, l: &Loaded, opts: &Options) {
    // Orphans, judged only when every file was read: a file that failed to parse cites nothing.
    let judge_orphans = c.broken.is_empty();
    if judge_orphans {
        for s in &l.skills {
            if !c.m.roles_by_skill.contains_key(s.id.value.as_str()) {
                c.warn(
                    At { path: load::SKILLS, offset: 0 },
                    &s.id,
                    s.id.value.len(),
                    format!("no role lists the skill `{}`", s.id.value),
                    Some("list it in a role's `skills`, or remove it".into()),
                );
            }
        }
        for s in &l.sources {
            if !c.m.cited_sources.contains(s.id.value.as_str()) {
                c.warn(
                    At { path: load::SOURCES, offset: 0 },
                    &s.id,
                    s.id.value.len(),
                    format!("nothing cites the source `{}`", s.id.value),
                    Some("cite it with `source`, `sources` or `via`, or remove it".into()),
                );
            }
        }
        for i in &l.industries {
            if !c.m.roles_by_industry.contains_key(i.id.value.as_str()) {
                c.warn(
                    At { path: load::INDUSTRIES, offset: 0 },
                    &i.id,
                    i.id.value.len(),
                    format!("no role lists the industry `{}`", i.id.value),
                    Some("list it in a role's `industries`, or remove it".into()),
                );
            }
        }
    }
    for r in &l.roles {
        if r.data.pay.is_empty() && r.data.pay_note.is_none() {
            c.diags.push(
                Diagnostic::warning(&r.path, 1, 1, "the role has no pay band and no `pay_note`")
                    .help("add a band from a source, or a `pay_note` saying that no source gives pay"),
            );
        }
    }
    // Staleness, only when the site asks for it.
    let Some(days) = c.m.config.stale_after_days else {
        return;
    };
    let limit = opts.today - i64::from(days);
    for r in &l.roles {
        let at = At { path: &r.path, offset: 0 };
        match &r.data.updated {
            Some(u) => {
                if let Some(d) = date::parse(&u.value) {
                    if d < limit {
                        c.warn(
                            at,
                            u,
                            u.value.len(),
                            format!("the role was last reviewed {} days ago (limit {days})", opts.today - d),
                            Some("review the file and set `updated` to today's date".into()),
                        );
                    }
                }
            }
            None => c.diags.push(
                Diagnostic::warning(&r.path, 1, 1, "the role has no `updated` date")
                    .help("add `updated: YYYY-MM-DD`, the date of the last review"),
            ),
        }
    }
    for s in &l.sources {
        let newest = [s.date.as_ref(), s.accessed.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|d| date::parse(&d.value).map(|n| (n, d)))
            .max_by_key(|(n, _)| *n);
        if let Some((n, d)) = newest {
            if n < limit {
                c.warn(
                    At { path: load::SOURCES, offset: 0 },
                    d,
                    d.value.len(),
                    format!("source `{}` is {} days old (limit {days})", s.id.value, opts.today - n),
                    Some("check it again and update `accessed`, or replace it with a newer source".into()),
                );
            }
        }
    }
}

/// Every page address the site will have (for redirect collisions).
fn all_page_urls(m: &Model) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    for fixed in ["/", "/roles/", "/skills/", "/paths/", "/industries/", "/pay/", "/quiz/", "/search/", "/guides/"] {
        s.insert(fixed.to_string());
    }
    for id in m.roles.keys() {
        s.insert(format!("/roles/{id}/"));
    }
    for id in m.skills.keys() {
        s.insert(format!("/skills/{id}/"));
    }
    for id in m.paths.keys() {
        s.insert(format!("/paths/{id}/"));
    }
    for id in m.industries.keys() {
        s.insert(format!("/industries/{id}/"));
    }
    for id in m.categories.keys() {
        s.insert(format!("/categories/{id}/"));
    }
    for id in m.pages.keys() {
        s.insert(format!("/guides/{id}/"));
    }
    s
}
