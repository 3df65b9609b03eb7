//! The preview server of `calabash serve`, over real sockets: what it serves
//! and how, that nothing outside the site folder ever leaks, the live-reload
//! stream, the problem overlay and the worker pool.

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use calabash::core::diagnostics::Diagnostic;
use calabash::serve::http::{Limits, ServerConfig, StartError, start};
use calabash::serve::live::Live;

use crate::support::http::{BINARY, CSS, Fixture, INDEX, JS, SECRET, exchange, read_until};

/// Request targets sent as they are; the folder above the site holds secret.txt.
const HOSTILE: &str = r"
    /../secret.txt  /..%2fsecret.txt  /..%2Fsecret.txt  /%2e%2e/secret.txt  /%2E%2E/secret.txt
    /%2e%2e%2fsecret.txt  /..\secret.txt  /%5c..%5csecret.txt  /sub/../../secret.txt
    /sub/%2e%2e/%2e%2e/secret.txt  /%00  /index.html%00.txt  //etc/passwd  /%2f%2fetc/passwd
    /C:/Windows/win.ini  /c%3a%5csecret.txt  /link-out  /link-dir/secret.txt  /link-dir/
    /%252e%252e/secret.txt  /%c0%ae%c0%ae/secret.txt  /%c0%af..%c0%afsecret.txt
    /./../secret.txt  /.%2e/secret.txt  /sub/..%5c..%5csecret.txt  /%zz/secret.txt
    /search/index/../../../secret.txt  /__calabash/../secret.txt  /__calabash/../../secret.txt
    %2e%2e/secret.txt  http://localhost/../secret.txt  ..  *
";

#[test]
fn hostile_paths_never_reach_outside_the_site() {
    let fixture = Fixture::new();
    let secret = fixture.temp.path().join("secret.txt");
    let secret = secret.to_str().unwrap();
    let mut targets: Vec<String> = HOSTILE.split_whitespace().map(String::from).collect();
    // The secret's own absolute path, raw, encoded and doubled up.
    targets.push(secret.to_string());
    targets.push(format!("/{secret}"));
    targets.push(secret.replace('/', "%2f"));
    targets.push(format!("/{}", secret.replace('/', "%2f")));
    for target in &targets {
        let reply = fixture.get(target);
        assert!(
            !reply.text().contains(SECRET),
            "{target} leaked the secret file"
        );
        assert!(
            matches!(reply.status, 400 | 403 | 404),
            "{target} answered {}",
            reply.status
        );
    }
    // Legitimate paths, including encoded ones, still work.
    assert_eq!(fixture.get("/").status, 200);
    assert_eq!(fixture.get("/style.css").text(), CSS);
    assert_eq!(fixture.get("/%73tyle.css").text(), CSS);
    assert!(fixture.get("/sub/index.html").text().contains("Sub page"));
    assert_eq!(fixture.get("/app.js?v=3").text(), JS);
}

#[test]
fn files_are_served_with_their_types() {
    let fixture = Fixture::new();
    let cases = [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/library/atom.xml", "application/atom+xml"),
        ("/events/calendar.ics", "text/calendar; charset=utf-8"),
        ("/search/index/words", "application/octet-stream"),
    ];
    for (target, content_type) in cases {
        let reply = fixture.get(target);
        assert_eq!(reply.status, 200, "{target}");
        assert_eq!(reply.header("Content-Type"), Some(content_type), "{target}");
        assert_eq!(reply.header("Cache-Control"), Some("no-store"), "{target}");
    }
    assert_eq!(fixture.get("/search/index/words").body, BINARY);
    let sub = fixture.get("/sub/");
    assert!(sub.text().contains("<h1>Sub page</h1>"));
    let redirect = fixture.get("/sub?x=1");
    assert!(matches!(redirect.status, 301 | 308));
    assert_eq!(redirect.header("Location"), Some("/sub/?x=1"));
    let port = fixture.server.address.port();
    assert_eq!(fixture.server.url(), format!("http://127.0.0.1:{port}/"));
}

#[test]
fn head_missing_pages_and_other_methods() {
    let fixture = Fixture::new();
    let get = fixture.get("/style.css");
    let head = fixture.request("HEAD", "/style.css");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert_eq!(head.header("Content-Length"), get.header("Content-Length"));
    assert_eq!(head.header("Content-Length"), Some("21"));
    assert!(head.body.is_empty());

    let missing = fixture.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("No such page here"));
    assert!(missing.text().contains("/__calabash/live.js"));

    let post = fixture.request("POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));

    // Before the site has a 404 page (its first build failed), a bare page
    // still carries the live script, and the problems when there are some.
    std::fs::remove_file(fixture.site().join("404.html")).unwrap();
    fixture
        .live
        .set_problems(vec![Diagnostic::error("site.toml", "no title")]);
    let bare = fixture.get("/still/missing");
    assert_eq!(bare.status, 404);
    assert_eq!(
        bare.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(bare.text().contains("/__calabash/live.js"));
    assert!(bare.text().contains("no title"), "{}", bare.text());
    assert_eq!(fixture.get("/__calabash/nothing").status, 404);
}

#[test]
fn html_gets_the_live_script_and_nothing_else_changes() {
    let fixture = Fixture::new();
    let page = fixture.get("/");
    let text = page.text();
    let tag = r#"<script type="module" src="/__calabash/live.js"></script>"#;
    assert!(
        text.contains(&format!("<p>Welcome home</p>{tag}</body>")),
        "{text}"
    );
    assert_eq!(
        page.header("Content-Length"),
        Some(page.body.len().to_string().as_str())
    );
    assert_eq!(fixture.get("/style.css").body, CSS.as_bytes());
    assert_eq!(fixture.get("/app.js").body, JS.as_bytes());
    assert_eq!(
        std::fs::read_to_string(fixture.site().join("index.html")).unwrap(),
        INDEX
    );
    let script = fixture.get("/__calabash/live.js");
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("new EventSource("));
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn open_pages_hear_about_changes() {
    let fixture = Fixture::new();
    let mut stream = TcpStream::connect(fixture.server.address).unwrap();
    stream
        .write_all(
            format!(
                "GET /__calabash/events?page=%2Fsub%2Findex.html HTTP/1.1\r\nHost: {}\r\n\r\n",
                fixture.host()
            )
            .as_bytes(),
        )
        .unwrap();
    let head = read_until(&mut stream, "retry:", Duration::from_secs(5));
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    wait_for("the page to be open", || {
        fixture.live.open_pages() == ["/sub/"]
    });

    fixture
        .live
        .changed(&["/sub/".into(), "/style.css".into()], false);
    let seen = read_until(&mut stream, "event: change", Duration::from_secs(5));
    assert!(
        seen.contains(r#"data: {"paths":["/sub/","/style.css"],"all":false}"#),
        "{seen}"
    );
    fixture
        .live
        .set_problems(vec![Diagnostic::error("content/x.md", "title is missing")]);
    let seen = read_until(&mut stream, "title is missing", Duration::from_secs(5));
    assert!(seen.contains("event: problems"), "{seen}");

    // Requests are still answered while the stream stays open.
    assert_eq!(fixture.get("/style.css").status, 200);

    // Stopping the server ends the stream (the last chunk) and forgets it.
    let live = fixture.live.clone();
    fixture.server.stop();
    let end = read_until(&mut stream, "0\r\n\r\n", Duration::from_secs(5));
    assert!(end.ends_with("0\r\n\r\n"), "{end:?}");
    assert!(live.open_pages().is_empty());
}

/// During the first build the folder may hold an earlier session's pages
/// or half of this one's: every page says the preview is being built and
/// comes back by itself; the event stream already works, and tells the
/// waiting pages when the build is done.
#[test]
fn pages_wait_for_the_first_build() {
    let fixture = Fixture::building();
    for target in ["/", "/sub/", "/style.css", "/missing/", "/library/atom.xml"] {
        let reply = fixture.get(target);
        assert_eq!(reply.status, 503, "{target}");
        assert!(
            reply.head.contains("Retry-After: 2"),
            "{target}: {}",
            reply.head
        );
        let page = reply.text();
        assert!(
            page.contains("<h1>Building the preview</h1>"),
            "{target}: {page}"
        );
        assert!(
            page.contains(r#"http-equiv="refresh" content="2""#),
            "{page}"
        );
        assert!(page.contains("/__calabash/live.js"), "{page}");
        assert!(!page.contains("Welcome home"), "{target}: {page}");
    }
    assert_eq!(fixture.get("/__calabash/live.js").status, 200);
    let mut stream = TcpStream::connect(fixture.server.address).unwrap();
    let events = format!(
        "GET /__calabash/events?page=%2F HTTP/1.1\r\nHost: {}\r\n\r\n",
        fixture.host()
    );
    stream.write_all(events.as_bytes()).unwrap();
    read_until(&mut stream, "retry:", Duration::from_secs(5));
    wait_for("the page to be open", || fixture.live.open_pages() == ["/"]);

    fixture.live.first_build_done();
    let seen = read_until(&mut stream, "event: change", Duration::from_secs(5));
    assert!(seen.contains(r#"data: {"paths":[],"all":true}"#), "{seen}");
    let home = fixture.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("Welcome home"));
    assert_eq!(fixture.get("/style.css").text(), CSS);
}

#[test]
fn problems_show_an_overlay_until_fixed() {
    let fixture = Fixture::new();
    fixture.live.set_problems(vec![
        Diagnostic::error("content/library/x.md", "title is missing").hint("add a title"),
        Diagnostic::error("content/library/y.md", "bad <script>alert(1)</script> & co"),
    ]);
    for target in ["/", "/missing/"] {
        let page = fixture.get(target).text();
        assert!(page.contains(r#"id="calabash-overlay""#), "{target}");
        assert!(page.contains("The site could not be rebuilt"));
        assert!(page.contains("the last good build"));
        assert!(page.contains("content/library/x.md") && page.contains("title is missing"));
        assert!(page.contains("Hint: add a title"));
        assert!(page.contains("bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(!page.contains("<script>alert(1)"));
    }
    fixture.live.set_problems(Vec::new());
    let page = fixture.get("/").text();
    assert!(!page.contains("calabash-overlay") && page.contains("/__calabash/live.js"));
}

/// The status of a GET made on another thread, unless it takes over 5 s.
fn status_within_5s(address: SocketAddr, target: &str) -> Result<u16, RecvTimeoutError> {
    let (done, finished) = std::sync::mpsc::channel();
    let raw = format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    std::thread::spawn(move || done.send(exchange(address, raw.as_bytes()).status));
    finished.recv_timeout(Duration::from_secs(5))
}

#[test]
fn slow_clients_do_not_stall_the_pool() {
    let fixture = Fixture::with_threads(4);
    let slow: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut stream = TcpStream::connect(fixture.server.address).unwrap();
            stream
                .write_all(b"GET /index.html HTTP/1.1\r\nHost:")
                .unwrap();
            stream
        })
        .collect();
    assert_eq!(
        status_within_5s(fixture.server.address, "/style.css"),
        Ok(200)
    );
    drop(slow);
}

#[test]
fn event_streams_do_not_hold_workers() {
    let fixture = Fixture::with_threads(1);
    let streams: Vec<TcpStream> = ["/", "/sub/", "/style.css"]
        .iter()
        .map(|page| {
            let mut stream = TcpStream::connect(fixture.server.address).unwrap();
            let raw = format!(
                "GET /__calabash/events?page={page} HTTP/1.1\r\nHost: {}\r\n\r\n",
                fixture.host()
            );
            stream.write_all(raw.as_bytes()).unwrap();
            stream
        })
        .collect();
    wait_for("three open pages", || fixture.live.open_pages().len() == 3);
    assert_eq!(status_within_5s(fixture.server.address, "/app.js"), Ok(200));
    drop(streams);
}

#[test]
fn a_port_in_use_is_reported_with_a_free_one() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let config = ServerConfig {
        bind: [127, 0, 0, 1].into(),
        port,
        site_dir: PathBuf::from("."),
        root: PathBuf::from("."),
        threads: 1,
        limits: Limits::default(),
    };
    let Err(err) = start(config, Arc::new(Live::new())) else {
        panic!("started on a port in use");
    };
    let StartError::PortInUse {
        port: reported,
        next_free: Some(free),
    } = err
    else {
        panic!("unexpected error: {err}");
    };
    assert_eq!(reported, port);
    assert_ne!(free, port);
    let message = err.to_string();
    assert!(
        message.contains(&format!("port {port} is already in use")),
        "{message}"
    );
    assert!(message.contains(&format!("--port {free}")), "{message}");
}

#[test]
fn search_endpoint_reports_missing_index_and_query() {
    let fixture = Fixture::new();
    let missing = fixture.get("/__calabash/search?q=reading");
    assert_eq!(missing.status, 503);
    assert_eq!(missing.header("Content-Type"), Some("application/json"));
    let error: serde_json::Value = serde_json::from_slice(&missing.body).unwrap();
    assert!(error["error"].as_str().unwrap().contains("no search index"));
    assert_eq!(missing.header("Retry-After"), Some("1"));

    let no_query = fixture.get("/__calabash/search?limit=3");
    assert_eq!(no_query.status, 400);
    let error: serde_json::Value = serde_json::from_slice(&no_query.body).unwrap();
    assert!(error["error"].as_str().unwrap().contains("q parameter"));
}

#[test]
fn pages_shown_ahead_are_served_until_cleared() {
    let fixture = Fixture::new();
    let ahead = b"<html><body><p>rendered ahead</p></body></html>".to_vec();
    fixture.live.previews.show([("/sub/".to_string(), ahead)]);
    for target in ["/sub/", "/sub/index.html"] {
        let request = format!("GET {target} HTTP/1.0\r\nHost: {}\r\n\r\n", fixture.host());
        let reply = exchange(fixture.server.address, request.as_bytes());
        assert_eq!(reply.status, 200);
        assert!(reply.text().contains("rendered ahead"), "{}", reply.text());
        assert!(reply.text().contains("/__calabash/live.js"));
    }
    fixture.live.previews.clear();
    let request = format!("GET /sub/ HTTP/1.0\r\nHost: {}\r\n\r\n", fixture.host());
    let reply = exchange(fixture.server.address, request.as_bytes());
    assert_eq!(reply.status, 200);
    assert!(!reply.text().contains("rendered ahead"));
}

#[test]
fn listening_on_all_interfaces_still_shows_a_loopback_address() {
    let temp = tempfile::tempdir().unwrap();
    let server = start(
        ServerConfig {
            bind: [0, 0, 0, 0].into(),
            port: 0,
            site_dir: temp.path().to_path_buf(),
            root: temp.path().to_path_buf(),
            threads: 1,
            limits: Limits::default(),
        },
        Arc::new(Live::new()),
    )
    .unwrap();
    assert!(server.address.ip().is_unspecified());
    let port = server.address.port();
    assert_eq!(server.url(), format!("http://127.0.0.1:{port}/"));
}
