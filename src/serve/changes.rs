//! Sorts the files a watcher reports into what a rebuild must redo: the
//! settings and vocabularies (everything), entries, templates, static files.

use std::collections::BTreeSet;

/// What happened to the site's content and settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Nothing,
    /// Only templates changed: the site in memory still holds.
    Templates,
    /// These entry files changed; if only their bodies did, the site in
    /// memory can be patched instead of loaded again.
    Bodies(Vec<String>),
    /// Entries were added, removed or renamed: load the site again.
    Entries,
    /// `site.toml` or a vocabulary changed, or the watcher lost track:
    /// load and render everything.
    Everything,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub site: Change,
    pub templates: bool,
    pub statics: bool,
}

/// Classifies changed paths (relative to the site root, `/`-separated).
/// `everything` when the watcher lost track or the last rebuild failed.
pub fn classify(paths: &BTreeSet<String>, everything: bool, theme: &str) -> Classified {
    let mut classified = Classified {
        site: Change::Nothing,
        templates: everything,
        statics: everything,
    };
    if everything {
        classified.site = Change::Everything;
        return classified;
    }
    let theme_dir = format!("themes/{theme}");
    let mut bodies = Vec::new();
    let mut entries = false;
    for path in paths {
        let under = |folder: &str| path == folder || path.starts_with(&format!("{folder}/"));
        if path == crate::config::CONFIG_FILE || under("content/_taxonomies") {
            classified.site = Change::Everything;
            classified.templates = true;
            classified.statics = true;
            return classified;
        } else if under("content") {
            if path.ends_with(".md") {
                bodies.push(path.clone());
            } else {
                entries = true;
            }
        } else if path == "themes" || path == &theme_dir {
            classified.templates = true;
            classified.statics = true;
        } else if under("templates")
            || under(&format!("{theme_dir}/templates"))
            || under(crate::theme::i18n::I18N_DIR)
            || under(&format!("{theme_dir}/{}", crate::theme::i18n::I18N_DIR))
        {
            classified.templates = true;
        } else if under("static") || under(&format!("{theme_dir}/static")) {
            classified.statics = true;
        }
    }
    classified.site = if entries {
        Change::Entries
    } else if !bodies.is_empty() {
        Change::Bodies(bodies)
    } else if classified.templates {
        Change::Templates
    } else {
        Change::Nothing
    };
    classified
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(paths: &[&str]) -> Classified {
        let paths = paths.iter().map(|p| p.to_string()).collect();
        classify(&paths, false, "hub")
    }

    #[test]
    fn sorts_paths_by_what_they_need() {
        assert_eq!(of(&["site.toml"]).site, Change::Everything);
        assert_eq!(
            of(&["content/_taxonomies/topics.toml"]).site,
            Change::Everything
        );
        assert_eq!(
            of(&["content/library/a.md"]).site,
            Change::Bodies(vec!["content/library/a.md".into()])
        );
        assert_eq!(of(&["content/library"]).site, Change::Entries);
        for words in ["i18n/es.toml", "themes/hub/i18n/en.toml"] {
            assert!(of(&[words]).templates, "{words}");
            assert_eq!(of(&[words]).site, Change::Templates, "{words}");
        }
        let template = of(&["themes/hub/templates/entry.html"]);
        assert_eq!(
            (template.site, template.statics),
            (Change::Templates, false)
        );
        let css = of(&["themes/hub/static/style.css"]);
        assert_eq!(
            (css.site, css.templates, css.statics),
            (Change::Nothing, false, true)
        );
        assert_eq!(
            of(&["README.md", "themes/other/templates/x.html"]).site,
            Change::Nothing
        );
        assert_eq!(
            classify(&BTreeSet::new(), true, "hub").site,
            Change::Everything
        );
    }
}
