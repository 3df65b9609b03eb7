//! What the preview answers to a request it accepted: a page of the built
//! site with the live-reload script (and the problem overlay) added as it
//! is sent, never on disk; another file as it is; or, under
//! `/__calabash/`, the live-reload script, an event stream or a search.

use std::fs::File;
use std::path::Path;

use tiny_http::Response;

use super::config::Context;
use super::reply::{Reply, finish, json_error, reply, text, with_header};
use crate::search::query::{COLLECTION_GROUP, SearchError, SearchOptions};
use crate::serve::live::normalise_page;
use crate::serve::site_path::{self, Target, content_type};

const LIVE_JS: &str = include_str!("../live.js");
/// What the preview answers for the service worker pages register
/// (`/sw.js`, which only `build` writes): a worker that removes itself, and
/// with it any worker an earlier build served at this address, so that
/// nothing stands between the preview's pages and their edits.
const PREVIEW_WORKER: &str = "// The preview of `calabash serve` keeps no pages offline.\n\
self.addEventListener(\"install\", () => self.skipWaiting());\n\
self.addEventListener(\"activate\", (event) => event.waitUntil(self.registration.unregister()));\n";
const PREVIEW_WORKER_NAME: &str = "/sw.js";
/// Results the search endpoint returns at most, whatever `limit` asks.
const MAX_LIMIT: usize = 100;

pub(super) enum Answer {
    Reply(Reply),
    /// An open page's event stream, for the page at this site path.
    Stream(String),
}

/// Answers `method` on `target` (its path and query, already checked to be
/// addressed to this server).
pub(super) fn answer(method: &str, target: &str, context: &Context) -> Answer {
    if !matches!(method, "GET" | "HEAD") {
        let response = text(405, "405 Method Not Allowed\n");
        return Answer::Reply(with_header(response, "Allow", "GET, HEAD"));
    }
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == "/__calabash" || path.starts_with("/__calabash/") {
        return internal(method, path, query, context);
    }
    if !context.live.is_built() {
        return Answer::Reply(building(context));
    }
    let previewed = site_path::decode_path(path)
        .ok()
        .and_then(|decoded| context.live.previews.get(&decoded));
    if let Some(page) = previewed {
        let page = inject(page.to_vec(), &context.live.page_additions());
        return Answer::Reply(reply(200, "text/html; charset=utf-8", page));
    }
    Answer::Reply(match site_path::resolve(&context.site_dir, path) {
        Err(_) => text(400, "400 Bad Request\n"),
        Ok(Target::File(file)) => serve_file(&file, 200, context),
        Ok(Target::AddSlash) => {
            let location = if query.is_empty() {
                format!("{path}/")
            } else {
                format!("{path}/?{query}")
            };
            with_header(text(301, "301 Moved Permanently\n"), "Location", &location)
        }
        // The preview keeps nothing offline: pages show every edit.
        Ok(Target::NotFound) if path.ends_with(PREVIEW_WORKER_NAME) => reply(
            200,
            "text/javascript; charset=utf-8",
            PREVIEW_WORKER.as_bytes().to_vec(),
        ),
        Ok(Target::NotFound) => not_found(context),
    })
}

/// The site's 404 page; before the site has one (its first build failed),
/// a bare page that still carries the live script and the problems.
fn not_found(context: &Context) -> Reply {
    match site_path::resolve(&context.site_dir, "/404.html") {
        Ok(Target::File(page)) => serve_file(&page, 404, context),
        _ => {
            let page = inject(NO_PAGE.as_bytes().to_vec(), &context.live.page_additions());
            reply(404, "text/html; charset=utf-8", page)
        }
    }
}

/// What every page answers during the session's first build: it reloads
/// when the build is done (told by the live script, or every two seconds
/// without it, or when that message came before the page listened).
fn building(context: &Context) -> Reply {
    let page = inject(BUILDING.as_bytes().to_vec(), &context.live.page_additions());
    let response = reply(503, "text/html; charset=utf-8", page);
    with_header(response, "Retry-After", "2")
}

const BUILDING: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">\
<meta http-equiv=\"refresh\" content=\"2\"><title>Building the preview</title>\
<body><h1>Building the preview</h1>\
<p>This page shows the site as soon as its first build is done.</p></body></html>\n";

const NO_PAGE: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">\
<title>Not found</title><body><h1>Not found</h1>\
<p>This page is not in the site (or the site has not been built yet).</p></body></html>\n";

fn serve_file(file: &Path, status: u16, context: &Context) -> Reply {
    let content_type = content_type(file);
    if content_type.starts_with("text/html") {
        let Ok(html) = std::fs::read(file) else {
            return text(500, "500 Cannot read the file\n");
        };
        let page = inject(html, &context.live.page_additions());
        return reply(status, content_type, page);
    }
    let opened = File::open(file).and_then(|f| Ok((f.metadata()?.len(), f)));
    let Ok((length, file)) = opened else {
        return text(500, "500 Cannot read the file\n");
    };
    let length = usize::try_from(length).unwrap_or(usize::MAX);
    finish(
        Response::new(
            status.into(),
            Vec::new(),
            Box::new(file),
            Some(length),
            None,
        ),
        content_type,
    )
}

/// Adds `additions` before the last `</body>`, or at the end without one.
pub(crate) fn inject(mut html: Vec<u8>, additions: &str) -> Vec<u8> {
    let at = html
        .windows(b"</body".len())
        .rposition(|window| window.eq_ignore_ascii_case(b"</body"))
        .unwrap_or(html.len());
    html.splice(at..at, additions.bytes());
    html
}

fn internal(method: &str, path: &str, query: &str, context: &Context) -> Answer {
    Answer::Reply(match path {
        "/__calabash/live.js" => reply(
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        ),
        "/__calabash/events" if method == "GET" => {
            let page = site_path::query_pairs(query)
                .unwrap_or_default()
                .into_iter()
                .find(|(name, _)| name == "page")
                .map_or_else(|| "/".to_string(), |(_, page)| normalise_page(&page));
            return Answer::Stream(page);
        }
        "/__calabash/events" => reply(200, "text/event-stream", Vec::new()),
        "/__calabash/search" => search(query, &context.root),
        _ => text(404, "404 Not Found\n"),
    })
}

/// `/__calabash/search?q=..&limit=..&collection=..&filter=taxonomy=term&prefix=1&lang=es`:
/// the same results as `calabash search --json`, with the total.
fn search(query: &str, root: &Path) -> Reply {
    let Ok(pairs) = site_path::query_pairs(query) else {
        return json_error(400, "the query string is malformed");
    };
    let mut text = None;
    let mut options = SearchOptions {
        limit: 10,
        ..SearchOptions::default()
    };
    for (name, value) in pairs {
        match name.as_str() {
            "q" => text = Some(value),
            "limit" => match value.parse::<usize>() {
                Ok(limit) => options.limit = limit.clamp(1, MAX_LIMIT),
                Err(_) => return json_error(400, "limit must be a whole number"),
            },
            "collection" => options.filters.push((COLLECTION_GROUP.to_string(), value)),
            "filter" => match value.split_once('=') {
                Some((group, term)) => options.filters.push((group.into(), term.into())),
                None => return json_error(400, "filter must look like taxonomy=term"),
            },
            "prefix" => options.prefix = matches!(value.as_str(), "1" | "true" | "yes" | ""),
            "lang" => options.lang = Some(value),
            _ => {}
        }
    }
    let Some(text) = text else {
        return json_error(400, "the q parameter (the words to look for) is missing");
    };
    if let Err(err) = crate::search::query::searched_words(&text) {
        return json_error(400, &err.to_string());
    }
    if !crate::search::index_dir(root).is_dir() {
        let error = json_error(
            503,
            "there is no search index yet: the preview makes it after the pages; ask again in a moment",
        );
        return with_header(error, "Retry-After", "1");
    }
    match crate::search::query::search(root, &text, &options) {
        Ok(results) => match serde_json::to_vec(&results) {
            Ok(body) => reply(200, "application/json", body),
            Err(err) => json_error(500, &format!("cannot encode the results: {err}")),
        },
        Err(SearchError::Query(err)) => json_error(400, &err.to_string()),
        // Most likely a rebuild is rewriting the index right now.
        Err(SearchError::Index(err)) => json_error(503, &format!("cannot search the index: {err}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injection_goes_before_the_last_body_end_tag() {
        let html = b"<p>a</body> <BODY>x</BODY>\n</html>".to_vec();
        assert_eq!(inject(html, "+"), b"<p>a</body> <BODY>x+</BODY>\n</html>");
        assert_eq!(inject(b"<p>bare".to_vec(), "+"), b"<p>bare+");
    }
}
