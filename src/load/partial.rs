//! Read again only the files that changed (`ladder serve`): a role, a path or a Markdown page
//! that was edited, added or removed is parsed on its own and put into the loaded site where a
//! whole `load` would have put it (walk order), with its diagnostics and its text. Any other
//! change (site.yaml, the other single data files, wage tables, templates, a folder, a link, a
//! file in an unexpected place) is not handled here: the caller loads everything again, which is
//! always right.

use std::cmp::Ordering;
use std::path::Path;

use super::{is_ignored, load_content_file, load_data_file, no_roles, Loaded, NO_ROLES, NO_ROLES_PATH};

/// Update `l`, the result of an earlier `load(root)`, for the files `changed` (relative to the
/// root). `false`: a change this does not handle; `l` is as it was and the caller must `load`.
pub fn reload(l: &mut Loaded, root: &Path, changed: &[String]) -> bool {
    if !changed.iter().all(|rel| handled(root, rel)) {
        return false;
    }
    for rel in changed {
        forget(l, rel);
        let abs = root.join(rel);
        if !std::fs::symlink_metadata(&abs).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let mut one = Loaded::default();
        if rel.starts_with("data/") {
            load_data_file(&mut one, rel, &abs);
        } else {
            load_content_file(&mut one, rel, &abs);
        }
        if let Some(text) = one.files.text(rel) {
            l.files.insert(rel, text);
        }
        l.diagnostics.append(&mut one.diagnostics);
        for r in one.roles {
            let at = l.roles.partition_point(|x| walk_order(&x.path, &r.path) == Ordering::Less);
            l.roles.insert(at, r);
        }
        for p in one.paths {
            let at = l.paths.partition_point(|x| walk_order(&x.path, &p.path) == Ordering::Less);
            l.paths.insert(at, p);
        }
        for p in one.pages {
            let at = l.pages.partition_point(|x| walk_order(&x.path, &p.path) == Ordering::Less);
            l.pages.insert(at, p);
        }
        if one.home.is_some() {
            l.home = one.home;
        }
    }
    l.diagnostics.retain(|d| !(d.path == NO_ROLES_PATH && d.message == NO_ROLES));
    l.diagnostics.extend(no_roles(l));
    true
}

/// Whether `rel` is a role, a path or a Markdown page (there, or gone) reached through plain
/// folders only, with no name `load` skips.
fn handled(root: &Path, rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let kind = match parts.as_slice() {
        ["data", "roles" | "paths", file] => file.ends_with(".yaml"),
        ["content", .., file] => file.ends_with(".md"),
        _ => false,
    };
    if !kind || parts.iter().any(|p| p.is_empty() || is_ignored(p) || *p == "." || *p == "..") {
        return false;
    }
    let mut dir = root.to_path_buf();
    for p in &parts[..parts.len() - 1] {
        dir.push(p);
        if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            return false;
        }
    }
    match std::fs::symlink_metadata(root.join(rel)) {
        Ok(m) => m.is_file(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Everything `l` holds from the file `rel`.
fn forget(l: &mut Loaded, rel: &str) {
    l.files.remove(rel);
    l.diagnostics.retain(|d| d.path != rel);
    l.roles.retain(|r| r.path != rel);
    l.paths.retain(|r| r.path != rel);
    l.pages.retain(|p| p.path != rel);
    if l.home.as_ref().is_some_and(|h| h.path == rel) {
        l.home = None;
    }
}

/// The order `load` walks files in: folder by folder, names sorted, a folder's files where its
/// name sorts (`content/a/b.md` before `content/a.md`).
fn walk_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_order_is_folder_by_folder() {
        assert_eq!(walk_order("content/a/b.md", "content/a.md"), Ordering::Less);
        assert_eq!(walk_order("data/roles/a.yaml", "data/roles/b.yaml"), Ordering::Less);
        assert_eq!(walk_order("content/b.md", "content/a/z.md"), Ordering::Greater);
    }
}
