//! The HTTP side of `calabash serve`: serves the built site folder on
//! tiny_http for previewing, adding the live-reload script (and the problem
//! overlay) to HTML pages as they are sent, never on disk, and answers the
//! live-reload event streams and a search endpoint under `/__calabash/`.

use std::fmt;
use std::fs::File;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::search::query::{COLLECTION_GROUP, SearchOptions};
use crate::serve::live::{self, Live, normalise_page};
use crate::serve::site_path::{self, Target, content_type};

const LIVE_JS: &str = include_str!("live.js");
/// Results the search endpoint returns at most, whatever `limit` asks.
const MAX_LIMIT: usize = 100;

pub struct ServerConfig {
    pub bind: IpAddr,
    /// 0 picks any free port.
    pub port: u16,
    /// The built site.
    pub site_dir: PathBuf,
    /// The site's source root, where the search index is kept.
    pub root: PathBuf,
    /// How many requests are answered at once (event streams do not count).
    pub threads: usize,
}

/// A server answering requests until `stop` (or drop).
pub struct Running {
    pub address: SocketAddr,
    server: Arc<Server>,
    workers: Vec<JoinHandle<()>>,
    live: Arc<Live>,
    id: u64,
}

#[derive(Debug)]
pub enum StartError {
    PortInUse { port: u16, next_free: Option<u16> },
    Other(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::PortInUse { port, next_free } => {
                write!(
                    f,
                    "port {port} is already in use (is another calabash serve running?); "
                )?;
                match next_free {
                    Some(free) => {
                        write!(f, "port {free} is free: run `calabash serve --port {free}`")
                    }
                    None => write!(f, "choose another with `calabash serve --port <PORT>`"),
                }
            }
            StartError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for StartError {}

/// What every worker needs to answer a request.
struct Context {
    site_dir: PathBuf,
    root: PathBuf,
    live: Arc<Live>,
    server_id: u64,
}

static NEXT_SERVER_ID: AtomicU64 = AtomicU64::new(1);

/// Listens on `config.bind:config.port` and answers with `config.threads`
/// worker threads, each taking the next request as soon as it is free.
pub fn start(config: ServerConfig, live: Arc<Live>) -> Result<Running, StartError> {
    let listener = listen(config.bind, config.port)?;
    let address = listener
        .local_addr()
        .map_err(|err| StartError::Other(format!("cannot listen: {err}")))?;
    let server = Server::from_listener(listener, None)
        .map_err(|err| StartError::Other(format!("cannot listen on {address}: {err}")))?;
    let id = NEXT_SERVER_ID.fetch_add(1, Ordering::Relaxed);
    let context = Arc::new(Context {
        site_dir: config.site_dir,
        root: config.root,
        live: live.clone(),
        server_id: id,
    });
    let mut running = Running {
        address,
        server: Arc::new(server),
        workers: Vec::new(),
        live,
        id,
    };
    for n in 0..config.threads.max(1) {
        let server = running.server.clone();
        let context = context.clone();
        let worker = std::thread::Builder::new()
            .name(format!("calabash-http-{n}"))
            .spawn(move || work(&server, &context))
            .map_err(|err| StartError::Other(format!("cannot start a server thread: {err}")))?;
        running.workers.push(worker);
    }
    Ok(running)
}

fn listen(bind: IpAddr, port: u16) -> Result<TcpListener, StartError> {
    match TcpListener::bind((bind, port)) {
        Ok(listener) => {
            // Connections inherit it: tiny_http writes a response in pieces,
            // and Nagle's algorithm would hold the last one back until the
            // client's delayed acknowledgement, 40 ms per response.
            let _ = socket2::SockRef::from(&listener).set_tcp_nodelay(true);
            Ok(listener)
        }
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
            let next_free = (port.saturating_add(1)..=port.saturating_add(20))
                .filter(|&p| p != port)
                .find(|&p| TcpListener::bind((bind, p)).is_ok());
            Err(StartError::PortInUse { port, next_free })
        }
        Err(err) => Err(StartError::Other(format!(
            "cannot listen on {}: {err}",
            SocketAddr::new(bind, port)
        ))),
    }
}

impl Running {
    /// The address to open in a browser, e.g. `http://127.0.0.1:1111/`
    /// (the loopback address when listening on all interfaces).
    pub fn url(&self) -> String {
        let mut address = self.address;
        if address.ip().is_unspecified() {
            address.set_ip(match address.ip() {
                IpAddr::V4(_) => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
                IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            });
        }
        format!("http://{address}/")
    }

    /// Stops answering: waits for the requests being answered, ends this
    /// server's event streams and closes the port. Meant for shutting down:
    /// tiny_http cannot close the browsers' idle keep-alive connections,
    /// which only go with the process, so a browser may wait on one if
    /// another server is started on the same port in the same process.
    pub fn stop(self) {
        // Dropping does the work, so a forgotten `Running` stops too.
    }

    fn shutdown(&mut self) {
        // Each unblock releases one worker waiting for a request.
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
        self.live.close_streams(self.id);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn work(server: &Server, context: &Context) {
    while let Ok(request) = server.recv() {
        // A bug answering one request must not shrink the pool.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            answer(request, context);
        }));
    }
}

fn answer(request: Request, context: &Context) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = text(405, "405 Method Not Allowed\n");
        let _ = request.respond(with_header(response, "Allow", "GET, HEAD"));
        return;
    }
    let target = request.url().to_string();
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == "/__calabash" || path.starts_with("/__calabash/") {
        return internal(request, path, query, context);
    }
    let previewed = site_path::decode_path(path)
        .ok()
        .and_then(|decoded| context.live.previews.get(&decoded));
    if let Some(page) = previewed {
        let page = inject(page.to_vec(), &context.live.page_additions());
        let _ = request.respond(reply(200, "text/html; charset=utf-8", page));
        return;
    }
    let response = match site_path::resolve(&context.site_dir, path) {
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
        Ok(Target::NotFound) => not_found(context),
    };
    let _ = request.respond(response);
}

type Reply = Response<Box<dyn std::io::Read + Send>>;

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

fn internal(request: Request, path: &str, query: &str, context: &Context) {
    let response = match path {
        "/__calabash/live.js" => reply(
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        ),
        "/__calabash/events" if *request.method() == Method::Get => {
            let page = site_path::query_pairs(query)
                .unwrap_or_default()
                .into_iter()
                .find(|(name, _)| name == "page")
                .map_or_else(|| "/".to_string(), |(_, page)| normalise_page(&page));
            return live::stream(&context.live, request, page, context.server_id);
        }
        "/__calabash/events" => reply(200, "text/event-stream", Vec::new()),
        "/__calabash/search" => search(query, &context.root),
        _ => text(404, "404 Not Found\n"),
    };
    let _ = request.respond(response);
}

/// `/__calabash/search?q=..&limit=..&collection=..&filter=taxonomy=term&prefix=1`:
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
            _ => {}
        }
    }
    let Some(text) = text else {
        return json_error(400, "the q parameter (the words to look for) is missing");
    };
    if !crate::search::index_dir(root).is_dir() {
        return json_error(
            503,
            "there is no search index yet: it is made by a successful build",
        );
    }
    match crate::search::query::search(root, &text, &options) {
        Ok(results) => match serde_json::to_vec(&results) {
            Ok(body) => reply(200, "application/json", body),
            Err(err) => json_error(500, &format!("cannot encode the results: {err}")),
        },
        // Most likely a rebuild is rewriting the index right now.
        Err(err) => json_error(503, &format!("cannot search the index: {err}")),
    }
}

fn json_error(status: u16, message: &str) -> Reply {
    let body = serde_json::json!({ "error": message }).to_string();
    reply(status, "application/json", body.into_bytes())
}

fn text(status: u16, body: &str) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let length = body.len();
    let body = Box::new(std::io::Cursor::new(body));
    finish(
        Response::new(status.into(), Vec::new(), body, Some(length), None),
        content_type,
    )
}

/// Headers every response carries. The preview must never be cached, and a
/// Content-Length is always sent (tiny_http would chunk large bodies).
fn finish(response: Reply, content_type: &str) -> Reply {
    let response = with_header(response, "Content-Type", content_type);
    let response = with_header(response, "Cache-Control", "no-store");
    let response = with_header(response, "X-Content-Type-Options", "nosniff");
    with_header(response, "Server", "calabash").with_chunked_threshold(usize::MAX)
}

/// Adds a header; values come from this file or from a request line, which
/// tiny_http has already checked, so a refused one is only left out.
fn with_header(response: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name, value) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
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
