//! `calabash search`: the index kept by the last build, queried from a terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::args::SearchArgs;
use crate::config::Config;
use crate::core::console::{err_line, out_line};
use crate::search::LANGUAGE_GROUP;
use crate::search::language::primary_tag;
use crate::search::query::{COLLECTION_GROUP, SearchError, SearchOptions, searched_words};

pub(super) fn run_search(args: &SearchArgs) -> ExitCode {
    if let Err(err) = searched_words(&args.query) {
        err_line(&format!("error: {err}"));
        return ExitCode::FAILURE;
    }
    let dir = crate::search::index_dir(&args.root);
    if !dir.is_dir() {
        err_line(&format!(
            "error: no search index in {}\n  = help: run `calabash build` first",
            dir.display()
        ));
        return ExitCode::FAILURE;
    }
    // site.toml, read once for the language and the filters; without it
    // both are taken as given.
    let config = crate::config::load(&args.root, None).ok();
    let lang = match query_lang(&args.root, config.as_ref(), args.lang.as_deref()) {
        Ok(lang) => lang,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    let mut filters = args.filter.clone();
    for collection in &args.collection {
        filters.push((COLLECTION_GROUP.to_string(), collection.clone()));
    }
    if args.only_lang {
        filters.push((LANGUAGE_GROUP.to_string(), lang.clone()));
    }
    let filters = match resolve_filters(&args.root, config.as_ref(), filters) {
        Ok(filters) => filters,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    let options = SearchOptions {
        filters,
        limit: args.limit,
        prefix: args.prefix,
        lang: Some(lang),
    };
    for (group, value) in
        crate::search::query::unmatched_filters(&args.root, &options.filters).unwrap_or_default()
    {
        let hint = if group == COLLECTION_GROUP {
            "use a collection's name from site.toml, like library".to_string()
        } else if group == LANGUAGE_GROUP {
            "no entry is written in that language".to_string()
        } else {
            format!("use a term id from content/_taxonomies/{group}.toml")
        };
        err_line(&format!(
            "warning: no entry has {group}={value}\n  = help: {hint}"
        ));
    }
    let hits = match crate::search::query::search(&args.root, &args.query, &options) {
        Ok(results) => results.hits,
        Err(SearchError::Query(err)) => {
            err_line(&format!("error: {err}"));
            return ExitCode::FAILURE;
        }
        Err(SearchError::Index(err)) => {
            err_line(&format!(
                "error: cannot search {}: {err}\n  = help: run `calabash build` to rebuild the index",
                dir.display()
            ));
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        out_line(&serde_json::to_string_pretty(&hits).unwrap_or_else(|_| "[]".into()));
        return ExitCode::SUCCESS;
    }
    if hits.is_empty() {
        out_line(&format!("No results for \"{}\".", args.query));
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (n, hit) in hits.iter().enumerate() {
        out_line(&format!(
            "{:>2}. {}  ({})  {}",
            n + 1,
            hit.title,
            hit.collection,
            hit.url
        ));
        out_line(&format!(
            "    {}",
            mark(&hit.snippet, &hit.highlights, color)
        ));
    }
    ExitCode::SUCCESS
}

/// The language of the query: `--lang` (its primary tag, lower-cased), or
/// the site's (English without a readable site.toml, as
/// `search::query::site_language`); an error naming the hub's languages
/// when the hub neither publishes it (`[languages]`) nor has an entry in it.
fn query_lang(root: &Path, config: Option<&Config>, lang: Option<&str>) -> Result<String, String> {
    let site_language = config.map_or_else(|| "en".to_string(), |c| c.language.clone());
    let Some(lang) = lang else {
        return Ok(site_language);
    };
    let configured = config.map_or_else(
        || vec![site_language],
        |config| config.languages.iter().map(|l| l.code.clone()).collect(),
    );
    let indexed = crate::search::query::indexed_languages(root).unwrap_or_default();
    let mut known: Vec<String> = Vec::new();
    for tag in configured
        .iter()
        .map(|c| primary_tag(c))
        .chain(indexed.iter().map(|t| t.to_string()))
    {
        if !known.contains(&tag) {
            known.push(tag);
        }
    }
    let wanted = primary_tag(lang);
    if known.contains(&wanted) {
        return Ok(wanted);
    }
    Err(format!(
        "error: --lang {lang}: the hub neither publishes this language nor has an entry in it\n  \
         = help: the hub's languages are {}, like --lang {}",
        known.join(", "),
        known.last().map_or("en", String::as_str)
    ))
}

/// Filters as the index names them: the group must be `collection` or a
/// taxonomy of the hub (else an error suggesting one), and a value is
/// matched ignoring case, as people type country codes (`dm` is `DM`).
/// Without a readable site.toml, filters are left as they are.
fn resolve_filters(
    root: &Path,
    config: Option<&Config>,
    filters: Vec<(String, String)>,
) -> Result<Vec<(String, String)>, String> {
    let Some(config) = config else {
        return Ok(filters);
    };
    let taxonomies = crate::load::taxonomy::load(root, config, &mut Vec::new());
    let mut groups: Vec<&str> = vec![COLLECTION_GROUP, LANGUAGE_GROUP];
    groups.extend(config.taxonomies.iter().map(|t| t.name.as_str()));
    filters
        .into_iter()
        .map(|(group, value)| {
            let Some(known) = groups.iter().find(|g| g.eq_ignore_ascii_case(&group)) else {
                let suggestion =
                    crate::core::diagnostics::did_you_mean(&group, groups.iter().copied())
                        .map_or(String::new(), |s| format!("{s} "));
                return Err(format!(
                    "error: `{group}` is neither `collection`, `lang` nor a taxonomy of this hub\n  \
                     = help: {suggestion}filters are {}, like --filter {}=...",
                    groups.join(", "),
                    groups.get(2).unwrap_or(&COLLECTION_GROUP)
                ));
            };
            if *known == LANGUAGE_GROUP {
                return Ok((LANGUAGE_GROUP.to_string(), primary_tag(&value)));
            }
            let canonical = if *known == COLLECTION_GROUP {
                config
                    .collections
                    .iter()
                    .map(|c| c.name.as_str())
                    .find(|name| name.eq_ignore_ascii_case(&value))
            } else {
                taxonomies.get(known).and_then(|taxonomy| {
                    let term = taxonomy
                        .terms
                        .iter()
                        .find(|t| t.id.eq_ignore_ascii_case(&value));
                    term.map(|t| t.id.as_str())
                })
            };
            Ok((known.to_string(), canonical.unwrap_or(&value).to_string()))
        })
        .collect()
}

/// The snippet with matched words marked: bold on a terminal, else [word].
fn mark(snippet: &str, highlights: &[(usize, usize)], color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(snippet.len() + 8 * highlights.len());
    let mut at = 0;
    for &(start, end) in highlights {
        let inside = start >= at && start <= end && end <= snippet.len();
        if !inside || !snippet.is_char_boundary(start) || !snippet.is_char_boundary(end) {
            continue;
        }
        out.push_str(&snippet[at..start]);
        out.push_str(open);
        out.push_str(&snippet[start..end]);
        out.push_str(close);
        at = end;
    }
    out.push_str(&snippet[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn marks_only_ranges_that_fit_the_snippet() {
        let snippet = "école 😀 flood";
        assert_eq!(
            mark(snippet, &[(0, 6), (12, 17)], false),
            "[école] 😀 [flood]"
        );
        // Ranges inside a character, backwards, overlapping or past the end are left out.
        let odd = [(1, 3), (9, 10), (8, 7), (12, 17), (13, 14), (15, 99)];
        assert_eq!(mark(snippet, &odd, false), "école 😀 [flood]");
    }
}
