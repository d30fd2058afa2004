//! Whole small sites from a structured generator: every file of the data contract, with ids
//! drawn from a small pool (so references often resolve and sometimes do not), text from
//! words, hostile markup, `@/` links and raw strings, and figures of any sign and order.
//! `ladder check` must not panic and every diagnostic must point inside its file.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const IDS: [&str; 10] = ["a", "b", "c", "analyst", "x-1", "python", "Bad_Id", "../up", "", "-a"];
const WORDS: [&str; 12] = [
    "Analyst", "data", "model", "review", "عربي", "שלום", "🚀", "e\u{301}", "x\u{200f}y", "Ω", "café", "a b",
];
const HOSTILE: [&str; 8] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "</p></div><b><i>",
    "{{ 7 * 7 }} {% raw %}",
    "@/roles/a/",
];

#[derive(Arbitrary, Debug)]
enum Text {
    Word(u8),
    Words(u8, u8, u8),
    Hostile(u8),
    Raw(String),
    Link(u8),
    Long(u8, u16),
    Number(i64),
}

impl Text {
    fn value(&self) -> Value {
        match self {
            Text::Word(w) => json!(WORDS[*w as usize % WORDS.len()]),
            Text::Words(a, b, c) => json!([a, b, c].map(|w| WORDS[*w as usize % WORDS.len()]).join(" ")),
            Text::Hostile(h) => json!(HOSTILE[*h as usize % HOSTILE.len()]),
            Text::Raw(s) => json!(s),
            Text::Link(i) => json!(format!("see [it](@/roles/{}/)", id(*i))),
            Text::Long(w, n) => json!(WORDS[*w as usize % WORDS.len()].repeat(*n as usize % 2000)),
            Text::Number(n) => json!(n),
        }
    }
}

fn id(i: u8) -> &'static str {
    IDS[i as usize % IDS.len()]
}

fn ids(v: &[u8]) -> Value {
    Value::Array(v.iter().take(6).map(|&i| json!(id(i))).collect())
}

fn texts(v: &[Text]) -> Value {
    Value::Array(v.iter().take(6).map(Text::value).collect())
}

#[derive(Arbitrary, Debug)]
enum Figure {
    Int(i32),
    Float(f64),
    Text(Text),
}

impl Figure {
    fn value(&self) -> Value {
        match self {
            Figure::Int(n) => json!(n),
            Figure::Float(f) => serde_json::Number::from_f64(*f).map(Value::Number).unwrap_or(Value::Null),
            Figure::Text(t) => t.value(),
        }
    }
}

/// Optional fields: `Some` puts the key in the record.
fn put(m: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        m.insert(key.to_string(), v);
    }
}

#[derive(Arbitrary, Debug)]
struct Band {
    id: Option<u8>,
    band: Option<u8>,
    label: Option<Text>,
    basis: Option<u8>,
    figures: [Option<Figure>; 8],
    flags: u8,
    currency: Option<Text>,
    source: Option<u8>,
    via: Option<u8>,
    level: Option<Text>,
    note: Option<Text>,
}

impl Band {
    fn value(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "id", self.id.map(|i| json!(id(i))));
        put(&mut m, "band", self.band.map(|i| json!(id(i))));
        put(&mut m, "label", self.label.as_ref().map(Text::value));
        put(&mut m, "basis", self.basis.map(|b| json!(["annual", "hourly", "weekly"][b as usize % 3])));
        for (name, f) in ["low", "p10", "p25", "median", "mean", "p75", "p90", "high"].iter().zip(&self.figures) {
            put(&mut m, name, f.as_ref().map(Figure::value));
        }
        for (bit, name) in ["open_high", "up_to", "approx"].iter().enumerate() {
            if self.flags & (1 << bit) != 0 {
                m.insert(name.to_string(), json!(self.flags & (8 << bit) != 0));
            }
        }
        put(&mut m, "currency", self.currency.as_ref().map(Text::value));
        put(&mut m, "source", self.source.map(|i| json!(id(i))));
        put(&mut m, "via", self.via.map(|i| json!(id(i))));
        put(&mut m, "level", self.level.as_ref().map(Text::value));
        put(&mut m, "note", self.note.as_ref().map(Text::value));
        Value::Object(m)
    }
}

#[derive(Arbitrary, Debug)]
struct Role {
    file: u8,
    title: Option<Text>,
    aliases: Vec<Text>,
    category: Option<u8>,
    summary: Option<Text>,
    description: Option<Text>,
    tasks: Vec<Text>,
    skills: Vec<(u8, u8, Option<bool>)>,
    pay: Vec<Band>,
    pay_note: Option<Text>,
    industries: Vec<u8>,
    fit: Vec<(u8, i8)>,
    related: Vec<u8>,
    breaking_in: Vec<Text>,
    outlook: Option<(Text, u8)>,
    sources: Vec<u8>,
    updated: Option<Text>,
    redirect_from: Vec<Text>,
    unknown: Option<Text>,
}

impl Role {
    fn value(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "title", self.title.as_ref().map(Text::value));
        put(&mut m, "aliases", (!self.aliases.is_empty()).then(|| texts(&self.aliases)));
        put(&mut m, "category", self.category.map(|i| json!(id(i))));
        put(&mut m, "summary", self.summary.as_ref().map(Text::value));
        put(&mut m, "description", self.description.as_ref().map(Text::value));
        put(&mut m, "tasks", (!self.tasks.is_empty()).then(|| texts(&self.tasks)));
        let skills: Vec<Value> = self
            .skills
            .iter()
            .take(6)
            .map(|(s, l, o)| {
                let level = ["basic", "working", "expert", "guru"][*l as usize % 4];
                let mut r = json!({ "skill": id(*s), "level": level });
                if let Some(o) = o {
                    r["optional"] = json!(o);
                }
                r
            })
            .collect();
        m.insert("skills".into(), Value::Array(skills));
        put(&mut m, "pay", (!self.pay.is_empty()).then(|| Value::Array(self.pay.iter().take(4).map(Band::value).collect())));
        put(&mut m, "pay_note", self.pay_note.as_ref().map(Text::value));
        put(&mut m, "industries", (!self.industries.is_empty()).then(|| ids(&self.industries)));
        if !self.fit.is_empty() {
            let fit: Map<String, Value> = self.fit.iter().take(4).map(|(t, n)| (id(*t).to_string(), json!(n))).collect();
            m.insert("fit".into(), Value::Object(fit));
        }
        put(&mut m, "related", (!self.related.is_empty()).then(|| ids(&self.related)));
        put(&mut m, "breaking_in", (!self.breaking_in.is_empty()).then(|| texts(&self.breaking_in)));
        put(&mut m, "outlook", self.outlook.as_ref().map(|(t, s)| json!({ "summary": t.value(), "source": id(*s) })));
        put(&mut m, "sources", (!self.sources.is_empty()).then(|| ids(&self.sources)));
        put(&mut m, "updated", self.updated.as_ref().map(Text::value));
        put(&mut m, "redirect_from", (!self.redirect_from.is_empty()).then(|| texts(&self.redirect_from)));
        put(&mut m, "sumary", self.unknown.as_ref().map(Text::value));
        Value::Object(m)
    }
}

#[derive(Arbitrary, Debug)]
struct Named {
    id: u8,
    name: Option<Text>,
    summary: Option<Text>,
    extra: Option<Text>,
}

impl Named {
    fn value(&self, name_key: &str) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(id(self.id)));
        put(&mut m, name_key, self.name.as_ref().map(Text::value));
        put(&mut m, "summary", self.summary.as_ref().map(Text::value));
        put(&mut m, "extra", self.extra.as_ref().map(|t| json!({ "k": t.value() })));
        Value::Object(m)
    }
}

#[derive(Arbitrary, Debug)]
struct Source {
    named: Named,
    kind: Option<Text>,
    url: Option<Text>,
    date: Option<Text>,
    accessed: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct Step {
    role: Option<u8>,
    job: Option<Text>,
    stage: Option<Text>,
    years: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct CareerPath {
    file: u8,
    title: Option<Text>,
    steps: Vec<Step>,
}

#[derive(Arbitrary, Debug)]
struct Question {
    id: u8,
    prompt: Option<Text>,
    many: Option<bool>,
    options: Vec<(u8, Text, Vec<(u8, i8)>, Vec<u8>)>,
}

#[derive(Arbitrary, Debug)]
struct Quiz {
    title: Option<Text>,
    intro: Option<Text>,
    traits: Vec<(u8, Text)>,
    questions: Vec<Question>,
    labels: Vec<(Figure, Text)>,
}

#[derive(Arbitrary, Debug)]
struct Page {
    file: u8,
    nested: bool,
    title: Option<Text>,
    weight: Option<Figure>,
    draft: Option<bool>,
    body: Text,
}

#[derive(Arbitrary, Debug)]
struct Site {
    flow: bool,
    title: Option<Text>,
    base_url: Option<Text>,
    language: Option<Text>,
    currency: Option<Text>,
    sources: Vec<Source>,
    categories: Vec<Named>,
    industries: Option<Vec<Named>>,
    skills: Vec<(Named, Vec<Text>, Option<Text>)>,
    pay: Option<Vec<Band>>,
    roles: Vec<Role>,
    paths: Vec<CareerPath>,
    quiz: Option<Quiz>,
    home: Option<Text>,
    pages: Vec<Page>,
}

/// Block YAML with every string double-quoted (JSON's escapes are YAML's), or JSON (flow YAML).
fn yaml(v: &Value, flow: bool) -> Vec<u8> {
    if flow {
        return serde_json::to_vec(v).unwrap_or_default();
    }
    fn emit(v: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match v {
            Value::Object(m) if !m.is_empty() => {
                for (k, v) in m {
                    out.push_str(&format!("{pad}{k}:"));
                    block_child(v, indent, out);
                }
            }
            Value::Array(a) if !a.is_empty() => {
                for v in a {
                    out.push_str(&format!("{pad}-"));
                    block_child(v, indent, out);
                }
            }
            other => out.push_str(&format!("{pad}{other}\n")),
        }
    }
    fn block_child(v: &Value, indent: usize, out: &mut String) {
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push('\n');
                emit(v, indent + 2, out);
            }
            Value::Array(a) if !a.is_empty() => {
                out.push('\n');
                emit(v, indent + 2, out);
            }
            other => out.push_str(&format!(" {other}\n")),
        }
    }
    let mut s = String::new();
    emit(v, 0, &mut s);
    s.into_bytes()
}

fn opt_text(t: &Option<Text>) -> Option<Value> {
    t.as_ref().map(Text::value)
}

impl Site {
    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let f = self.flow;
        let mut files = Vec::new();
        let mut site = Map::new();
        put(&mut site, "title", opt_text(&self.title));
        put(&mut site, "base_url", self.base_url.as_ref().map(Text::value).or(Some(json!("https://example.org/"))));
        put(&mut site, "language", opt_text(&self.language));
        put(&mut site, "currency", opt_text(&self.currency));
        files.push(("data/site.yaml".to_string(), yaml(&Value::Object(site), f)));
        let sources: Vec<Value> = self
            .sources
            .iter()
            .take(5)
            .map(|s| {
                let mut v = s.named.value("title");
                let m = v.as_object_mut().expect("object");
                put(m, "kind", opt_text(&s.kind));
                put(m, "url", opt_text(&s.url));
                put(m, "date", opt_text(&s.date));
                put(m, "accessed", opt_text(&s.accessed));
                v
            })
            .collect();
        files.push(("data/sources.yaml".into(), yaml(&Value::Array(sources), f)));
        let cats: Vec<Value> = self.categories.iter().take(4).map(|c| c.value("name")).collect();
        files.push(("data/categories.yaml".into(), yaml(&Value::Array(cats), f)));
        if let Some(inds) = &self.industries {
            let inds: Vec<Value> = inds.iter().take(4).map(|c| c.value("name")).collect();
            files.push(("data/industries.yaml".into(), yaml(&Value::Array(inds), f)));
        }
        let skills: Vec<Value> = self
            .skills
            .iter()
            .take(8)
            .map(|(n, aliases, learn)| {
                let mut v = n.value("name");
                let m = v.as_object_mut().expect("object");
                put(m, "aliases", (!aliases.is_empty()).then(|| texts(aliases)));
                put(m, "learn", opt_text(learn));
                v
            })
            .collect();
        files.push(("data/skills.yaml".into(), yaml(&Value::Array(skills), f)));
        if let Some(pay) = &self.pay {
            let pay: Vec<Value> = pay.iter().take(4).map(Band::value).collect();
            files.push(("data/pay.yaml".into(), yaml(&Value::Array(pay), f)));
        }
        for r in self.roles.iter().take(6) {
            files.push((format!("data/roles/{}.yaml", id(r.file)), yaml(&r.value(), f)));
        }
        for p in self.paths.iter().take(3) {
            let mut m = Map::new();
            put(&mut m, "title", opt_text(&p.title));
            let steps: Vec<Value> = p
                .steps
                .iter()
                .take(5)
                .map(|s| {
                    let mut m = Map::new();
                    put(&mut m, "role", s.role.map(|i| json!(id(i))));
                    put(&mut m, "job", opt_text(&s.job));
                    put(&mut m, "stage", opt_text(&s.stage));
                    put(&mut m, "years", opt_text(&s.years));
                    Value::Object(m)
                })
                .collect();
            m.insert("steps".into(), Value::Array(steps));
            files.push((format!("data/paths/{}.yaml", id(p.file)), yaml(&Value::Object(m), f)));
        }
        if let Some(q) = &self.quiz {
            let mut m = Map::new();
            put(&mut m, "title", opt_text(&q.title));
            put(&mut m, "intro", opt_text(&q.intro));
            let traits: Vec<Value> =
                q.traits.iter().take(4).map(|(i, n)| json!({ "id": id(*i), "name": n.value() })).collect();
            m.insert("traits".into(), Value::Array(traits));
            let questions: Vec<Value> = q
                .questions
                .iter()
                .take(4)
                .map(|qu| {
                    let mut m = Map::new();
                    m.insert("id".into(), json!(id(qu.id)));
                    put(&mut m, "prompt", opt_text(&qu.prompt));
                    put(&mut m, "choose", qu.many.map(|many| json!(if many { "many" } else { "one" })));
                    let options: Vec<Value> = qu
                        .options
                        .iter()
                        .take(5)
                        .map(|(i, label, adds, has)| {
                            let adds: Map<String, Value> =
                                adds.iter().take(3).map(|(t, n)| (id(*t).to_string(), json!(n % 7))).collect();
                            json!({ "id": id(*i), "label": label.value(), "adds": adds, "has": ids(has) })
                        })
                        .collect();
                    m.insert("options".into(), Value::Array(options));
                    Value::Object(m)
                })
                .collect();
            m.insert("questions".into(), Value::Array(questions));
            if !q.labels.is_empty() {
                let labels: Vec<Value> =
                    q.labels.iter().take(3).map(|(min, l)| json!({ "min": min.value(), "label": l.value() })).collect();
                m.insert("labels".into(), Value::Array(labels));
            }
            files.push(("data/quiz.yaml".into(), yaml(&Value::Object(m), f)));
        }
        if let Some(home) = &self.home {
            files.push(("content/_index.md".into(), page(&Some(Text::Word(0)), &None, &None, home)));
        }
        for p in self.pages.iter().take(3) {
            let dir = if p.nested { "content/topics/" } else { "content/" };
            files.push((format!("{dir}{}.md", id(p.file)), page(&p.title, &p.weight, &p.draft, &p.body)));
        }
        files
    }
}

fn page(title: &Option<Text>, weight: &Option<Figure>, draft: &Option<bool>, body: &Text) -> Vec<u8> {
    let mut m = Map::new();
    put(&mut m, "title", opt_text(title));
    put(&mut m, "weight", weight.as_ref().map(Figure::value));
    put(&mut m, "draft", draft.map(|d| json!(d)));
    let front = String::from_utf8(yaml(&Value::Object(m), false)).unwrap_or_default();
    let body = match body.value() {
        Value::String(s) => s,
        other => other.to_string(),
    };
    format!("---\n{front}---\n{body}\n").into_bytes()
}

fuzz_target!(|site: Site| {
    thread_local! {
        static SCRATCH: ladder_fuzz::Scratch = ladder_fuzz::Scratch::new();
    }
    let files = site.files();
    SCRATCH.with(|s| {
        s.reset(&files);
        ladder_fuzz::check(&s.root);
    });
});
