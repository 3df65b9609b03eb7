//! `[actions]`, `[extra]` and `[forge]` of `site.toml`: each form of an
//! action (web address, mailto, path of the site, issue form) resolves to
//! the address the theme links to, and each mistake (an unsafe scheme, an
//! issue form without a repository or on a forge without issue forms, an
//! unknown action or collection, a broken forge pattern) is reported at its
//! key or value, with line and column.

use calabash::config::{self, ActionKind, ForgeKind};

const HEAD: &str = "title = \"Hub\"\nbase_url = \"https://example.org/hub\"\n";
const GITHUB: &str = "repository_url = \"https://github.com/owner/hub\"\n";
const NOTES: &str = "\n[collections.notes]\ntitle = \"Notes\"\n";

/// Line and column (1-based) of the first `needle` at or after `anchor`.
fn at(text: &str, anchor: &str, needle: &str) -> (usize, usize) {
    let from = text.find(anchor).unwrap_or_else(|| panic!("no {anchor:?}"));
    let offset = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?}"));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[test]
fn each_kind_of_action_resolves_to_its_address() {
    let text = format!(
        "{HEAD}{GITHUB}[actions]\n\
         join = \"https://lists.example.org/join\"\n\
         contact_team = \"MAILTO:team@example.org\"\n\
         send_query = {{ issue_form = \"replies\" }}\n\
         join_discussion = \"/take-part/\"\n\
         [actions.propose]\nnotes = {{ issue_form = \"note-ideas\" }}\n{NOTES}"
    );
    let config = config::parse(&text, None).unwrap();
    let actions = &config.actions;
    let join = actions.join.as_ref().unwrap();
    assert_eq!(
        (join.url.as_str(), join.kind),
        ("https://lists.example.org/join", ActionKind::Web)
    );
    let team = actions.contact_team.as_ref().unwrap();
    assert_eq!(
        (team.url.as_str(), team.kind),
        ("MAILTO:team@example.org", ActionKind::Email)
    );
    let query = actions.send_query.as_ref().unwrap();
    assert_eq!(
        (query.url.as_str(), query.kind),
        (
            "https://github.com/owner/hub/issues/new?template=replies.yml",
            ActionKind::IssueForm
        )
    );
    // A path of the site gets the base path, as every link of the site does.
    let discussion = actions.join_discussion.as_ref().unwrap();
    assert_eq!(
        (discussion.url.as_str(), discussion.kind),
        ("/hub/take-part/", ActionKind::Page)
    );
    assert_eq!(
        actions.propose["notes"].url,
        "https://github.com/owner/hub/issues/new?template=note-ideas.yml"
    );
    assert!(
        actions.contact_expert.is_none(),
        "an action not set stays unset"
    );
}

#[test]
fn issue_forms_open_on_forgejo_and_gitea_by_their_path() {
    for host in [
        "https://codeberg.org/owner/hub",
        "https://gitea.com/owner/hub",
    ] {
        let text = format!(
            "{HEAD}repository_url = \"{host}\"\n[actions]\nsend_query = {{ issue_form = \"replies\" }}\n"
        );
        let config = config::parse(&text, None).unwrap();
        assert_eq!(
            config.actions.send_query.unwrap().url,
            format!("{host}/issues/new?template=.github%2FISSUE_TEMPLATE%2Freplies.yml")
        );
    }
}

#[test]
fn extra_is_kept_as_written() {
    let text =
        format!("{HEAD}[extra]\nlogo = \"/logo.svg\"\nfooter = {{ note = \"Hi\", year = 2026 }}\n");
    let config = config::parse(&text, None).unwrap();
    assert_eq!(config.extra["logo"].as_str(), Some("/logo.svg"));
    assert_eq!(config.extra["footer"]["year"].as_integer(), Some(2026));
}

#[test]
fn the_forge_is_told_by_the_host_or_by_forge_kind() {
    for (url, kind) in [
        ("https://github.com/o/h", ForgeKind::GitHub),
        ("https://GitLab.com/group/sub/h", ForgeKind::GitLab),
        ("https://codeberg.org/o/h", ForgeKind::Forgejo),
    ] {
        let config = config::parse(&format!("{HEAD}repository_url = \"{url}/\"\n"), None).unwrap();
        let forge = config.forge.unwrap();
        assert_eq!((forge.kind, forge.repository.as_str()), (kind, url));
    }
    let own = format!(
        "{HEAD}repository_url = \"https://git.example.org/o/h\"\n[forge]\nkind = \"gitlab\"\n"
    );
    assert_eq!(
        config::parse(&own, None).unwrap().forge.unwrap().kind,
        ForgeKind::GitLab
    );
    assert!(
        config::parse(HEAD, None).unwrap().forge.is_none(),
        "no repository, no forge"
    );
}

/// `(name, site.toml, words of the message, anchor, needle)`: the problem is
/// at the first needle from the anchor on.
fn mistakes() -> Vec<(
    &'static str,
    String,
    &'static str,
    &'static str,
    &'static str,
)> {
    let own = "repository_url = \"https://git.example.org/o/h\"\n";
    vec![
        (
            "javascript scheme",
            format!("{HEAD}{GITHUB}[actions]\njoin = \"javascript:alert(1)\"\n"),
            "`javascript:` addresses are not allowed",
            "join =",
            "\"javascript",
        ),
        (
            "data scheme",
            format!("{HEAD}[actions]\ncontact_team = \"data:text/html,hi\"\n"),
            "`data:` addresses are not allowed",
            "contact_team",
            "\"data",
        ),
        (
            "scheme in capitals",
            format!("{HEAD}[actions]\njoin = \"JavaScript:x\"\n"),
            "`javascript:` addresses are not allowed",
            "join",
            "\"Java",
        ),
        (
            "no host",
            format!("{HEAD}[actions]\njoin = \"https://\"\n"),
            "is not a whole address",
            "join",
            "\"https",
        ),
        (
            "protocol-relative",
            format!("{HEAD}[actions]\njoin = \"//evil.example\"\n"),
            "is not a whole address",
            "join",
            "\"//",
        ),
        (
            "space",
            format!("{HEAD}[actions]\njoin = \"https://x.org/a b\"\n"),
            "holds a space",
            "join",
            "\"https",
        ),
        (
            "issue form without repository",
            format!("{HEAD}[actions]\nsend_query = {{ issue_form = \"replies\" }}\n"),
            "needs the hub's repository_url",
            "send_query",
            "{",
        ),
        (
            "issue form on GitLab",
            format!(
                "{HEAD}repository_url = \"https://gitlab.com/o/h\"\n[actions]\nsend_query = {{ issue_form = \"replies\" }}\n"
            ),
            "GitLab has no issue forms",
            "send_query",
            "{",
        ),
        (
            "issue form name",
            format!("{HEAD}{GITHUB}[actions]\nsend_query = {{ issue_form = \"../x\" }}\n"),
            "is not the name of an issue form",
            "send_query",
            "{",
        ),
        (
            "table of another shape",
            format!("{HEAD}{GITHUB}[actions]\nsend_query = {{ form = \"replies\" }}\n"),
            "an action is an address",
            "send_query",
            "{",
        ),
        (
            "unknown collection",
            format!("{HEAD}[actions.propose]\nnote = \"https://x.org\"\n{NOTES}"),
            "`note`, which is not a collection",
            "[actions.propose]",
            "note",
        ),
        (
            "unknown host",
            format!("{HEAD}{own}"),
            "cannot tell which forge hosts git.example.org",
            "repository_url",
            "\"https",
        ),
        (
            "unknown forge kind",
            format!("{HEAD}{own}[forge]\nkind = \"gitlub\"\n"),
            "`gitlub` is not a forge",
            "kind",
            "\"gitlub",
        ),
        (
            "pattern placeholder",
            format!(
                "{HEAD}{own}[forge]\nkind = \"gitlab\"\nedit_url = \"{{repository}}/-/edit/{{branch}}/{{file}}\"\n"
            ),
            "unknown placeholder {file}",
            "edit_url",
            "\"{",
        ),
        (
            "pattern without value",
            format!(
                "{HEAD}{own}[forge]\nkind = \"gitea\"\nnew_url = \"{{repository}}/_new/{{branch}}/{{dir}}?filename={{filename}}\"\n"
            ),
            "new_url has no {value}",
            "new_url",
            "\"{",
        ),
        (
            "pattern elsewhere",
            format!("{HEAD}{own}[forge]\nkind = \"gitea\"\nedit_url = \"javascript:{{path}}\"\n"),
            "must start with {repository} or https://",
            "edit_url",
            "\"java",
        ),
        (
            "repository not http",
            format!("{HEAD}repository_url = \"git@github.com:o/h.git\"\n"),
            "is not an http(s) address",
            "repository_url",
            "\"git@",
        ),
        (
            "form field",
            format!("{HEAD}{NOTES}[collections.notes.form]\nfields = [\"title\", \"sumary\"]\n"),
            "form.fields names `sumary`",
            "fields =",
            "\"sumary",
        ),
    ]
}

#[test]
fn each_mistake_is_reported_at_its_value() {
    let mut wrong = Vec::new();
    for (name, text, message, anchor, needle) in mistakes() {
        let problems = match config::parse(&text, None) {
            Ok(_) => {
                wrong.push(format!("{name}: no problem reported"));
                continue;
            }
            Err(problems) => problems,
        };
        let Some(problem) = problems.iter().find(|p| p.message.contains(message)) else {
            wrong.push(format!(
                "{name}: no problem saying {message:?}: {problems:#?}"
            ));
            continue;
        };
        let want = at(&text, anchor, needle);
        if (problem.line, problem.column) != want {
            wrong.push(format!(
                "{name}: at {}:{}, not {want:?}",
                problem.line, problem.column
            ));
        }
        if problem.hint.as_deref().unwrap_or_default().is_empty() {
            wrong.push(format!("{name}: no hint"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn unknown_action_keys_are_errors_with_a_suggestion() {
    let text =
        format!("{HEAD}[actions]\njoin = \"https://x.org\"\nsend_querry = \"https://x.org/q\"\n");
    let problems = config::parse(&text, None).unwrap_err();
    let problem = &problems[0];
    assert!(
        problem.message.contains("unknown field `send_querry`"),
        "{problem:?}"
    );
    assert_eq!(
        (problem.line, problem.column),
        at(&text, "send_querry", "send_querry")
    );
    assert!(
        problem
            .hint
            .as_deref()
            .unwrap_or_default()
            .starts_with("did you mean `send_query`?"),
        "{problem:?}"
    );
}
