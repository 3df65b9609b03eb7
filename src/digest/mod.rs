//! `calabash digest`: a newsletter of the entries published or updated in
//! a period, for a hub's mailing group, as an HTML email, plain text or
//! Markdown. Which entries (`select`) comes from git's history of their
//! files, else from their front matter's dates; what the newsletter says
//! comes from the theme's `digest/` templates (`values` gives them their
//! values), in the interface words of the digest's language.

mod select;
mod values;

use std::path::PathBuf;

pub use select::{Kind, Listed, select};

use crate::core::diagnostics::{Diagnostic, Diagnostics};
use crate::history::{self, Period};
use crate::site::{self, SiteOptions};
use crate::theme::{self, builtin_theme, templates::template_error};

/// The digest's three forms, each a template of the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DigestFormat {
    /// An HTML email: inline styles, no scripts, no images.
    #[default]
    Html,
    /// Plain text, every link written out: the email's alternative.
    Text,
    /// Markdown, for an issue or a mailing list's web page.
    Markdown,
}

impl DigestFormat {
    /// The template that writes this form, under the theme's `templates/`.
    pub fn template(self) -> &'static str {
        match self {
            DigestFormat::Html => "digest/digest.html",
            DigestFormat::Text => "digest/digest.txt",
            DigestFormat::Markdown => "digest/digest.md",
        }
    }
}

/// What to write a digest of, and how.
#[derive(Debug, Clone)]
pub struct DigestOptions {
    /// The hub's folder.
    pub root: PathBuf,
    pub period: Period,
    pub format: DigestFormat,
    /// A language the hub publishes; its default language when `None`.
    pub lang: Option<String>,
    /// The published site's address, instead of `site.toml`'s `base_url`.
    pub base_url: Option<String>,
}

/// A digest written.
#[derive(Debug)]
pub struct Digest {
    pub text: String,
    pub new: usize,
    pub updated: usize,
    /// What the reader of the digest's maker should know: entries left out
    /// for their errors, no git history to read.
    pub warnings: Diagnostics,
}

/// Why no digest was written.
#[derive(Debug)]
pub enum DigestError {
    /// An option the hub cannot honour (a language it does not publish):
    /// the message, and a hint.
    Usage(String, String),
    /// `site.toml`, a vocabulary, the theme or a template is broken.
    Problems(Diagnostics),
}

/// Writes the digest `options` ask for.
pub fn digest(options: &DigestOptions) -> Result<Digest, DigestError> {
    let root = options.root.as_path();
    let site_options = SiteOptions {
        base_url: options.base_url.clone(),
        ..SiteOptions::default()
    };
    // git reads the history while the entries are loaded.
    let ((histories, history_warning), loaded) = std::thread::scope(|scope| {
        let history = scope.spawn(|| history::read_period(root, options.period));
        let loaded = site::load_content(root, &site_options);
        (history.join().unwrap_or_default(), loaded)
    });
    let (site, _) = loaded.map_err(DigestError::Problems)?;
    let lang = match &options.lang {
        None => site.config.language.clone(),
        Some(lang) => published(&site.config, lang)?,
    };
    let mut warnings: Vec<Diagnostic> = history_warning.into_iter().collect();
    let invalid = site.entries.iter().filter(|e| e.invalid).count();
    if invalid > 0 {
        warnings.push(
            Diagnostic::warning(
                "content",
                match invalid {
                    1 => "1 entry with errors is left out of the digest".to_string(),
                    n => format!("{n} entries with errors are left out of the digest"),
                },
            )
            .hint("run `calabash check` to see their errors"),
        );
    }
    let listed = select(&site, &histories, options.period, &lang);
    let mut theme = theme::load(root, &site.config).map_err(DigestError::Problems)?;
    let template = options.format.template();
    if !theme.origins.contains_key(template) {
        add_builtin(&mut theme, template)?;
    }
    let context = values::context(&site, &theme.strings, &listed, options.period, &lang);
    let mut text = theme
        .tera
        .render(template, &context)
        .map_err(|err| DigestError::Problems(vec![template_error(&err, &theme.origins)].into()))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let new = listed.iter().filter(|l| l.kind == Kind::New).count();
    Ok(Digest {
        text,
        new,
        updated: listed.len() - new,
        warnings: warnings.into(),
    })
}

/// The language of the hub named `lang` (any case), or why it cannot be.
fn published(config: &crate::config::Config, lang: &str) -> Result<String, DigestError> {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    match codes.iter().find(|code| code.eq_ignore_ascii_case(lang)) {
        Some(code) => Ok(code.to_string()),
        None => Err(DigestError::Usage(
            format!("--lang {lang}: the hub does not publish this language"),
            format!(
                "the hub's languages are {}, like --lang {}",
                codes.join(", "),
                codes.last().unwrap_or(&"en")
            ),
        )),
    }
}

/// A theme of the hub's own without digest templates gets the built-in ones.
fn add_builtin(theme: &mut theme::Theme, template: &str) -> Result<(), DigestError> {
    let path = format!("templates/{template}");
    let text = builtin_theme::file(&path)
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    theme.origins.insert(
        template.to_string(),
        (builtin_theme::shown(&path), text.to_string()),
    );
    theme
        .tera
        .add_raw_template(template, &text)
        .map_err(|err| DigestError::Problems(vec![template_error(&err, &theme.origins)].into()))
}
