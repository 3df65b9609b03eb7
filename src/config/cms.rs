//! `[cms]` of `site.toml`: the browser editor at `/admin/` (Decap CMS),
//! whether `build` writes it, where its script comes from (a pinned URL
//! with its integrity hash, or a file of the site's repository copied at
//! build time), where uploaded files go and how changes are saved.

use serde::Deserialize;
use toml::Spanned;

use super::forge::Forge;
use super::model::{CmsConfig, CmsScript, DEFAULT_INTEGRITY, DEFAULT_SCRIPT};
use super::spans::SiteSpans;
use crate::core::diagnostics::Diagnostic;

/// `[cms]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CmsFile {
    #[serde(default)]
    build: bool,
    script: Option<Spanned<String>>,
    integrity: Option<Spanned<String>>,
    media_folder: Option<Spanned<String>>,
    publish_mode: Option<Spanned<String>>,
    auth_url: Option<Spanned<String>>,
}

const PUBLISH_MODES: [&str; 2] = ["editorial_workflow", "simple"];

/// Resolves `[cms]`, reporting each mistake at its value.
pub(super) fn resolve(
    file: Option<CmsFile>,
    forge: Option<&Forge>,
    spans: &SiteSpans<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<CmsConfig> {
    let file = file?;
    let mut problem = |path: &[&str], message: String, hint: &str| {
        let at = spans.value(path).or_else(|| spans.key(&["cms"]));
        problems.push(spans.error(at, message).hint(hint));
    };
    if forge.is_none() {
        problem(
            &["cms"],
            "[cms] is set but the editor has no repository to save to".into(),
            "set repository_url = \"https://github.com/owner/hub\" (and branch) at the top of site.toml",
        );
    }
    let script = script(&file, spans, &mut problem);
    let media_folder = file
        .media_folder
        .map_or_else(|| "static/uploads".to_string(), Spanned::into_inner);
    let public = media_folder.strip_prefix("static/").unwrap_or_default();
    if !crate::core::paths::is_plain_relative(public) || public.contains(['{', '}', '"']) {
        problem(
            &["cms", "media_folder"],
            format!("media_folder `{media_folder}` is not a folder under static/"),
            "name a folder of static/, like \"static/uploads\": files there are published at /uploads/",
        );
    }
    let publish_mode = file
        .publish_mode
        .map_or_else(|| PUBLISH_MODES[0].to_string(), Spanned::into_inner);
    if !PUBLISH_MODES.contains(&publish_mode.as_str()) {
        problem(
            &["cms", "publish_mode"],
            format!("publish_mode `{publish_mode}` is not one the editor knows"),
            "use \"editorial_workflow\" (each change becomes a pull request) or \"simple\" (changes are committed to the branch)",
        );
    }
    let auth_url = file.auth_url.map(Spanned::into_inner);
    if let Some(url) = auth_url.as_deref().filter(|u| !is_https(u)) {
        problem(
            &["cms", "auth_url"],
            format!("auth_url `{url}` is not an https:// address"),
            "write the address of the OAuth service editors log in through, like \"https://auth.example.org\"",
        );
    }
    Some(CmsConfig {
        build: file.build,
        script,
        public_folder: format!("/{public}"),
        media_folder,
        publish_mode,
        auth_url,
    })
}

/// Where the editor's script comes from.
fn script(
    file: &CmsFile,
    spans: &SiteSpans<'_>,
    problem: &mut impl FnMut(&[&str], String, &str),
) -> CmsScript {
    let integrity = file.integrity.as_ref().map(|i| i.get_ref().clone());
    if let Some(written) = integrity.as_deref().filter(|i| !is_integrity(i)) {
        problem(
            &["cms", "integrity"],
            format!("integrity `{written}` is not a subresource integrity hash"),
            "write the script's hash as \"sha384-\" followed by its base64, like `openssl dgst -sha384 -binary decap-cms.js | openssl base64 -A` prints",
        );
    }
    let Some(script) = &file.script else {
        if integrity.is_some() {
            problem(
                &["cms", "integrity"],
                "integrity is set but script is not".into(),
                "remove integrity: the built-in script has its own; or set script to the address it is the hash of",
            );
        }
        return CmsScript::Remote {
            url: DEFAULT_SCRIPT.into(),
            integrity: DEFAULT_INTEGRITY.into(),
        };
    };
    let written = script.get_ref().clone();
    if written.starts_with("https://") || written.starts_with("http://") {
        if !is_https(&written) {
            problem(
                &["cms", "script"],
                format!("script `{written}` is not an https:// address"),
                "load the editor over https://, or name a file of the site's repository like \"node_modules/decap-cms/dist/decap-cms.js\"",
            );
        }
        if integrity.is_none() {
            problem(
                &["cms", "script"],
                format!("script `{written}` has no integrity hash"),
                "add integrity = \"sha384-...\", the hash of the file at that address, so that a changed file is refused",
            );
        }
        return CmsScript::Remote {
            url: written,
            integrity: integrity.unwrap_or_default(),
        };
    }
    if !crate::core::paths::is_plain_relative(&written) || !written.ends_with(".js") {
        problem(
            &["cms", "script"],
            format!("script `{written}` is neither an https:// address nor a .js file of the site"),
            "name the script's file from the site's folder, like \"node_modules/decap-cms/dist/decap-cms.js\", or give its https:// address",
        );
    }
    if integrity.is_some() {
        problem(
            &["cms", "integrity"],
            "integrity is only for a script loaded from another site".into(),
            "remove integrity: a file of the site is copied into /admin/ as it is",
        );
    }
    // Where the setting is written, for the error of a missing file at
    // build time, when site.toml's text is gone.
    let at = spans.error(spans.value(&["cms", "script"]), String::new());
    CmsScript::Local {
        path: written,
        line: at.line,
        column: at.column,
    }
}

fn is_https(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '"')
    })
}

/// `sha256-`, `sha384-` or `sha512-` and a base64 digest.
fn is_integrity(text: &str) -> bool {
    let Some((algorithm, digest)) = text.split_once('-') else {
        return false;
    };
    ["sha256", "sha384", "sha512"].contains(&algorithm)
        && !digest.is_empty()
        && (digest.bytes()).all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}
