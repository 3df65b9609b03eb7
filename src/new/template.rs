//! The text of a new entry: front matter with a comment on every field
//! saying what it expects, the fields to fill in left empty (`""`, `[]`),
//! the optional ones commented out with an example value that passes
//! `calabash check` once uncommented, then the collection's suggested
//! headings with their hints in HTML comments (never published).

use super::context::Context;
use super::values::{example, placeholder, toml_key, toml_string};
use crate::config::CollectionConfig;
use crate::core::schema::{COMMON_FIELDS, FieldDef, FieldType, quoted_list};
use crate::load::taxonomy::TAXONOMY_DIR;

/// Taxonomies with more terms than this list only the first ones.
const TERMS_LISTED: usize = 12;
/// How many slugs a reference's comment shows as examples.
const SLUGS_LISTED: usize = 3;
/// Comment lines are wrapped to this width.
const WIDTH: usize = 78;

/// Whether a field must be filled in, and why.
#[derive(Clone, Copy, PartialEq)]
enum Need<'a> {
    Required,
    /// One of the collection's `require_one_of` fields.
    OneOf(&'a [String]),
    /// Listed in the collection's `recommended`: left out, it draws a warning.
    Recommended,
    Optional,
}

/// The whole text of a new entry of `collection` titled `title`.
pub fn entry_text(collection: &CollectionConfig, title: &str, cx: &Context<'_>) -> String {
    let mut out = Lines::default();
    out.push("+++");
    opening_fields(&mut out, collection, title, cx);
    fields_to_fill(&mut out, collection, cx);
    optional_fields(&mut out, collection, cx);
    // Tables come last: every key after a [table] line belongs to it.
    let tables = collection.fields.iter().filter(|(_, def)| is_table(def));
    let (required, optional): (Vec<_>, Vec<_>) = tables.partition(|(_, def)| def.required);
    for (name, def) in required.into_iter().chain(optional) {
        out.blank();
        table(&mut out, cx, &toml_key(name), def, !def.required);
    }
    out.push("+++");
    out.blank();
    body(&mut out, collection);
    out.text
}

/// The fields every entry starts with: its title, summary and date.
fn opening_fields(out: &mut Lines, collection: &CollectionConfig, title: &str, cx: &Context<'_>) {
    let fields = &collection.fields;
    if let Some(def) = fields.get("title") {
        describe(out, cx, def, Need::Required);
    }
    out.push(&format!("title = {}", toml_string(title)));
    if let Some(def) = fields.get("summary") {
        field(out, cx, "summary", def, Need::Required, false, "\"\"");
    }
    if let Some(def) = fields.get("date") {
        let need = if def.required {
            Need::Required
        } else {
            Need::Optional
        };
        field(out, cx, "date", def, need, false, &cx.today.to_string());
    }
}

/// The fields other than the opening ones and tables, in schema order.
fn scalars(collection: &CollectionConfig) -> impl Iterator<Item = (&String, &FieldDef)> {
    collection.fields.iter().filter(|(name, def)| {
        !matches!(name.as_str(), "title" | "summary" | "date") && !is_table(def)
    })
}

/// The fields to fill in, left empty: the required ones, the first of the
/// `require_one_of` group, then the recommended ones.
fn fields_to_fill(out: &mut Lines, collection: &CollectionConfig, cx: &Context<'_>) {
    let group = collection.require_one_of.as_slice();
    for (name, def) in scalars(collection).filter(|(_, def)| def.required) {
        field(out, cx, name, def, Need::Required, false, placeholder(def));
    }
    if let Some(first) = group.first()
        && let Some(def) = collection.fields.get(first)
    {
        field(
            out,
            cx,
            first,
            def,
            Need::OneOf(group),
            false,
            placeholder(def),
        );
    }
    let recommended = |name: &String| collection.recommended.contains(name);
    for (name, def) in scalars(collection).filter(|(name, def)| !def.required && recommended(name))
    {
        field(
            out,
            cx,
            name,
            def,
            Need::Recommended,
            false,
            placeholder(def),
        );
    }
}

/// The optional fields, commented out with an example value: the
/// collection's own, then the common ones.
fn optional_fields(out: &mut Lines, collection: &CollectionConfig, cx: &Context<'_>) {
    let group = collection.require_one_of.as_slice();
    let recommended = |name: &String| collection.recommended.contains(name);
    let mut optional: Vec<(&String, &FieldDef)> = scalars(collection)
        .filter(|(name, def)| !def.required && !recommended(name) && group.first() != Some(*name))
        .collect();
    optional.sort_by_key(|(name, _)| COMMON_FIELDS.contains(&name.as_str()));
    if !optional.is_empty() {
        out.blank();
        out.comment("Optional fields: remove the # in front of a field to use it.");
    }
    for (name, def) in optional {
        let need = if group.contains(name) {
            Need::OneOf(group)
        } else {
            Need::Optional
        };
        let value = match (name.as_str(), &def.default) {
            ("updated", _) => cx.today.to_string(),
            ("lang", None) => toml_string(cx.language),
            _ => example(def, cx),
        };
        field(out, cx, name, def, need, true, &value);
    }
}

/// An object field as a `[name]` section (`[[name]]` for a list of them).
fn table(out: &mut Lines, cx: &Context<'_>, path: &str, def: &FieldDef, commented: bool) {
    let need = if def.required {
        Need::Required
    } else {
        Need::Optional
    };
    describe(out, cx, def, need);
    let header = if def.list {
        format!("[[{path}]]")
    } else {
        format!("[{path}]")
    };
    out.value(&header, commented);
    for (name, nested) in def.fields.iter().filter(|(_, d)| !is_table(d)) {
        let (need, hidden) = if nested.required {
            (Need::Required, commented)
        } else {
            (Need::Optional, true)
        };
        // A commented-out line gets a value that works once uncommented.
        let value = if hidden {
            example(nested, cx)
        } else {
            placeholder(nested).to_string()
        };
        field(out, cx, name, nested, need, hidden, &value);
    }
    for (name, nested) in def.fields.iter().filter(|(_, d)| is_table(d)) {
        let inner = commented || !nested.required;
        table(
            out,
            cx,
            &format!("{path}.{}", toml_key(name)),
            nested,
            inner,
        );
    }
}

/// One field: its comment, then `name = value` (commented out if asked).
fn field(
    out: &mut Lines,
    cx: &Context<'_>,
    name: &str,
    def: &FieldDef,
    need: Need<'_>,
    commented: bool,
    value: &str,
) {
    out.blank();
    describe(out, cx, def, need);
    out.value(&format!("{} = {value}", toml_key(name)), commented);
}

/// The comment above a field: its description, then what it needs.
fn describe(out: &mut Lines, cx: &Context<'_>, def: &FieldDef, need: Need<'_>) {
    if let Some(about) = def.description.as_deref().or(def.label.as_deref()) {
        out.comment(about);
    }
    let condition = def
        .required_if
        .iter()
        .map(|(k, v)| format!("{k} = \"{v}\""))
        .collect::<Vec<_>>()
        .join(" and ");
    let status = match need {
        Need::Required => "Required".to_string(),
        Need::OneOf(group) => format!(
            "One of {} is required",
            group
                .iter()
                .map(|g| format!("`{g}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        Need::Recommended => "Recommended (calabash check warns when it is empty)".to_string(),
        Need::Optional if !condition.is_empty() => format!("Required when {condition}"),
        Need::Optional => "Optional".to_string(),
    };
    out.comment(&format!("{status}: {}.", expectation(def, cx)));
}

/// What a value of the field looks like, in plain words.
fn expectation(def: &FieldDef, cx: &Context<'_>) -> String {
    let one = match def.kind {
        FieldType::String => "text in quotes".to_string(),
        FieldType::Text => "text in quotes (\"\"\"three quotes\"\"\" around several lines)".into(),
        FieldType::Int => "a whole number, without quotes".into(),
        FieldType::Float => "a number, without quotes".into(),
        FieldType::Bool => "true or false, without quotes".into(),
        FieldType::Date => "a date like 2025-03-14, without quotes".into(),
        FieldType::Datetime => {
            "a date and time with its UTC offset, like 2025-06-12T14:00:00-05:00, without quotes"
                .into()
        }
        FieldType::Url => "a full web address, like \"https://example.org/page\"".into(),
        FieldType::File => {
            "the path of a file under static/, like \"/documents/report.pdf\"".into()
        }
        FieldType::Email => "an email address, like \"name@example.org\"".into(),
        FieldType::Enum => format!("one of {}", quoted_list(&def.values)),
        FieldType::Term => terms(def, cx),
        FieldType::Ref => references(def, cx),
        FieldType::Object => "a table of the fields below".into(),
    };
    if def.list && def.kind != FieldType::Object {
        format!("a list in square brackets, each item {one}")
    } else if def.list {
        "repeat the section below for each one".into()
    } else {
        one
    }
}

fn terms(def: &FieldDef, cx: &Context<'_>) -> String {
    let name = def.taxonomy.as_deref().unwrap_or_default();
    let file = format!("{TAXONOMY_DIR}/{name}.toml");
    let Some(taxonomy) = cx.taxonomies.get(name) else {
        return format!("a term id from {file}");
    };
    let ids: Vec<String> = taxonomy.terms.iter().map(|t| t.id.clone()).collect();
    if ids.len() <= TERMS_LISTED {
        format!("a term id of `{name}`: {}", quoted_list(&ids))
    } else {
        format!(
            "a term id of `{name}`, such as {} (all {} are in {file})",
            quoted_list(&ids[..TERMS_LISTED]),
            ids.len()
        )
    }
}

fn references(def: &FieldDef, cx: &Context<'_>) -> String {
    let targets: &[String] = def.collection.as_ref().map_or(&[], |t| t.names());
    let slugs = |c: &String| -> Vec<String> {
        cx.slugs
            .get(c)
            .map(|s| s.iter().take(SLUGS_LISTED).cloned().collect())
            .unwrap_or_default()
    };
    match targets {
        [one] => {
            let examples = slugs(one);
            let such_as = if examples.is_empty() {
                String::new()
            } else {
                format!(", such as {}", quoted_list(&examples))
            };
            format!("the slug (file name without .md) of an entry of `{one}`{such_as}")
        }
        many => {
            let examples: Vec<String> = many
                .iter()
                .filter_map(|c| slugs(c).first().map(|s| format!("{c}/{s}")))
                .collect();
            let names: Vec<String> = many.iter().map(|c| format!("`{c}`")).collect();
            let such_as = if examples.is_empty() {
                String::new()
            } else {
                format!(", such as {}", quoted_list(&examples))
            };
            format!(
                "an entry of {}, as collection/slug{such_as}",
                names.join(" or ")
            )
        }
    }
}

/// The suggested headings, each with its hint in an HTML comment.
fn body(out: &mut Lines, collection: &CollectionConfig) {
    if collection.outline.is_empty() {
        out.push("<!-- Write the text here, in Markdown. -->");
        return;
    }
    for (i, section) in collection.outline.iter().enumerate() {
        if i > 0 {
            out.blank();
        }
        out.push(&format!("## {}", section.heading));
        if let Some(hint) = &section.hint {
            out.blank();
            out.push(&format!("<!-- {hint} -->"));
        }
    }
}

fn is_table(def: &FieldDef) -> bool {
    def.kind == FieldType::Object
}

/// The text being written, line by line.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn push(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `line`, or `# line` when commented out.
    fn value(&mut self, line: &str, commented: bool) {
        if commented {
            self.push(&format!("# {line}"));
        } else {
            self.push(line);
        }
    }

    /// A `#` comment, wrapped at word boundaries.
    fn comment(&mut self, text: &str) {
        let mut line = String::from("#");
        for word in text.split_whitespace() {
            if line.len() > 1 && line.len() + 1 + word.len() > WIDTH {
                self.push(&line);
                line = String::from("#");
            }
            line.push(' ');
            line.push_str(word);
        }
        self.push(&line);
    }
}
