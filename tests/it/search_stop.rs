//! The search export gives up when its stop flag is set (the preview sets it
//! when files change, a build when the rest of it failed): reading and
//! encoding fail with the "stopped" error instead of finishing, and a flag
//! never set changes nothing.

use std::sync::atomic::AtomicBool;

use calabash::search::export::{encode, encode_unless, read, read_unless};

use crate::support::site::TestSite;

/// A site of several languages, so that every step of the export runs,
/// the exact-word shards included.
fn indexed() -> (
    TestSite,
    calabash::site::Site,
    calabash::search::index::FreshIndex,
) {
    let site = TestSite::layered(&["valid-basic", "multilingual-search"]);
    let loaded = site.load().expect("the fixture is valid");
    let dir = calabash::search::index_dir(&site.root);
    let fresh = calabash::search::index::build(&loaded, &dir).expect("index built");
    (site, loaded, fresh)
}

fn is_stopped(err: tantivy::TantivyError) -> bool {
    err.to_string().contains("stopped")
}

#[test]
fn a_set_flag_stops_reading_and_encoding() {
    let (_site, loaded, fresh) = indexed();
    let stop = AtomicBool::new(true);
    let read_err = read_unless(&loaded, &fresh, &stop)
        .err()
        .expect("reading stops");
    assert!(is_stopped(read_err), "reading fails with the stopped error");
    let data = read(&loaded, &fresh).expect("read");
    let encode_err = encode_unless(&loaded, &fresh, data, &stop).expect_err("encoding stops");
    assert!(
        is_stopped(encode_err),
        "encoding fails with the stopped error"
    );
}

#[test]
fn a_flag_never_set_exports_the_same_files() {
    let (_site, loaded, fresh) = indexed();
    let unset = AtomicBool::new(false);
    let data = read_unless(&loaded, &fresh, &unset).expect("read");
    let files = encode_unless(&loaded, &fresh, data, &unset).expect("encoded");
    assert!(
        files.iter().any(|(path, _)| path.contains("/x")),
        "the exact-word shards of several languages are among them"
    );
    assert_eq!(
        files,
        encode(&loaded, &fresh, read(&loaded, &fresh).expect("read"))
    );
}
