//! A scriptable HTTP server on loopback for the link checker's tests: each
//! request is answered on a thread of its own by a handler the test gives,
//! and every request is logged in the order it arrived.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

use tiny_http::{Header, Response, Server, StatusCode};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub user_agent: String,
}

/// What the handler answers: a status and headers, no body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    pub fn redirect(status: u16, location: impl Into<String>) -> Reply {
        Reply::status(status).with("Location", location)
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

pub struct TestServer {
    addr: SocketAddr,
    server: Arc<Server>,
    log: Arc<Mutex<Vec<Seen>>>,
    listener: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> TestServer {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind loopback"));
        let addr = server.server_addr().to_ip().expect("an IP address");
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let listener = {
            let (server, log) = (Arc::clone(&server), Arc::clone(&log));
            thread::spawn(move || {
                // Ends when the server is unblocked on drop.
                while let Ok(request) = server.recv() {
                    let seen = Seen {
                        method: request.method().as_str().to_string(),
                        path: request.url().to_string(),
                        user_agent: request
                            .headers()
                            .iter()
                            .find(|h| h.field.equiv("User-Agent"))
                            .map(|h| h.value.to_string())
                            .unwrap_or_default(),
                    };
                    log.lock().unwrap().push(seen.clone());
                    let handler = Arc::clone(&handler);
                    thread::spawn(move || {
                        let reply = handler(&seen);
                        let mut response = Response::empty(StatusCode(reply.status));
                        for (name, value) in reply.headers {
                            response.add_header(Header::from_bytes(name, value).unwrap());
                        }
                        // The client may have given up (timeouts): no matter.
                        let _ = request.respond(response);
                    });
                }
            })
        };
        TestServer {
            addr,
            server,
            log,
            listener: Some(listener),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far, in the order they came.
    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// The methods of the requests for `path`, in order.
    pub fn methods_for(&self, path: &str) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|seen| seen.path == path)
            .map(|seen| seen.method)
            .collect()
    }

    pub fn count(&self, path: &str) -> usize {
        self.methods_for(path).len()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(listener) = self.listener.take() {
            let _ = listener.join();
        }
    }
}

/// Counts requests in progress and remembers the most seen at once.
#[derive(Default)]
pub struct InFlight {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl InFlight {
    /// Marks one request in progress until the returned guard drops.
    pub fn enter(&self) -> InFlightGuard<'_> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
        InFlightGuard(self)
    }

    pub fn most(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

pub struct InFlightGuard<'a>(&'a InFlight);

impl Drop for InFlightGuard<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts calls per key, for handlers that answer differently over time.
#[derive(Default)]
pub struct Counter(Mutex<std::collections::HashMap<String, usize>>);

impl Counter {
    /// How many times `key` was counted before this call.
    pub fn next(&self, key: &str) -> usize {
        let mut counts = self.0.lock().unwrap();
        let count = counts.entry(key.to_string()).or_default();
        *count += 1;
        *count - 1
    }
}
