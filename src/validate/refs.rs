//! Cross-entry checks, once every entry is loaded: duplicate and clashing
//! slugs, `ref` fields, `@/` links and their anchors. Also computes the
//! reverse links (backlinks) every entry page shows.

use std::collections::HashMap;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, closest};
use crate::markdown::{InternalLink, Rendered};
use crate::model::{Entry, EntryId, Value};

/// An entry pointing at another: by a `ref` field (named) or a body link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    pub from: EntryId,
    /// The referencing field's name, or `body` for a Markdown link.
    pub field: String,
}

/// Finds entries by collection and slug.
/// Lookups borrow their keys: links are looked up by the thousand.
pub struct EntryIndex<'a> {
    by_collection: HashMap<&'a str, HashMap<&'a str, EntryId>>,
}

impl<'a> EntryIndex<'a> {
    pub fn new(entries: &'a [Entry]) -> Self {
        let mut by_collection: HashMap<&str, HashMap<&str, EntryId>> = HashMap::new();
        for (id, e) in entries.iter().enumerate() {
            by_collection
                .entry(e.collection.as_str())
                .or_default()
                .insert(e.slug.as_str(), id);
        }
        EntryIndex { by_collection }
    }

    pub fn get(&self, collection: &str, slug: &str) -> Option<EntryId> {
        self.by_collection.get(collection)?.get(slug).copied()
    }
}

/// Reports entries that share a slug within a collection (ignoring case) and
/// free pages whose URL would clash with a collection or taxonomy. Returns
/// the ids of entries to drop.
pub fn check_slugs(
    entries: &[Entry],
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<EntryId> {
    let mut seen: HashMap<(String, String), EntryId> = HashMap::new();
    let mut dropped = Vec::new();
    for (id, entry) in entries.iter().enumerate() {
        let key = (entry.collection.clone(), entry.slug.to_lowercase());
        if let Some(&first) = seen.get(&key) {
            problems.push(
                Diagnostic::error(
                    &entry.source.path,
                    format!(
                        "duplicate slug `{}` in collection `{}`",
                        entry.slug, entry.collection
                    ),
                )
                .hint(format!(
                    "{} has the same name (slugs ignore case); rename one of the files",
                    entries[first].source.path
                )),
            );
            dropped.push(id);
            continue;
        }
        seen.insert(key, id);
        if entry.collection == crate::config::PAGES {
            let path = format!("/{}/", entry.slug);
            let clash = config
                .collections
                .iter()
                .filter(|c| !c.is_pages())
                .map(|c| (&c.path, &c.name))
                .chain(config.taxonomies.iter().map(|t| (&t.path, &t.name)))
                .find(|(p, _)| **p == path);
            if let Some((_, name)) = clash {
                problems.push(
                    Diagnostic::error(
                        &entry.source.path,
                        format!(
                            "page `{}` would have the same URL ({path}) as `{name}`",
                            entry.slug
                        ),
                    )
                    .hint("rename the page's file"),
                );
                dropped.push(id);
            }
        }
    }
    dropped
}

/// Entries that exist but are not built: references to them get their own
/// message (drafts) or none (unreadable ones, whose own error says enough).
pub struct Unbuilt<'a> {
    pub drafts: &'a [Entry],
    /// `(collection, slug)` of the entry files that could not be read.
    pub unreadable: &'a [(String, String)],
}

impl Unbuilt<'_> {
    fn is_unreadable(&self, collection: &str, slug: &str) -> bool {
        self.unreadable
            .iter()
            .any(|(c, s)| c == collection && s == slug)
    }
}

/// Resolves every `ref` value to an entry id.
pub fn resolve_refs(entries: &mut [Entry], unbuilt: &Unbuilt<'_>, problems: &mut Vec<Diagnostic>) {
    let index = EntryIndex::new(entries);
    let slugs_by_collection: HashMap<&str, Vec<&str>> = {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for e in entries.iter() {
            map.entry(e.collection.as_str())
                .or_default()
                .push(e.slug.as_str());
        }
        map
    };
    let mut resolutions: Vec<(EntryId, usize, Result<EntryId, Option<Diagnostic>>)> = Vec::new();
    for (id, entry) in entries.iter().enumerate() {
        let mut n = 0;
        for value in entry.fields.values() {
            value.walk(&mut |v| {
                if let Value::Ref(r) = v {
                    let candidates: Vec<&str> = match &r.collection {
                        Some(c) => vec![c.as_str()],
                        None => r.targets.iter().map(String::as_str).collect(),
                    };
                    let found: Vec<EntryId> = candidates
                        .iter()
                        .filter_map(|c| index.get(c, &r.slug))
                        .collect();
                    let result = match found.as_slice() {
                        [one] => Ok(*one),
                        [] if candidates.iter().any(|c| unbuilt.is_unreadable(c, &r.slug)) => {
                            Err(None)
                        }
                        [] => Err(Some(missing_ref(
                            entry,
                            r,
                            &candidates,
                            &slugs_by_collection,
                            unbuilt.drafts,
                        ))),
                        _ => Err(Some(Diagnostic::error(
                            &entry.source.path,
                            format!(
                                "`{}` is ambiguous: entries of several collections have that slug",
                                r.slug
                            ),
                        )
                        .at(&entry.source.text, r.span.clone())
                        .hint(format!(
                            "write the collection too, like \"{}/{}\"",
                            entries[found[0]].collection, r.slug
                        )))),
                    };
                    resolutions.push((id, n, result));
                    n += 1;
                }
            });
        }
    }
    let mut results = resolutions.into_iter().peekable();
    for (id, entry) in entries.iter_mut().enumerate() {
        let mut n = 0;
        let mut broken = false;
        for value in entry.fields.values_mut() {
            value.walk_mut(&mut |v| {
                if let Value::Ref(r) = v {
                    if let Some((rid, rn, result)) =
                        results.next_if(|(rid, rn, _)| *rid == id && *rn == n)
                    {
                        debug_assert_eq!((rid, rn), (id, n));
                        match result {
                            Ok(target) => r.resolved = Some(target),
                            Err(d) => {
                                problems.extend(d);
                                broken = true;
                            }
                        }
                    }
                    n += 1;
                }
            });
        }
        // A reference to nothing cannot be shown: the entry is not rendered
        // until it is fixed, like one whose fields have mistakes.
        entry.invalid |= broken;
    }
}

fn missing_ref(
    entry: &Entry,
    r: &crate::model::Reference,
    candidates: &[&str],
    slugs_by_collection: &HashMap<&str, Vec<&str>>,
    drafts: &[Entry],
) -> Diagnostic {
    let where_ = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let d = Diagnostic::error(
        &entry.source.path,
        format!("no entry `{}` in {where_}", r.slug),
    )
    .at(&entry.source.text, r.span.clone());
    if let Some(draft) = drafts
        .iter()
        .find(|e| candidates.contains(&e.collection.as_str()) && e.slug == r.slug)
    {
        return d
            .label("this entry is a draft")
            .hint(format!("{} is a draft and is not built; publish it (remove `draft = true`) or build with --drafts", draft.source.path));
    }
    let all = candidates
        .iter()
        .flat_map(|c| slugs_by_collection.get(c).into_iter().flatten().copied());
    match closest(&r.slug, all) {
        Some(near) => d.hint(format!("did you mean `{near}`?")),
        None => d.hint(format!(
            "check the spelling, or add content/{}/{}.md",
            candidates.first().unwrap_or(&"?"),
            r.slug
        )),
    }
}

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
        .map(|&id| (entries[id].collection.as_str(), entries[id].slug.as_str()))
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
    for (from, (entry, body)) in entries.iter().zip(rendered).enumerate() {
        for link in body.links.iter().filter(|link| wanted(from, link)) {
            let at = |message: String| {
                Diagnostic::error(&entry.source.path, message)
                    .at(&entry.source.text, link.span.clone())
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
            if let Some(anchor) = &link.anchor
                && !rendered[target].anchors.contains(anchor)
            {
                let anchors = rendered[target].anchors.iter().map(String::as_str);
                let hint = closest(anchor, anchors)
                    .map(|a| format!("did you mean `#{a}`?"))
                    .unwrap_or_else(|| {
                        format!(
                            "anchors are the ids of the headings of {}",
                            entries[target].source.path
                        )
                    });
                problems.push(
                    at(format!(
                        "broken anchor: `{}` has no heading `#{anchor}`",
                        entries[target].source.path
                    ))
                    .hint(hint),
                );
            }
        }
    }
}

/// Updates `backlinks` after the body of `from` changed from `before` to
/// `after` (its fields, hence its `ref` backlinks, are the same).
pub fn update_body_backlinks(
    backlinks: &mut [Vec<Backlink>],
    entries: &[Entry],
    from: EntryId,
    before: &Rendered,
    after: &Rendered,
) {
    let index = EntryIndex::new(entries);
    let targets = |body: &Rendered| -> Vec<EntryId> {
        body.links
            .iter()
            .filter_map(|link| index.get(&link.collection, &link.slug))
            .filter(|&t| t != from)
            .collect()
    };
    let link = Backlink {
        from,
        field: "body".into(),
    };
    for target in targets(before) {
        backlinks[target].retain(|b| *b != link);
    }
    for target in targets(after) {
        let list = &mut backlinks[target];
        if let Err(at) = list.binary_search(&link) {
            list.insert(at, link.clone());
        }
    }
}

/// For each entry, who points at it, sorted and without repeats.
pub fn backlinks(entries: &[Entry], rendered: &[Rendered]) -> Vec<Vec<Backlink>> {
    let index = EntryIndex::new(entries);
    let mut backlinks: Vec<Vec<Backlink>> = vec![Vec::new(); entries.len()];
    for (from, entry) in entries.iter().enumerate() {
        for (field, value) in &entry.fields {
            value.walk(&mut |v| {
                if let Value::Ref(r) = v
                    && let Some(target) = r.resolved.filter(|&t| t != from)
                {
                    backlinks[target].push(Backlink {
                        from,
                        field: field.clone(),
                    });
                }
            });
        }
        for link in &rendered[from].links {
            if let Some(target) = index
                .get(&link.collection, &link.slug)
                .filter(|&t| t != from)
            {
                backlinks[target].push(Backlink {
                    from,
                    field: "body".into(),
                });
            }
        }
    }
    for list in &mut backlinks {
        list.sort();
        list.dedup();
    }
    backlinks
}
