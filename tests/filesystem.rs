//! Symbolic links in `data/` and `content/`: a link that leads outside the site root (to a file
//! or a folder, or the `data/` folder itself) is refused with a diagnostic naming the link and
//! nothing behind it is read; a link that stays inside the root is followed like a plain file.

mod common;
use std::os::unix::fs::symlink;

use common::Site;

const ROLE: &str = "title: Linked\ncategory: technical\nsummary: S.\nskills:\n  - { skill: python, level: working }\npay_note: None.\nsources: [survey]\n";

#[test]
fn a_linked_page_outside_the_root_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\n---\nsecret text\n").unwrap();
    let site = Site::new(&[]);
    std::fs::create_dir_all(site.root().join("content")).unwrap();
    symlink(outside.path().join("secret.md"), site.root().join("content/secret.md")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/secret.md: error: symbolic link leads outside the site root"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: copy the file into the site instead of linking to it"), "{}", run.stderr);
    assert!(!site.out().exists(), "nothing is built");
}

#[test]
fn a_linked_folder_outside_the_root_is_refused_and_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("good.yaml"), ROLE).unwrap();
    std::fs::write(outside.path().join("broken.yaml"), "title: [unclosed\n").unwrap();
    let site = Site::new(&[]);
    symlink(outside.path(), site.root().join("data/roles/more")).unwrap();
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("data/roles/more: error: symbolic link leads outside the site root"), "{}", run.stderr);
    assert!(run.stderr.contains("help: copy the folder into the site"), "{}", run.stderr);
    assert!(!run.stderr.contains("broken.yaml"), "files behind the link are not read:\n{}", run.stderr);
    assert!(!run.stderr.contains("good.yaml"), "files behind the link are not read:\n{}", run.stderr);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}

#[test]
fn a_data_folder_that_is_a_link_outside_is_refused() {
    let elsewhere = Site::new(&[]);
    let site = Site::empty();
    symlink(elsewhere.root().join("data"), site.root().join("data")).unwrap();
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("data: error: symbolic link leads outside the site root"), "{}", run.stderr);
}

#[test]
fn a_link_inside_the_root_is_followed() {
    let site = Site::new(&[("shared/linked.yaml", ROLE), ("shared/page.md", "---\ntitle: Shared page\n---\nBody.\n")]);
    symlink("../../shared/linked.yaml", site.root().join("data/roles/linked.yaml")).unwrap();
    std::fs::create_dir_all(site.root().join("content")).unwrap();
    symlink("../shared/page.md", site.root().join("content/shared.md")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.page("roles/linked/index.html").contains("Linked"));
    assert!(site.page("guides/shared/index.html").contains("Shared page"));
}
