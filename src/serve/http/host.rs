//! Which requests the preview answers: only those addressed to it by a
//! name no other site can take over. A web page elsewhere could otherwise
//! read the preview through DNS rebinding (its own name, re-pointed at
//! 127.0.0.1), so the Host must be `localhost`, a loopback address, the
//! `--bind` address or the address the connection came in on, with the
//! served port. Host names compare case-insensitively; `localhost.` (with
//! a trailing dot) is another name to a browser, and is refused.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::head::Head;

/// Where a connection is being served.
#[derive(Debug, Clone, Copy)]
pub(super) struct Served {
    /// The address the server listens on (may be 0.0.0.0 or ::).
    pub bind: IpAddr,
    /// The connection's own end: the address and port the client reached.
    pub local: SocketAddr,
}

/// The path and query of a request target, after checking the Host and,
/// for an absolute URL, its authority too; or the status and explanation
/// of a refusal (403, or 400 for a target that is not a path).
pub(super) fn addressed(head: &Head, served: &Served) -> Result<String, (u16, String)> {
    let mut hosts = head.values("Host");
    let host = match (hosts.next(), hosts.next()) {
        (None, _) => {
            return Err(refusal(
                served,
                "the request names no host (no Host header)",
            ));
        }
        (Some(_), Some(_)) => return Err(refusal(served, "the request has two Host headers")),
        (Some(host), None) => host,
    };
    let host = std::str::from_utf8(host).unwrap_or_default();
    if !allowed(host, served) {
        return Err(refusal(served, "the request is addressed to another host"));
    }
    let Some((authority, path)) = split_target(&head.target) else {
        let why = "400 Bad Request: the request target is neither a path nor an http URL\n";
        return Err((400, why.to_string()));
    };
    match authority {
        Some(authority) if !allowed(authority, served) => {
            Err(refusal(served, "the request target names another host"))
        }
        _ => Ok(path),
    }
}

fn refusal(served: &Served, why: &str) -> (u16, String) {
    let port = served.local.port();
    let explanation = format!(
        "403 Forbidden: {why}. This preview answers only requests addressed to it, \
         such as http://127.0.0.1:{port}/ or http://localhost:{port}/, so that no \
         other site can read it.\n"
    );
    (403, explanation)
}

/// The authority (if the target is an absolute URL) and the path with its
/// query; `None` for targets that are neither (`*`, `host:port`, `x/y`).
fn split_target(target: &str) -> Option<(Option<&str>, String)> {
    if target.starts_with('/') {
        return Some((None, target.to_string()));
    }
    let (scheme, rest) = target.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Some((Some(authority), path))
}

/// Whether `authority` (`host` or `host:port`) names this server.
fn allowed(authority: &str, served: &Served) -> bool {
    // Only the characters of a name, an address and a port: no userinfo
    // (`@`), zone ids (`%`), paths, spaces or controls.
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if authority.is_empty() || !authority.chars().all(plain) {
        return false;
    }
    let bracketed = authority.starts_with('[');
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((address, "")) => (address, None),
            Some((address, rest)) => match rest.strip_prefix(':') {
                Some(port) => (address, Some(port)),
                None => return false,
            },
            None => return false,
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port_matches = match port {
        // Browsers leave out the scheme's default port.
        None => served.local.port() == 80,
        Some(port) => {
            !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u16>() == Ok(served.local.port())
        }
    };
    port_matches && host_allowed(host, bracketed, served)
}

fn host_allowed(host: &str, bracketed: bool, served: &Served) -> bool {
    let address = if bracketed {
        host.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
    } else if host.eq_ignore_ascii_case("localhost") {
        return true;
    } else {
        // Only the dotted-quad form: `127.1` or `2130706433` are names here.
        host.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
    };
    let Some(address) = address else {
        return false;
    };
    let own = [
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(Ipv6Addr::LOCALHOST),
        served.local.ip(),
    ];
    own.contains(&address) || (address == served.bind && !served.bind.is_unspecified())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(bind: &str, local: &str) -> Served {
        Served {
            bind: bind.parse().unwrap(),
            local: local.parse().unwrap(),
        }
    }

    #[test]
    fn loopback_names_with_the_served_port_are_allowed() {
        let loopback = served("127.0.0.1", "127.0.0.1:1111");
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]:1111",
        ] {
            assert!(allowed(host, &loopback), "{host}");
        }
        for host in [
            "",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:1112",
            "127.0.0.1:",
            "127.0.0.1:+1111",
            "127.0.0.1:1111:1111",
            "localhost.:1111",
            "sub.localhost:1111",
            "evil.example:1111",
            "127.1:1111",
            "2130706433:1111",
            "0x7f.0.0.1:1111",
            "127.0.0.2:1111",
            "::1:1111",
            "[::1%25lo]:1111",
            "[::1]x:1111",
            "[::1",
            "[127.0.0.1]:1111",
            "evil@127.0.0.1:1111",
            "127.0.0.1:1111@evil.example",
            "127.0.0.1:1111/x",
            "127.0.0.1 :1111",
            "127.0.0.1:1111\t",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(!allowed(host, &loopback), "{host}");
        }
    }

    #[test]
    fn the_bind_address_and_the_address_reached_are_allowed() {
        let lan = served("192.168.1.5", "192.168.1.5:1111");
        assert!(allowed("192.168.1.5:1111", &lan));
        assert!(allowed("localhost:1111", &lan));
        assert!(!allowed("192.168.1.6:1111", &lan));
        // On every interface: the address the connection came in on.
        let any = served("0.0.0.0", "10.0.0.7:1111");
        assert!(allowed("10.0.0.7:1111", &any));
        assert!(!allowed("0.0.0.0:1111", &any));
        assert!(!allowed("10.0.0.8:1111", &any));
        let v6 = served("::", "[fe80::1]:1111");
        assert!(allowed("[fe80::1]:1111", &v6));
        assert!(!allowed("[fe80::1%25eth0]:1111", &v6));
        assert!(!allowed("[::]:1111", &v6));
        // Port 80 may be left out, as browsers do.
        assert!(allowed("localhost", &served("127.0.0.1", "127.0.0.1:80")));
    }

    #[test]
    fn absolute_targets_must_name_this_server_too() {
        assert_eq!(
            split_target("http://localhost:1/a?b"),
            Some((Some("localhost:1"), "/a?b".into()))
        );
        assert_eq!(
            split_target("HTTP://h?q=1"),
            Some((Some("h"), "/?q=1".into()))
        );
        assert_eq!(split_target("/x"), Some((None, "/x".into())));
        for target in ["*", "localhost:1111", "x/y", "ftp://localhost/", ""] {
            assert_eq!(split_target(target), None, "{target}");
        }
    }
}
