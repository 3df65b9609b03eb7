//! Times the search stages of a build on their own: loading the site, then
//! building the tantivy index, then exporting the static index. Used by
//! `benches/search.sh`; prints one line of JSON.
//!
//! ```text
//! cargo run --release --example index-site -- DIR
//! ```

use std::path::PathBuf;
use std::time::Instant;

use calabash::site::{SiteOptions, load_site};

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: index-site DIR");
        std::process::exit(2);
    };
    let started = Instant::now();
    let (site, _) = match load_site(&root, &SiteOptions::default()) {
        Ok(loaded) => loaded,
        Err(_) => {
            eprintln!(
                "{} is not a valid hub: run calabash build there to see why",
                root.display()
            );
            std::process::exit(1);
        }
    };
    let loaded = started.elapsed();
    let dir = std::env::temp_dir().join(format!("calabash-index-site-{}", std::process::id()));
    let fresh = calabash::search::index::build(&site, &dir).expect("index built");
    let indexed = started.elapsed() - loaded;
    let (files, _) = calabash::search::export::export(&site, &fresh).expect("index exported");
    let exported = started.elapsed() - loaded - indexed;
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    drop(fresh);
    println!(
        "{{\"entries\":{},\"load_s\":{:.3},\"index_s\":{:.3},\"export_s\":{:.3},\"files\":{},\"bytes\":{}}}",
        site.entries.len(),
        loaded.as_secs_f64(),
        indexed.as_secs_f64(),
        exported.as_secs_f64(),
        files.len(),
        bytes
    );
}
