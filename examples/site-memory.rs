//! Where a loaded site's memory goes: the live heap (counted by a global
//! allocator, so allocator overhead and freed pages are left out) after
//! loading and validating a hub, with the values every page shares, and
//! what each part of the `Site` holds, measured by letting go of it.
//! Used by `benches/site-memory.sh`; prints one line per part, in MiB.
//!
//! ```text
//! cargo run --release --example site-memory -- DIR
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, Ordering};

use calabash::core::model::Source;
use calabash::render::renderer::Prepared;
use calabash::site::{SiteOptions, load_site};

/// The system allocator, counting the bytes it holds for the program.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn counted(change: isize) {
    let now = LIVE.fetch_add(change, Ordering::Relaxed) + change;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        counted(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        counted(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        counted(size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: isize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: site-memory DIR");
        std::process::exit(2);
    };
    // As a build loads it: each source text let go of once its body is rendered.
    let options = SiteOptions {
        release_sources: true,
        ..SiteOptions::default()
    };
    let Ok((mut site, _)) = load_site(&root, &options) else {
        eprintln!(
            "{} is not a valid hub: run calabash build there to see why",
            root.display()
        );
        std::process::exit(1);
    };
    site.forget_checked_links();
    println!("entries {}", site.entries.len());
    println!(
        "peak while loading {:.1}",
        mib(PEAK.load(Ordering::Relaxed))
    );
    println!("site after loading {:.1}", mib(live()));
    let before = live();
    let prepared = Prepared::new(&site, jiff::Timestamp::now());
    println!(
        "shared values (summaries, references) {:.1}",
        mib(live() - before)
    );
    drop(prepared);
    let mut last = live();
    let mut part = |name: &str| {
        println!("{name} {:.1}", mib(last - live()));
        last = live();
    };
    drop(std::mem::take(&mut site.rendered));
    part("bodies (packed HTML, tables of contents)");
    drop(std::mem::take(&mut site.backlinks));
    drop(std::mem::take(&mut site.history));
    drop(std::mem::take(&mut site.drafts));
    part("backlinks, history, drafts");
    let empty = Arc::new(Source::new(String::new(), String::new()));
    for entry in &mut site.entries {
        entry.source = Arc::clone(&empty);
    }
    part("source texts (released: length and hash)");
    for entry in &mut site.entries {
        entry.fields = Default::default();
    }
    part("typed fields");
    drop(std::mem::take(&mut site.entries));
    part("the rest of the entries");
    println!("left {:.1}", mib(live()));
}
