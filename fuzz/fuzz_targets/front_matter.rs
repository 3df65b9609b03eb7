//! An entry file's text: split into front matter and body, parsed, checked
//! against a collection of the sample hub (chosen by the first byte) and
//! for forbidden characters, and every problem printed in every format.
//! Nothing may panic.

#![no_main]

use std::sync::OnceLock;

use calabash::config::Config;
use calabash::core::diagnostics::Diagnostic;
use calabash::core::toml_characters::check_front_matter;
use calabash::load::front_matter::{SplitError, split};
use calabash::load::taxonomy::Taxonomies;
use calabash::report::{Format, format};
use calabash::validate::checker::Checker;
use libfuzzer_sys::fuzz_target;
use toml::de::DeTable;

fn sample_config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        calabash::config::parse(include_str!("../../site.toml"), None)
            .expect("the sample hub's site.toml is valid")
    })
}

fn print(problems: &[Diagnostic]) {
    for how in [Format::Human, Format::Github, Format::Json] {
        let _ = format(problems, how, "site/", how == Format::Human);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = "content/x/entry.md";
    let parts = match split(text) {
        Ok(parts) => parts,
        Err(SplitError::Missing) => {
            return print(&[Diagnostic::error(path, "no front matter").at(text, 0..0)]);
        }
        Err(SplitError::Unterminated(fence)) => {
            return print(&[Diagnostic::error(path, "never closed").at(text, fence)]);
        }
    };
    let offset = parts.front_matter.start;
    let (table, errors) = DeTable::parse_recoverable(&text[parts.front_matter.clone()]);
    let mut problems: Vec<Diagnostic> = errors
        .iter()
        .map(|err| {
            let span = err.span().unwrap_or(0..0);
            Diagnostic::error(path, err.message()).at(text, span.start + offset..span.end + offset)
        })
        .collect();
    if errors.is_empty() {
        problems.extend(check_front_matter(path, text, offset, table.get_ref()));
        let config = sample_config();
        let collection = &config.collections[usize::from(choice) % config.collections.len()];
        let taxonomies = Taxonomies::default();
        let mut checker = Checker {
            path,
            text,
            offset,
            taxonomies: &taxonomies,
            problems: Vec::new(),
        };
        checker.table(
            table.get_ref(),
            parts.opening.clone(),
            &collection.fields,
            "collection",
        );
        problems.extend(checker.problems);
    }
    print(&problems);
});
