//! The hub's repository as `site.toml` names it: `repository_url`, `branch`
//! and the optional `[forge]` table (which forge, and patterns of its edit
//! and new-file pages for a self-hosted one), resolved into a `Forge`.

use serde::Deserialize;

use super::forge::{Forge, ForgeKind, PLACEHOLDERS, placeholders};
use super::spans::SiteSpans;
use crate::core::diagnostics::{Diagnostic, did_you_mean};

/// `[forge]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ForgeFile {
    kind: Option<String>,
    edit_url: Option<String>,
    new_url: Option<String>,
}

/// The forge of `repository_url`; none without a repository.
pub(super) fn resolve(
    repository_url: &str,
    branch: &str,
    file: Option<ForgeFile>,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Forge> {
    let repository = repository_url.trim_end_matches('/');
    if repository.is_empty() {
        if file.is_some() {
            problems.push(
                spans
                    .error(spans.key(&["forge"]), "[forge] is set but repository_url is not".into())
                    .hint("set repository_url = \"https://...\" at the top of site.toml, or remove [forge]"),
            );
        }
        return None;
    }
    let file = file.unwrap_or_default();
    let at_url = spans.value(&["repository_url"]);
    let host = match repository.split_once("://") {
        Some(("http" | "https", rest)) => rest.split(['/', '?', '#']).next().unwrap_or_default(),
        _ => "",
    };
    if host.is_empty() {
        problems.push(
            spans
                .error(
                    at_url,
                    format!("repository_url `{repository}` is not an http(s) address"),
                )
                .hint("write the repository's page, like \"https://github.com/owner/hub\""),
        );
        return None;
    }
    let kind = match &file.kind {
        Some(name) => match ForgeKind::from_name(name) {
            Some(kind) => kind,
            None => {
                let mut d = spans.error(
                    spans.value(&["forge", "kind"]),
                    format!("`{name}` is not a forge Calabash knows"),
                );
                d = d.hint(
                    did_you_mean(name, ForgeKind::NAMES)
                        .unwrap_or_else(|| format!("use one of {}", ForgeKind::NAMES.join(", "))),
                );
                problems.push(d);
                return None;
            }
        },
        None => match ForgeKind::of_host(host) {
            Some(kind) => kind,
            None => {
                problems.push(
                    spans
                        .error(at_url, format!("cannot tell which forge hosts {host}"))
                        .hint("add [forge] with kind = \"github\", \"gitlab\", \"forgejo\" or \"gitea\""),
                );
                return None;
            }
        },
    };
    let edit_pattern = pattern(
        file.edit_url,
        kind.edit_pattern(),
        "edit_url",
        &["path"],
        spans,
        problems,
    );
    let new_pattern = pattern(
        file.new_url,
        kind.new_pattern(),
        "new_url",
        &["value", "filename"],
        spans,
        problems,
    );
    Some(Forge {
        kind,
        repository: repository.to_string(),
        branch: branch.to_string(),
        edit_pattern,
        new_pattern,
    })
}

/// A pattern of `[forge]`, or the forge's own when none is written.
fn pattern(
    written: Option<String>,
    default: &str,
    key: &str,
    needs: &[&str],
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let Some(written) = written else {
        return default.to_string();
    };
    let at = spans.value(&["forge", key]);
    let mut problem = |message: String, hint: String| {
        problems.push(spans.error(at.clone(), message).hint(hint));
    };
    let names = placeholders(&written);
    if let Some(unknown) = names.iter().find(|n| !PLACEHOLDERS.contains(n)) {
        let hint = did_you_mean(unknown, PLACEHOLDERS)
            .unwrap_or_else(|| format!("the placeholders are {{{}}}", PLACEHOLDERS.join("}, {")));
        problem(
            format!("{key} has an unknown placeholder {{{unknown}}}"),
            hint,
        );
    }
    for need in needs {
        if !names.contains(need) {
            problem(
                format!("{key} has no {{{need}}}"),
                format!("for example \"{default}\""),
            );
        }
    }
    let absolute = written.starts_with("{repository}")
        || written.starts_with("https://")
        || written.starts_with("http://");
    if !absolute {
        problem(
            format!("{key} must start with {{repository}} or https://"),
            format!("for example \"{default}\""),
        );
    }
    written
}
