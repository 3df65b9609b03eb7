//! `calabash init` never loses anyone's files: a folder that is not empty
//! is refused, naming what is there, with nothing written; `--force`
//! replaces only the files of the same name and lists them; no file lands
//! outside the folder through a symbolic link; bad values write nothing.

use super::{Machine, files_under, text};

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect()
}

#[test]
fn a_folder_with_files_is_refused_and_left_as_it_was() {
    for existing in [
        "notes.txt",
        ".git/HEAD",
        "site.toml",
        "content/library/x.md",
    ] {
        let machine = Machine::new();
        let hub = machine.work().join("hub");
        let file = hub.join(existing);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "mine\n").unwrap();
        let before = snapshot(&hub);
        let out = machine.run_in("", &["init", "hub"]);
        assert!(
            !out.status.success(),
            "{existing}: init wrote into a folder holding it"
        );
        let said = text(&out.stderr);
        let top = existing.split('/').next().unwrap();
        assert!(
            said.contains("hub") && said.contains("not empty") && said.contains(top),
            "{said}"
        );
        assert!(said.contains("--force"), "{said}");
        assert_eq!(snapshot(&hub), before, "{existing}: the folder changed");
    }
}

#[test]
fn force_replaces_files_of_the_same_name_lists_them_and_keeps_the_rest() {
    let machine = Machine::new();
    let hub = machine.work().join("hub");
    std::fs::create_dir_all(hub.join("content/library")).unwrap();
    std::fs::write(hub.join("README.md"), "old readme\n").unwrap();
    std::fs::write(hub.join("notes.txt"), "mine\n").unwrap();
    std::fs::write(hub.join("content/library/mine.md"), "mine\n").unwrap();
    let said = machine.ok("", &["init", "hub", "--empty", "--force"]);
    let replaced = said
        .lines()
        .find(|l| l.starts_with("Replaced"))
        .unwrap_or_default();
    assert!(replaced.contains("README.md"), "{said}");
    assert!(
        !replaced.contains("notes.txt") && !replaced.contains("site.toml"),
        "{said}"
    );
    assert_ne!(
        std::fs::read_to_string(hub.join("README.md")).unwrap(),
        "old readme\n"
    );
    assert_eq!(
        std::fs::read_to_string(hub.join("notes.txt")).unwrap(),
        "mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(hub.join("content/library/mine.md")).unwrap(),
        "mine\n"
    );
}

#[cfg(unix)]
#[test]
fn force_never_writes_through_a_link_out_of_the_folder() {
    for link in ["content", ".github", "README.md", "content/pages"] {
        let machine = Machine::new();
        let hub = machine.work().join("hub");
        let outside = machine.work().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        let at = hub.join(link);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        let target = if link.ends_with(".md") {
            outside.join("README.md")
        } else {
            outside.clone()
        };
        std::os::unix::fs::symlink(&target, &at).unwrap();
        let out = machine.run_in("", &["init", "hub", "--force"]);
        assert!(
            !out.status.success(),
            "{link}: init wrote through a link out of the hub"
        );
        assert!(
            text(&out.stderr).contains("symbolic link"),
            "{}",
            text(&out.stderr)
        );
        assert!(
            files_under(&outside).is_empty(),
            "{link}: a file landed outside"
        );
        assert!(
            !hub.join("site.toml").exists(),
            "{link}: init wrote part of the hub"
        );
    }
}

#[test]
fn a_file_named_as_the_folder_and_bad_values_write_nothing() {
    let machine = Machine::new();
    std::fs::write(machine.work().join("hub"), "a file\n").unwrap();
    let out = machine.run_in("", &["init", "hub", "--force"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("is a file"),
        "{}",
        text(&out.stderr)
    );
    // Each bad value, and what the message must name.
    for (args, named) in [
        (&["init", "new", "--title", ""][..], "--title"),
        (&["init", "new", "--title", "two\nlines"], "--title"),
        (
            &["init", "new", "--repository", "github.com/org/hub"],
            "--repository",
        ),
        (
            &[
                "init",
                "new",
                "--repository",
                "https://github.com/org/a hub",
            ],
            "--repository",
        ),
        (&["init", "new", "--sample", "--empty"], "--empty"),
    ] {
        let out = machine.run_in("", args);
        assert!(!out.status.success(), "{args:?} accepted");
        assert!(
            text(&out.stderr).contains(named),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !machine.work().join("new").exists(),
            "{args:?} wrote the folder"
        );
    }
}
