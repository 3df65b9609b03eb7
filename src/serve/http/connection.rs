//! Accepting connections and answering their requests one after another,
//! each connection on a thread of its own, within `Limits`: at most
//! `connections` are held (a new one closes the one that has waited
//! longest for a request, or gets 503 when every one is being answered),
//! each head is read within its bounds, and only `threads` requests are
//! answered at once. An open page's event stream
//! keeps its thread but leaves the connections count: the live channel
//! bounds those.

use std::io::Read;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::answer::{Answer, answer};
use super::config::Context;
use super::head::{Head, HeadReader};
use super::host::{Served, addressed};
use super::reply::{self, Framing, text};
use crate::serve::events::{self, Pace};

/// What the accept loop and every connection thread share.
pub(super) struct Shared {
    pub context: Context,
    pub stopping: AtomicBool,
    held: Mutex<Held>,
    /// Signalled whenever a connection thread ends.
    ended: Condvar,
    answering: Gate,
}

#[derive(Default)]
struct Held {
    next_id: u64,
    connections: Vec<Connection>,
    /// Connection threads still running, event streams included.
    threads: usize,
}

struct Connection {
    id: u64,
    /// A handle to shut the connection down from another thread.
    socket: TcpStream,
    /// Since when it has waited for a request; `None` while one is answered.
    waiting_since: Option<Instant>,
}

impl Shared {
    pub fn new(context: Context, threads: usize) -> Shared {
        Shared {
            context,
            stopping: AtomicBool::new(false),
            held: Mutex::new(Held::default()),
            ended: Condvar::new(),
            answering: Gate::new(threads.max(1)),
        }
    }

    fn held(&self) -> MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a new connection, closing the one that has waited longest
    /// for a request when all are held; `None` when every one is busy.
    fn admit(&self, socket: &TcpStream) -> Option<u64> {
        let handle = socket.try_clone().ok()?;
        let mut held = self.held();
        if held.connections.len() >= self.context.limits.connections {
            let longest = held
                .connections
                .iter()
                .enumerate()
                .filter_map(|(at, c)| c.waiting_since.map(|since| (since, at)))
                .min()?;
            let evicted = held.connections.remove(longest.1);
            let _ = evicted.socket.shutdown(Shutdown::Both);
        }
        held.next_id += 1;
        let id = held.next_id;
        held.connections.push(Connection {
            id,
            socket: handle,
            waiting_since: Some(Instant::now()),
        });
        held.threads += 1;
        Some(id)
    }

    /// Marks a connection waiting for a request, or being answered. A
    /// connection already waiting keeps its time: its thread may start
    /// after later connections' threads, and must not look younger.
    fn set_waiting(&self, id: u64, waiting: bool) {
        if let Some(c) = self.held().connections.iter_mut().find(|c| c.id == id) {
            c.waiting_since = if waiting {
                Some(c.waiting_since.unwrap_or_else(Instant::now))
            } else {
                None
            };
        }
    }

    fn forget(&self, id: u64) {
        self.held().connections.retain(|c| c.id != id);
    }

    fn thread_ended(&self) {
        self.held().threads -= 1;
        self.ended.notify_all();
    }

    /// Closes the connections waiting for a request, then waits (a while
    /// at most) for the requests being answered; streams are ended by
    /// the live channel.
    pub fn close_all(&self, patience: Duration) {
        let deadline = Instant::now() + patience;
        let mut held = self.held();
        for connection in &held.connections {
            if connection.waiting_since.is_some() {
                let _ = connection.socket.shutdown(Shutdown::Both);
            }
        }
        while held.threads > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            held = match self.ended.wait_timeout(held, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }
}

/// Accepts connections until the server stops.
pub(super) fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for incoming in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(socket) = incoming else {
            // Out of file descriptors, most likely: let some close.
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        let Some(id) = shared.admit(&socket) else {
            let busy = text(503, "503 Service Unavailable: too many requests at once\n");
            let _ = socket.set_write_timeout(Some(Duration::from_secs(1)));
            reply::send(&socket, busy, Framing::closing(1));
            continue;
        };
        let thread_shared = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("calabash-http".into())
            .spawn(move || {
                serve_connection(&socket, id, &thread_shared);
                thread_shared.forget(id);
                thread_shared.thread_ended();
            });
        if spawned.is_err() {
            shared.forget(id);
            shared.thread_ended();
        }
    }
}

fn serve_connection(socket: &TcpStream, id: u64, shared: &Shared) {
    let limits = shared.context.limits;
    let _ = socket.set_nodelay(true);
    let _ = socket.set_write_timeout(Some(limits.write_time));
    let Ok(local) = socket.local_addr() else {
        return;
    };
    let served = Served {
        bind: shared.context.bind,
        local,
    };
    let mut reader = HeadReader::new(limits);
    while !shared.stopping.load(Ordering::SeqCst) {
        shared.set_waiting(id, true);
        let head = match reader.next(socket) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(refusal) => {
                let response = text(refusal.status(), &refusal.explanation(&limits));
                reply::send(socket, response, Framing::closing(1));
                return linger(socket);
            }
        };
        shared.set_waiting(id, false);
        let framing = Framing {
            minor: head.minor,
            head_only: head.method == "HEAD",
            keep_alive: head.keep_alive(),
        };
        let target = match addressed(&head, &served) {
            Ok(target) => target,
            Err((status, explanation)) => {
                reply::send(
                    socket,
                    text(status, &explanation),
                    Framing::closing(head.minor),
                );
                return linger(socket);
            }
        };
        let answered = {
            let _turn = shared.answering.enter();
            // A bug answering one request must not end the server.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                answer(&head.method, &target, &shared.context)
            }))
        };
        match answered {
            Ok(Answer::Reply(response)) => {
                if !reply::send(socket, response, framing) {
                    return;
                }
                if !framing.keep_alive {
                    return linger(socket);
                }
            }
            Ok(Answer::Stream(page)) => return open_stream(socket, id, &head, page, shared),
            Err(_) => {
                let failed = text(500, "500 Internal Server Error\n");
                reply::send(socket, failed, Framing::closing(head.minor));
                return linger(socket);
            }
        }
    }
}

/// Closes after a last answer without losing it: closing on a client
/// still sending (a huge head, a body, pipelined requests) resets the
/// connection, which can wipe the answer before the client reads it. What
/// still comes is read and dropped, for a moment and a megabyte at most.
fn linger(mut socket: &TcpStream) {
    const MOMENT: Duration = Duration::from_secs(1);
    const MEGABYTE: usize = 1 << 20;
    let _ = socket.shutdown(Shutdown::Write);
    let deadline = Instant::now() + MOMENT;
    let mut scratch = [0u8; 8192];
    let mut drained = 0;
    while drained < MEGABYTE {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || socket.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match socket.read(&mut scratch) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// Turns the connection into the page's event stream: it leaves the
/// connections held, and ends with the stream.
fn open_stream(socket: &TcpStream, id: u64, head: &Head, page: String, shared: &Shared) {
    shared.forget(id);
    // HTTP/1.1 streams are chunked so that their end is visible;
    // `Connection: close` stops the browser from sending its reconnection
    // down that connection, which a stopped server would never answer.
    let chunked = head.minor >= 1;
    if !reply::send_stream_head(socket, chunked) {
        return;
    }
    let limits = shared.context.limits;
    let pace = Pace {
        chunked,
        heartbeat: limits.heartbeat,
        check: limits.stream_check,
    };
    events::stream(
        &shared.context.live,
        socket,
        page,
        shared.context.server_id,
        pace,
    );
}

/// A counting semaphore: at most `n` holders at once.
struct Gate {
    free: Mutex<usize>,
    freed: Condvar,
}

struct Turn<'a>(&'a Gate);

impl Gate {
    fn new(n: usize) -> Gate {
        Gate {
            free: Mutex::new(n),
            freed: Condvar::new(),
        }
    }

    fn enter(&self) -> Turn<'_> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        Turn(self)
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}
