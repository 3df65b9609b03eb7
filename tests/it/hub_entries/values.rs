//! The values `hub_entries.rs` gives its generated entries: one for every
//! field type of the schema, each distinct, with the texts that should show
//! it on the entry's page; and which fields each entry gives.

use calabash::core::schema::{FieldDef, FieldType};
use calabash::site::Site;
use toml::Value as Toml;

/// Fields a reader is not meant to see as text, and what shows them instead.
const NOT_SHOWN_AS_TEXT: &[(&str, &str)] = &[
    (
        "aliases",
        "old addresses redirect to the entry (checked below)",
    ),
    ("lang", "the page's lang attribute (checked below)"),
    ("weight", "the order of free pages in the menu"),
];

/// Makes distinct values, so one cannot be mistaken for another on a page.
pub struct Values<'a> {
    pub site: &'a Site,
    pub count: usize,
    /// `(field, wanted value)` of every `required_if` in the collection: an
    /// enum takes the value that makes its dependent field required.
    pub wanted: Vec<(String, String)>,
}

/// A generated value and the texts (any of them) that show it on the page.
pub struct Given {
    value: Toml,
    shown: Vec<Vec<String>>,
}

impl Values<'_> {
    fn next(&mut self) -> usize {
        self.count += 1;
        self.count
    }

    fn value(&mut self, name: &str, def: &FieldDef, selection: &Selection) -> Given {
        if !def.list {
            return self.single(name, def, 0, selection);
        }
        let count = if matches!(selection, Selection::Every) {
            2
        } else {
            1
        };
        let items: Vec<Given> = (0..count)
            .map(|i| self.single(name, def, i, selection))
            .collect();
        Given {
            value: Toml::Array(items.iter().map(|g| g.value.clone()).collect()),
            shown: items.into_iter().flat_map(|g| g.shown).collect(),
        }
    }

    fn single(&mut self, name: &str, def: &FieldDef, index: usize, selection: &Selection) -> Given {
        let n = self.next();
        let plain = |text: String| Given {
            shown: vec![vec![text.clone()]],
            value: Toml::String(text),
        };
        match def.kind {
            FieldType::String => plain(format!("Given text {n} & O'Neil")),
            FieldType::Text => plain(format!("Given paragraph {n}, with <angle> brackets.")),
            FieldType::Int => Given {
                value: Toml::Integer(1900 + n as i64),
                shown: vec![vec![(1900 + n).to_string()]],
            },
            FieldType::Float => Given {
                value: Toml::Float(n as f64 + 0.5),
                shown: vec![vec![format!("{n}.5")]],
            },
            FieldType::Bool => Given {
                // `draft = true` would unpublish the entry; false is valid
                // everywhere and shows nothing.
                value: Toml::Boolean(false),
                shown: Vec::new(),
            },
            FieldType::Date => {
                let date = format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
                Given {
                    value: Toml::Datetime(date.parse().unwrap()),
                    shown: vec![vec![date]],
                }
            }
            FieldType::Datetime => {
                let text = format!("2099-06-{:02}T{:02}:30:00-05:00", 1 + n % 28, n % 24);
                Given {
                    value: Toml::Datetime(text.parse().unwrap()),
                    shown: vec![vec![text]],
                }
            }
            FieldType::Url => plain(format!("https://example.org/given-{n}")),
            FieldType::File => plain(format!("/documents/given-{n}.pdf")),
            FieldType::Email => {
                let address = format!("given{n}@example.org");
                Given {
                    // Never printed: shown encoded, for a button to reveal.
                    shown: vec![vec![base64(&address)]],
                    value: Toml::String(address),
                }
            }
            FieldType::Enum => {
                let wanted = match selection {
                    Selection::Every => self.wanted.iter().find(|(field, _)| field == name),
                    _ => None,
                };
                // Not the default (which entries without the field show
                // already, perhaps as prose), nor a value that would make
                // another field required.
                let default = def.default.as_ref().and_then(Toml::as_str);
                let candidates: Vec<&String> = def
                    .values
                    .iter()
                    .filter(|v| Some(v.as_str()) != default)
                    .filter(|v| !self.wanted.iter().any(|(f, w)| f == name && w == *v))
                    .collect();
                let value = match (wanted, candidates.is_empty()) {
                    (Some((_, value)), _) => value.clone(),
                    // With every field given, the first: a later one may
                    // rightly hide another field (a cancelled event has no
                    // registration link).
                    (None, false) if matches!(selection, Selection::Every) => candidates[0].clone(),
                    (None, false) => candidates[(n + index) % candidates.len()].clone(),
                    (None, true) => def.values[(n + index) % def.values.len()].clone(),
                };
                Given {
                    shown: vec![vec![value.clone(), value.replace('-', " ")]],
                    value: Toml::String(value),
                }
            }
            FieldType::Term => {
                let taxonomy = def.taxonomy.as_deref().unwrap();
                let terms = &self.site.taxonomies.get(taxonomy).unwrap().terms;
                let term = &terms[(n + index) % terms.len()];
                Given {
                    value: Toml::String(term.id.clone()),
                    shown: vec![vec![term.label.clone()]],
                }
            }
            FieldType::Ref => {
                let targets = def.collection.as_ref().unwrap().names();
                let target = &targets[(n + index) % targets.len()];
                // A reference names an original (its translations share its slug).
                let originals = || {
                    let site = self.site;
                    site.entries_of(target)
                        .filter(move |&id| !site.entry(id).translation)
                };
                let count = originals().count();
                let id = originals().nth((n + index) % count).unwrap();
                let entry = self.site.entry(id);
                Given {
                    value: Toml::String(format!("{target}/{}", entry.slug)),
                    shown: vec![vec![entry.title.clone()]],
                }
            }
            FieldType::Object => {
                let (table, shown) = self.table(&def.fields, selection, &[]);
                Given {
                    value: Toml::Table(table),
                    shown,
                }
            }
        }
    }

    /// The fields `selection` gives, with the texts that should show them.
    pub fn table(
        &mut self,
        fields: &indexmap::IndexMap<String, FieldDef>,
        selection: &Selection,
        one_of: &[String],
    ) -> (toml::Table, Vec<Vec<String>>) {
        let mut table = toml::Table::new();
        let mut shown = Vec::new();
        let every = matches!(selection, Selection::Every);
        for (name, def) in fields {
            let inner = selection.inside(name);
            let needed = def.required
                || one_of.first() == Some(name)
                || inner.is_some()
                || selection.wants(name);
            if !(every || needed) {
                continue;
            }
            let inner = inner.unwrap_or(if every {
                Selection::Every
            } else {
                Selection::Required
            });
            let given = match selection.wanted_value(name) {
                Some(value) => Given {
                    shown: vec![vec![value.clone()]],
                    value: Toml::String(value),
                },
                // A flag given alone is set, to show what it changes (a
                // draft would not be published at all).
                None if def.kind == FieldType::Bool && selection.is(name) && name != "draft" => {
                    Given {
                        value: Toml::Boolean(true),
                        shown: Vec::new(),
                    }
                }
                None => self.value(name, def, &inner),
            };
            table.insert(name.clone(), given.value);
            if !NOT_SHOWN_AS_TEXT.iter().any(|(field, _)| field == name) {
                shown.extend(given.shown.into_iter().map(|texts| {
                    let mut named = vec![format!("field `{name}`")];
                    named.extend(texts);
                    named
                }));
            }
        }
        (table, shown)
    }
}

/// Which fields an entry gives besides the required ones.
#[derive(Clone, Debug)]
pub enum Selection {
    Required,
    Every,
    /// One optional field, by its path (`query.asker_name`), and the
    /// values other fields must have for it to be valid (`contact = "email"`).
    One(Vec<String>, Vec<(String, String)>),
}

impl Selection {
    /// What to give inside the field `name`, when this selection goes there.
    fn inside(&self, name: &str) -> Option<Selection> {
        match self {
            Selection::One(path, wanted) if path.len() > 1 && path[0] == name => {
                Some(Selection::One(path[1..].to_vec(), wanted.clone()))
            }
            _ => None,
        }
    }

    /// The value another field needs this one to have.
    fn wanted_value(&self, name: &str) -> Option<String> {
        match self {
            Selection::One(_, wanted) => wanted
                .iter()
                .find(|(f, _)| f == name)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    /// Whether this selection is the one field `name`.
    fn is(&self, name: &str) -> bool {
        matches!(self, Selection::One(path, _) if path.len() == 1 && path[0] == name)
    }

    fn wants(&self, name: &str) -> bool {
        match self {
            Selection::One(path, wanted) => {
                (path.len() == 1 && path[0] == name) || wanted.iter().any(|(f, _)| f == name)
            }
            _ => false,
        }
    }
}

/// One selection per optional field, nested ones included, with the
/// values other fields must then have.
pub fn each_optional_field(fields: &indexmap::IndexMap<String, FieldDef>) -> Vec<Selection> {
    let mut selections = Vec::new();
    for (name, def) in fields {
        if !def.required {
            let wanted = def.required_if.clone().into_iter().collect();
            selections.push(Selection::One(vec![name.clone()], wanted));
        }
        for nested in each_optional_field(&def.fields) {
            if let Selection::One(mut path, wanted) = nested {
                path.insert(0, name.clone());
                selections.push(Selection::One(path, wanted));
            }
        }
    }
    selections
}

fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}
