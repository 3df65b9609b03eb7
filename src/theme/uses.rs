//! Which templates each template uses: those it names (a quoted name
//! anywhere in it, as `extends`, `include` and `import` do) and those whose
//! components it calls (`<name …`: a component is known by name in every
//! template, so a built-in template calling one depends on the file that
//! defines it, which a hub may override). The preview's fingerprints and
//! `check`'s choice of pages follow these uses to the end; a false match
//! only renders a page that need not be.

use std::collections::HashMap;

use super::templates::TemplateOrigins;

/// For each template, the other templates it uses directly.
pub fn direct_uses(origins: &TemplateOrigins) -> HashMap<&str, Vec<&str>> {
    let defined: Vec<(&str, Vec<&str>)> = origins
        .iter()
        .map(|(name, (_, text))| (name.as_str(), components(text).collect()))
        .collect();
    origins
        .iter()
        .map(|(name, (_, text))| {
            let used = (defined.iter())
                .filter(|(other, _)| other != name)
                .filter(|(other, components)| {
                    text.contains(&format!("\"{other}\""))
                        || text.contains(&format!("'{other}'"))
                        || components.iter().any(|c| calls(text, c))
                })
                .map(|(other, _)| *other)
                .collect();
            (name.as_str(), used)
        })
        .collect()
}

/// Whether `text` calls the component `name` (`<name` and then no more of
/// a name: `<cards` is not a call of `card`).
fn calls(text: &str, name: &str) -> bool {
    let call = format!("<{name}");
    text.match_indices(&call).any(|(at, _)| {
        !text[at + call.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// `name` and every template it uses, directly or through others, sorted.
pub fn all_uses<'a>(uses: &HashMap<&'a str, Vec<&'a str>>, name: &'a str) -> Vec<&'a str> {
    let mut seen = vec![name];
    let mut next = vec![name];
    while let Some(current) = next.pop() {
        for &used in uses.get(current).into_iter().flatten() {
            if !seen.contains(&used) {
                seen.push(used);
                next.push(used);
            }
        }
    }
    seen.sort_unstable();
    seen
}

/// The names of the components a template defines (`{% component name(`).
pub fn components(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("component ").filter_map(|(at, word)| {
        let before = text[..at].trim_end().trim_end_matches('-');
        if !before.ends_with("{%") {
            return None;
        }
        let rest = text[at + word.len()..].trim_start();
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_found_by_their_tag() {
        let text = "{% component a(x) %}{% endcomponent a %}\n{%- component b_2(@t) -%}x{%- endcomponent b_2 %} component c";
        assert_eq!(components(text).collect::<Vec<_>>(), ["a", "b_2"]);
    }

    #[test]
    fn names_and_component_calls_are_uses_followed_to_the_end() {
        let origins: TemplateOrigins = [
            ("base.html", "{% block content %}{% endblock %}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{{ <card x={1} /> }}",
            ),
            (
                "cards.html",
                "{% component card(x) %}{% include 'bit.html' %}{% endcomponent card %}",
            ),
            ("bit.html", "x"),
            ("apart.html", "{{ <other /> }} \"page\""),
        ]
        .iter()
        .map(|(name, text)| (name.to_string(), (name.to_string(), text.to_string())))
        .collect();
        let uses = direct_uses(&origins);
        assert_eq!(uses["page.html"], ["base.html", "cards.html"]);
        assert_eq!(
            all_uses(&uses, "page.html"),
            ["base.html", "bit.html", "cards.html", "page.html"]
        );
        assert_eq!(all_uses(&uses, "apart.html"), ["apart.html"]);
    }
}
