//! The plain data a build passes from stage to stage: source files, typed
//! field values and validated entries.

use std::ops::Range;
use std::sync::Arc;

use indexmap::IndexMap;
use jiff::civil;
use jiff::tz::Offset;

/// One file's text, shared by the entry and any diagnostic that points into it.
#[derive(Debug)]
pub struct Source {
    /// Relative to the site root, with `/` separators.
    pub path: String,
    pub text: String,
}

/// Index of an entry in `Site::entries`.
pub type EntryId = usize;

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
    Term {
        taxonomy: String,
        id: String,
    },
    Ref(Reference),
    Object(IndexMap<String, Value>),
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
    /// Every field with a value (common fields included), in schema order.
    pub fields: IndexMap<String, Value>,
    /// Where the Markdown body is in `source.text`.
    pub body: Range<usize>,
    /// The file has mistakes of its own (reported when it was loaded). It is
    /// kept, with the fields that are valid, so that its links and references
    /// and the links to it are checked in the same run; it is never built.
    pub invalid: bool,
    /// Each top-level front-matter key as written, with the span (in
    /// `source.text`) from the key to the end of its value; `None` when the
    /// front matter is not valid TOML.
    pub written: Option<Vec<(String, Range<usize>)>>,
}

impl Entry {
    pub fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
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
