//! Controlled vocabularies: `content/_taxonomies/<name>.toml`, one per
//! taxonomy declared in `site.toml`, each a list of terms with optional
//! broader terms (`parent`).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::config::{Config, TaxonomyConfig};
use crate::core::diagnostics::{Diagnostic, did_you_mean};
use crate::core::slug::slugify;

pub const TAXONOMY_DIR: &str = "content/_taxonomies";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsFile {
    #[serde(default)]
    terms: Vec<Spanned<TermFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    description: String,
    parent: Option<Spanned<String>>,
    #[serde(default)]
    groups: Vec<String>,
    /// The label in each other language the hub publishes (`labels.es = "..."`).
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub id: String,
    /// URL segment: the id made URL-safe (`JM` becomes `jm`).
    pub slug: String,
    pub label: String,
    pub description: String,
    pub parent: Option<String>,
    pub groups: Vec<String>,
    /// The label in other languages, by language code.
    pub labels: BTreeMap<String, String>,
    /// Where the term's table is in its file.
    pub span: Range<usize>,
}

impl Term {
    /// The label pages in `lang` show: the label in that language, else the default.
    pub fn label_in(&self, lang: &str) -> &str {
        self.labels.get(lang).unwrap_or(&self.label)
    }
}

#[derive(Clone)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    pub terms: Vec<Term>,
    /// Each term's place in `terms`, by id.
    index: HashMap<Arc<str>, usize>,
    /// The name, shared by every term value of the taxonomy.
    shared_name: Arc<str>,
}

/// Without the index, which says nothing `terms` does not and whose order
/// changes from one run to the next: builds compare what they print.
impl std::fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Taxonomy")
            .field("config", &self.config)
            .field("terms", &self.terms)
            .finish_non_exhaustive()
    }
}

impl Taxonomy {
    pub fn name(&self) -> &str {
        &self.config.name
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.index.get(id).map(|&i| &self.terms[i])
    }

    /// The taxonomy's name and a term's id as a field's value holds them:
    /// shared, one copy each however many entries name the term.
    pub fn shared_term(&self, id: &str) -> Option<(Arc<str>, Arc<str>)> {
        let (id, _) = self.index.get_key_value(id)?;
        Some((Arc::clone(&self.shared_name), Arc::clone(id)))
    }

    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms
            .iter()
            .filter(move |t| t.parent.as_deref() == Some(id))
    }

    /// The hint for an unknown term: a near spelling, or where the list lives.
    pub fn unknown_term_hint(&self, id: &str) -> String {
        if let Some(term) = self.terms.iter().find(|t| t.id.eq_ignore_ascii_case(id)) {
            return format!("did you mean `{}`? term ids are case-sensitive", term.id);
        }
        let by_label = self.terms.iter().find(|t| t.label.eq_ignore_ascii_case(id));
        if let Some(term) = by_label {
            return format!(
                "did you mean `{}`? use the term's id, not its label",
                term.id
            );
        }
        did_you_mean(id, self.terms.iter().map(|t| t.id.as_str())).unwrap_or_else(|| {
            format!(
                "use a term listed in {TAXONOMY_DIR}/{}.toml, or add one there",
                self.name()
            )
        })
    }
}

/// All vocabularies of the site, in `site.toml` order.
#[derive(Debug, Clone, Default)]
pub struct Taxonomies(pub Vec<Taxonomy>);

/// A taxonomy's place in `Taxonomies`: a type of its own, so that it is
/// never taken for a term's, an entry's or a page number.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaxonomyIndex(usize);

/// A term's place among its taxonomy's `terms`, with that taxonomy's: the
/// one cannot be read without the other.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermIndex {
    pub taxonomy: TaxonomyIndex,
    term: usize,
}

impl Taxonomies {
    /// Every taxonomy with its index.
    pub fn indexed(&self) -> impl Iterator<Item = (TaxonomyIndex, &Taxonomy)> {
        self.0
            .iter()
            .enumerate()
            .map(|(t, taxonomy)| (TaxonomyIndex(t), taxonomy))
    }

    /// Every term of a taxonomy with its index.
    pub fn terms_of(&self, t: TaxonomyIndex) -> impl Iterator<Item = (TermIndex, &Term)> {
        let terms = self.0.get(t.0).map_or(&[][..], |taxonomy| &taxonomy.terms);
        terms.iter().enumerate().map(move |(term, found)| {
            let index = TermIndex { taxonomy: t, term };
            (index, found)
        })
    }

    pub fn at(&self, t: TaxonomyIndex) -> Option<&Taxonomy> {
        self.0.get(t.0)
    }

    /// A term and its taxonomy.
    pub fn term_at(&self, n: TermIndex) -> Option<(&Taxonomy, &Term)> {
        let taxonomy = self.at(n.taxonomy)?;
        Some((taxonomy, taxonomy.terms.get(n.term)?))
    }

    pub fn get(&self, name: &str) -> Option<&Taxonomy> {
        self.0.iter().find(|t| t.name() == name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Taxonomy> {
        self.0.iter()
    }

    /// A term's label, or its id when the term is unknown.
    pub fn label<'a>(&'a self, taxonomy: &str, id: &'a str) -> &'a str {
        self.get(taxonomy)
            .and_then(|t| t.term(id))
            .map_or(id, |t| t.label.as_str())
    }
}

/// Loads every declared taxonomy's terms. Problems are collected, not fatal,
/// so that one run reports everything.
pub fn load(root: &Path, config: &Config, problems: &mut Vec<Diagnostic>) -> Taxonomies {
    let fence = crate::core::paths::Fence::new(root, &[]);
    read_with(config, problems, |rel, problems| {
        // A vocabulary never comes from outside the site, through a link.
        match fence.check_file(rel) {
            Some(problem) => {
                problems.push(problem);
                Ok(String::new())
            }
            None => std::fs::read_to_string(root.join(rel)),
        }
    })
}

/// Every declared taxonomy's terms, each vocabulary file's text given by
/// `read` (from the site's folder, or from files not yet written).
pub fn read_with(
    config: &Config,
    problems: &mut Vec<Diagnostic>,
    read: impl Fn(&str, &mut Vec<Diagnostic>) -> std::io::Result<String>,
) -> Taxonomies {
    let taxonomies = config
        .taxonomies
        .iter()
        .map(|tc| {
            let rel = format!("{TAXONOMY_DIR}/{}.toml", tc.name);
            let terms = match read(&rel, problems) {
                Ok(text) => {
                    let terms = parse_terms(&rel, &text, problems);
                    if config.is_multilingual() {
                        problems.extend(label_warnings(&rel, &text, &terms, config));
                    }
                    terms
                }
                Err(err) => {
                    problems.push(
                        Diagnostic::error(&rel, format!("cannot read the terms of taxonomy `{}`: {err}", tc.name))
                            .hint("create the file with [[terms]] tables (id, label), or remove the taxonomy from site.toml"),
                    );
                    Vec::new()
                }
            };
            let index = (terms.iter().enumerate())
                .map(|(i, t)| (Arc::from(t.id.as_str()), i))
                .collect();
            let shared_name = Arc::from(tc.name.as_str());
            Taxonomy {
                config: tc.clone(),
                terms,
                index,
                shared_name,
            }
        })
        .collect();
    Taxonomies(taxonomies)
}

/// A warning for each term without a label in a language the hub
/// publishes (its pages show the default label), and for each label in a
/// language it does not.
fn label_warnings(rel: &str, text: &str, terms: &[Term], config: &Config) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for term in terms {
        let id = &term.id;
        for language in config.languages.iter().skip(1) {
            let code = &language.code;
            if !term.labels.contains_key(code) {
                warnings.push(
                    Diagnostic::warning(rel, format!("term `{id}` has no label in `{code}` ({}): its pages in that language show \"{}\"", language.name, term.label))
                        .at(text, term.span.clone())
                        .hint(format!("add `labels.{code} = \"...\"` to the term, its label in that language")),
                );
            }
        }
        for code in term.labels.keys() {
            if config.language_named(code).is_none() || *code == config.language {
                warnings.push(
                    Diagnostic::warning(rel, format!("term `{id}` has a label in `{code}`, which is not one of the hub's other languages"))
                        .at(text, term.span.clone())
                        .hint("remove the label, or add the language to site.toml as [languages.<code>]; the default language's label is `label`"),
                );
            }
        }
    }
    warnings
}

/// The terms of one vocabulary file's text; problems go to `problems`.
pub fn parse_terms(rel: &str, text: &str, problems: &mut Vec<Diagnostic>) -> Vec<Term> {
    let file: TermsFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(err) => {
            let mut d = Diagnostic::error(
                rel,
                err.message()
                    .lines()
                    .next()
                    .unwrap_or("invalid TOML")
                    .to_string(),
            );
            if let Some(span) = err.span() {
                d = d.at(text, span);
            }
            problems.push(d.hint("each term is a [[terms]] table with id, label and optionally description, parent, groups"));
            return Vec::new();
        }
    };
    problems.extend(crate::core::toml_characters::check_file(rel, text));
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut slugs: HashMap<String, String> = HashMap::new();
    let mut terms = Vec::with_capacity(file.terms.len());
    for spanned in file.terms {
        let span = spanned.span();
        let term = spanned.into_inner();
        let id = term.id.get_ref().clone();
        let slug = slugify(&id);
        if id.trim().is_empty() || slug.is_empty() {
            problems.push(Diagnostic::error(rel, "term id is empty").at(text, term.id.span()));
            continue;
        }
        if seen.insert(id.clone(), ()).is_some() {
            problems.push(
                Diagnostic::error(rel, format!("term `{id}` is listed twice"))
                    .at(text, term.id.span())
                    .hint("remove or rename one of them"),
            );
            continue;
        }
        // Segments that differ only in case or Unicode form (`ﬁle`, `file`)
        // are one folder on macOS and Windows.
        if let Some(other) = slugs.insert(crate::core::paths::collision_key(&slug), id.clone()) {
            problems.push(
                Diagnostic::error(
                    rel,
                    format!("terms `{other}` and `{id}` would share the URL segment `{slug}`"),
                )
                .at(text, term.id.span())
                .hint("term ids must differ by more than case, accents or punctuation"),
            );
            continue;
        }
        if let Some(parent) = &term.parent
            && !seen.contains_key(parent.get_ref())
        {
            let hint = did_you_mean(parent.get_ref(), seen.keys().map(String::as_str))
                .unwrap_or_else(|| "list the broader term before its narrower terms".into());
            problems.push(
                Diagnostic::error(
                    rel,
                    format!(
                        "parent `{}` of term `{id}` is not a term listed above it",
                        parent.get_ref()
                    ),
                )
                .at(text, parent.span())
                .hint(hint),
            );
        }
        terms.push(Term {
            id,
            slug,
            label: term.label,
            description: term.description,
            parent: term.parent.map(Spanned::into_inner),
            groups: term.groups,
            labels: term.labels,
            span,
        });
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_terms_and_reports_bad_parents_and_duplicates() {
        let text = "[[terms]]\nid = \"quality\"\nlabel = \"Quality\"\n\n[[terms]]\nid = \"assessment\"\nlabel = \"Assessment\"\nparent = \"qualty\"\n\n[[terms]]\nid = \"quality\"\nlabel = \"Again\"\n";
        let mut problems = Vec::new();
        let terms = parse_terms("t.toml", text, &mut problems);
        assert_eq!(terms.len(), 2);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, 8);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `quality`?"));
        assert_eq!(problems[1].line, 11);
    }
}
