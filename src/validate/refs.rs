//! `ref` fields resolved to the entries they name, once every entry is
//! loaded.

use std::collections::HashMap;

use super::lookup::{EntryIndex, Unbuilt};
use crate::core::diagnostics::{Diagnostic, closest};
use crate::core::model::{Entry, EntryId, Value};

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
    for (id, entry) in EntryId::enumerate(entries) {
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
                        .at(&entry.source.text(), r.span.clone())
                        .hint(format!(
                            "write the collection too, like \"{}/{}\"",
                            entries[found[0].index()].collection, r.slug
                        )))),
                    };
                    resolutions.push((id, n, result));
                    n += 1;
                }
            });
        }
    }
    let mut results = resolutions.into_iter().peekable();
    for (id, entry) in EntryId::all(entries.len()).zip(entries.iter_mut()) {
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
    r: &crate::core::model::Reference,
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
    .at(&entry.source.text(), r.span.clone());
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
