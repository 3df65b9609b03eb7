//! A vocabulary file (`content/_taxonomies/<name>.toml`): its terms parsed
//! and every problem printed in every format. Nothing may panic.

#![no_main]

use calabash::report::{Format, format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut problems = Vec::new();
    calabash::load::taxonomy::parse_terms("content/_taxonomies/topics.toml", text, &mut problems);
    for how in [Format::Human, Format::Github, Format::Json] {
        let _ = format(&problems, how, "", how == Format::Human);
    }
});
