//! An open page's Server-Sent Events stream, written on its connection:
//! the live-reload channel's messages as they come, a heartbeat when there
//! are none, and an end as soon as the page is gone (its connection closed,
//! or a write to it failed), so that its slot is free for another page.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::serve::live::{Live, Message};

/// How a stream is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pace {
    /// HTTP/1.1 chunked framing (else the stream ends with the connection).
    pub chunked: bool,
    /// How often an idle stream is written to.
    pub heartbeat: Duration,
    /// How often the stream looks whether its client has gone.
    pub check: Duration,
}

/// Tells the page's live.js that newer pages took every slot, so that it
/// does not reconnect.
const EVICTED: &str = "event: evicted\ndata: {}\n\n";

/// Streams to the page at `page` on `socket` (its response head already
/// sent) until the page goes away, its server stops or newer pages take
/// its slot.
pub(crate) fn stream(live: &Live, socket: &TcpStream, page: String, owner: u64, pace: Pace) {
    let (id, receiver) = live.subscribe(page, owner);
    write_events(socket, &receiver, pace);
    live.unsubscribe(id);
}

fn write_events(mut socket: &TcpStream, receiver: &Receiver<Message>, pace: Pace) {
    // A dropped connection is retried after a second, not the default three.
    let mut open = send(&mut socket, "retry: 1000\n\n", pace.chunked);
    let mut written = Instant::now();
    while open {
        let until_heartbeat = pace.heartbeat.saturating_sub(written.elapsed());
        open = match receiver.recv_timeout(until_heartbeat.min(pace.check)) {
            Ok(Message::Event(event)) => {
                written = Instant::now();
                send(&mut socket, &event, pace.chunked)
            }
            Ok(Message::Evicted) => {
                send(&mut socket, EVICTED, pace.chunked);
                end(&mut socket, pace.chunked)
            }
            Ok(Message::Close) | Err(RecvTimeoutError::Disconnected) => {
                end(&mut socket, pace.chunked)
            }
            Err(RecvTimeoutError::Timeout) if client_gone(socket) => false,
            Err(RecvTimeoutError::Timeout) if written.elapsed() >= pace.heartbeat => {
                written = Instant::now();
                send(&mut socket, ": keep-alive\n\n", pace.chunked)
            }
            Err(RecvTimeoutError::Timeout) => true,
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

/// Ends the stream visibly (the last chunk); always false, the stream is over.
fn end(writer: &mut impl Write, chunked: bool) -> bool {
    if chunked {
        let _ = writer.write_all(b"0\r\n\r\n").and_then(|()| writer.flush());
    }
    false
}

/// Whether the client closed its end. A page never sends anything on its
/// stream; whatever does arrive is read and dropped, so that the close
/// behind it is still seen.
fn client_gone(mut socket: &TcpStream) -> bool {
    if socket.set_nonblocking(true).is_err() {
        return true;
    }
    let mut scratch = [0u8; 1024];
    let gone = match socket.read(&mut scratch) {
        Ok(0) => true,
        Ok(_) => false,
        Err(err) => !matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted),
    };
    gone || socket.set_nonblocking(false).is_err()
}
