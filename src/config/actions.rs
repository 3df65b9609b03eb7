//! `[actions]` of `site.toml`: where each thing a member does (join, send a
//! query, contact the team or an expert, take part in a discussion, propose
//! an entry) leads. Each is a web or `mailto:` address, a path of the site,
//! or an issue form of the hub's repository; the theme shows an action only
//! where the hub set it.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::forge::Forge;
use super::model::{Action, ActionKind, Actions, CollectionConfig};
use super::spans::SiteSpans;
use crate::core::diagnostics::{Diagnostic, did_you_mean};

/// `[actions]` as written; unknown keys are errors with a suggestion.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ActionsFile {
    join: Option<Spanned<toml::Value>>,
    send_query: Option<Spanned<toml::Value>>,
    contact_team: Option<Spanned<toml::Value>>,
    contact_expert: Option<Spanned<toml::Value>>,
    join_discussion: Option<Spanned<toml::Value>>,
    /// Per collection: where a member proposes an entry of it.
    #[serde(default)]
    propose: IndexMap<String, Spanned<toml::Value>>,
}

/// The schemes an action's address may use: anything else (`javascript:`,
/// `data:`, `file:`) could run or reach what a reader never asked for.
const SCHEMES: [&str; 3] = ["https", "http", "mailto"];

/// Resolves every action, reporting each mistake at its value.
pub(super) fn resolve(
    file: ActionsFile,
    forge: Option<&Forge>,
    collections: &[CollectionConfig],
    base_path: &str,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Actions {
    let mut one = |key: &str, value: Option<Spanned<toml::Value>>| {
        let value = value?;
        let path = ["actions", key];
        action(value.get_ref(), forge, base_path, spans.value(&path), spans)
            .map_err(|d| problems.push(d))
            .ok()
    };
    let mut actions = Actions {
        join: one("join", file.join),
        send_query: one("send_query", file.send_query),
        contact_team: one("contact_team", file.contact_team),
        contact_expert: one("contact_expert", file.contact_expert),
        join_discussion: one("join_discussion", file.join_discussion),
        propose: IndexMap::new(),
    };
    let names: Vec<&str> = (collections.iter())
        .filter(|c| !c.is_pages())
        .map(|c| c.name.as_str())
        .collect();
    for (name, value) in file.propose {
        let path = ["actions", "propose", name.as_str()];
        if !names.contains(&name.as_str()) {
            let mut d = spans.error(
                spans.key(&path),
                format!("[actions.propose] names `{name}`, which is not a collection"),
            );
            d = d.hint(match did_you_mean(&name, names.iter().copied()) {
                Some(suggestion) => suggestion,
                None => format!("the collections are {}", names.join(", ")),
            });
            problems.push(d);
            continue;
        }
        match action(value.get_ref(), forge, base_path, spans.value(&path), spans) {
            Ok(resolved) => {
                actions.propose.insert(name, resolved);
            }
            Err(d) => problems.push(d),
        }
    }
    actions
}

/// One action's value: `"https://..."`, `"mailto:..."`, `"/join/"` or
/// `{ issue_form = "name" }`.
fn action(
    value: &toml::Value,
    forge: Option<&Forge>,
    base_path: &str,
    at: Option<std::ops::Range<usize>>,
    spans: &SiteSpans<'_>,
) -> Result<Action, Diagnostic> {
    let shape_hint = "write an address in quotes (\"https://...\", \"mailto:...\" or a path of the site like \"/join/\"), or { issue_form = \"name\" } for an issue form of the repository";
    match value {
        toml::Value::String(url) => {
            web_action(url, base_path).map_err(|message| spans.error(at, message).hint(shape_hint))
        }
        toml::Value::Table(table) => {
            let name = match (table.get("issue_form"), table.len()) {
                (Some(toml::Value::String(name)), 1) => name,
                _ => {
                    return Err(spans
                        .error(
                            at,
                            "an action is an address or { issue_form = \"name\" }".into(),
                        )
                        .hint(shape_hint));
                }
            };
            issue_form_action(name, forge)
                .map_err(|(message, hint)| spans.error(at, message).hint(hint))
        }
        _ => Err(spans
            .error(
                at,
                "an action is an address or { issue_form = \"name\" }".into(),
            )
            .hint(shape_hint)),
    }
}

/// An address of the web, of e-mail, or of the site itself.
fn web_action(url: &str, base_path: &str) -> Result<Action, String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "the address {url:?} holds a space or a control character"
        ));
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok(Action {
            url: format!("{base_path}{url}"),
            kind: ActionKind::Page,
        });
    }
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("mailto") if url.len() > "mailto:".len() => Ok(Action {
            url: url.to_string(),
            kind: ActionKind::Email,
        }),
        Some("http" | "https") if has_host(url) => Ok(Action {
            url: url.to_string(),
            kind: ActionKind::Web,
        }),
        Some(scheme) if !SCHEMES.contains(&scheme) => Err(format!(
            "`{scheme}:` addresses are not allowed for actions: only https, http and mailto"
        )),
        _ => Err(format!("`{url}` is not a whole address")),
    }
}

fn has_host(url: &str) -> bool {
    url.split_once("://").is_some_and(|(_, rest)| {
        rest.split(['/', '?', '#'])
            .next()
            .is_some_and(|h| !h.is_empty())
    })
}

/// An issue form of the hub's repository, by its file's name.
fn issue_form_action(name: &str, forge: Option<&Forge>) -> Result<Action, (String, String)> {
    let fine = !name.is_empty()
        && (name.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !fine {
        return Err((
            format!("`{name}` is not the name of an issue form"),
            "give the form's file name without .yml: letters, digits, - and _, like \"replies\""
                .into(),
        ));
    }
    let Some(forge) = forge else {
        return Err((
            format!("the issue form `{name}` needs the hub's repository_url"),
            "set repository_url = \"https://github.com/owner/hub\" at the top of site.toml, or give the action an address".into(),
        ));
    };
    match forge.issue_form_url(name) {
        Some(url) => Ok(Action {
            url,
            kind: ActionKind::IssueForm,
        }),
        None => Err((
            format!(
                "{} has no issue forms, so `{name}` cannot be opened",
                forge.kind.title()
            ),
            "give the action an address (a form elsewhere or a mailto:) instead".into(),
        )),
    }
}
