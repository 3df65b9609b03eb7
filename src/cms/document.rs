//! `admin/config.yml`: the editor's configuration. The repository and
//! branch of `site.toml` as the backend, the editorial workflow, the media
//! folder, slugs as Calabash makes them, and one folder collection per
//! Calabash collection: its files in `content/<name>/`, TOML front matter
//! between `+++` lines, the common fields, the collection's own and the
//! Markdown body.

use crate::config::{CmsConfig, CollectionConfig, Config, ForgeKind};
use crate::core::schema::FieldType;
use crate::forms::yaml::Yaml;

use super::widgets::{Source, add_sentence, field};

/// The configuration of the editor, as a YAML document.
pub fn configuration(cms: &CmsConfig, source: &Source) -> Yaml {
    let config = source.config;
    let mut root = vec![("backend".to_string(), backend(cms, config))];
    let mut more = vec![
        ("publish_mode", Yaml::str(cms.publish_mode.clone())),
        // Decap's local backend (`npx decap-server`), used only when the
        // editor is opened on localhost: editing without a GitHub login.
        ("local_backend", Yaml::Bool(true)),
        ("site_url", Yaml::str(format!("{}/", config.base_url))),
        ("display_url", Yaml::str(format!("{}/", config.base_url))),
        ("media_folder", Yaml::str(cms.media_folder.clone())),
        ("public_folder", Yaml::str(cms.public_folder.clone())),
        (
            "slug",
            Yaml::map([
                ("encoding", Yaml::str("ascii")),
                ("clean_accents", Yaml::Bool(true)),
                ("sanitize_replacement", Yaml::str("-")),
            ]),
        ),
        // Sveltia CMS's setting; Decap leaves empty fields out through the
        // page's save handler (`page`).
        ("omit_empty_optional_fields", Yaml::Bool(true)),
        (
            "collections",
            Yaml::List(
                (config.collections.iter())
                    .map(|c| collection(c, source))
                    .collect(),
            ),
        ),
    ];
    root.extend(more.drain(..).map(|(k, v)| (k.to_string(), v)));
    Yaml::Map(root)
}

/// The repository the editor saves to: `owner/name` of `repository_url`,
/// with the address of the forge's API where it is not the public one.
fn backend(cms: &CmsConfig, config: &Config) -> Yaml {
    let Some(forge) = &config.forge else {
        return Yaml::map([("name", Yaml::str("github"))]);
    };
    let (origin, repo) = split_repository(&forge.repository);
    let (name, public, api) = match forge.kind {
        ForgeKind::GitHub => ("github", "https://github.com", "/api/v3"),
        ForgeKind::GitLab => ("gitlab", "https://gitlab.com", "/api/v4"),
        ForgeKind::Forgejo => ("forgejo", "", "/api/v1"),
        ForgeKind::Gitea => ("gitea", "", "/api/v1"),
    };
    let mut pairs = vec![
        ("name".to_string(), Yaml::str(name)),
        ("repo".to_string(), Yaml::str(repo)),
        ("branch".to_string(), Yaml::str(forge.branch.clone())),
    ];
    if origin != public {
        pairs.push(("api_root".into(), Yaml::str(format!("{origin}{api}"))));
    }
    if let Some(auth) = &cms.auth_url {
        pairs.push(("base_url".into(), Yaml::str(auth.clone())));
    }
    Yaml::Map(pairs)
}

/// `https://github.com/owner/hub` as its origin and `owner/hub`.
fn split_repository(repository: &str) -> (String, String) {
    let (scheme, rest) = repository
        .split_once("://")
        .unwrap_or(("https", repository));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    (format!("{scheme}://{host}"), path.to_string())
}

/// One folder collection.
fn collection(collection: &CollectionConfig, source: &Source) -> Yaml {
    let mut description = collection.description.clone();
    add_sentence(
        &mut description,
        "Translations (files named like name.es.md) are edited as files in the repository.",
    );
    let mut fields: Vec<Yaml> = (collection.fields.iter())
        .map(|(name, def)| {
            let mut field = field(name, def, collection, source);
            if name == "date" && def.kind == FieldType::Date {
                set(&mut field, "default", Yaml::str("{{now}}"));
            }
            if name == "lang" {
                field = language(field, source);
            }
            field
        })
        .collect();
    fields.push(body(collection));
    let path = collection.path.trim_start_matches('/');
    Yaml::map([
        ("name", Yaml::str(collection.name.clone())),
        ("label", Yaml::str(collection.title.clone())),
        ("label_singular", Yaml::str(collection.singular.clone())),
        ("description", Yaml::str(description)),
        ("folder", Yaml::str(format!("content/{}", collection.name))),
        ("extension", Yaml::str("md")),
        ("format", Yaml::str("toml-frontmatter")),
        ("create", Yaml::Bool(true)),
        ("slug", Yaml::str("{{slug}}")),
        ("identifier_field", Yaml::str("title")),
        ("summary", Yaml::str("{{title}}")),
        ("preview_path", Yaml::str(format!("{path}{{{{slug}}}}/"))),
        ("fields", Yaml::List(fields)),
    ])
}

/// `lang` as a select of the hub's languages.
fn language(field: Yaml, source: &Source) -> Yaml {
    let Yaml::Map(pairs) = field else {
        return field;
    };
    let options: Vec<Yaml> = (source.config.languages.iter())
        .map(|l| {
            Yaml::map([
                ("label", Yaml::str(l.name.clone())),
                ("value", Yaml::str(l.code.clone())),
            ])
        })
        .collect();
    let mut out = Vec::new();
    for (key, value) in pairs {
        if key == "widget" {
            out.push((key, Yaml::str("select")));
            out.push(("options".into(), Yaml::List(options.clone())));
            out.push(("multiple".into(), Yaml::Bool(false)));
        } else {
            out.push((key, value));
        }
    }
    Yaml::Map(out)
}

/// Sets `key` of a field, replacing its value where it has one.
fn set(field: &mut Yaml, key: &str, value: Yaml) {
    if let Yaml::Map(pairs) = field {
        match pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value,
            None => pairs.push((key.to_string(), value)),
        }
    }
}

/// The Markdown body, starting with the collection's headings.
fn body(collection: &CollectionConfig) -> Yaml {
    let mut pairs = vec![
        ("name", Yaml::str("body")),
        ("label", Yaml::str("Text")),
        ("widget", Yaml::str("markdown")),
        ("required", Yaml::Bool(false)),
    ];
    if !collection.outline.is_empty() {
        let headings: Vec<String> = (collection.outline.iter())
            .map(|s| format!("## {}\n\n", s.heading))
            .collect();
        pairs.push(("default", Yaml::str(headings.concat().trim_end())));
        let hints: Vec<String> = (collection.outline.iter())
            .filter_map(|s| Some(format!("{}: {}", s.heading, s.hint.as_deref()?)))
            .collect();
        if !hints.is_empty() {
            pairs.push(("hint", Yaml::str(hints.join(". "))));
        }
    }
    Yaml::map(pairs)
}
