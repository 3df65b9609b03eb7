//! The plain data a build passes from stage to stage: source files, typed
//! field values and validated entries.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Let go of (`Source::released`): read again from `file` when asked
    /// for, where `hash` (`content_hash`) tells whether it is still the
    /// text read; `front` is the hash of the part before the body.
    OnDisk {
        file: PathBuf,
        hash: u64,
        front: u64,
    },
}

/// A released source's file no longer holds the text first read from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceChanged {
    pub path: String,
}

impl std::fmt::Display for SourceChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} changed or went while the site was being built",
            self.path
        )
    }
}

impl std::error::Error for SourceChanged {}

/// A hash of a file's bytes and length, telling one version of a file
/// from another (not for security: a hub's own files are no adversary of
/// its build): a released source's text, a written file's bytes.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

impl Source {
    pub fn new(path: String, text: String) -> Self {
        Source {
            path,
            text: SourceText::Plain(text),
        }
    }

    /// The file's text: as it was read, or, once released, as the file
    /// holds it now (empty if it can no longer be read), which is what a
    /// message quoting a line needs.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.text {
            SourceText::Plain(text) => Cow::Borrowed(text),
            SourceText::OnDisk { file, .. } => {
                Cow::Owned(std::fs::read_to_string(file).unwrap_or_default())
            }
        }
    }

    /// The text as it was first read, or an error when a released file no
    /// longer holds it: what the search index reads, which must agree with
    /// the pages made from the text first read.
    pub fn text_as_read(&self) -> Result<Cow<'_, str>, SourceChanged> {
        let SourceText::OnDisk { file, hash, .. } = &self.text else {
            return Ok(self.text());
        };
        match std::fs::read_to_string(file) {
            Ok(text) if content_hash(text.as_bytes()) == *hash => Ok(Cow::Owned(text)),
            _ => Err(SourceChanged {
                path: self.path.clone(),
            }),
        }
    }

    /// The same file without its text, which is read again from the file
    /// (`root` is the site's folder) when asked for. Once a build has checked
    /// every entry, the text is read only by the search index and by messages
    /// quoting a line, while at tens of thousands of entries the texts are
    /// among the largest things a site holds; the files are still in the
    /// system's cache, having just been read.
    /// `body_start` is where the body starts, for `hashes`.
    pub fn released(&self, root: &Path, body_start: usize) -> Source {
        let (front, hash) = self.hashes(body_start);
        Source {
            path: self.path.clone(),
            text: SourceText::OnDisk {
                file: root.join(&self.path),
                hash,
                front,
            },
        }
    }

    /// The `content_hash` of the text before `body_start` (the front
    /// matter) and of the whole text, as first read: what the fingerprints
    /// of pages made from it start from.
    pub fn hashes(&self, body_start: usize) -> (u64, u64) {
        match &self.text {
            SourceText::Plain(text) => {
                let front = text.as_bytes().get(..body_start).unwrap_or_default();
                (content_hash(front), content_hash(text.as_bytes()))
            }
            SourceText::OnDisk { hash, front, .. } => (*front, *hash),
        }
    }

    /// Whether the text is read again from the file when asked for.
    pub fn is_released(&self) -> bool {
        matches!(self.text, SourceText::OnDisk { .. })
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

/// The part of `text` at `body`, or nothing where it does not fit.
fn body_of<'t>(text: Cow<'t, str>, body: &Range<usize>) -> Cow<'t, str> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.get(body.clone()).unwrap_or_default()),
        Cow::Owned(_) if text.get(body.clone()).is_none() => Cow::Owned(String::new()),
        Cow::Owned(mut text) => {
            text.truncate(body.end);
            text.replace_range(..body.start, "");
            Cow::Owned(text)
        }
    }
}

impl Entry {
    /// The Markdown body: of the text as read, or, once the source is
    /// released, of the file as it is now (empty if the file changed so
    /// that the body's place no longer fits it).
    pub fn body_text(&self) -> Cow<'_, str> {
        body_of(self.source.text(), &self.body)
    }

    /// The Markdown body of the text as it was first read (see
    /// `Source::text_as_read`).
    pub fn body_as_read(&self) -> Result<Cow<'_, str>, SourceChanged> {
        Ok(body_of(self.source.text_as_read()?, &self.body))
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
