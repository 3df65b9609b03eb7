//! The forge that hosts a hub's repository (GitHub, GitLab, Forgejo or
//! Gitea) and the addresses of its pages that readers are sent to: edit a
//! file, start a new file with a text already in it, open an issue form.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Which kind of forge, for its URL shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForgeKind {
    GitHub,
    GitLab,
    Forgejo,
    Gitea,
}

impl ForgeKind {
    pub const NAMES: [&'static str; 4] = ["github", "gitlab", "forgejo", "gitea"];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "github" => Some(ForgeKind::GitHub),
            "gitlab" => Some(ForgeKind::GitLab),
            "forgejo" => Some(ForgeKind::Forgejo),
            "gitea" => Some(ForgeKind::Gitea),
            _ => None,
        }
    }

    /// The forge a public host runs, when it is one everybody knows.
    pub fn of_host(host: &str) -> Option<Self> {
        match host.to_ascii_lowercase().as_str() {
            "github.com" => Some(ForgeKind::GitHub),
            "gitlab.com" => Some(ForgeKind::GitLab),
            "codeberg.org" => Some(ForgeKind::Forgejo),
            "gitea.com" => Some(ForgeKind::Gitea),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ForgeKind::GitHub => "github",
            ForgeKind::GitLab => "gitlab",
            ForgeKind::Forgejo => "forgejo",
            ForgeKind::Gitea => "gitea",
        }
    }

    /// How readers know it.
    pub fn title(self) -> &'static str {
        match self {
            ForgeKind::GitHub => "GitHub",
            ForgeKind::GitLab => "GitLab",
            ForgeKind::Forgejo => "Forgejo",
            ForgeKind::Gitea => "Gitea",
        }
    }

    /// The page that edits `{path}` on `{branch}`.
    pub fn edit_pattern(self) -> &'static str {
        match self {
            ForgeKind::GitHub => "{repository}/edit/{branch}/{path}",
            ForgeKind::GitLab => "{repository}/-/edit/{branch}/{path}",
            ForgeKind::Forgejo | ForgeKind::Gitea => "{repository}/_edit/{branch}/{path}",
        }
    }

    /// The page that starts the file `{filename}` in `{dir}` holding `{value}`.
    pub fn new_pattern(self) -> &'static str {
        match self {
            ForgeKind::GitHub => {
                "{repository}/new/{branch}/{dir}?filename={filename}&value={value}"
            }
            ForgeKind::GitLab => {
                "{repository}/-/new/{branch}/{dir}?file_name={filename}&content={value}"
            }
            ForgeKind::Forgejo | ForgeKind::Gitea => {
                "{repository}/_new/{branch}/{dir}?filename={filename}&value={value}"
            }
        }
    }
}

/// The placeholders of the `edit_url` and `new_url` patterns.
pub const PLACEHOLDERS: [&str; 6] = ["repository", "branch", "path", "dir", "filename", "value"];

/// The hub's repository on its forge.
#[derive(Debug, Clone)]
pub struct Forge {
    pub kind: ForgeKind,
    /// Without a trailing slash.
    pub repository: String,
    pub branch: String,
    pub edit_pattern: String,
    pub new_pattern: String,
}

/// What a path segment keeps as it is: RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl Forge {
    /// The page that edits the file at `path` (from the repository's root).
    pub fn edit_url(&self, path: &str) -> String {
        self.fill(&self.edit_pattern, &[("path", &encode_path(path))])
    }

    /// The page that starts `filename` in `dir` with `value` in it.
    pub fn new_url(&self, dir: &str, filename: &str, value: &str) -> String {
        let path = format!("{}/{filename}", dir.trim_end_matches('/'));
        self.fill(
            &self.new_pattern,
            &[
                ("dir", &encode_path(dir)),
                ("filename", &encode_component(filename)),
                ("value", &encode_component(value)),
                ("path", &encode_path(&path)),
            ],
        )
    }

    /// The page that opens the issue form `<name>.yml` of the repository,
    /// on forges that have issue forms.
    pub fn issue_form_url(&self, name: &str) -> Option<String> {
        let file = format!("{name}.yml");
        match self.kind {
            ForgeKind::GitHub => Some(format!(
                "{}/issues/new?template={}",
                self.repository,
                encode_component(&file)
            )),
            ForgeKind::Forgejo | ForgeKind::Gitea => Some(format!(
                "{}/issues/new?template={}",
                self.repository,
                encode_component(&format!(".github/ISSUE_TEMPLATE/{file}"))
            )),
            ForgeKind::GitLab => None,
        }
    }

    fn fill(&self, pattern: &str, values: &[(&str, &str)]) -> String {
        let branch = encode_path(&self.branch);
        let mut out = String::with_capacity(pattern.len() + 64);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                break;
            };
            let name = &after[..close];
            match name {
                "repository" => out.push_str(&self.repository),
                "branch" => out.push_str(&branch),
                _ => match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// The placeholders `pattern` names, in order, as written.
pub fn placeholders(pattern: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

/// A path of segments, each percent-encoded, its slashes kept.
pub fn encode_path(path: &str) -> String {
    (path.split('/'))
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// A query value or one path segment, every reserved character encoded.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forge(kind: ForgeKind) -> Forge {
        Forge {
            kind,
            repository: "https://example.org/hub/site".into(),
            branch: "main".into(),
            edit_pattern: kind.edit_pattern().into(),
            new_pattern: kind.new_pattern().into(),
        }
    }

    #[test]
    fn paths_keep_their_slashes_and_encode_the_rest() {
        assert_eq!(
            encode_path("content/a b/é#?.md"),
            "content/a%20b/%C3%A9%23%3F.md"
        );
        assert_eq!(encode_component("a/b&c=d+e\n"), "a%2Fb%26c%3Dd%2Be%0A");
    }

    #[test]
    fn each_forge_has_its_own_shapes() {
        let edit = |kind| forge(kind).edit_url("content/library/x.md");
        assert_eq!(
            edit(ForgeKind::GitHub),
            "https://example.org/hub/site/edit/main/content/library/x.md"
        );
        assert_eq!(
            edit(ForgeKind::GitLab),
            "https://example.org/hub/site/-/edit/main/content/library/x.md"
        );
        assert_eq!(
            edit(ForgeKind::Forgejo),
            "https://example.org/hub/site/_edit/main/content/library/x.md"
        );
        let new = forge(ForgeKind::GitLab).new_url("content/library", "x.md", "a=b");
        assert_eq!(
            new,
            "https://example.org/hub/site/-/new/main/content/library?file_name=x.md&content=a%3Db"
        );
        assert_eq!(forge(ForgeKind::GitLab).issue_form_url("x"), None);
    }

    #[test]
    fn unknown_placeholders_stay_as_written() {
        assert_eq!(
            placeholders("{repository}/x/{nope}?{value"),
            ["repository", "nope"]
        );
        let mut f = forge(ForgeKind::GitHub);
        f.edit_pattern = "{repository}/{nope}/{path}".into();
        assert_eq!(f.edit_url("a"), "https://example.org/hub/site/{nope}/a");
    }
}
