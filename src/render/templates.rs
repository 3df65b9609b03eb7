//! Finds and loads the Tera templates: the site's own `templates/` folder
//! first, then the theme's, then Calabash's built-in defaults for feeds,
//! sitemap and robots.txt. Registers the filters themes may use.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Kwargs, State, Tera, TeraResult};

use crate::config::Config;
use crate::diagnostics::Diagnostic;

const BUILTIN: &[(&str, &str)] = &[
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("__calabash/alias.html", include_str!("builtin/alias.html")),
];

/// Where each template came from (path shown in messages) and its text.
pub type TemplateOrigins = BTreeMap<String, (String, String)>;

/// Loads every template; problems name the template file.
pub fn load(root: &Path, config: &Config) -> Result<(Tera, TemplateOrigins), Vec<Diagnostic>> {
    let theme_dir = root.join("themes").join(&config.theme).join("templates");
    if !theme_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!(
                    "theme `{}` has no templates folder (looked for themes/{}/templates/)",
                    config.theme, config.theme
                ),
            )
            .hint("set `theme` in site.toml to a folder under themes/"),
        ]);
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
    let mut problems = Vec::new();
    for dir in [theme_dir, root.join("templates")] {
        if !dir.is_dir() {
            continue;
        }
        for file in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !file.file_type().is_file() || file.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let name = crate::load::relative(&dir, file.path());
            let shown = crate::load::relative(root, file.path());
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
    let mut tera = Tera::new();
    register_filters(&mut tera);
    let all = sources
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()));
    tera.add_raw_templates(all)
        .map_err(|err| vec![template_error(&err, &sources)])?;
    Ok((tera, sources))
}

/// A Tera error as a diagnostic naming the template file, line and column.
pub fn template_error(err: &tera::Error, origins: &TemplateOrigins) -> Diagnostic {
    let hint = "fix the template; docs/templates.md lists the variables each page receives";
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
        err.kind()
    {
        if let Some((shown, text)) = origins.get(report.filename()) {
            let range = report.span().range.clone();
            let range = range.start.min(text.len())..range.end.min(text.len());
            return Diagnostic::error(shown, format!("template error: {}", report.message()))
                .at(text, range)
                .hint(hint);
        }
    }
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    Diagnostic::error("templates", format!("template error: {}", message.trim())).hint(hint)
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("date", date_filter);
    tera.register_filter("urlencode", |s: &str, _: Kwargs, _: &State| urlencode(s));
}

/// `{{ entry.date | date(format="%e %B %Y") }}` for dates and date-times.
fn date_filter(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let format: Option<&str> = kwargs.get("format")?;
    let format = format.unwrap_or("%e %B %Y");
    let formatted = if value.len() <= 10 {
        let date: jiff::civil::Date = value
            .parse()
            .map_err(|e| tera::Error::message(format!("`{value}` is not a date: {e}")))?;
        jiff::fmt::strtime::format(format, date)
    } else {
        let (local, offset) = crate::render::context::split_datetime(value)
            .ok_or_else(|| tera::Error::message(format!("`{value}` is not a date and time")))?;
        let mut broken = jiff::fmt::strtime::BrokenDownTime::from(local);
        broken.set_offset(Some(offset));
        broken.to_string(format)
    };
    formatted
        .map(|s| s.trim().to_string())
        .map_err(|e| tera::Error::message(format!("bad date format `{format}`: {e}")))
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
