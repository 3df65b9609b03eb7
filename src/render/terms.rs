//! Template values of taxonomies and their terms: the `taxonomy` and
//! `term` variables of the taxonomy index and term pages.

use tera::Value as T;

use super::renderer::Renderer;
use super::values::{object, text};

pub fn taxonomy_value(r: &Renderer<'_>, t: usize, with_terms: bool) -> T {
    let site = r.site();
    let taxonomy = &site.taxonomies.0[t];
    let terms: Vec<T> = if with_terms {
        (0..taxonomy.terms.len())
            .map(|n| term_value(r, t, n))
            .collect()
    } else {
        Vec::new()
    };
    object([
        ("name", text(taxonomy.name())),
        ("title", text(&taxonomy.config.title)),
        ("singular", text(&taxonomy.config.singular)),
        ("description", text(&taxonomy.config.description)),
        ("url", T::from(site.config.url(&taxonomy.config.path))),
        ("terms", T::from(terms)),
    ])
}

pub fn term_value(r: &Renderer<'_>, t: usize, n: usize) -> T {
    let site = r.site();
    let taxonomy = &site.taxonomies.0[t];
    let term = &taxonomy.terms[n];
    let link = |id: &str| {
        taxonomy.term(id).map_or(T::none(), |other| {
            object([
                ("id", text(&other.id)),
                ("label", text(&other.label)),
                (
                    "url",
                    T::from(
                        site.config
                            .url(&format!("{}{}/", taxonomy.config.path, other.slug)),
                    ),
                ),
            ])
        })
    };
    let count = r
        .tagged
        .get(&(taxonomy.name().to_string(), term.id.clone()))
        .map_or(0, Vec::len);
    object([
        ("taxonomy", text(taxonomy.name())),
        ("id", text(&term.id)),
        ("label", text(&term.label)),
        ("description", text(&term.description)),
        (
            "url",
            T::from(
                site.config
                    .url(&format!("{}{}/", taxonomy.config.path, term.slug)),
            ),
        ),
        ("count", T::from(count)),
        ("parent", term.parent.as_deref().map_or(T::none(), link)),
        (
            "children",
            T::from(
                taxonomy
                    .children(&term.id)
                    .map(|c| link(&c.id))
                    .collect::<Vec<_>>(),
            ),
        ),
        ("groups", T::from(term.groups.clone())),
    ])
}
