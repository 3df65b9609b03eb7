//! Reading request heads off a connection within `Limits`: the bytes held
//! never exceed the largest head allowed, and a head must arrive whole
//! before its deadline, however slowly its bytes trickle in. Parsing is
//! httparse's, which refuses obsolete forms (folded header lines, bare
//! spaces in names) that could let two readers see different headers.

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::Instant;

use super::config::Limits;

/// A request's method, target and header fields, as sent.
#[derive(Debug, Clone)]
pub(super) struct Head {
    pub method: String,
    pub target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Head {
    /// The values of every field named `name` (case-insensitive).
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers
            .iter()
            .filter(move |(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_slice())
    }

    /// Whether the client may send another request on this connection.
    /// A request with a body ends its connection: only GET and HEAD are
    /// answered, and the body is never read.
    pub fn keep_alive(&self) -> bool {
        let has_body = self.values("Transfer-Encoding").next().is_some()
            || self
                .values("Content-Length")
                .any(|length| length.trim_ascii() != b"0");
        let tokens: Vec<String> = self
            .values("Connection")
            .flat_map(|value| {
                let value = String::from_utf8_lossy(value).to_ascii_lowercase();
                value
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let wanted = if self.minor == 0 {
            tokens.iter().any(|t| t == "keep-alive")
        } else {
            !tokens.iter().any(|t| t == "close")
        };
        wanted && !has_body && matches!(self.method.as_str(), "GET" | "HEAD")
    }
}

/// Why a head was not read; each is answered with its status, then the
/// connection is closed (where the next request would start is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// A head was started but not finished in time: 408.
    Timeout,
    /// The request line is longer than allowed: 414.
    LineTooLong,
    /// The head is larger than allowed: 431.
    TooLarge,
    /// More header fields than allowed: 431.
    TooManyFields,
    /// Not an HTTP/1.x request head: 400.
    Malformed,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::Timeout => 408,
            Refusal::LineTooLong => 414,
            Refusal::TooLarge | Refusal::TooManyFields => 431,
            Refusal::Malformed => 400,
        }
    }

    pub fn explanation(self, limits: &Limits) -> String {
        match self {
            Refusal::Timeout => format!(
                "408 Request Timeout: the request did not arrive within {} s\n",
                limits.head_time.as_secs_f64()
            ),
            Refusal::LineTooLong => format!(
                "414 URI Too Long: the request line is longer than {} bytes\n",
                limits.request_line
            ),
            Refusal::TooLarge => format!(
                "431 Request Header Fields Too Large: the request head is larger than {} bytes\n",
                limits.head
            ),
            Refusal::TooManyFields => format!(
                "431 Request Header Fields Too Large: the request has more than {} header fields\n",
                limits.headers
            ),
            Refusal::Malformed => "400 Bad Request: this is not an HTTP/1.1 request\n".into(),
        }
    }
}

/// Reads one connection's requests; bytes past a head (a pipelined
/// request) are kept for the next.
pub(super) struct HeadReader {
    limits: Limits,
    buffer: Vec<u8>,
}

impl HeadReader {
    pub fn new(limits: Limits) -> HeadReader {
        HeadReader {
            limits,
            buffer: Vec::new(),
        }
    }

    /// The next request's head; `Ok(None)` when the client closed the
    /// connection, or sent nothing before the deadline.
    pub fn next(&mut self, socket: &TcpStream) -> Result<Option<Head>, Refusal> {
        let deadline = Instant::now() + self.limits.head_time;
        let mut chunk = [0u8; 4096];
        loop {
            // Empty lines before a request are allowed (RFC 9112, 2.2).
            let blank = self
                .buffer
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'));
            let blank = blank.count();
            self.buffer.drain(..blank);
            if let Some(head) = self.parse()? {
                return Ok(Some(head));
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return self.silent_or(Refusal::Timeout);
            }
            let _ = socket.set_read_timeout(Some(remaining));
            // Never hold more than one byte past the largest head.
            let room = (self.limits.head + 1 - self.buffer.len()).min(chunk.len());
            match (&*socket).read(&mut chunk[..room]) {
                Ok(0) => return Ok(None),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return self.silent_or(Refusal::Timeout);
                }
                Err(_) => return Ok(None),
            }
        }
    }

    /// Nothing to answer when nothing was sent: an idle connection just ends.
    fn silent_or(&self, refusal: Refusal) -> Result<Option<Head>, Refusal> {
        if self.buffer.is_empty() {
            Ok(None)
        } else {
            Err(refusal)
        }
    }

    /// The head at the start of the buffer once it is complete, checking
    /// the bounds as bytes arrive.
    fn parse(&mut self) -> Result<Option<Head>, Refusal> {
        let line_end = self.buffer.iter().position(|&b| b == b'\n');
        if line_end.unwrap_or(self.buffer.len()) > self.limits.request_line {
            return Err(Refusal::LineTooLong);
        }
        let Some(end) = head_end(&self.buffer) else {
            return match self.buffer.len() > self.limits.head {
                true => Err(Refusal::TooLarge),
                false => Ok(None),
            };
        };
        if end > self.limits.head {
            return Err(Refusal::TooLarge);
        }
        let mut fields = vec![httparse::EMPTY_HEADER; self.limits.headers];
        let mut request = httparse::Request::new(&mut fields);
        let length = match request.parse(&self.buffer[..end]) {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) => return Err(Refusal::Malformed),
            Err(httparse::Error::TooManyHeaders) => return Err(Refusal::TooManyFields),
            Err(_) => return Err(Refusal::Malformed),
        };
        let head = Head {
            method: request.method.unwrap_or_default().to_string(),
            target: request.path.unwrap_or_default().to_string(),
            minor: request.version.unwrap_or(1),
            headers: request
                .headers
                .iter()
                .map(|field| (field.name.to_string(), field.value.to_vec()))
                .collect(),
        };
        self.buffer.drain(..length);
        Ok(Some(head))
    }
}

/// Where the first blank line ends (the head's length), if it has arrived.
fn head_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(newline) = bytes[at..].iter().position(|&b| b == b'\n') {
        let after = at + newline + 1;
        match bytes.get(after) {
            Some(b'\n') => return Some(after + 1),
            Some(b'\r') if bytes.get(after + 1) == Some(&b'\n') => return Some(after + 2),
            Some(_) => at = after,
            None => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_ends_at_the_first_blank_line() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest"), Some(27));
        assert_eq!(head_end(b"GET / HTTP/1.1\nHost: a\n\nrest"), Some(24));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r"), None);
        assert_eq!(head_end(b""), None);
    }

    fn head(method: &str, minor: u8, headers: &[(&str, &str)]) -> Head {
        Head {
            method: method.into(),
            target: "/".into(),
            minor,
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
                .collect(),
        }
    }

    #[test]
    fn connections_stay_open_only_without_a_body_and_when_asked() {
        assert!(head("GET", 1, &[]).keep_alive());
        assert!(!head("GET", 1, &[("connection", "Keep-Alive, Close")]).keep_alive());
        assert!(!head("GET", 0, &[]).keep_alive());
        assert!(head("GET", 0, &[("Connection", "keep-alive")]).keep_alive());
        assert!(head("HEAD", 1, &[("Content-Length", "0")]).keep_alive());
        assert!(!head("GET", 1, &[("Content-Length", "5")]).keep_alive());
        assert!(!head("GET", 1, &[("Transfer-Encoding", "chunked")]).keep_alive());
        assert!(!head("POST", 1, &[]).keep_alive());
    }
}
