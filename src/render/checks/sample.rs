//! Which pages a check renders to find template mistakes. Every page whose
//! template is the hub's own, or names one of the hub's templates (through
//! `extends`, `include`, `import`...), since a hub's template may fail on
//! one entry's data alone, or calls a component one of them defines; a copy
//! of a built-in template that says the same (an ejected theme's,
//! unchanged) is not the hub's own. Of the pages whose templates are all built in,
//! which Calabash's own tests render on every kind of data, one of each kind
//! in each language: it shows the mistakes those templates meet in the hub's
//! settings and interface strings. Calendar files have no template.

use std::collections::HashSet;

use super::super::job::{Job, Target};
use super::super::renderer::Renderer;
use crate::theme::uses::direct_uses;
use crate::theme::{TemplateOrigins, builtin_theme};

/// The jobs to render of `jobs`, in their order.
pub fn jobs_to_render(jobs: &[Job], r: &Renderer<'_>) -> Vec<Job> {
    let own = hubs_own(r.origins);
    let mut seen = HashSet::new();
    jobs.iter()
        .filter(|job| match job.template(r) {
            None => false,
            Some(template) if own.contains(template.as_str()) => true,
            Some(template) => seen.insert((template, job.lang.clone(), kind_of(job, r))),
        })
        .cloned()
        .collect()
}

/// Templates that are the hub's own or use one of them (`theme::uses`),
/// followed to the end.
fn hubs_own(origins: &TemplateOrigins) -> HashSet<&str> {
    let mut own: HashSet<&str> = origins
        .iter()
        .filter(|(name, (shown, text))| {
            !shown.starts_with("(built in)")
                && builtin_theme::file(&format!("templates/{name}")) != Some(text.as_bytes())
        })
        .map(|(name, _)| name.as_str())
        .collect();
    let uses = direct_uses(origins);
    loop {
        let more: Vec<&str> = (uses.iter())
            .filter(|(name, used)| !own.contains(*name) && used.iter().any(|u| own.contains(u)))
            .map(|(name, _)| *name)
            .collect();
        if more.is_empty() {
            return own;
        }
        own.extend(more);
    }
}

/// What sets one page of a template apart from another for a check: its
/// collection or taxonomy, whether it is a filter page, the first page of a
/// list or a later one.
fn kind_of(job: &Job, r: &Renderer<'_>) -> String {
    match &job.target {
        Target::Entry(id) => format!("entry {}", r.site().entry(*id).collection),
        Target::List {
            collection,
            filter,
            page,
        } => format!("list {collection} {} {}", filter.is_some(), page.number > 1),
        Target::Term { term, page } => format!("term {:?} {}", term.taxonomy, page.number > 1),
        Target::Taxonomy(taxonomy) => format!("taxonomy {taxonomy:?}"),
        Target::Feed(collection) => format!("feed {collection:?}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins(templates: &[(&str, &str, &str)]) -> TemplateOrigins {
        templates
            .iter()
            .map(|(name, shown, text)| (name.to_string(), (shown.to_string(), text.to_string())))
            .collect()
    }

    fn built_in(name: &str) -> (String, String) {
        let text = builtin_theme::file(&format!("templates/{name}")).unwrap();
        (
            format!("(built in) themes/hub/templates/{name}"),
            String::from_utf8(text.to_vec()).unwrap(),
        )
    }

    #[test]
    fn templates_using_the_hubs_own_templates_are_its_own() {
        let mut all = origins(&[
            (
                "mine.html",
                "templates/mine.html",
                "{% component card(x) %}{% endcomponent card %}",
            ),
            (
                "extends.html",
                "(built in) a",
                "{% extends \"mine.html\" %}",
            ),
            ("includes.html", "(built in) b", "{% include 'mine.html' %}"),
            ("calls.html", "(built in) c", "{{ <card x={1} /> }}"),
            (
                "deeper.html",
                "(built in) d",
                "{% extends \"calls.html\" %}",
            ),
            (
                "apart.html",
                "(built in) e",
                "{{ <other x={1} /> }} \"mine\"",
            ),
        ]);
        // An ejected copy that says what the built-in template says is not
        // the hub's; one changed by a character is.
        let (_, list) = built_in("list.html");
        all.insert(
            "list.html".into(),
            ("themes/hub/templates/list.html".into(), list.clone()),
        );
        all.insert(
            "term.html".into(),
            ("themes/hub/templates/term.html".into(), format!("{list} ")),
        );
        all.insert("home.html".into(), built_in("home.html"));
        let mut own: Vec<&str> = hubs_own(&all).into_iter().collect();
        own.sort_unstable();
        assert_eq!(
            own,
            [
                "calls.html",
                "deeper.html",
                "extends.html",
                "includes.html",
                "mine.html",
                "term.html"
            ]
        );
    }
}
