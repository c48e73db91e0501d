//! The layers of `docs/architecture.md` hold: no top-level module of `src/` reaches,
//! through the modules it names (`crate::x`), back to itself. Comments and strings do not
//! count; a module's own tests (after its `#[cfg(test)]`) do not either.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a file belongs to (`store` for `src/store/txn.rs`).
fn top(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a file");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable") {
        let p = e.expect("an entry").path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The modules each module names, with a place that names it.
fn graph(src: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all = Vec::new();
    files(src, &mut all);
    let modules: BTreeSet<String> = all.iter().map(|f| top(src, f)).collect();
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in &all {
        let from = top(src, f);
        if from == "main" || from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(f).expect("readable");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            // Outside string literals (crude, enough for this code base).
            let outside: String = line.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            let mut named: Vec<&str> = outside
                .split("crate::")
                .skip(1)
                .map(|rest| {
                    rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                        .unwrap_or("")
                })
                .collect();
            if let Some(group) = outside.strip_prefix("use crate::{") {
                named.extend(group.split(|c: char| !c.is_alphanumeric() && c != '_'));
            }
            for to in named {
                if to != from && modules.contains(to) {
                    g.entry(from.clone())
                        .or_default()
                        .entry(to.to_string())
                        .or_insert_with(|| format!("{}:{}", f.display(), n + 1));
                }
            }
        }
    }
    g
}

/// A path from `to` back to `from`, if there is one.
fn back(
    g: &BTreeMap<String, BTreeMap<String, String>>,
    from: &str,
    to: &str,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if to == from {
        return Some(vec![to.to_string()]);
    }
    if !seen.insert(to.to_string()) {
        return None;
    }
    for next in g.get(to).into_iter().flat_map(|m| m.keys()) {
        if let Some(mut path) = back(g, from, next, seen) {
            path.insert(0, to.to_string());
            return Some(path);
        }
    }
    None
}

#[test]
fn no_module_reaches_back_to_itself() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    assert!(
        g.get("store").is_some_and(|m| m.contains_key("check")),
        "the graph is read"
    );
    for (from, to) in &g {
        for (next, place) in to {
            if let Some(cycle) = back(&g, from, next, &mut BTreeSet::new()) {
                panic!("{from} -> {} ({place})", cycle.join(" -> "));
            }
        }
    }
}
