//! The live-reload channel of `calabash serve`: which pages are open (one
//! Server-Sent Events stream each), telling them what a rebuild changed,
//! and the problems of a failed rebuild, shown over every page in an
//! overlay until a rebuild succeeds.

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Request, Response};

use crate::diagnostics::Diagnostic;
use crate::markdown::escape_attr;

/// The tag `http` adds to every served HTML page.
pub const SCRIPT_TAG: &str = r#"<script type="module" src="/__calabash/live.js"></script>"#;
/// The overlay's element id, shared with live.js.
pub const OVERLAY_ID: &str = "calabash-overlay";
/// Often enough that proxies and browsers keep an idle stream open, and
/// that streams of closed pages are noticed (a write to them fails).
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Each open page costs a thread; a runaway client must not exhaust them.
const MAX_STREAMS: usize = 256;

/// The open pages' event streams and the current problems.
pub struct Live {
    state: Mutex<State>,
    /// Pages rendered ahead of a long rebuild, served before the files.
    pub previews: crate::serve::preview::Previews,
}

#[derive(Default)]
struct State {
    streams: Vec<Stream>,
    problems: Vec<Diagnostic>,
    next_id: u64,
}

struct Stream {
    id: u64,
    /// Which server opened it, so stopping one server ends only its streams.
    owner: u64,
    page: String,
    sender: Sender<Message>,
}

/// What a stream's thread is asked to do.
pub(crate) enum Message {
    /// Write this, already in event-stream form.
    Event(String),
    /// End the stream: the server is stopping.
    Close,
}

#[derive(Serialize)]
struct Change<'a> {
    paths: &'a [String],
    all: bool,
}

/// A diagnostic as live.js receives it: its fields plus the compiler-style
/// text, which only Rust can render.
#[derive(Serialize)]
struct Problem<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    rendered: String,
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    pub fn new() -> Live {
        Live {
            state: Mutex::new(State::default()),
            previews: Default::default(),
        }
    }

    /// Tells every open page that these site paths changed (e.g.
    /// "/library/some-entry/", "/style.css"); `all` means reload whatever
    /// page you are on. Pages on a changed path reload; if every changed
    /// path is a stylesheet, pages swap their stylesheets without reloading.
    pub fn changed(&self, paths: &[String], all: bool) {
        let data = serde_json::to_string(&Change { paths, all }).unwrap_or_default();
        self.broadcast(&event("change", &data));
    }

    /// The problems of the last failed rebuild; an empty vec once a rebuild
    /// succeeds. While non-empty, every served HTML page shows an overlay
    /// listing them, and open pages show or hide it by themselves.
    pub fn set_problems(&self, problems: Vec<Diagnostic>) {
        let message = {
            let mut state = self.lock();
            if state.problems == problems {
                return;
            }
            state.problems = problems;
            problems_event(&state.problems)
        };
        self.broadcast(&message);
    }

    pub fn problems(&self) -> Vec<Diagnostic> {
        self.lock().problems.clone()
    }

    /// Site paths of the pages currently open in a browser, sorted, each
    /// once. A closed page is noticed at the next write to its stream (at
    /// worst a keep-alive period later).
    pub fn open_pages(&self) -> Vec<String> {
        let mut pages: Vec<String> = self.lock().streams.iter().map(|s| s.page.clone()).collect();
        pages.sort();
        pages.dedup();
        pages
    }

    /// What goes before `</body>` of every served HTML page.
    pub(crate) fn page_additions(&self) -> String {
        let state = self.lock();
        if state.problems.is_empty() {
            SCRIPT_TAG.to_string()
        } else {
            overlay_html(&state.problems) + SCRIPT_TAG
        }
    }

    /// Registers an open page; `None` when too many are open. The stream
    /// starts with the current problems, which may have changed since the
    /// page was served.
    pub(crate) fn subscribe(&self, page: String, owner: u64) -> Option<(u64, Receiver<Message>)> {
        let mut state = self.lock();
        if state.streams.len() >= MAX_STREAMS {
            return None;
        }
        let (sender, receiver) = channel();
        let _ = sender.send(Message::Event(problems_event(&state.problems)));
        state.next_id += 1;
        let id = state.next_id;
        state.streams.push(Stream {
            id,
            owner,
            page,
            sender,
        });
        Some((id, receiver))
    }

    pub(crate) fn unsubscribe(&self, id: u64) {
        self.lock().streams.retain(|s| s.id != id);
    }

    /// Ends the streams a stopping server opened.
    pub(crate) fn close_streams(&self, owner: u64) {
        self.lock().streams.retain(|s| {
            if s.owner == owner {
                let _ = s.sender.send(Message::Close);
            }
            s.owner != owner
        });
    }

    fn broadcast(&self, message: &str) {
        // A stream whose thread has ended (its page went away) is dropped.
        self.lock()
            .streams
            .retain(|s| s.sender.send(Message::Event(message.to_string())).is_ok());
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent even if a holder panicked.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Answers an event-stream request on a thread of its own: an open page
/// keeps its stream for as long as it is open, which would starve the
/// server's worker pool.
pub(crate) fn stream(live: &Arc<Live>, request: Request, page: String, owner: u64) {
    let Some((id, receiver)) = live.subscribe(page, owner) else {
        let busy = Response::from_string("503 Too many open pages\n").with_status_code(503);
        let _ = request.respond(busy);
        return;
    };
    let thread_live = live.clone();
    let spawned = std::thread::Builder::new()
        .name("calabash-live".into())
        .spawn(move || {
            write_stream(request, &receiver);
            thread_live.unsubscribe(id);
        });
    if spawned.is_err() {
        // The request went with the closure, which answers it with a 500.
        live.unsubscribe(id);
    }
}

fn write_stream(request: Request, receiver: &Receiver<Message>) {
    // HTTP/1.1 streams are chunked so that their end is visible even while
    // tiny_http keeps the connection open; `Connection: close` stops the
    // browser from sending its reconnection down that connection, which a
    // stopped server would never answer.
    let chunked = *request.http_version() >= (1, 1);
    let mut writer = request.into_writer();
    let framing = if chunked {
        "Transfer-Encoding: chunked\r\nConnection: close"
    } else {
        "Connection: close"
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n{framing}\r\n\r\n"
    );
    // A dropped connection is retried after a second, not the default three.
    let mut open =
        writer.write_all(head.as_bytes()).is_ok() && send(&mut writer, "retry: 1000\n\n", chunked);
    while open {
        open = match receiver.recv_timeout(KEEP_ALIVE) {
            Ok(Message::Event(event)) => send(&mut writer, &event, chunked),
            Err(RecvTimeoutError::Timeout) => send(&mut writer, ": keep-alive\n\n", chunked),
            Ok(Message::Close) | Err(RecvTimeoutError::Disconnected) => {
                if chunked {
                    let _ = writer.write_all(b"0\r\n\r\n").and_then(|()| writer.flush());
                }
                false
            }
        };
    }
}

/// Writes and flushes; false once the page has gone away.
fn send(writer: &mut impl Write, text: &str, chunked: bool) -> bool {
    let written = if chunked {
        write!(writer, "{:x}\r\n{text}\r\n", text.len())
    } else {
        writer.write_all(text.as_bytes())
    };
    written.and_then(|()| writer.flush()).is_ok()
}

/// One Server-Sent Event; `data` is single-line JSON.
fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

fn problems_event(problems: &[Diagnostic]) -> String {
    let problems: Vec<Problem> = problems
        .iter()
        .map(|diagnostic| Problem {
            diagnostic,
            rendered: diagnostic.render(false),
        })
        .collect();
    event(
        "problems",
        &serde_json::json!({ "problems": problems }).to_string(),
    )
}

/// A site path as the pages' streams report it: `/x/index.html` is `/x/`.
pub(crate) fn normalise_page(page: &str) -> String {
    match page.strip_suffix("index.html") {
        Some(folder) if folder.ends_with('/') => folder.to_string(),
        _ if page.is_empty() => "/".to_string(),
        _ => page.to_string(),
    }
}

/// The overlay listing `problems`, the same markup live.js builds.
pub fn overlay_html(problems: &[Diagnostic]) -> String {
    let mut items = String::new();
    for problem in problems {
        let place = if problem.line == 0 {
            "whole file".to_string()
        } else {
            format!("line {}:{}", problem.line, problem.column)
        };
        let hint = problem.hint.as_deref().map_or(String::new(), |hint| {
            format!(r#"<p style="{HINT_STYLE}">Hint: {}</p>"#, escape_attr(hint))
        });
        items.push_str(&format!(
            r#"<li style="{ITEM_STYLE}"><p style="margin:0"><strong>{}</strong> ({place}): {}</p>{hint}<pre style="{PRE_STYLE}">{}</pre></li>"#,
            escape_attr(&problem.path),
            escape_attr(&problem.message),
            escape_attr(&problem.render(false)),
        ));
    }
    format!(
        r#"<section id="{OVERLAY_ID}" role="alert" aria-labelledby="{OVERLAY_ID}-title" style="{PANEL_STYLE}"><h2 id="{OVERLAY_ID}-title" style="{TITLE_STYLE}">The site could not be rebuilt</h2><p style="margin:0 0 .75rem">{NOTE}</p><ol style="margin:0;padding-left:1.5rem">{items}</ol><button type="button" data-calabash-dismiss style="{BUTTON_STYLE}">Hide</button></section>"#
    )
}

/// Kept in one place so live.js can be checked against the same words.
pub const NOTE: &str = "This page shows the last good build. Fix the problems below and save: the page updates by itself.";
const PANEL_STYLE: &str = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:80vh;overflow:auto;z-index:2147483647;box-sizing:border-box;padding:1rem 1.25rem;background:#111;color:#fff;border:3px solid #ff6b6b;border-radius:6px;font:16px/1.5 system-ui,sans-serif;text-align:left;box-shadow:0 4px 24px rgba(0,0,0,.5)";
const TITLE_STYLE: &str = "margin:0 0 .5rem;font-size:1.25rem;color:#ffb3b3";
const ITEM_STYLE: &str = "margin:0 0 1rem";
const HINT_STYLE: &str = "margin:.25rem 0 0;color:#c8f7c5";
const PRE_STYLE: &str = "margin:.5rem 0 0;padding:.5rem;overflow:auto;white-space:pre-wrap;background:#000;color:#eee;font:14px/1.4 ui-monospace,monospace";
const BUTTON_STYLE: &str = "font:inherit;padding:.25rem 1rem;background:#fff;color:#111;border:2px solid #fff;border-radius:4px;cursor:pointer";

#[cfg(test)]
mod tests {
    use super::*;

    fn next_event(receiver: &Receiver<Message>) -> String {
        match receiver.try_recv() {
            Ok(Message::Event(text)) => text,
            Ok(Message::Close) => "close".into(),
            Err(_) => "nothing".into(),
        }
    }

    #[test]
    fn streams_hear_changes_and_problems() {
        let live = Live::new();
        let (_, receiver) = live.subscribe("/sub/".into(), 1).unwrap();
        assert_eq!(
            next_event(&receiver),
            "event: problems\ndata: {\"problems\":[]}\n\n"
        );
        live.changed(&["/sub/".into(), "/style.css".into()], false);
        assert_eq!(
            next_event(&receiver),
            "event: change\ndata: {\"paths\":[\"/sub/\",\"/style.css\"],\"all\":false}\n\n"
        );
        live.set_problems(vec![
            Diagnostic::error("content/x.md", "bad <b>").hint("fix"),
        ]);
        let text = next_event(&receiver);
        assert!(
            text.starts_with("event: problems\ndata: {\"problems\":[{"),
            "{text}"
        );
        assert!(text.contains(r#""message":"bad <b>""#) && text.contains(r#""hint":"fix""#));
        assert!(
            text.contains(r#""rendered":"content/x.md: error: bad <b>"#),
            "{text}"
        );
        // The same problems again say nothing new.
        live.set_problems(live.problems());
        assert_eq!(next_event(&receiver), "nothing");
    }

    #[test]
    fn open_pages_follow_subscriptions_and_close() {
        let live = Live::new();
        let (first, _a) = live.subscribe("/a/".into(), 1).unwrap();
        let (_, b) = live.subscribe("/b/".into(), 2).unwrap();
        let (_, _c) = live.subscribe("/a/".into(), 2).unwrap();
        assert_eq!(live.open_pages(), ["/a/", "/b/"]);
        live.unsubscribe(first);
        live.close_streams(2);
        assert!(live.open_pages().is_empty());
        next_event(&b);
        assert_eq!(next_event(&b), "close");
    }

    #[test]
    fn departed_streams_are_dropped_on_the_next_message() {
        let live = Live::new();
        let (_, receiver) = live.subscribe("/gone/".into(), 1).unwrap();
        drop(receiver);
        assert_eq!(live.open_pages(), ["/gone/"]);
        live.changed(&[], true);
        assert!(live.open_pages().is_empty());
    }

    #[test]
    fn overlay_escapes_everything_and_goes_with_the_problems() {
        let live = Live::new();
        assert_eq!(live.page_additions(), SCRIPT_TAG);
        live.set_problems(vec![
            Diagnostic::error("content/<x>.md", "<script>alert(1)</script>").hint("a & b"),
        ]);
        let html = live.page_additions();
        assert!(html.contains("The site could not be rebuilt") && html.ends_with(SCRIPT_TAG));
        assert!(html.contains("content/&lt;x&gt;.md") && html.contains("Hint: a &amp; b"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        live.set_problems(Vec::new());
        assert_eq!(live.page_additions(), SCRIPT_TAG);
    }

    #[test]
    fn index_pages_are_their_folders() {
        assert_eq!(normalise_page("/x/index.html"), "/x/");
        assert_eq!(normalise_page("/index.html"), "/");
        assert_eq!(normalise_page("/x/"), "/x/");
        assert_eq!(normalise_page("/notindex.html"), "/notindex.html");
        assert_eq!(normalise_page(""), "/");
    }
}
