//! Finds and loads the Tera templates: the site's own `templates/` folder
//! first, then the theme's folder, then the built-in theme's (when the site
//! uses it), then Calabash's built-in defaults for feeds, sitemap and
//! robots.txt. Registers the filters themes may use.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Kwargs, State, Tera};

use super::builtin_theme::{files_under, shown};
use super::i18n;
use super::missing::unknown_theme;
use crate::config::Config;
use crate::core::diagnostics::Diagnostic;
use crate::core::text::relative;

const BUILTIN: &[(&str, &str)] = &[
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("builtin/sitemap_index.xml"),
    ),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("__calabash/alias.html", include_str!("builtin/alias.html")),
];

/// Where each template came from (path shown in messages) and its text.
pub type TemplateOrigins = BTreeMap<String, (String, String)>;

/// Loads every template; problems name the template file.
pub fn load(root: &Path, config: &Config) -> Result<(Tera, TemplateOrigins), Vec<Diagnostic>> {
    let sources = sources(root, config)?;
    let mut tera = Tera::new();
    register_filters(&mut tera);
    let all = sources
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()));
    tera.add_raw_templates(all)
        .map_err(|err| template_errors(&err, &sources))?;
    Ok((tera, sources))
}

/// The templates' names, files and texts (built-in ones, then the built-in
/// theme's, then those of the theme's folder, then the site's over them),
/// unparsed: which pages a site has depends on them even when one has a
/// mistake.
pub fn sources(root: &Path, config: &Config) -> Result<TemplateOrigins, Vec<Diagnostic>> {
    if let Some(problem) = unknown_theme(root, &config.theme) {
        return Err(vec![problem]);
    }
    let mut sources: BTreeMap<String, (String, String)> = BUILTIN
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                (format!("(built in) {name}"), text.to_string()),
            )
        })
        .collect();
    for (name, bytes) in files_under(&config.theme, "templates") {
        let shown = shown(&format!("templates/{name}"));
        let text = String::from_utf8_lossy(bytes).into_owned();
        sources.insert(name.to_string(), (shown, text));
    }
    let mut problems = Vec::new();
    for (dir, walked) in walk_templates(root, config) {
        for file in walked.entries {
            if !file.file_type().is_file() {
                continue;
            }
            let name = relative(&dir, file.path());
            let shown = relative(root, file.path());
            match std::fs::read_to_string(file.path()) {
                Ok(text) => {
                    sources.insert(name, (shown, text));
                }
                Err(err) => problems.push(Diagnostic::error(
                    shown,
                    format!("cannot read the template: {err}"),
                )),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(sources)
}

/// The theme's and the site's template folders, walked: symbolic links
/// out of the site are not followed.
fn walk_templates(
    root: &Path,
    config: &Config,
) -> Vec<(std::path::PathBuf, crate::core::paths::links::Walked)> {
    let fence = crate::core::paths::Fence::new(root, &[]);
    let theme_dir = root.join("themes").join(&config.theme).join("templates");
    [theme_dir, root.join("templates")]
        .into_iter()
        .filter(|dir| dir.is_dir())
        .map(|dir| {
            let walked = fence.walk(&dir, |item| {
                item.file_name().to_string_lossy().starts_with('.')
            });
            (dir, walked)
        })
        .collect()
}

/// One warning for each symbolic link among the templates that is not followed.
pub fn link_warnings(root: &Path, config: &Config) -> Vec<Diagnostic> {
    walk_templates(root, config)
        .into_iter()
        .flat_map(|(_, walked)| walked.warnings)
        .collect()
}

/// A Tera error as a diagnostic naming the template file, line and column.
pub fn template_error(err: &tera::Error, origins: &TemplateOrigins) -> Diagnostic {
    let hint = "fix the template; docs/templates.md lists the variables each page receives";
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
        err.kind()
        && let Some((shown, text)) = origins.get(report.filename())
    {
        let range = report.span().range.clone();
        let range = range.start.min(text.len())..range.end.min(text.len());
        return Diagnostic::error(shown, format!("template error: {}", report.message()))
            .at(text, range)
            .hint(hint);
    }
    if let Some(first) = located_reports(&err.to_string(), origins)
        .into_iter()
        .next()
    {
        return first.hint(hint);
    }
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    Diagnostic::error("templates", format!("template error: {}", message.trim())).hint(hint)
}

/// Every problem in a Tera error: several when Tera found several mistakes
/// while checking the templates (unknown filters, tests, functions...).
pub fn template_errors(err: &tera::Error, origins: &TemplateOrigins) -> Vec<Diagnostic> {
    let reports = located_reports(&err.to_string(), origins);
    if reports.len() > 1 {
        let hint = "fix the template; docs/templates.md lists the filters and variables it may use";
        return reports.into_iter().map(|d| d.hint(hint)).collect();
    }
    vec![template_error(err, origins)]
}

/// Tera reports some errors only as text: `error: <message>` followed by a
/// line `--> <template>:<line>:<column>`. Turns each into a diagnostic.
fn located_reports(text: &str, origins: &TemplateOrigins) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.trim());
            continue;
        }
        let Some(locus) = line.trim_start().strip_prefix("--> ") else {
            continue;
        };
        let Some(m) = message.take() else { continue };
        let mut parts = locus.rsplitn(3, ':');
        let (Some(column), Some(line_no), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(line_no), Ok(column)) = (line_no.parse::<usize>(), column.parse::<usize>()) else {
            continue;
        };
        let Some((shown, source)) = origins.get(name) else {
            continue;
        };
        let d = Diagnostic::error(shown, format!("template error: {m}"));
        let offset = source
            .split_inclusive('\n')
            .take(line_no.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let start = source[offset..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(source.len(), |(i, _)| offset + i);
        found.push(if line_no > 0 && offset < source.len() {
            d.at(source, start..start)
        } else {
            d.at_line(line_no, column)
        });
    }
    found
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("date", i18n::filters::date);
    tera.register_filter("fill", i18n::filters::fill);
    tera.register_filter("plural", i18n::filters::plural);
    tera.register_filter("number", i18n::filters::number);
    tera.register_filter("urlencode", |s: &str, _: Kwargs, _: &State| urlencode(s));
    tera.register_filter("escape_markdown", |s: &str, _: Kwargs, _: &State| {
        super::encode::escape_markdown(s)
    });
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
