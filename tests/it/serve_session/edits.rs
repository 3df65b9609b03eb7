//! Random edits of a copy of the sample hub, of every kind `calabash serve`
//! must follow: entry bodies (with and without links), titles, dates and
//! terms; new, renamed and deleted entries; a partial, an entry template and
//! static files.

use std::path::Path;

/// A small deterministic generator (xorshift), so failures can be replayed.
pub struct Random(pub u64);

impl Random {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

pub fn entry_files(root: &Path, collection: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root.join("content").join(collection))
        .unwrap()
        .map(|e| {
            format!(
                "content/{collection}/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .filter(|f| f.ends_with(".md"))
        .collect();
    files.sort();
    files
}

/// Rewrites one line of a file that starts with `prefix`; false if none does.
pub fn replace_line(root: &Path, file: &str, prefix: &str, line: &str) -> bool {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let Some(start) = text.find(&format!("\n{prefix}")).map(|i| i + 1) else {
        return false;
    };
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    std::fs::write(&path, format!("{}{line}{}", &text[..start], &text[end..])).unwrap();
    true
}

/// Makes one random edit; returns the changed paths and what it did.
pub fn edit(
    root: &Path,
    random: &mut Random,
    step: usize,
    added: &mut Vec<String>,
) -> (Vec<String>, String) {
    let collections = [
        "library",
        "replies",
        "case-studies",
        "discussions",
        "events",
    ];
    let collection = collections[random.below(collections.len())];
    let files = entry_files(root, collection);
    let file = files[random.below(files.len())].clone();
    let path = root.join(&file);
    match random.below(9) {
        0 | 1 => {
            let originals = entry_files(root, "library");
            let target = originals[random.below(originals.len())]
                .trim_start_matches("content/")
                .to_string();
            let mut text = std::fs::read_to_string(&path).unwrap();
            if !added.iter().any(|a| a.ends_with(&target)) && random.below(2) == 0 {
                text.push_str(&format!(
                    "\nEdit {step} points at [this]({}).\n",
                    format_args!("@/{target}")
                ));
            } else {
                text.push_str(&format!("\nEdit {step} adds the word zanzibar{step}.\n"));
            }
            std::fs::write(&path, text).unwrap();
            (vec![file.clone()], format!("body of {file}"))
        }
        2 => {
            replace_line(
                root,
                &file,
                "title = ",
                &format!("title = \"Retitled {step}\""),
            );
            (vec![file.clone()], format!("title of {file}"))
        }
        3 => {
            let day = 1 + random.below(28);
            if replace_line(root, &file, "date = ", &format!("date = 2023-02-{day:02}")) {
                (vec![file.clone()], format!("date of {file}"))
            } else {
                (vec![], "nothing".into())
            }
        }
        4 => {
            let levels = [
                "levels = [\"primary\"]",
                "levels = [\"secondary\", \"tertiary\"]",
            ];
            let line = levels[random.below(2)];
            if replace_line(root, &file, "levels = ", line) {
                (vec![file.clone()], format!("levels of {file}"))
            } else {
                (vec![], "nothing".into())
            }
        }
        5 => {
            let new = format!("content/library/added-{step}.md");
            let source = entry_files(root, "library")[0].clone();
            let text = std::fs::read_to_string(root.join(&source)).unwrap();
            let text: String = text
                .lines()
                .filter(|l| !l.starts_with("aliases"))
                .map(|l| {
                    if l.starts_with("title = ") {
                        format!("title = \"Added {step}\"")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(root.join(&new), text).unwrap();
            added.push(new.clone());
            (vec![new.clone()], format!("new entry {new}"))
        }
        6 if !added.is_empty() => {
            let gone = added.remove(random.below(added.len()));
            std::fs::remove_file(root.join(&gone)).unwrap();
            (vec![gone.clone()], format!("deleted {gone}"))
        }
        6 => (vec![], "nothing".into()),
        7 if !added.is_empty() => {
            let i = random.below(added.len());
            let renamed = format!("content/library/renamed-{step}.md");
            std::fs::rename(root.join(&added[i]), root.join(&renamed)).unwrap();
            let old = std::mem::replace(&mut added[i], renamed.clone());
            (
                vec![old.clone(), renamed.clone()],
                format!("renamed {old} to {renamed}"),
            )
        }
        7 => {
            let partial = "themes/hub/templates/partials/entry-card.html";
            let mut text = std::fs::read_to_string(root.join(partial)).unwrap();
            text.push_str(&format!("<!-- card edit {step} -->\n"));
            std::fs::write(root.join(partial), text).unwrap();
            (vec![partial.to_string()], "the entry card partial".into())
        }
        _ => {
            if random.below(2) == 0 {
                let template = "themes/hub/templates/entry-library.html";
                let text = std::fs::read_to_string(root.join(template)).unwrap();
                std::fs::write(root.join(template), format!("{text}{{# edit {step} #}}\n"))
                    .unwrap();
                (
                    vec![template.to_string()],
                    "the library entry template".into(),
                )
            } else {
                let file = format!("static/note-{}.txt", random.below(3));
                std::fs::create_dir_all(root.join("static")).unwrap();
                std::fs::write(root.join(&file), format!("note {step}")).unwrap();
                (vec![file.clone()], format!("static {file}"))
            }
        }
    }
}
