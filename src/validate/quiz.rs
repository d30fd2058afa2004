//! `data/quiz.yaml`: traits, questions, options, how far answers can push a trait.

use std::collections::{BTreeMap, BTreeSet};

use super::context::*;
use crate::data::*;
use crate::diagnostic::did_you_mean;
use crate::load::{self, Loaded};
use crate::quiz::Reach;

pub fn check_quiz(c: &mut Validator, l: &Loaded) {
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
                c.reference(at, h, RefKind::Skill, "`has` lists skill ids from `data/skills.yaml`");
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
