//! Which addresses a linked page may be fetched from. The operator chooses the feeds, but a
//! feed's author chooses the links in it: a public feed linking to `http://127.0.0.1:…`, a
//! router's page or a cloud metadata address would have kinotanu fetch it and put what it says
//! into answers anyone can read. So pages linked from a feed on a public address are fetched
//! from public addresses only — checked on the literal host, on every redirect, and on what a
//! name resolves to (a resolver that drops private addresses, so a name cannot point inside
//! after the check) — while a feed the operator put on a private or local address (an
//! intranet, the tests' 127.0.0.1) may link to its neighbours.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Where the requests of one client may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Any address: the feeds the operator listed, and pages linked from a private feed.
    Any,
    /// Public addresses only: pages linked from a feed on a public address.
    PublicOnly,
}

impl Reach {
    /// How far the pages a feed links to may reach.
    pub fn for_pages_of(feed: &Url) -> Reach {
        if host_is_private(feed) {
            Reach::Any
        } else {
            Reach::PublicOnly
        }
    }
}

/// Whether the URL's host is a private, local or otherwise non-public IP address, or
/// `localhost` (a name is judged when it is resolved).
pub fn host_is_private(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return true;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => !is_public(ip),
        Err(_) => {
            let name = bare.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    }
}

/// Whether an address is reachable on the public internet (not loopback, private, link-local,
/// shared, documentation, multicast, reserved or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(ip),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 192 && b == 0 && ip.octets()[2] == 0))
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || first == 0x2001 && ip.segments()[1] == 0x0db8
        || first == 0x0064 && ip.segments()[1] == 0xff9b)
}

/// Resolves names with the system resolver and keeps the public addresses only.
pub struct PublicResolver;

impl Resolve for PublicResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|address| is_public(address.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("{host} has no public address: not fetched").into());
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_local_addresses_are_told_from_public_ones() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["95.56.1.1", "8.8.8.8", "2a00:1450::1"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
        let url = |u: &str| Url::parse(u).unwrap();
        assert!(host_is_private(&url("http://127.0.0.1:8080/rss.xml")));
        assert!(host_is_private(&url("http://localhost/rss.xml")));
        assert!(host_is_private(&url("http://[::1]/rss.xml")));
        assert!(!host_is_private(&url("https://kino.kz/rss.xml")));
        assert_eq!(
            Reach::for_pages_of(&url("https://kino.kz/rss")),
            Reach::PublicOnly
        );
        assert_eq!(Reach::for_pages_of(&url("http://10.0.0.5/rss")), Reach::Any);
    }

    #[tokio::test]
    async fn a_name_that_resolves_inside_is_refused() {
        let name: Name = "localhost".parse().unwrap();
        let refused = PublicResolver.resolve(name).await;
        assert!(refused.is_err());
    }
}
