//! The plain data a build passes from stage to stage: source files, typed
//! field values and validated entries.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use indexmap::IndexMap;
use jiff::civil;
use jiff::tz::Offset;

/// One file's text, shared by the entry and any diagnostic that points into it.
#[derive(Debug)]
pub struct Source {
    /// Relative to the site root, with `/` separators.
    pub path: String,
    text: SourceText,
}

#[derive(Debug)]
enum SourceText {
    Plain(String),
    /// lz4-compressed, its length first (`Source::packed`), until
    /// `Source::let_go`; then read again from `file` when asked for.
    Packed {
        packed: Mutex<Option<Box<[u8]>>>,
        file: PathBuf,
    },
}

impl Source {
    pub fn new(path: String, text: String) -> Self {
        Source {
            path,
            text: SourceText::Plain(text),
        }
    }

    /// The file's text as it was read: packed, unpacked; let go of, read
    /// again from the file (empty if it can no longer be read).
    pub fn text(&self) -> Cow<'_, str> {
        let (packed, file) = match &self.text {
            SourceText::Plain(text) => return Cow::Borrowed(text),
            SourceText::Packed { packed, file } => (packed, file),
        };
        let unpacked = (packed.lock().unwrap_or_else(PoisonError::into_inner))
            .as_deref()
            .map(|bytes| {
                let bytes = lz4_flex::block::decompress_size_prepended(bytes)
                    .expect("bytes packed by `Source::packed` unpack");
                String::from_utf8(bytes).expect("packed from a `String`")
            });
        Cow::Owned(unpacked.unwrap_or_else(|| std::fs::read_to_string(file).unwrap_or_default()))
    }

    /// The same file with its text compressed; `root` is the site's folder,
    /// from which the file is read again once `let_go` has been called.
    /// Once a build has checked every entry, the text is read only by the
    /// search index and by messages quoting a line, while at tens of
    /// thousands of entries the texts are among the largest things a site
    /// holds.
    pub fn packed(&self, root: &Path) -> Source {
        let bytes = lz4_flex::block::compress_prepend_size(self.text().as_bytes());
        Source {
            path: self.path.clone(),
            text: SourceText::Packed {
                packed: Mutex::new(Some(bytes.into())),
                file: root.join(&self.path),
            },
        }
    }

    /// Lets go of a packed text: a build does so once the search index has
    /// read every entry's. A plain text stays.
    pub fn let_go(&self) {
        if let SourceText::Packed { packed, .. } = &self.text {
            *packed.lock().unwrap_or_else(PoisonError::into_inner) = None;
        }
    }

    /// Whether the text is held packed, or read again from the file.
    pub fn is_packed(&self) -> bool {
        matches!(self.text, SourceText::Packed { .. })
    }
}

/// An entry's place in `Site::entries` and in the lists kept beside it
/// (rendered bodies, backlinks, history, summaries): a type of its own, so
/// that it is never mixed up with another index or a count.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(usize);

impl EntryId {
    pub const fn new(index: usize) -> Self {
        EntryId(index)
    }

    pub const fn index(self) -> usize {
        self.0
    }

    /// The ids of a list of `count` entries, in order.
    pub fn all(count: usize) -> impl DoubleEndedIterator<Item = EntryId> + ExactSizeIterator {
        (0..count).map(EntryId)
    }

    /// Each item of a list kept in entry order, with its entry's id.
    pub fn enumerate<T>(list: &[T]) -> impl Iterator<Item = (EntryId, &T)> {
        EntryId::all(list.len()).zip(list)
    }
}

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Values kept one per entry, in `Site::entries` order, read by `EntryId`
/// (hashes, summaries, similar entries...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PerEntry<T>(Vec<T>);

impl<T> PerEntry<T> {
    pub fn get(&self, id: EntryId) -> Option<&T> {
        self.0.get(id.0)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }
}

impl<T> From<Vec<T>> for PerEntry<T> {
    fn from(values: Vec<T>) -> Self {
        PerEntry(values)
    }
}

impl<T> FromIterator<T> for PerEntry<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        PerEntry(values.into_iter().collect())
    }
}

impl<T> std::ops::Index<EntryId> for PerEntry<T> {
    type Output = T;

    fn index(&self, id: EntryId) -> &T {
        &self.0[id.0]
    }
}

impl<T> std::ops::IndexMut<EntryId> for PerEntry<T> {
    fn index_mut(&mut self, id: EntryId) -> &mut T {
        &mut self.0[id.0]
    }
}

/// A front-matter value after validation against its field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// string, text, url and enum values.
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(civil::Date),
    DateTime(civil::DateTime, Offset),
    Email(String),
    /// Shared with the taxonomy (`Taxonomy::shared_term`): terms are
    /// named by many entries each.
    Term {
        taxonomy: Arc<str>,
        id: Arc<str>,
    },
    /// Boxed: a reference is much larger than any other value, and every
    /// value of every entry would otherwise take its size.
    Ref(Box<Reference>),
    /// Boxed, as `Ref`: objects are rare, and a map is larger than any
    /// other value.
    Object(Box<IndexMap<String, Value>>),
    List(Vec<Value>),
}

impl Value {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Every value in a list, or the value itself.
    pub fn items(&self) -> &[Value] {
        match self {
            Value::List(items) => items,
            other => std::slice::from_ref(other),
        }
    }

    /// Visits this value and every value nested in it, with mutable access.
    pub fn walk_mut(&mut self, visit: &mut impl FnMut(&mut Value)) {
        visit(self);
        match self {
            Value::List(items) => items.iter_mut().for_each(|v| v.walk_mut(visit)),
            Value::Object(fields) => fields.values_mut().for_each(|v| v.walk_mut(visit)),
            _ => {}
        }
    }

    /// Visits this value and every value nested in it.
    pub fn walk(&self, visit: &mut impl FnMut(&Value)) {
        visit(self);
        match self {
            Value::List(items) => items.iter().for_each(|v| v.walk(visit)),
            Value::Object(fields) => fields.values().for_each(|v| v.walk(visit)),
            _ => {}
        }
    }
}

/// A `ref` value: which entry it names, where it was written, and (after
/// resolution) which entry that is.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Collections the field allows.
    pub targets: Vec<String>,
    /// The collection written before a `/`, if any.
    pub collection: Option<String>,
    pub slug: String,
    /// Byte range of the value in the entry's source.
    pub span: Range<usize>,
    pub resolved: Option<EntryId>,
}

/// An entry file, its front matter checked against its collection's schema.
#[derive(Debug, Clone)]
pub struct Entry {
    pub collection: String,
    pub slug: String,
    pub source: Arc<Source>,
    pub title: String,
    pub summary: String,
    pub date: Option<civil::Date>,
    pub updated: Option<civil::Date>,
    pub draft: bool,
    pub lang: String,
    /// The file is a translation (`<slug>.<lang>.md`) of the entry of the
    /// same collection and slug, whose terms and references it shares.
    pub translation: bool,
    /// Every field with a value (common fields included), in schema order.
    pub fields: IndexMap<String, Value>,
    /// Where the Markdown body is in `source.text()`.
    pub body: Range<usize>,
    /// The file has mistakes of its own (reported when it was loaded). It is
    /// kept, with the fields that are valid, so that its links and references
    /// and the links to it are checked in the same run; it is never built.
    pub invalid: bool,
    /// Each top-level front-matter key as written, with the span (in
    /// `source.text()`) from the key to the end of its value; `None` when the
    /// front matter is not valid TOML.
    pub written: Option<Vec<(String, Range<usize>)>>,
}

impl Entry {
    pub fn body_text(&self) -> Cow<'_, str> {
        match self.source.text() {
            Cow::Borrowed(text) => Cow::Borrowed(&text[self.body.clone()]),
            Cow::Owned(mut text) => {
                text.truncate(self.body.end);
                text.replace_range(..self.body.start, "");
                Cow::Owned(text)
            }
        }
    }

    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.get(name)
    }

    /// Where a top-level key and its value are written, if they are.
    pub fn written_at(&self, name: &str) -> Option<Range<usize>> {
        self.written
            .as_ref()?
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, span)| span.clone())
    }
}
