//! `@/collection/slug.md` links in bodies: each must name an entry that is
//! built, and its anchor a heading of that entry.

use super::lookup::{EntryIndex, Unbuilt};
use crate::config::Config;
use crate::core::diagnostics::{Diagnostic, closest};
use crate::core::model::{Entry, EntryId};
use crate::markdown::{InternalLink, Rendered};

/// Checks `@/` links and their anchors against the rendered bodies.
pub fn check_links(
    entries: &[Entry],
    rendered: &[Rendered],
    unbuilt: &Unbuilt<'_>,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) {
    check_links_where(entries, rendered, unbuilt, config, problems, |_, _| true);
}

/// `check_links` for the links that can have changed when only the bodies of
/// `changed` did: theirs, and links into them by anchor (headings may have
/// changed).
pub fn check_links_touching(
    entries: &[Entry],
    rendered: &[Rendered],
    unbuilt: &Unbuilt<'_>,
    config: &Config,
    changed: &[EntryId],
    problems: &mut Vec<Diagnostic>,
) {
    let targets: Vec<(&str, &str)> = changed
        .iter()
        .map(|&id| &entries[id.index()])
        .map(|e| (e.collection.as_str(), e.slug.as_str()))
        .collect();
    check_links_where(
        entries,
        rendered,
        unbuilt,
        config,
        problems,
        |from, link| {
            changed.contains(&from)
                || (link.anchor.is_some()
                    && targets.contains(&(link.collection.as_str(), link.slug.as_str())))
        },
    );
}

fn check_links_where(
    entries: &[Entry],
    rendered: &[Rendered],
    unbuilt: &Unbuilt<'_>,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
    wanted: impl Fn(EntryId, &InternalLink) -> bool,
) {
    let index = EntryIndex::new(entries);
    for ((from, entry), body) in EntryId::enumerate(entries).zip(rendered) {
        for link in body.links.iter().filter(|link| wanted(from, link)) {
            let at = |message: String| {
                Diagnostic::error(&entry.source.path, message)
                    .at(&entry.source.text(), link.span.clone())
            };
            if link.collection.is_empty() || link.slug.is_empty() {
                problems.push(
                    at("this link does not name an entry".to_string())
                        .hint("links to entries look like @/collection/slug.md, e.g. @/library/parent-toolkit.md"),
                );
                continue;
            }
            if config.collection(&link.collection).is_none() {
                let names = config.collections.iter().map(|c| c.name.as_str());
                let hint = closest(&link.collection, names)
                    .map(|c| format!("did you mean `@/{c}/{}.md`?", link.slug))
                    .unwrap_or_else(|| "links to entries look like @/collection/slug.md".into());
                problems.push(
                    at(format!("link to unknown collection `{}`", link.collection)).hint(hint),
                );
                continue;
            }
            let Some(target) = index.get(&link.collection, &link.slug) else {
                if unbuilt.is_unreadable(&link.collection, &link.slug) {
                    continue;
                }
                let is_draft = unbuilt
                    .drafts
                    .iter()
                    .any(|d| d.collection == link.collection && d.slug == link.slug);
                let hint = if is_draft {
                    "that entry is a draft and is not built; publish it or remove the link"
                        .to_string()
                } else {
                    let slugs = entries
                        .iter()
                        .filter(|e| e.collection == link.collection)
                        .map(|e| e.slug.as_str());
                    closest(&link.slug, slugs)
                        .map(|s| format!("did you mean `@/{}/{s}.md`?", link.collection))
                        .unwrap_or_else(|| {
                            format!("check the file name in content/{}/", link.collection)
                        })
                };
                problems.push(
                    at(format!(
                        "broken link: no entry `{}` in `{}`",
                        link.slug, link.collection
                    ))
                    .hint(hint),
                );
                continue;
            };
            let (target, target_body) = (&entries[target.index()], &rendered[target.index()]);
            if let Some(anchor) = &link.anchor
                && !target_body.anchors.contains(anchor)
            {
                let anchors = target_body.anchors.iter().map(String::as_str);
                let hint = closest(anchor, anchors)
                    .map(|a| format!("did you mean `#{a}`?"))
                    .unwrap_or_else(|| {
                        format!(
                            "anchors are the ids of the headings of {}",
                            target.source.path
                        )
                    });
                problems.push(
                    at(format!(
                        "broken anchor: `{}` has no heading `#{anchor}`",
                        target.source.path
                    ))
                    .hint(hint),
                );
            }
        }
    }
}
