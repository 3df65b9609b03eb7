//! A YAML writer for the small part of YAML that issue forms and the
//! browser editor's configuration use: mappings, sequences, strings,
//! numbers and booleans, in block style. Every string is written
//! double-quoted with JSON's escapes (valid YAML 1.1 and 1.2) plus escapes
//! for what YAML does not allow raw, so no value can be read as a number,
//! a boolean, a comment or a line break. A crate would bring a whole YAML
//! parser and emitter for these forty lines (and the best-known one,
//! serde_yaml, is no longer kept).

/// A YAML value; mappings keep their order.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Str(String),
    Bool(bool),
    Int(i64),
    Float(f64),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    pub fn str(text: impl Into<String>) -> Self {
        Yaml::Str(text.into())
    }

    /// A mapping from `(key, value)` pairs.
    pub fn map<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Yaml)>) -> Self {
        Yaml::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// The document `value`, ending with a line break.
pub fn to_string(value: &Yaml) -> String {
    let mut out = String::new();
    write(&mut out, value, 0);
    out
}

fn write(out: &mut String, value: &Yaml, indent: usize) {
    let pad = " ".repeat(indent);
    match value {
        Yaml::Map(pairs) => {
            for (key, value) in pairs {
                out.push_str(&pad);
                out.push_str(&key_text(key));
                out.push(':');
                nested(out, value, indent);
            }
        }
        Yaml::List(items) => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                match item {
                    // The mapping's first key on the dash's line.
                    Yaml::Map(pairs) if !pairs.is_empty() => {
                        let mut inner = String::new();
                        write(&mut inner, item, indent + 2);
                        out.push(' ');
                        out.push_str(&inner[indent + 2..]);
                    }
                    _ => nested(out, item, indent),
                }
            }
        }
        scalar => {
            out.push_str(&pad);
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
}

/// The rest of a line after `key:` or `-`: a scalar or empty collection on
/// it, or a collection on the lines below.
fn nested(out: &mut String, value: &Yaml, indent: usize) {
    match value {
        Yaml::Map(pairs) if !pairs.is_empty() => {
            out.push('\n');
            write(out, value, indent + 2);
        }
        Yaml::List(items) if !items.is_empty() => {
            out.push('\n');
            write(out, value, indent + 2);
        }
        _ => {
            out.push(' ');
            out.push_str(&inline(value));
            out.push('\n');
        }
    }
}

fn inline(value: &Yaml) -> String {
    match value {
        Yaml::Str(text) => quoted(text),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Int(n) => n.to_string(),
        // `{:?}` keeps a decimal point (`1.0`), so YAML reads a float.
        Yaml::Float(f) if f.is_finite() => format!("{f:?}"),
        Yaml::Float(f) => quoted(&f.to_string()),
        Yaml::List(_) => "[]".into(),
        Yaml::Map(_) => "{}".into(),
    }
}

/// A key: plain when it is a lower-case word (all of the issue forms'
/// keys), quoted otherwise.
fn key_text(key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if plain { key.to_string() } else { quoted(key) }
}

/// `text` as a double-quoted scalar.
pub fn quoted(text: &str) -> String {
    let json = serde_json::Value::String(text.to_string()).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if printable(c) {
            out.push(c);
        } else if (c as u32) <= 0xFFFF {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push_str(&format!("\\U{:08X}", c as u32));
        }
    }
    out
}

/// Characters YAML lets a document hold as they are (YAML 1.1's printable
/// set without its line breaks NEL, LS and PS, the byte order mark and DEL).
fn printable(c: char) -> bool {
    matches!(c, '\t' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_block_style_with_quoted_strings() {
        let doc = Yaml::map([
            ("name", Yaml::str("A: b # c")),
            ("labels", Yaml::List(vec![Yaml::str("yes"), Yaml::str("1")])),
            ("empty", Yaml::List(vec![])),
            (
                "body",
                Yaml::List(vec![Yaml::map([
                    ("type", Yaml::str("input")),
                    ("validations", Yaml::map([("required", Yaml::Bool(true))])),
                ])]),
            ),
        ]);
        assert_eq!(
            to_string(&doc),
            "name: \"A: b # c\"\nlabels:\n  - \"yes\"\n  - \"1\"\nempty: []\n\
             body:\n  - type: \"input\"\n    validations:\n      required: true\n"
        );
    }

    #[test]
    fn escapes_what_yaml_does_not_allow_raw() {
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(
            quoted("\u{7f}\u{85}\u{2028}\u{feff}é😀"),
            "\"\\u007F\\u0085\\u2028\\uFEFFé😀\""
        );
    }
}
