//! DNS rebinding: the preview answers only requests addressed to it, so a
//! web page elsewhere cannot read it by pointing a name of its own at
//! 127.0.0.1. Raw requests with every kind of wrong Host (missing, other
//! names, wrong or missing port, zone ids, userinfo, other spellings of
//! loopback, duplicates, absolute targets naming another host) get 403 and
//! nothing of the site, on pages, files, the event stream and search alike.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::Duration;

use calabash::serve::http::Limits;

use crate::support::http::{CSS, Fixture};

/// What the site serves at each target, for a request that got through.
const TARGETS: [(&str, &str); 7] = [
    ("/", "Welcome home"),
    ("/style.css", "color: #222"),
    ("/sub", "Moved"),
    ("/no/such/page/", "No such page here"),
    ("/__calabash/live.js", "EventSource"),
    ("/__calabash/search?q=reading", "search index"),
    ("/__calabash/events?page=%2F", "retry: 1000"),
];

/// The status, head and as much of the body as arrives within a moment
/// (an event stream never ends).
fn send(address: SocketAddr, raw: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(_) if !bytes.is_empty() => break,
            Err(_) => {}
        }
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn request(target: &str, host_lines: &str) -> String {
    format!("GET {target} HTTP/1.1\r\n{host_lines}Connection: close\r\n\r\n")
}

fn assert_refused(fixture: &Fixture, raw: &str, what: &str) {
    let port = fixture.server.address.port();
    let (status, head, body) = send(fixture.address(), raw);
    assert_eq!(status, 403, "{what}: {head}");
    assert!(
        body.starts_with("403 Forbidden: ") && body.contains(&format!("http://127.0.0.1:{port}/")),
        "{what}: the refusal says why: {body}"
    );
    assert!(
        head.contains("X-Content-Type-Options: nosniff"),
        "{what}: {head}"
    );
    for (_, content) in TARGETS {
        assert!(!body.contains(content), "{what} got {content:?} through");
    }
}

#[test]
fn requests_naming_another_host_get_403_and_nothing_of_the_site() {
    let fixture = Fixture::new();
    let port = fixture.server.address.port();
    let wrong_hosts = [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("EVIL.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost:{}", port.wrapping_sub(1)),
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "[::1]".to_string(),
        format!("127.0.0.1:{port}:{port}"),
        "127.0.0.1:".to_string(),
        format!("localhost.:{port}"),
        format!("sub.localhost:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{port}.evil.example"),
        format!("[::1%25lo]:{port}"),
        format!("[::1%lo]:{port}"),
        format!("[fe80::1%25eth0]:{port}"),
        format!("evil.example@127.0.0.1:{port}"),
        format!("127.0.0.1:{port}@evil.example"),
        format!("user:pass@localhost:{port}"),
        format!("127.1:{port}"),
        format!("2130706433:{port}"),
        format!("0x7f.0.0.1:{port}"),
        format!("0177.0.0.1:{port}"),
        format!("127.000.000.001:{port}"),
        format!("[::ffff:127.0.0.1]:{port}"),
        format!("[127.0.0.1]:{port}"),
        format!("0.0.0.0:{port}"),
        format!("127.0.0.1:{port}/"),
        format!("127.0.0.1:{port}?x"),
        format!("127.0.0.1:{port}#x"),
        format!("127.0.0.1%3A{port}"),
        format!("http://127.0.0.1:{port}"),
        format!("localhost:{port},evil.example"),
        String::new(),
    ];
    for (target, _) in TARGETS {
        assert_refused(
            &fixture,
            &request(target, ""),
            &format!("{target} without Host"),
        );
        let http10 = format!("GET {target} HTTP/1.0\r\n\r\n");
        assert_refused(
            &fixture,
            &http10,
            &format!("{target} over HTTP/1.0 without Host"),
        );
        for host in &wrong_hosts {
            let raw = request(target, &format!("Host: {host}\r\n"));
            assert_refused(&fixture, &raw, &format!("{target} with Host {host:?}"));
        }
        let good = format!("127.0.0.1:{port}");
        for twice in [
            format!("Host: {good}\r\nHost: {good}\r\n"),
            format!("Host: {good}\r\nHost: evil.example\r\n"),
            format!("Host: evil.example\r\nhost: {good}\r\n"),
        ] {
            let raw = request(target, &twice);
            assert_refused(&fixture, &raw, &format!("{target} with two Hosts"));
        }
    }
}

#[test]
fn absolute_targets_must_name_the_preview_too() {
    let fixture = Fixture::new();
    let port = fixture.server.address.port();
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    for (path, _) in TARGETS {
        for authority in [
            "evil.example".to_string(),
            format!("evil.example:{port}"),
            format!("127.0.0.1:{}", port.wrapping_add(1)),
            format!("evil.example@127.0.0.1:{port}"),
            format!("localhost.:{port}"),
            "127.0.0.1".to_string(),
        ] {
            for scheme in ["http", "https", "HTTP"] {
                let raw = request(&format!("{scheme}://{authority}{path}"), &host);
                assert_refused(&fixture, &raw, &format!("{scheme}://{authority}{path}"));
            }
        }
    }
    // An absolute target naming the preview is answered like its path.
    let raw = request(&format!("http://localhost:{port}/style.css"), &host);
    let (status, _, body) = send(fixture.address(), &raw);
    assert_eq!((status, body.as_str()), (200, CSS));
}

#[test]
fn loopback_names_with_the_served_port_are_answered() {
    let fixture = Fixture::new();
    let port = fixture.server.address.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        format!("[0:0:0:0:0:0:0:1]:{port}"),
    ] {
        for header in ["Host", "host", "HOST"] {
            for (target, content) in TARGETS {
                let raw = request(target, &format!("{header}: {host}\r\n"));
                let (status, head, body) = send(fixture.address(), &raw);
                assert!(
                    body.contains(content),
                    "{target} with {header}: {host} answered {status}:\n{head}\n{body}"
                );
            }
        }
    }
}

#[test]
fn other_bind_addresses_answer_the_address_reached() {
    // Listening on every interface: the address a connection came in on is
    // served (127.0.0.2 stands for a network address), others are not.
    let any = Fixture::bound([0, 0, 0, 0].into(), 2, Limits::default());
    let port = any.server.address.port();
    let reached = SocketAddr::from(([127, 0, 0, 2], port));
    let (status, _, body) = send(
        reached,
        &request("/", &format!("Host: 127.0.0.2:{port}\r\n")),
    );
    assert_eq!(status, 200, "{body}");
    for host in [format!("127.0.0.3:{port}"), format!("0.0.0.0:{port}")] {
        let (status, _, _) = send(reached, &request("/", &format!("Host: {host}\r\n")));
        assert_eq!(status, 403, "{host}");
    }
    // Listening on one address: that address is served.
    let bind: IpAddr = [127, 0, 0, 2].into();
    let one = Fixture::bound(bind, 2, Limits::default());
    let port = one.server.address.port();
    let address = SocketAddr::new(bind, port);
    let (status, _, _) = send(
        address,
        &request("/", &format!("Host: 127.0.0.2:{port}\r\n")),
    );
    assert_eq!(status, 200);
    let (status, _, _) = send(
        address,
        &request("/", &format!("Host: evil.example:{port}\r\n")),
    );
    assert_eq!(status, 403);
}
