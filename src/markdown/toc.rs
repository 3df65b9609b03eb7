//! Heading ids and the table of contents they make.

use std::collections::HashSet;

use pulldown_cmark::HeadingLevel;

use super::rendered::TocItem;

pub fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// Ids the pages around a body use (those of the built-in theme's layout
/// and entry pages): a heading never takes one, so that the skip link and
/// the page's own sections keep theirs.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "browse-by",
    "site-search-q",
    "toc-heading",
    "details-heading",
    "facts-heading",
    "contact-heading",
    "profile-heading",
    "query-heading",
    "recommendations-heading",
    "cites-heading",
    "outputs-heading",
    "related-heading",
    "similar-heading",
    "backlinks-heading",
];

/// `base`, or `base-1`, `base-2` ... whichever neither the body nor the page
/// around it uses.
pub fn unique_id(base: String, taken: &HashSet<String>) -> String {
    let free = |id: &str| !taken.contains(id) && !RESERVED_IDS.contains(&id);
    if free(&base) {
        return base;
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or(base)
}

pub fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocItem> {
    fn insert(into: &mut Vec<TocItem>, item: TocItem) {
        match into.last_mut() {
            Some(last) if last.level < item.level => insert(&mut last.children, item),
            _ => into.push(item),
        }
    }
    let mut toc = Vec::new();
    for (level, id, title) in flat {
        insert(
            &mut toc,
            TocItem {
                level,
                id,
                title,
                children: Vec::new(),
            },
        );
    }
    toc
}
