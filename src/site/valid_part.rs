//! The part of a site with mistakes that can still be rendered, so that
//! `check` (and a failing build) can show template problems beside content
//! errors: the invalid entries left out, and whatever needs them.

use super::model::Site;
use crate::core::model::{Entry, EntryId, PerEntry, Value};
use crate::markdown::Rendered;
use crate::validate::backlinks::backlinks;
use crate::validate::translations::Versions;

impl Site {
    /// Whether some entries have mistakes of their own (and the site must
    /// not be built).
    pub fn has_invalid_entries(&self) -> bool {
        self.entries.iter().any(|e| e.invalid)
    }

    /// What a build would render once the invalid entries are fixed or
    /// removed: the site without them, without references to them, and
    /// without the entries whose required references all named them (their
    /// pages could not be rendered as they are).
    pub fn without_invalid(&self) -> Site {
        let left_out = self.left_out_of_rendering();
        let mut next = 0;
        let new_ids: PerEntry<Option<EntryId>> = left_out
            .iter()
            .map(|out| {
                let id = (!out).then_some(EntryId::new(next));
                next += usize::from(!out);
                id
            })
            .collect();
        let kept = |id: &EntryId| !left_out[*id];
        let mut entries: Vec<Entry> = self
            .entry_ids()
            .filter(kept)
            .map(|id| self.entry(id).clone())
            .collect();
        for entry in &mut entries {
            entry
                .fields
                .retain(|_, value| keep_renumbered(value, &new_ids));
        }
        let rendered: Vec<Rendered> = self
            .entry_ids()
            .filter(kept)
            .map(|id| self.body(id).clone())
            .collect();
        let history = self
            .entry_ids()
            .filter(kept)
            .map(|id| self.history_of(id).cloned())
            .collect();
        Site {
            config: self.config.clone(),
            taxonomies: self.taxonomies.clone(),
            backlinks: backlinks(&entries, &rendered),
            versions: Versions::new(&entries),
            entries,
            rendered,
            drafts: self.drafts.clone(),
            history,
        }
    }

    /// The invalid entries, and (repeatedly) the entries with a required
    /// field whose every reference names one left out, and the translations
    /// of those left out.
    fn left_out_of_rendering(&self) -> PerEntry<bool> {
        let mut left_out: PerEntry<bool> = self.entries.iter().map(|e| e.invalid).collect();
        loop {
            let mut changed = false;
            for (id, entry) in self.entries_with_ids() {
                let original_out = left_out[self.versions.original(id)];
                if !left_out[id] && (original_out || needs_one_left_out(self, entry, &left_out)) {
                    left_out[id] = true;
                    changed = true;
                }
            }
            if !changed {
                return left_out;
            }
        }
    }
}

fn needs_one_left_out(site: &Site, entry: &Entry, left_out: &PerEntry<bool>) -> bool {
    let Some(collection) = site.config.collection(&entry.collection) else {
        return false;
    };
    entry.fields.iter().any(|(name, value)| {
        collection.fields.get(name).is_some_and(|f| f.required)
            && !keeps_a_reference(value, left_out)
    })
}

/// Whether a value still names something once references to entries left
/// out are dropped (a value without references always does).
fn keeps_a_reference(value: &Value, left_out: &PerEntry<bool>) -> bool {
    match value {
        Value::Ref(r) => r.resolved.is_none_or(|id| !left_out[id]),
        Value::List(items) => {
            items.is_empty() || items.iter().any(|v| keeps_a_reference(v, left_out))
        }
        _ => true,
    }
}

/// Renumbers the references in `value` to the entries kept; drops those to
/// entries left out. Returns whether the value itself is kept.
fn keep_renumbered(value: &mut Value, new_ids: &PerEntry<Option<EntryId>>) -> bool {
    match value {
        Value::Ref(r) => match r.resolved {
            Some(old) => {
                r.resolved = new_ids[old];
                r.resolved.is_some()
            }
            None => true,
        },
        Value::List(items) => {
            let had_items = !items.is_empty();
            items.retain_mut(|item| keep_renumbered(item, new_ids));
            !had_items || !items.is_empty()
        }
        Value::Object(fields) => {
            fields.retain(|_, v| keep_renumbered(v, new_ids));
            true
        }
        _ => true,
    }
}
