//! The live-reload channel of `calabash serve`: which pages are open (one
//! Server-Sent Events stream each), telling them what a rebuild changed,
//! and the problems of a failed rebuild, shown over every page in an
//! overlay until a rebuild succeeds.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::core::diagnostics::Diagnostic;
pub use crate::serve::overlay::{NOTE, OVERLAY_ID, overlay_html};

/// The tag `http` adds to every served HTML page.
pub const SCRIPT_TAG: &str = r#"<script type="module" src="/__calabash/live.js"></script>"#;
/// Each open page costs a thread; past this many, the page opened first
/// loses its stream, so the newest pages always get one.
pub const MAX_STREAMS: usize = 256;

/// The open pages' event streams and the current problems.
pub struct Live {
    state: Mutex<State>,
    /// Pages rendered ahead of a long rebuild, served before the files.
    pub previews: crate::serve::preview::Previews,
    /// False while the session's first build runs: the folder may still
    /// hold an earlier session's files, or only some of this one's, and
    /// an edit saved then would wait for the whole build to show.
    built: AtomicBool,
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
    /// End the stream and tell the page not to reconnect: newer pages
    /// took every slot.
    Evicted,
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
    /// Pages of the folder are served at once.
    pub fn new() -> Live {
        Live {
            state: Mutex::new(State::default()),
            previews: Default::default(),
            built: AtomicBool::new(true),
        }
    }

    /// Pages wait (a "building" page that reloads by itself) until
    /// `first_build_done`.
    pub fn building() -> Live {
        Live {
            built: AtomicBool::new(false),
            ..Live::new()
        }
    }

    /// The first build is over (written, or failed with its problems set):
    /// the folder is served, and pages waiting for it reload.
    pub fn first_build_done(&self) {
        self.built.store(true, Ordering::SeqCst);
        self.changed(&[], true);
    }

    pub fn is_built(&self) -> bool {
        self.built.load(Ordering::SeqCst)
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
    /// once. A closed page is noticed by its stream's next check of its
    /// connection (`Limits::stream_check`) or failed write.
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

    /// Registers an open page, ending the oldest stream when every slot
    /// is taken. The stream starts with the current problems, which may
    /// have changed since the page was served.
    pub(crate) fn subscribe(&self, page: String, owner: u64) -> (u64, Receiver<Message>) {
        let mut state = self.lock();
        while state.streams.len() >= MAX_STREAMS {
            let oldest = state.streams.remove(0);
            let _ = oldest.sender.send(Message::Evicted);
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
        (id, receiver)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn next_event(receiver: &Receiver<Message>) -> String {
        match receiver.try_recv() {
            Ok(Message::Event(text)) => text,
            Ok(Message::Close) => "close".into(),
            Ok(Message::Evicted) => "evicted".into(),
            Err(_) => "nothing".into(),
        }
    }

    #[test]
    fn streams_hear_changes_and_problems() {
        let live = Live::new();
        let (_, receiver) = live.subscribe("/sub/".into(), 1);
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
        let (first, _a) = live.subscribe("/a/".into(), 1);
        let (_, b) = live.subscribe("/b/".into(), 2);
        let (_, _c) = live.subscribe("/a/".into(), 2);
        assert_eq!(live.open_pages(), ["/a/", "/b/"]);
        live.unsubscribe(first);
        live.close_streams(2);
        assert!(live.open_pages().is_empty());
        next_event(&b);
        assert_eq!(next_event(&b), "close");
    }

    #[test]
    fn a_new_page_takes_the_slot_of_the_oldest_when_all_are_taken() {
        let live = Live::new();
        let streams: Vec<_> = (0..MAX_STREAMS)
            .map(|n| live.subscribe(format!("/{n}/"), 1))
            .collect();
        let (_, newest) = live.subscribe("/newest/".into(), 1);
        let open = live.open_pages();
        assert_eq!(open.len(), MAX_STREAMS);
        assert!(open.contains(&"/newest/".to_string()) && !open.contains(&"/0/".to_string()));
        let oldest = &streams[0].1;
        next_event(oldest);
        assert_eq!(next_event(oldest), "evicted");
        next_event(&streams[1].1);
        assert_eq!(next_event(&streams[1].1), "nothing");
        assert!(next_event(&newest).starts_with("event: problems"));
    }

    #[test]
    fn departed_streams_are_dropped_on_the_next_message() {
        let live = Live::new();
        let (_, receiver) = live.subscribe("/gone/".into(), 1);
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
