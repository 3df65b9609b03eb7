//! Template values of taxonomies and their terms: the `taxonomy` and
//! `term` variables of the taxonomy index and term pages.

use tera::Value as TeraValue;

use super::renderer::Renderer;
use super::values::{object, text};
use crate::load::taxonomy::{TaxonomyIndex, TermIndex};

/// The `taxonomy` variable of pages in `lang`, with its terms or not.
pub fn taxonomy_value(
    r: &Renderer<'_>,
    t: TaxonomyIndex,
    (with_terms, lang): (bool, &str),
) -> TeraValue {
    let site = r.site();
    let Some(taxonomy) = site.taxonomies.at(t) else {
        return TeraValue::none();
    };
    let terms: Vec<TeraValue> = if with_terms {
        site.taxonomies
            .terms_of(t)
            .map(|(n, _)| term_value(r, n, lang))
            .collect()
    } else {
        Vec::new()
    };
    object([
        ("name", text(taxonomy.name())),
        ("title", text(&taxonomy.config.title)),
        ("singular", text(&taxonomy.config.singular)),
        ("description", text(&taxonomy.config.description)),
        (
            "url",
            TeraValue::from(
                site.config
                    .url(&site.in_language(lang, &taxonomy.config.path)),
            ),
        ),
        ("terms", TeraValue::from(terms)),
    ])
}

/// The `term` variable of pages in `lang`: its label in that language.
pub fn term_value(r: &Renderer<'_>, n: TermIndex, lang: &str) -> TeraValue {
    let site = r.site();
    let Some((taxonomy, term)) = site.taxonomies.term_at(n) else {
        return TeraValue::none();
    };
    let link =
        |id: &str| {
            taxonomy.term(id).map_or(TeraValue::none(), |other| {
                object([
                    ("id", text(&other.id)),
                    ("label", text(other.label_in(lang))),
                    (
                        "url",
                        TeraValue::from(site.config.url(&site.in_language(
                            lang,
                            &format!("{}{}/", taxonomy.config.path, other.slug),
                        ))),
                    ),
                ])
            })
        };
    let count = r
        .view(lang)
        .tagged
        .get(&(taxonomy.name().to_string(), term.id.clone()))
        .map_or(0, Vec::len);
    object([
        ("taxonomy", text(taxonomy.name())),
        ("id", text(&term.id)),
        ("label", text(term.label_in(lang))),
        ("description", text(&term.description)),
        (
            "url",
            TeraValue::from(
                site.config.url(
                    &site.in_language(lang, &format!("{}{}/", taxonomy.config.path, term.slug)),
                ),
            ),
        ),
        ("count", TeraValue::from(count)),
        (
            "parent",
            term.parent.as_deref().map_or(TeraValue::none(), link),
        ),
        (
            "children",
            TeraValue::from(
                taxonomy
                    .children(&term.id)
                    .map(|c| link(&c.id))
                    .collect::<Vec<_>>(),
            ),
        ),
        ("groups", TeraValue::from(term.groups.clone())),
    ])
}
