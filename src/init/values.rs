//! The values `calabash init` fills into the starter files: the hub's
//! title, its repository, and the Calabash version and repository its
//! workflows download from. A value is checked before it is filled in, so
//! that the new hub's `site.toml` always parses and passes `check`.

use crate::core::characters::forbidden_kind;
use crate::core::diagnostics::Diagnostic;

/// The Calabash release the new hub's workflows download.
pub const CALABASH_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Where Calabash's releases are published (Cargo.toml's `repository`).
pub const CALABASH_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The line of the starter `site.toml` that holds the title.
const TITLE_LINE: &str = "title = \"Our Knowledge Hub\"";
/// The commented-out line of the starter `site.toml` for the repository.
const REPOSITORY_LINE: &str =
    "# repository_url = \"https://github.com/your-organisation/your-hub\"";

/// The checked values of one init.
#[derive(Debug, Clone)]
pub struct HubValues {
    pub title: String,
    pub repository: Option<String>,
}

impl HubValues {
    /// Checks `--title` and `--repository`.
    pub fn new(title: &str, repository: Option<&str>) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let title = title.trim();
        if title.is_empty() {
            problems.push(
                Diagnostic::error("--title", "the title is empty")
                    .hint("give the hub's name, e.g. --title \"Caribbean Teachers' Hub\""),
            );
        } else if let Some(kind) = title.chars().find_map(|c| {
            let breaks_the_line = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
            forbidden_kind(c)
                .map(|k| k.name())
                .or(breaks_the_line.then_some("a tab or line break"))
        }) {
            problems.push(
                Diagnostic::error("--title", format!("the title holds {kind}"))
                    .hint("a title is one line of plain text"),
            );
        }
        let repository = repository.map(check_repository).transpose();
        let repository = repository.unwrap_or_else(|problem| {
            problems.push(problem);
            None
        });
        if problems.is_empty() {
            Ok(HubValues {
                title: title.to_string(),
                repository,
            })
        } else {
            Err(problems)
        }
    }

    /// `text` (a starter file) with its placeholders filled in.
    pub fn fill(&self, path: &str, text: &str) -> String {
        let mut text = text
            .replace("@VERSION@", CALABASH_VERSION)
            .replace("@CALABASH_REPOSITORY@", CALABASH_REPOSITORY);
        if path == "site.toml" {
            let title = format!("title = \"{}\"", toml_escaped(&self.title));
            text = text.replacen(TITLE_LINE, &title, 1);
            if let Some(repository) = &self.repository {
                let line = format!("repository_url = \"{}\"", toml_escaped(repository));
                text = text.replacen(REPOSITORY_LINE, &line, 1);
            }
        } else {
            text = text.replace("@TITLE@", &self.title);
        }
        text
    }
}

/// `--repository`: an http(s) address of one line, without the `.git` a
/// clone address ends with (edit links are made from it).
fn check_repository(url: &str) -> Result<String, Diagnostic> {
    let url = url.trim().trim_end_matches('/');
    let url = url.strip_suffix(".git").unwrap_or(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let plain =
        |c: char| !c.is_whitespace() && forbidden_kind(c).is_none() && !"\"\\<>".contains(c);
    match rest {
        Some(rest) if !rest.is_empty() && rest.chars().all(plain) => Ok(url.to_string()),
        _ => Err(
            Diagnostic::error("--repository", format!("`{url}` is not a web address"))
                .hint("give the address of the hub's repository, e.g. https://github.com/your-organisation/your-hub"),
        ),
    }
}

/// `text` as the inside of a TOML basic string (control characters were
/// refused before).
fn toml_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_with_quotes_and_backslashes_stay_one_toml_string() {
        let values = HubValues::new("Hub \"A\" \\ B", None).unwrap();
        let filled = values.fill("site.toml", TITLE_LINE);
        let parsed: toml::Table = toml::from_str(&filled).unwrap();
        assert_eq!(parsed["title"].as_str(), Some("Hub \"A\" \\ B"));
    }

    #[test]
    fn repositories_lose_a_trailing_slash_and_git_suffix() {
        for given in [
            "https://github.com/o/h",
            "https://github.com/o/h/",
            "https://github.com/o/h.git",
        ] {
            let values = HubValues::new("T", Some(given)).unwrap();
            assert_eq!(values.repository.as_deref(), Some("https://github.com/o/h"));
        }
        for bad in [
            "github.com/o/h",
            "https://",
            "https://x.org/a b",
            "https://x.org/\"",
            "ftp://x.org",
        ] {
            assert!(HubValues::new("T", Some(bad)).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn titles_that_cannot_be_one_line_are_refused() {
        for bad in [
            "",
            "  ",
            "a\nb",
            "a\r\nb",
            "a\tb",
            "a\u{2028}b",
            "a\u{7f}b",
            "a\u{fdd0}",
        ] {
            assert!(HubValues::new(bad, None).is_err(), "{bad:?} accepted");
        }
    }
}
