//! Building blocks of template values.

use indexmap::IndexMap;
use tera::Value as TeraValue;

/// Builds a template map from `(key, value)` pairs, keeping their order.
pub fn object<const N: usize>(pairs: [(&'static str, TeraValue); N]) -> TeraValue {
    let map: IndexMap<&'static str, TeraValue> = pairs.into_iter().collect();
    TeraValue::from(map)
}

pub fn text(s: &str) -> TeraValue {
    TeraValue::from(s)
}
