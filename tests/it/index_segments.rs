//! The search index in buckets of entries, a segment each: a build makes
//! again only the buckets whose entries changed and links the others from
//! the last index, and the output is the one a build from nothing makes,
//! whatever the buckets' size. Built by the binary, whose test hook
//! `CALABASH_INDEX_BUCKET` makes buckets of a few entries of the sample hub.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::files::{assert_same_files, copy_tree, snapshot};
use crate::support::site::TestSite;

/// The edited entry.
const EDITED: &str = "content/case-studies/whatsapp-parents.md";

/// Builds `site` into its output folder with buckets of `bucket` entries
/// (the default with none) and returns the output.
fn build(site: &TestSite, bucket: Option<&str>) -> BTreeMap<String, Vec<u8>> {
    let mut env = vec![("SOURCE_DATE_EPOCH", "1780000000")];
    env.extend(bucket.map(|n| ("CALABASH_INDEX_BUCKET", n)));
    crate::support::cli::build_with(&site.root, &site.output(), &[], &env);
    snapshot(&site.output())
}

/// The index's buckets as its record lists them: key to segment ids.
fn buckets(root: &Path) -> BTreeMap<String, String> {
    let record = std::fs::read_to_string(root.join(".calabash/index/search-segments"))
        .expect("the index's segments are recorded");
    (record.lines().skip(2))
        .map(|line| {
            let (key, ids) = line.split_once(' ').expect("key and segments");
            (key.to_string(), ids.to_string())
        })
        .collect()
}

/// The inode of each of the index's files.
fn inodes(root: &Path) -> BTreeMap<String, u64> {
    let folder = root.join(".calabash/index");
    (std::fs::read_dir(folder).unwrap())
        .map(|file| {
            let file = file.unwrap();
            let name = file.file_name().to_string_lossy().into_owned();
            (name, file.metadata().unwrap().ino())
        })
        .collect()
}

fn edit_body(site: &TestSite, line: &str) {
    let text = site.read_source(EDITED);
    site.write(EDITED, &format!("{text}\n{line}\n"));
}

#[test]
fn an_edit_makes_again_only_its_bucket_and_the_output_is_the_same() {
    let site = TestSite::sample_hub();
    let small = build(&site, Some("4"));
    let one = site.fresh_copy();
    assert_same_files(
        &small,
        &build(&one, None),
        "buckets of 4 entries against one",
    );
    assert_eq!(buckets(&one.root).len(), 1, "one bucket by default");
    let before = buckets(&site.root);
    assert!(before.len() > 8, "{} buckets", before.len());
    let files_before = inodes(&site.root);

    edit_body(&site, "A sentence about mentoring cooperatives.");
    let edited = build(&site, Some("4"));
    let after = buckets(&site.root);
    let changed: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(
        changed.len(),
        1,
        "only the edited entry's bucket: {changed:?}"
    );
    let files_after = inodes(&site.root);
    for (key, ids) in &before {
        let Some(kept) = after.get(key) else { continue };
        assert_eq!(kept, ids, "an unchanged bucket keeps its segments");
        for id in ids.split(' ') {
            let idx = format!("{id}.idx");
            assert_eq!(
                files_after[&idx], files_before[&idx],
                "{idx} is linked, not made"
            );
        }
    }
    let nothing = site.fresh_copy();
    assert_same_files(
        &edited,
        &build(&nothing, None),
        "after the edit, from nothing",
    );
    let text = String::from_utf8_lossy(&edited["search/index/manifest.json"]).into_owned();
    assert!(text.contains("\"docs\""), "the export was written");
}

#[test]
fn a_missing_or_broken_segment_is_made_again() {
    let site = TestSite::sample_hub();
    build(&site, Some("4"));
    let index = site.root.join(".calabash/index");
    // One bucket loses a file, another has a file cut short, a third more
    // openings than entries (the lines after the first of its description).
    let mut ids = buckets(&site.root).into_values();
    let gone = ids.next().unwrap();
    std::fs::remove_file(index.join(format!("{gone}.term"))).unwrap();
    let cut = ids.next().unwrap();
    let idx = std::fs::OpenOptions::new()
        .write(true)
        .open(index.join(format!("{cut}.idx")));
    let idx = idx.unwrap();
    idx.set_len(idx.metadata().unwrap().len() / 2).unwrap();
    let long = ids.next().unwrap();
    let about = index.join(format!("{long}.bucket"));
    let text = std::fs::read_to_string(&about).unwrap();
    let files = text.lines().next().unwrap();
    std::fs::write(&about, format!("{files}\n{}", "line\n".repeat(999))).unwrap();
    // Without the record of the whole index (which would keep it whole),
    // the build makes the index again, linking every bucket it can: none
    // of the three broken ones is the bucket of an edited entry.
    std::fs::remove_file(index.join("search-build")).unwrap();
    let intact: Vec<String> = ids.collect();
    let rebuilt = build(&site, Some("4"));
    let after: Vec<String> = buckets(&site.root).into_values().collect();
    assert!(
        intact.iter().all(|ids| after.contains(ids)),
        "the intact buckets are linked"
    );
    assert!(
        !after.contains(&gone),
        "the bucket missing a file is made again"
    );
    assert!(
        !after.contains(&cut),
        "the bucket of a file cut short is made again"
    );
    assert!(
        !after.contains(&long),
        "the bucket of too many openings is made again"
    );
    let nothing = site.fresh_copy();
    assert_same_files(&rebuilt, &build(&nothing, Some("4")), "segments made again");
}

#[test]
fn segments_brought_from_elsewhere_are_not_linked() {
    let site = TestSite::sample_hub();
    build(&site, Some("4"));
    let ids: Vec<String> = buckets(&site.root).into_values().collect();
    // The whole folder, records and index included, as a repository or a
    // cache restored elsewhere would bring it.
    let copy = TestSite::empty();
    copy_tree(&site.root, &copy.root);
    edit_body(&copy, "A sentence about island schools.");
    build(&copy, Some("4"));
    let linked: Vec<String> = buckets(&copy.root)
        .into_values()
        .filter(|id| ids.contains(id))
        .collect();
    assert!(linked.is_empty(), "segments linked from a copy: {linked:?}");
}
