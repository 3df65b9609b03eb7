//! The reverse links every entry page shows: which entries point at it,
//! by a `ref` field or a link in their body.

use super::lookup::EntryIndex;
use crate::core::model::{Entry, EntryId, PerEntry, Value};
use crate::markdown::Rendered;

/// An entry pointing at another: by a `ref` field (named) or a body link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backlink {
    pub from: EntryId,
    /// The referencing field's name, or `body` for a Markdown link.
    pub field: String,
}

/// Updates `backlinks` after the body of `from` changed from `before` to
/// `after` (its fields, hence its `ref` backlinks, are the same).
pub fn update_body_backlinks(
    backlinks: &mut PerEntry<Vec<Backlink>>,
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
pub fn backlinks(entries: &[Entry], rendered: &[Rendered]) -> PerEntry<Vec<Backlink>> {
    let index = EntryIndex::new(entries);
    let mut backlinks: PerEntry<Vec<Backlink>> = entries.iter().map(|_| Vec::new()).collect();
    // A translation's references are its original's: they point once.
    for (from, entry) in EntryId::enumerate(entries).filter(|(_, e)| !e.translation) {
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
        for link in &rendered[from.index()].links {
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
    for list in backlinks.iter_mut() {
        list.sort();
        list.dedup();
    }
    backlinks
}
