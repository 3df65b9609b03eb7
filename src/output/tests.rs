//! Tests of the writers: the staging folder swapped in whole, live files
//! replaced one by one, and no write outside the output folder.

use super::*;

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn dropped_staging_leaves_the_target_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("index.html"), "old").unwrap();
    {
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"new").unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(target.join("index.html")).unwrap(),
        "old"
    );
    assert_eq!(listing(tmp.path()), [".public.calabash-spare", "public"]);
}

#[test]
fn commit_replaces_the_target_and_keeps_a_spare() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("stale.html"), "old").unwrap();
    let staging = Staging::new(&target).unwrap();
    staging.write("a/index.html", b"new").unwrap();
    staging.commit().unwrap();
    assert_eq!(
        std::fs::read_to_string(target.join("a/index.html")).unwrap(),
        "new"
    );
    assert!(!target.join("stale.html").exists());
    assert_eq!(listing(tmp.path()), [".public.calabash-spare", "public"]);
}

#[test]
fn every_build_marks_its_folder_and_the_spare_keeps_the_mark() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    for _ in 0..3 {
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"page").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
        let spare = tmp.path().join(".public.calabash-spare");
        assert!(!spare.exists() || spare.join(MARKER).is_file());
    }
}

#[test]
fn writers_refuse_paths_that_leave_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("site/public");
    let staging = Staging::new(&target).unwrap();
    for rel in [
        "../escape",
        "/etc/escape",
        "a/../../escape",
        "",
        "a\\..\\escape",
        "./x",
    ] {
        assert!(staging.write(rel, b"x").is_err(), "{rel}");
        assert!(replace_file(&target, rel, b"x").is_err(), "{rel}");
        assert!(remove_file(&target, rel).is_err(), "{rel}");
        let files = BTreeMap::from([(rel.to_string(), tmp.path().join("source"))]);
        assert!(staging.copy_files(&files).is_err(), "{rel}");
    }
    assert!(!tmp.path().join("escape").exists());
    assert!(!tmp.path().join("site/escape").exists());
}

#[cfg(unix)]
#[test]
fn links_in_a_claimed_spare_are_removed_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let target = tmp.path().join("public");
    let spare = tmp.path().join(".public.calabash-spare");
    std::fs::create_dir(&spare).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("a")).unwrap();
    std::os::unix::fs::symlink(outside.join("f"), spare.join("index.html")).unwrap();
    std::fs::create_dir_all(spare.join("x")).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("x/y")).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("static")).unwrap();
    std::fs::write(tmp.path().join("logo.svg"), "<svg/>").unwrap();
    let staging = Staging::new(&target).unwrap();
    staging.write("a/index.html", b"page").unwrap();
    staging.write("index.html", b"home").unwrap();
    staging.write("x/y/z/index.html", b"deep").unwrap();
    let statics = BTreeMap::from([("static/logo.svg".to_string(), tmp.path().join("logo.svg"))]);
    staging.copy_files(&statics).unwrap();
    staging.commit().unwrap();
    assert_eq!(
        std::fs::read_to_string(target.join("x/y/z/index.html")).unwrap(),
        "deep"
    );
    assert_eq!(
        std::fs::read_to_string(target.join("static/logo.svg")).unwrap(),
        "<svg/>"
    );
    assert_eq!(listing(&outside), Vec::<String>::new());
    assert!(!target.join("a").is_symlink());
    assert_eq!(
        std::fs::read_to_string(target.join("a/index.html")).unwrap(),
        "page"
    );
}

#[cfg(unix)]
#[test]
fn a_spare_that_is_a_link_is_never_claimed() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("keep.txt"), "mine").unwrap();
    let spare = tmp.path().join(".public.calabash-spare");
    std::os::unix::fs::symlink(&outside, &spare).unwrap();
    let target = tmp.path().join("public");
    let staging = Staging::new(&target).unwrap();
    staging.write("index.html", b"home").unwrap();
    staging.commit().unwrap();
    assert_eq!(listing(&outside), ["keep.txt"]);
    assert_eq!(
        std::fs::read_to_string(outside.join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn reused_spare_ends_up_identical_to_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    for (round, files) in [
        vec![("a/index.html", "1"), ("b/index.html", "1"), ("c", "file")],
        vec![
            ("a/index.html", "2"),
            ("x/y/index.html", "1"),
            ("c/index.html", "dir now"),
        ],
        vec![("a/index.html", "2"), ("c", "file again")],
    ]
    .into_iter()
    .enumerate()
    {
        let staging = Staging::new(&target).unwrap();
        for (rel, text) in &files {
            staging.write(rel, text.as_bytes()).unwrap();
        }
        staging.commit().unwrap();
        let mut found: Vec<String> = walkdir::WalkDir::new(&target)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&target)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                format!("{rel}={}", std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        found.sort();
        let mut expected: Vec<String> = files.iter().map(|(r, t)| format!("{r}={t}")).collect();
        expected.sort();
        assert_eq!(found, expected, "round {round}");
        let dirs = walkdir::WalkDir::new(&target)
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_dir())
            .count();
        assert!(
            round != 2 || dirs == 2,
            "only public/ and a/ remain in round {round}"
        );
    }
}

/// Stages `files` (path, text) into a build of `target` and commits it.
fn build_files(target: &Path, files: &[(&str, &str)]) {
    let staging = Staging::new(target).unwrap();
    for (rel, text) in files {
        staging.write(rel, text.as_bytes()).unwrap();
    }
    staging.commit().unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

const PAGES: [(&str, &str); 3] = [
    ("index.html", "home page"),
    ("a/index.html", "page aaaa"),
    ("b/c/index.html", "page cccc"),
];

#[test]
fn the_record_stays_in_the_spare_and_is_never_published() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    for _ in 0..4 {
        build_files(&target, &PAGES);
        assert!(!target.join(manifest::FILE).exists());
    }
    let spare = tmp.path().join(".public.calabash-spare");
    let record = read(&spare.join(manifest::FILE));
    for (rel, _) in PAGES {
        assert_eq!(
            record
                .lines()
                .filter(|l| l.ends_with(&format!(" {rel}")))
                .count(),
            2,
            "{rel}: one record in each folder's section"
        );
    }
}

#[test]
fn files_edited_or_deleted_in_either_folder_are_written_again() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    let spare = tmp.path().join(".public.calabash-spare");
    for _ in 0..3 {
        build_files(&target, &PAGES);
    }
    // Same length, other bytes: only the file's times tell the change.
    std::fs::write(target.join("a/index.html"), "page AAAA").unwrap();
    std::fs::write(spare.join("a/index.html"), "page BBBB").unwrap();
    std::fs::remove_file(spare.join("b/c/index.html")).unwrap();
    std::fs::remove_file(target.join("index.html")).unwrap();
    for round in 0..2 {
        build_files(&target, &PAGES);
        for (rel, text) in PAGES {
            assert_eq!(read(&target.join(rel)), text, "round {round}: {rel}");
        }
    }
}

#[test]
fn a_missing_broken_or_foreign_record_is_no_record() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    let spare = tmp.path().join(".public.calabash-spare");
    let record = spare.join(manifest::FILE);
    let breakages: [&dyn Fn(&str) -> String; 4] = [
        &|_| String::new(),
        &|text| text.replace(' ', "x"),
        &|text| text[..text.len() / 2].to_string(),
        // Each folder's section said to be the other's.
        &|text| {
            let folders: Vec<&str> = text.lines().filter(|l| l.starts_with("folder ")).collect();
            let swapped = text
                .replace(folders[0], "@@")
                .replace(folders[1], folders[0]);
            swapped.replace("@@", folders[1])
        },
    ];
    for (n, breakage) in breakages.iter().enumerate() {
        for _ in 0..3 {
            build_files(&target, &PAGES);
        }
        std::fs::write(spare.join("a/index.html"), "page BBBB").unwrap();
        std::fs::write(&record, breakage(&read(&record))).unwrap();
        build_files(&target, &PAGES);
        assert_eq!(
            read(&target.join("a/index.html")),
            "page aaaa",
            "breakage {n}"
        );
    }
    std::fs::remove_file(&record).unwrap();
    std::fs::write(spare.join("a/index.html"), "page BBBB").unwrap();
    build_files(&target, &PAGES);
    assert_eq!(read(&target.join("a/index.html")), "page aaaa");
}

#[cfg(unix)]
#[test]
fn a_record_matching_the_file_is_trusted_without_reading_it() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    let spare = tmp.path().join(".public.calabash-spare");
    for _ in 0..3 {
        build_files(&target, &PAGES);
    }
    // A record saying the file holds the new bytes, which it does not:
    // only a build that trusts the record leaves the file as it is.
    let file = spare.join("a/index.html");
    std::fs::write(&file, "page BBBB").unwrap();
    let stamp = Stamp::of(&std::fs::metadata(&file).unwrap()).unwrap();
    let records = Records::from([(
        "a/index.html".to_string(),
        Record {
            stamp,
            hash: manifest::hash(b"page aaaa"),
        },
    )]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let section = Section::of(&spare, records).unwrap();
    manifest::write(&spare, &[&section]).unwrap();
    build_files(&target, &PAGES);
    assert_eq!(read(&target.join("a/index.html")), "page BBBB");
}
