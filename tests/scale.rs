//! Large honest files load; the YAML budgets grow with the file, not with alias expansion.

mod common;
use common::Site;

#[test]
fn a_7_5_mb_skills_file_of_14000_entries_loads() {
    let mut skills = String::with_capacity(8_000_000);
    let mut role_skills = String::new();
    for i in 0..14_000 {
        skills.push_str(&format!(
            "- id: skill-{i}\n  name: Skill number {i}\n  group: Group {}\n  summary: A skill used to test that large honest files load without complaint, number {i}.\n  aliases: [alias-{i}-a, alias-{i}-b]\n  learn: |\n{}",
            i % 40,
            "    Practise it on small real tasks, then on larger ones, and ask for feedback from someone who does it every day; repeat until it is routine.\n".repeat(3)
        ));
        role_skills.push_str(&format!("  - {{ skill: skill-{i}, level: basic }}\n"));
    }
    assert!(skills.len() > 7_000_000, "{} bytes", skills.len());
    let role = format!("title: Everything\ncategory: technical\nsummary: Needs every skill.\nskills:\n{role_skills}pay_note: None.\nsources: [survey]\n");
    let site = Site::new(&[("data/skills.yaml", &skills), ("data/roles/analyst.yaml", &role)]);
    let run = site.ladder(&["check"]);
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    assert!(run.stderr.contains("checked 14"), "{}", run.stderr);
}
