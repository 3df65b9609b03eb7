//! Responses of the preview server, made and written with tiny_http's
//! `Response`: every one carries the same protective headers and a
//! Content-Length.

use std::io::{BufWriter, Read, Write};
use std::net::TcpStream;

use tiny_http::{HTTPVersion, Header, Response};

pub(super) type Reply = Response<Box<dyn Read + Send>>;

/// Headers every response of the preview carries, event streams included:
/// never cached (it changes with every save), never sniffed into another
/// type, never readable by another site's page through a no-cors load.
pub(super) const PROTECTIVE_HEADERS: [(&str, &str); 3] = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
];

pub(super) fn text(status: u16, body: &str) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

pub(super) fn json_error(status: u16, message: &str) -> Reply {
    let body = serde_json::json!({ "error": message }).to_string();
    reply(status, "application/json", body.into_bytes())
}

pub(super) fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let length = body.len();
    let body = Box::new(std::io::Cursor::new(body));
    finish(
        Response::new(status.into(), Vec::new(), body, Some(length), None),
        content_type,
    )
}

/// Adds the headers every response carries. A Content-Length is always
/// sent (tiny_http would chunk large bodies).
pub(super) fn finish(response: Reply, content_type: &str) -> Reply {
    let mut response = with_header(response, "Content-Type", content_type);
    for (name, value) in PROTECTIVE_HEADERS {
        response = with_header(response, name, value);
    }
    with_header(response, "Server", "calabash").with_chunked_threshold(usize::MAX)
}

/// Adds a header; values come from this module's callers or from a
/// request target already checked, so a refused one is only left out.
pub(super) fn with_header(response: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name, value) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

/// How a response is written on its connection.
#[derive(Debug, Clone, Copy)]
pub(super) struct Framing {
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
    /// A HEAD request: the headers only.
    pub head_only: bool,
    /// Whether the connection stays open for another request.
    pub keep_alive: bool,
}

impl Framing {
    /// A full response, after which the connection is closed.
    pub fn closing(minor: u8) -> Framing {
        Framing {
            minor,
            head_only: false,
            keep_alive: false,
        }
    }
}

/// Writes `response`; false when the client has gone.
pub(super) fn send(socket: &TcpStream, response: Reply, framing: Framing) -> bool {
    let connection: &[u8] = match (framing.keep_alive, framing.minor) {
        (false, _) => b"Connection: close\r\n",
        (true, 0) => b"Connection: keep-alive\r\n",
        (true, _) => b"",
    };
    let mut writer = AfterStatusLine {
        inner: BufWriter::new(socket),
        extra: Some(connection),
    };
    let version = HTTPVersion(1, framing.minor);
    response
        .raw_print(&mut writer, version, &[], framing.head_only, None)
        .and_then(|()| writer.flush())
        .is_ok()
}

/// Writes through, adding `extra` after the status line: tiny_http leaves
/// any Connection header out of a response, and a client must know that
/// the connection closes after it.
struct AfterStatusLine<'a, W: Write> {
    inner: W,
    extra: Option<&'a [u8]>,
}

impl<W: Write> Write for AfterStatusLine<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let Some(extra) = self.extra else {
            return self.inner.write(bytes);
        };
        let Some(line_end) = bytes.iter().position(|&b| b == b'\n') else {
            return self.inner.write(bytes);
        };
        self.inner.write_all(&bytes[..=line_end])?;
        self.inner.write_all(extra)?;
        self.extra = None;
        self.inner.write_all(&bytes[line_end + 1..])?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the head of an event stream, which has no length: chunked on
/// HTTP/1.1, ended by closing the connection on HTTP/1.0.
pub(super) fn send_stream_head(mut socket: &TcpStream, chunked: bool) -> bool {
    let mut head = String::from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n");
    for (name, value) in PROTECTIVE_HEADERS {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if chunked {
        head.push_str("Transfer-Encoding: chunked\r\n");
    }
    head.push_str("Connection: close\r\n\r\n");
    socket
        .write_all(head.as_bytes())
        .and_then(|()| socket.flush())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_header_follows_the_status_line() {
        let mut written = Vec::new();
        let mut writer = AfterStatusLine {
            inner: &mut written,
            extra: Some(b"Connection: close\r\n"),
        };
        for piece in ["HTTP/1.1 2", "00 OK\r", "\nDate: x\r\n", "\r\nbody\n"] {
            writer.write_all(piece.as_bytes()).unwrap();
        }
        assert_eq!(
            String::from_utf8(written).unwrap(),
            "HTTP/1.1 200 OK\r\nConnection: close\r\nDate: x\r\n\r\nbody\n"
        );
    }
}
