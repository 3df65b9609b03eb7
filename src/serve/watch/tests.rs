//! The watcher against a real folder: edits, editor saves, folders.

use super::*;
use std::fs;

// Long enough that a loaded machine does not split one test step into
// two batches; the server itself uses a much shorter one.
const QUIET: Duration = Duration::from_millis(150);
const WAIT: Duration = Duration::from_secs(5);

/// Writes each whitespace-separated path under `root`, its own name as content.
fn write(root: &Path, paths: &str) {
    for path in paths.split_whitespace().map(|p| root.join(p)) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, path.to_string_lossy().as_bytes()).unwrap();
    }
}

fn site() -> (tempfile::TempDir, Watcher) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "site.toml content/x.md content/y.md content/library/x.md \
        content/old/sub/a.md content/old/b.md themes/hub/static/style.css \
        templates/page.html target/debug/build.log",
    );
    let watcher = Watcher::start(dir.path(), QUIET).unwrap();
    (dir, watcher)
}

fn batch(paths: &str, rescan: bool) -> Batch {
    let paths = paths.split_whitespace().map(String::from).collect();
    Batch { paths, rescan }
}

#[track_caller]
fn expect(watcher: &Watcher, paths: &str) {
    assert_eq!(watcher.next_batch_timeout(WAIT), Some(batch(paths, false)));
}

#[test]
fn modifying_and_debouncing() {
    let (dir, watcher) = site();
    write(dir.path(), "content/library/x.md");
    expect(&watcher, "content/library/x.md");
    for _ in 0..5 {
        write(dir.path(), "content/x.md content/y.md");
        std::thread::sleep(Duration::from_millis(10));
    }
    expect(&watcher, "content/x.md content/y.md");
    assert_eq!(watcher.next_batch_timeout(QUIET * 3), None);
}

#[test]
fn a_steady_stream_still_yields_batches() {
    let (dir, watcher) = site();
    let root = dir.path().to_path_buf();
    let started = Instant::now();
    let writer = std::thread::spawn(move || {
        while started.elapsed() < Duration::from_secs(3) {
            write(&root, "content/x.md");
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let first = watcher.next_batch_timeout(WAIT);
    let waited = started.elapsed();
    writer.join().unwrap();
    assert_eq!(first, Some(batch("content/x.md", false)));
    assert!(waited < Duration::from_millis(2500), "waited {waited:?}");
}

#[test]
fn files_and_folders_created_removed_and_renamed() {
    let (dir, watcher) = site();
    let root = dir.path();
    write(root, "content/new.md");
    expect(&watcher, "content/new.md");
    fs::remove_file(root.join("content/y.md")).unwrap();
    expect(&watcher, "content/y.md");
    fs::rename(root.join("content/x.md"), root.join("content/library/z.md")).unwrap();
    expect(&watcher, "content/library/z.md content/x.md");
    // A new folder's files are seen, and then it is watched too.
    write(root, "content/new/a.md");
    expect(&watcher, "content/new");
    write(root, "content/new/b.md");
    expect(&watcher, "content/new/b.md");
    fs::rename(root.join("content/library"), root.join("content/shelf")).unwrap();
    expect(&watcher, "content/library content/shelf");
    write(root, "content/shelf/x.md");
    expect(&watcher, "content/shelf/x.md");
    fs::remove_dir_all(root.join("content/old")).unwrap();
    expect(&watcher, "content/old");
    // Moved in from an unwatched place, files and all.
    fs::rename(root.join("target/debug"), root.join("themes/debug")).unwrap();
    expect(&watcher, "themes/debug");
    write(root, "themes/debug/build.log");
    expect(&watcher, "themes/debug/build.log");
}

#[test]
fn editor_saves_report_the_file_only() {
    let (dir, watcher) = site();
    let content = dir.path().join("content");
    // Vim's save by renaming the original to a backup.
    write(&content, "4913");
    fs::remove_file(content.join("4913")).unwrap();
    write(&content, ".x.md.swp");
    fs::rename(content.join("x.md"), content.join("x.md~")).unwrap();
    write(&content, "x.md");
    fs::remove_file(content.join("x.md~")).unwrap();
    expect(&watcher, "content/x.md");
    for temp in [".x.md.tmp123", "x.md.tmp.123", "x.md.crswap"] {
        write(&content, temp);
        fs::rename(content.join(temp), content.join("x.md")).unwrap();
        expect(&watcher, "content/x.md");
    }
    write(
        dir.path(),
        "content/#x.md# content/.#x.md content/x.md___jb_tmp___ \
        content/x.md___jb_old___ content/.DS_Store content/.hidden/x.md static-not/x.css \
        target/debug/x.rlib public/index.html node_modules/x/index.js notes.md",
    );
    write(dir.path(), "site.toml");
    expect(&watcher, "site.toml");
}

#[test]
fn source_folders_created_later_or_again_are_watched() {
    let (dir, watcher) = site();
    let root = dir.path();
    fs::create_dir(root.join("static")).unwrap();
    expect(&watcher, "static");
    write(root, "static/logo.svg");
    expect(&watcher, "static/logo.svg");
    fs::rename(root.join("templates"), root.join("templates.old")).unwrap();
    let rescan = Some(batch("templates", true));
    assert_eq!(watcher.next_batch_timeout(WAIT), rescan);
    fs::rename(root.join("templates.old"), root.join("templates")).unwrap();
    expect(&watcher, "templates");
    write(root, "templates/page.html");
    expect(&watcher, "templates/page.html");
}

#[test]
fn scratch_names() {
    let scratch = ".x.md.swp .x.md.swo .x.md.swx .x.md.swpx x.md.swp x.md.swn 4913 x.md~ \
        #x.md# .#x.md x.md___jb_tmp___ x.md___jb_old___ .x.md.tmp x.md.tmp x.md.TMP \
        x.md.tmp.1234 x.md.tmp1234 x.md.crswap .DS_Store Thumbs.db .gitignore \
        content/.drafts/x.md themes/.cache/style.css";
    for name in scratch.split_whitespace() {
        assert!(is_scratch(Path::new(name)), "{name} should be scratch");
    }
    let ordinary = "x.md style.css 2024-report.md notes~draft.md page.tmpl 4913.md #tag \
        content/library/x.md ./content/x.md themes/hub/static/style.css";
    for name in ordinary.split_whitespace() {
        assert!(!is_scratch(Path::new(name)), "{name} is no scratch");
    }
}

#[test]
fn folding_keeps_only_the_outermost_paths() {
    let mut folded = batch(
        "content/a content/a/b.md content/a.md content/ab/c.md",
        false,
    );
    folded.fold();
    assert_eq!(
        folded,
        batch("content/a content/a.md content/ab/c.md", false)
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_not_watched() {
    let outside = tempfile::tempdir().unwrap();
    let folders: Vec<String> = (0..40).map(|i| format!("tree/{i}/x.md")).collect();
    write(outside.path(), &folders.join(" "));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site.toml content/x.md static/inside/a.css");
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap();
    };
    link(outside.path(), "content/usr");
    link(&outside.path().join("tree"), "templates");
    link(&dir.path().join("static/inside"), "content/inside");
    link(&dir.path().join("content"), "content/loop");
    let watcher = Watcher::start(dir.path(), QUIET).unwrap();
    // Changes outside the site reach no batch, through any link.
    write(outside.path(), "tree/3/x.md tree/new.md new.md");
    assert_eq!(watcher.next_batch_timeout(QUIET * 4), None);
    // The site's own files still do, a linked folder inside it where it is.
    write(dir.path(), "content/x.md");
    expect(&watcher, "content/x.md");
    write(dir.path(), "static/inside/a.css");
    expect(&watcher, "static/inside/a.css");
}
