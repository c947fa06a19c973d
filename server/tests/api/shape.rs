//! The code's shape, checked on the sources: no two files import each other, SQL only under
//! `server/src/db/`, no production file over 500 lines.
//!
//! A file imports another when it names a path into it (`use`, or a path written in the code,
//! test modules included). A module declaring its children (`mod x;`) and re-exporting them
//! (`pub use x::…`) is the module tree itself, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace root (the server crate's parent).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// Every `.rs` file under `dir`, but the `bin/` folder (crates of their own).
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "bin") {
                files.extend(rust_files(&path));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The code without comments, string and character literals (lifetimes stay).
fn code_of(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let at = |i: usize, text: &str| {
        text.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            i += 2;
            while i < chars.len() && !at(i, "*/") {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && !after_ident
            && (at(i + 1, "\"") || at(i + 1, "#\"") || at(i + 1, "##\""))
        {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            let close: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            i += 2 + hashes;
            while i < chars.len() && !at(i, &close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Identifiers, `::` and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_owned());
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
    tokens
}

/// The paths a `use` tree names (`a::{b, c::d}` gives `a::b` and `a::c::d`).
fn use_paths(tokens: &[String]) -> Vec<Vec<String>> {
    fn tree(tokens: &[String], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut path = prefix.to_vec();
        while *i < tokens.len() {
            match tokens[*i].as_str() {
                "{" => {
                    *i += 1;
                    while *i < tokens.len() && tokens[*i] != "}" {
                        tree(tokens, i, &path, out);
                        if *i < tokens.len() && tokens[*i] == "," {
                            *i += 1;
                        }
                    }
                    *i += 1;
                    return;
                }
                "::" => *i += 1,
                "," | "}" => break,
                "as" => *i += 2,
                "self" if !path.is_empty() => *i += 1,
                "*" => *i += 1,
                name => {
                    path.push(name.to_owned());
                    *i += 1;
                }
            }
        }
        out.push(path);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        tree(tokens, &mut i, &[], &mut out);
        i += 1;
    }
    out
}

/// A crate's source folder and where a module path's file is.
struct Crate {
    src: PathBuf,
}

impl Crate {
    fn file_of(&self, module: &[String]) -> Option<PathBuf> {
        let candidates: Vec<PathBuf> = if module.is_empty() {
            vec![self.src.join("lib.rs"), self.src.join("main.rs")]
        } else {
            let base = module.iter().fold(self.src.clone(), |p, m| p.join(m));
            vec![base.with_extension("rs"), base.join("mod.rs")]
        };
        candidates.into_iter().find(|p| p.exists())
    }

    fn module_of(&self, file: &Path) -> Vec<String> {
        let relative = file.strip_prefix(&self.src).unwrap().with_extension("");
        let mut module: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module
            .last()
            .is_some_and(|m| m == "mod" || m == "lib" || m == "main")
        {
            module.pop();
        }
        module
    }

    /// The files `file` imports.
    fn imports(&self, file: &Path) -> BTreeSet<PathBuf> {
        let tokens = tokens(&code_of(&std::fs::read_to_string(file).unwrap()));
        let module = self.module_of(file);
        let children: BTreeSet<&str> = tokens
            .windows(3)
            .filter(|w| w[0] == "mod" && w[2] == ";")
            .map(|w| w[1].as_str())
            .collect();
        let mut inline: Vec<(String, usize)> = Vec::new();
        let mut depth = 0;
        let mut targets = BTreeSet::new();
        let mut i = 0;
        while i < tokens.len() {
            let current: Vec<String> = module
                .iter()
                .cloned()
                .chain(inline.iter().map(|(m, _)| m.clone()))
                .collect();
            let token = tokens[i].as_str();
            let mut paths = Vec::new();
            match token {
                "mod" if tokens.get(i + 2).is_some_and(|t| t == "{") => {
                    depth += 1;
                    inline.push((tokens[i + 1].clone(), depth));
                    i += 3;
                    continue;
                }
                "{" => depth += 1,
                "}" => {
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                    depth -= 1;
                }
                "use" => {
                    let end = i + tokens[i..].iter().position(|t| t == ";").unwrap();
                    let reexport = i > 0 && (tokens[i - 1] == "pub" || tokens[i - 1] == ")");
                    paths = use_paths(&tokens[i + 1..end]);
                    if reexport && inline.is_empty() {
                        paths.retain(|p| !p.first().is_some_and(|m| children.contains(m.as_str())));
                    }
                    i = end;
                }
                _ if (matches!(token, "crate" | "super" | "self")
                    || (children.contains(token) && inline.is_empty()))
                    && tokens.get(i + 1).is_some_and(|t| t == "::")
                    && (i == 0 || tokens[i - 1] != "::") =>
                {
                    let mut path = vec![token.to_owned()];
                    let mut k = i + 1;
                    while tokens.get(k).is_some_and(|t| t == "::")
                        && tokens
                            .get(k + 1)
                            .is_some_and(|t| t.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    {
                        path.push(tokens[k + 1].clone());
                        k += 2;
                    }
                    paths.push(path);
                    i = k - 1;
                }
                _ => {}
            }
            for path in paths {
                if let Some(target) = self.resolve(&current, &children, inline.is_empty(), &path) {
                    if target != file {
                        targets.insert(target);
                    }
                }
            }
            i += 1;
        }
        targets
    }

    /// The file a path written in module `current` leads into: the deepest module it names.
    fn resolve(
        &self,
        current: &[String],
        children: &BTreeSet<&str>,
        at_top: bool,
        path: &[String],
    ) -> Option<PathBuf> {
        let (mut base, rest): (Vec<String>, &[String]) = match path.first()?.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (current.to_vec(), &path[1..]),
            "super" => {
                let supers = path.iter().take_while(|p| *p == "super").count();
                (
                    current[..current.len().saturating_sub(supers)].to_vec(),
                    &path[supers..],
                )
            }
            first if at_top && children.contains(first) => (current.to_vec(), path),
            _ => return None,
        };
        // Inline modules have no file: the nearest enclosing file holds them.
        while self.file_of(&base).is_none() {
            base.pop();
        }
        let mut found = self.file_of(&base);
        for segment in rest {
            base.push(segment.clone());
            match self.file_of(&base) {
                Some(file) => found = Some(file),
                None => break,
            }
        }
        found
    }
}

fn display(path: &Path) -> String {
    path.strip_prefix(workspace())
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let mut loops = Vec::new();
    for name in ["server", "app", "domain"] {
        let krate = Crate {
            src: workspace().join(name).join("src"),
        };
        let imports: BTreeMap<PathBuf, BTreeSet<PathBuf>> = rust_files(&krate.src)
            .into_iter()
            .map(|file| {
                let targets = krate.imports(&file);
                (file, targets)
            })
            .collect();
        for (file, targets) in &imports {
            for target in targets {
                if file < target && imports.get(target).is_some_and(|back| back.contains(file)) {
                    loops.push(format!("{} <-> {}", display(file), display(target)));
                }
            }
        }
    }
    assert!(
        loops.is_empty(),
        "files importing each other:\n{}",
        loops.join("\n")
    );
}

#[test]
fn the_checker_sees_a_file_that_imports_one_that_imports_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("a")).unwrap();
    std::fs::write(src.join("lib.rs"), "mod a;\npub use a::Thing;").unwrap();
    std::fs::write(
        src.join("a/mod.rs"),
        "mod b;\nmod c;\npub use b::Thing;\nfn f() { c::g() }",
    )
    .unwrap();
    std::fs::write(
        src.join("a/b.rs"),
        "use super::c::helper; // super::a::x\npub struct Thing;",
    )
    .unwrap();
    std::fs::write(
        src.join("a/c.rs"),
        "pub fn g() { let _ = \"super::b\"; }\nmod tests { use super::super::b::Thing; }",
    )
    .unwrap();
    let krate = Crate { src: src.clone() };

    let b = krate.imports(&src.join("a/b.rs"));
    let c = krate.imports(&src.join("a/c.rs"));
    let a = krate.imports(&src.join("a/mod.rs"));

    assert_eq!(b, BTreeSet::from([src.join("a/c.rs")]));
    assert_eq!(
        c,
        BTreeSet::from([src.join("a/b.rs")]),
        "test modules count, strings do not"
    );
    assert_eq!(
        a,
        BTreeSet::from([src.join("a/c.rs")]),
        "re-exports of children do not count"
    );
}

#[test]
fn sql_is_written_only_under_server_src_db() {
    let db = workspace().join("server/src/db");
    let mut outside = Vec::new();
    for file in rust_files(&workspace().join("server/src"))
        .into_iter()
        .chain(rust_files(&workspace().join("server/src/bin")))
    {
        if file.starts_with(&db) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for needle in ["sqlx::query", "query_as(", "query_scalar(", "QueryBuilder"] {
            if code.contains(needle) {
                outside.push(format!("{}: {needle}", display(&file)));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "SQL outside server/src/db:\n{}",
        outside.join("\n")
    );
}

#[test]
fn no_production_file_is_over_five_hundred_lines() {
    let mut long = Vec::new();
    for name in ["server", "app", "domain", "frontend"] {
        for file in rust_files(&workspace().join(name).join("src")) {
            let is_tests = file
                .file_stem()
                .is_some_and(|stem| stem == "tests" || stem.to_string_lossy().ends_with("_tests"));
            let lines = std::fs::read_to_string(&file).unwrap().lines().count();
            if !is_tests && lines > 500 {
                long.push(format!("{}: {lines} lines", display(&file)));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over 500 lines:\n{}",
        long.join("\n")
    );
}
