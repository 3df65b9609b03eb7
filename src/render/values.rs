//! Building blocks of template values.

use indexmap::IndexMap;
use tera::Value as T;

/// Builds a template map from `(key, value)` pairs, keeping their order.
pub fn object<const N: usize>(pairs: [(&'static str, T); N]) -> T {
    let map: IndexMap<&'static str, T> = pairs.into_iter().collect();
    T::from(map)
}

pub fn text(s: &str) -> T {
    T::from(s)
}
