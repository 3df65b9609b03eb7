//! What one client can make the preview server hold, over raw sockets:
//! request heads are bounded in size (414, 431) and in time (408, however
//! slowly the bytes trickle), idle connections and idle event streams never
//! lock newer pages out, and a closed page frees its stream's slot at once.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use calabash::serve::http::Limits;
use calabash::serve::live::MAX_STREAMS;
use rusty_fork::rusty_fork_test;

use crate::support::http::{CSS, Fixture, JS, exchange, read_until};

/// True once the server has closed the connection (within `limit`).
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let started = Instant::now();
    let mut chunk = [0u8; 4096];
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    while started.elapsed() < limit {
        match stream.read(&mut chunk) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => {}
        }
    }
    false
}

fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Sends `head` and then `filler` bytes until the server stops reading or
/// `most` bytes went out, reading the answer meanwhile: the answer and how
/// many bytes were sent.
fn flood(address: SocketAddr, head: &str, most: usize) -> (String, usize) {
    let mut stream = TcpStream::connect(address).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let answer =
        std::thread::spawn(move || read_until(&mut reader, "\r\n\r\n", Duration::from_secs(30)));
    stream.write_all(head.as_bytes()).unwrap();
    let filler = vec![b'a'; 64 * 1024];
    let mut sent = head.len();
    while sent < most {
        match stream.write(&filler) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    drop(stream);
    (answer.join().unwrap(), sent)
}

rusty_fork_test! {
    /// Measures the resident memory of the process the server runs in, so
    /// runs in a process of its own: other tests would grow it too.
    #[test]
    fn oversized_heads_get_431_or_414_and_are_not_read_on() {
        let fixture = Fixture::new();
        let host = fixture.host();
        let before = resident_kib();
        let huge = 300 << 20;
        for (what, head, status) in [
            (
                "a header value",
                format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: "),
                "431",
            ),
            (
                "header names",
                format!("GET / HTTP/1.1\r\nHost: {host}\r\n"),
                "431",
            ),
            ("the request line", "GET /?q=".to_string(), "414"),
        ] {
            let (answer, sent) = flood(fixture.address(), &head, huge);
            assert!(
                answer.starts_with(&format!("HTTP/1.1 {status} ")),
                "{what}: {answer}"
            );
            // Sockets buffer a few megabytes; the server read only 16 KB.
            assert!(sent < 64 << 20, "{what}: the server read on ({sent} bytes)");
        }
        let grown = resident_kib().saturating_sub(before);
        assert!(grown < 64 * 1024, "memory grew by {grown} KiB");

        // Many small fields, and the largest head allowed.
        let limits = Limits::default();
        let many: String = (0..=limits.headers)
            .map(|n| format!("X-{n}: 1\r\n"))
            .collect();
        let raw = format!("GET / HTTP/1.1\r\nHost: {host}\r\n{many}\r\n");
        let reply = exchange(fixture.address(), raw.as_bytes());
        assert_eq!(reply.status, 431);
        assert!(
            reply.text().contains("more than 64 header fields"),
            "{}",
            reply.text()
        );
        let padding = "a".repeat(limits.head - 200);
        let raw =
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Pad: {padding}\r\nConnection: close\r\n\r\n");
        assert_eq!(exchange(fixture.address(), raw.as_bytes()).status, 200);
        let target = format!("/?q={}", "a".repeat(limits.request_line - 30));
        assert_eq!(fixture.get(&target).status, 200);
        let target = format!("/?q={}", "a".repeat(limits.request_line));
        assert_eq!(fixture.get(&target).status, 414);
    }
}

fn quick_limits() -> Limits {
    Limits {
        head_time: Duration::from_secs(1),
        ..Limits::default()
    }
}

#[test]
fn a_trickled_head_is_cut_off_at_its_deadline() {
    let fixture = Fixture::with_limits(4, quick_limits());
    let mut stream = TcpStream::connect(fixture.address()).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let started = Instant::now();
    let answer =
        std::thread::spawn(move || read_until(&mut reader, "\r\n\r\n", Duration::from_secs(10)));
    let _ = stream
        .write_all(format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: ", fixture.host()).as_bytes());
    // A byte every 50 ms: never idle long enough for a per-read timeout.
    while started.elapsed() < Duration::from_secs(5) && stream.write_all(b"a").is_ok() {
        std::thread::sleep(Duration::from_millis(50));
        if answer.is_finished() {
            break;
        }
    }
    let answer = answer.join().unwrap();
    let took = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "cut off after {took:?}"
    );
}

#[test]
fn idle_connections_are_closed_at_the_deadline() {
    let fixture = Fixture::with_limits(4, quick_limits());
    // Silent from the start: closed without an answer.
    let mut silent = TcpStream::connect(fixture.address()).unwrap();
    let started = Instant::now();
    assert!(closed_within(&mut silent, Duration::from_secs(4)));
    assert!(started.elapsed() >= Duration::from_millis(900));
    // Kept alive after a request, then silent: closed too.
    let mut kept = TcpStream::connect(fixture.address()).unwrap();
    let raw = format!(
        "GET /style.css HTTP/1.1\r\nHost: {}\r\n\r\n",
        fixture.host()
    );
    kept.write_all(raw.as_bytes()).unwrap();
    let first = read_until(&mut kept, CSS, Duration::from_secs(5));
    assert!(
        first.starts_with("HTTP/1.1 200 ") && first.ends_with(CSS),
        "{first}"
    );
    assert!(closed_within(&mut kept, Duration::from_secs(4)));
}

#[test]
fn kept_alive_and_pipelined_requests_are_answered_in_turn() {
    let fixture = Fixture::new();
    let host = fixture.host();
    let mut stream = TcpStream::connect(fixture.address()).unwrap();
    let raw = format!(
        "GET /style.css HTTP/1.1\r\nHost: {host}\r\n\r\nGET /app.js HTTP/1.1\r\nHost: {host}\r\n\r\n\
         HEAD /style.css HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(raw.as_bytes()).unwrap();
    let mut all = String::new();
    let _ = stream.read_to_string(&mut all);
    assert_eq!(all.matches("HTTP/1.1 200 OK").count(), 3, "{all}");
    assert!(all.contains(CSS) && all.contains(JS), "{all}");
    let last = all.rsplit("HTTP/1.1 200 OK").next().unwrap();
    assert!(last.contains("Connection: close"), "{last}");
    assert!(all.ends_with("\r\n\r\n"), "HEAD has no body: {all}");

    // A request with a body ends its connection after the answer.
    let mut stream = TcpStream::connect(fixture.address()).unwrap();
    let raw = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n\r\nhello\
         GET /style.css HTTP/1.1\r\nHost: {host}\r\n\r\n"
    );
    stream.write_all(raw.as_bytes()).unwrap();
    let mut all = String::new();
    let _ = stream.read_to_string(&mut all);
    assert!(all.starts_with("HTTP/1.1 405 "), "{all}");
    assert_eq!(all.matches("HTTP/1.1").count(), 1, "{all}");

    for garbage in [
        "GARBAGE\r\n\r\n",
        "GET / HTTP/2.0\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n",
    ] {
        assert_eq!(
            exchange(fixture.address(), garbage.as_bytes()).status,
            400,
            "{garbage:?}"
        );
    }
}

/// Opens an event stream for `page` and waits for its first bytes.
fn open_stream(fixture: &Fixture, page: &str) -> TcpStream {
    open_stream_with_head(fixture, page).0
}

fn open_stream_with_head(fixture: &Fixture, page: &str) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(fixture.address()).unwrap();
    let raw = format!(
        "GET /__calabash/events?page={page} HTTP/1.1\r\nHost: {}\r\n\r\n",
        fixture.host()
    );
    stream.write_all(raw.as_bytes()).unwrap();
    let head = read_until(&mut stream, "retry: 1000", Duration::from_secs(10));
    assert!(
        head.contains("Content-Type: text/event-stream"),
        "{page}: {head}"
    );
    (stream, head)
}

#[test]
fn idle_event_streams_never_lock_out_new_pages() {
    let fixture = Fixture::new();
    let streams: Vec<TcpStream> = (0..MAX_STREAMS + 44)
        .map(|n| open_stream(&fixture, &format!("/old-{n}/")))
        .collect();
    assert_eq!(fixture.live.open_pages().len(), MAX_STREAMS);
    // A page and its own stream are served at once.
    let started = Instant::now();
    assert_eq!(fixture.get("/").status, 200);
    let _newest = open_stream(&fixture, "/newest/");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let open = fixture.live.open_pages();
    assert_eq!(open.len(), MAX_STREAMS);
    assert!(open.contains(&"/newest/".to_string()) && !open.contains(&"/old-44/".to_string()));
    // The oldest streams were told to stop, and ended.
    for mut oldest in streams.into_iter().take(45) {
        let end = read_until(&mut oldest, "0\r\n\r\n", Duration::from_secs(5));
        assert!(
            end.contains("event: evicted") && end.ends_with("0\r\n\r\n"),
            "{end:?}"
        );
    }
}

#[test]
fn closed_pages_free_their_slot_well_within_a_heartbeat() {
    let limits = Limits::default();
    assert!(limits.stream_check * 4 <= limits.heartbeat);
    let fixture = Fixture::new();
    let streams: Vec<TcpStream> = (0..6)
        .map(|n| open_stream(&fixture, &format!("/p{n}/")))
        .collect();
    assert_eq!(fixture.live.open_pages().len(), 6);
    let started = Instant::now();
    let mut kept: Vec<TcpStream> = streams.into_iter().skip(4).collect();
    while fixture.live.open_pages().len() > 2 {
        assert!(
            started.elapsed() < limits.heartbeat / 2,
            "closed pages still hold their slots: {:?}",
            fixture.live.open_pages()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(fixture.live.open_pages(), ["/p4/", "/p5/"]);
    // A page that sends something on its stream is still there.
    kept[0].write_all(b"unexpected").unwrap();
    std::thread::sleep(limits.stream_check * 3);
    assert_eq!(fixture.live.open_pages().len(), 2);
}

#[test]
fn idle_streams_hear_a_heartbeat() {
    let limits = Limits {
        heartbeat: Duration::from_millis(300),
        ..Limits::default()
    };
    let fixture = Fixture::with_limits(2, limits);
    let mut stream = open_stream(&fixture, "/");
    let beat = read_until(&mut stream, ": keep-alive", Duration::from_secs(3));
    assert!(beat.contains(": keep-alive"), "{beat:?}");
}

#[test]
fn idle_connections_never_lock_out_new_ones() {
    let fixture = Fixture::new();
    let limits = Limits::default();
    let host = fixture.host();
    let mut idle: Vec<TcpStream> = Vec::new();
    for n in 0..limits.connections + 44 {
        let mut stream = TcpStream::connect(fixture.address()).unwrap();
        // Some send nothing, some half a head.
        if n % 2 == 1 {
            stream
                .write_all(format!("GET / HTTP/1.1\r\nHost: {host}\r\n").as_bytes())
                .unwrap();
        }
        idle.push(stream);
    }
    let started = Instant::now();
    assert_eq!(fixture.get("/style.css").text(), CSS);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The connections idle longest were closed to make room.
    let first_closed = idle
        .iter_mut()
        .take(45)
        .map(|stream| closed_within(stream, Duration::from_millis(500)))
        .filter(|closed| *closed)
        .count();
    assert!(
        first_closed >= 44,
        "only {first_closed} of the oldest were closed"
    );
}

#[test]
fn every_response_carries_the_protective_headers() {
    let fixture = Fixture::new();
    let host = fixture.host();
    let mut heads = Vec::new();
    for target in [
        "/",
        "/style.css",
        "/search/index/words",
        "/no/such/",
        "/sub",
        "/__calabash/live.js",
        "/__calabash/search?q=x",
    ] {
        heads.push((target.to_string(), fixture.get(target).head));
    }
    heads.push(("POST".into(), fixture.request("POST", "/").head));
    let wrong_host = format!(
        "GET / HTTP/1.1\r\nHost: evil.example:{}\r\n\r\n",
        fixture.server.address.port()
    );
    heads.push((
        "403".into(),
        exchange(fixture.address(), wrong_host.as_bytes()).head,
    ));
    let many: String = (0..=64).map(|n| format!("X-{n}: 1\r\n")).collect();
    let too_many = format!("GET / HTTP/1.1\r\nHost: {host}\r\n{many}\r\n");
    heads.push((
        "431".into(),
        exchange(fixture.address(), too_many.as_bytes()).head,
    ));
    let (_stream, head) = open_stream_with_head(&fixture, "/");
    heads.push(("events".into(), head));
    for (what, head) in heads {
        for header in [
            "Cache-Control: no-store",
            "X-Content-Type-Options: nosniff",
            "Cross-Origin-Resource-Policy: same-origin",
        ] {
            assert!(head.contains(header), "{what} lacks {header}:\n{head}");
        }
    }
}
