//! The feeds' HTTP client: reqwest (the client teloxide brings), polite and bounded. One
//! request at a time per host, a time limit per request (20 s in the product; a parameter so
//! that tests need not wait), at most [`MAX_RESPONSE_BYTES`] read from a response (the body is
//! streamed and reading stops past the cap), at most [`MAX_REDIRECTS`] redirects and only to
//! http(s) addresses, a `User-Agent` naming kinotanu, and conditional GETs (ETag,
//! Last-Modified) for the feeds themselves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderMap, HeaderValue, LAST_MODIFIED};
use reqwest::{StatusCode, Url, redirect};

use super::address::{PublicResolver, Reach, host_is_private};

/// The time one request may take, from connecting to the last byte of the body.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The most read from one response; a longer body is cut off and reported.
pub const MAX_RESPONSE_BYTES: usize = 5_000_000;
pub const MAX_REDIRECTS: usize = 5;
/// Linked pages fetched from one feed in one round at most.
pub const PAGES_PER_FEED: usize = 100;
/// Who to tell when kinotanu misbehaves on a site: a URL or `mailto:` of the operator, put
/// into the `User-Agent`.
pub const CONTACT_VAR: &str = "KINOTANU_FEED_CONTACT";

/// `kinotanu/<version> (+<contact>)`, or without a contact a line saying what reads the feed.
pub fn user_agent(contact: Option<&str>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match contact.map(str::trim).filter(|c| !c.is_empty()) {
        // Header values cannot hold line breaks or other control characters.
        Some(contact) if !contact.chars().any(char::is_control) => {
            format!("kinotanu/{version} (+{contact})")
        }
        _ => format!("kinotanu/{version} (news feed reader of a question-answering bot)"),
    }
}

/// How the fetcher behaves; [`FetchLimits::default`] is the product's (the contact from
/// `KINOTANU_FEED_CONTACT`).
#[derive(Debug, Clone)]
pub struct FetchLimits {
    pub timeout: Duration,
    pub max_bytes: usize,
    pub user_agent: String,
    /// Linked pages fetched from one feed in one round at most; the items past it wait for
    /// the next round (a first fetch of a feed with hundreds of items stays bounded).
    pub pages_per_feed: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: REQUEST_TIMEOUT,
            max_bytes: MAX_RESPONSE_BYTES,
            user_agent: user_agent(std::env::var(CONTACT_VAR).ok().as_deref()),
            pages_per_feed: PAGES_PER_FEED,
        }
    }
}

/// What a server said last time, to ask "changed since?" next time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response read whole (within the cap).
#[derive(Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// The address after redirects.
    pub final_url: Url,
}

/// How a request ended.
#[derive(Debug)]
pub enum Outcome {
    Fetched(Fetched),
    /// 304: unchanged since the validators sent.
    NotModified,
}

/// Why a request gave nothing to read, as one line for a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {0}")]
    Status(u16),
    #[error("no answer within {0} s")]
    Timeout(u64),
    #[error("larger than {} MB: stopped reading", .0 / 1_000_000)]
    TooLarge(usize),
    #[error("{0}")]
    Failed(String),
    /// Not asked for at all (a private address linked from a public feed).
    #[error("{0}")]
    Refused(String),
}

/// The HTTP client for feeds and the pages they link to.
#[derive(Clone)]
pub struct Fetcher {
    /// For the feeds listed, and pages linked from a feed on a private address.
    any: reqwest::Client,
    /// For pages linked from a feed on a public address: public addresses only.
    public: reqwest::Client,
    limits: FetchLimits,
    hosts: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

impl Fetcher {
    pub fn new(limits: FetchLimits) -> anyhow::Result<Fetcher> {
        Ok(Fetcher {
            any: client(&limits, Reach::Any)?,
            public: client(&limits, Reach::PublicOnly)?,
            limits,
            hosts: Arc::default(),
        })
    }

    /// GETs `url` within `reach`, one request at a time per host, sending the validators when
    /// given.
    pub async fn get(
        &self,
        url: &Url,
        known: Option<&Validators>,
        reach: Reach,
    ) -> Result<Outcome, FetchError> {
        let client = match reach {
            Reach::Any => &self.any,
            Reach::PublicOnly if host_is_private(url) => {
                return Err(FetchError::Refused(PRIVATE_ADDRESS.into()));
            }
            Reach::PublicOnly => &self.public,
        };
        let gate = self.gate(url);
        let _turn = gate.lock().await;
        let mut request = client.get(url.clone());
        if let Some(known) = known {
            // A value no header can hold (a state file edited or damaged) would fail the
            // request, round after round: the feed is asked for whole instead.
            let valid = |value: &Option<String>| {
                value.as_deref().and_then(|v| HeaderValue::from_str(v).ok())
            };
            if let Some(etag) = valid(&known.etag) {
                request = request.header(reqwest::header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = valid(&known.last_modified) {
                request = request.header(reqwest::header::IF_MODIFIED_SINCE, date);
            }
        }
        let mut response = request.send().await.map_err(|e| self.failure(&e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Outcome::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        let headers = response.headers().clone();
        let declared = header(&headers, CONTENT_LENGTH.as_str()).and_then(|l| l.parse().ok());
        if declared.is_some_and(|length: usize| length > self.limits.max_bytes) {
            return Err(FetchError::TooLarge(self.limits.max_bytes));
        }
        let final_url = response.url().clone();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.failure(&e))? {
            if bytes.len() + chunk.len() > self.limits.max_bytes {
                // Dropping the response closes the connection: the rest is never read.
                return Err(FetchError::TooLarge(self.limits.max_bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Outcome::Fetched(Fetched {
            bytes,
            content_type: header(&headers, CONTENT_TYPE.as_str()),
            validators: Validators {
                etag: header(&headers, ETAG.as_str()),
                last_modified: header(&headers, LAST_MODIFIED.as_str()),
            },
            final_url,
        }))
    }

    /// The lock that keeps requests to one host (and port) one at a time.
    fn gate(&self, url: &Url) -> Arc<tokio::sync::Mutex<()>> {
        let host = format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or(0)
        );
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.entry(host).or_default().clone()
    }

    fn failure(&self, error: &reqwest::Error) -> FetchError {
        if error.is_timeout() {
            return FetchError::Timeout(self.limits.timeout.as_secs().max(1));
        }
        FetchError::Failed(error_chain(error))
    }
}

const PRIVATE_ADDRESS: &str = "a private or local address, linked from a public feed: not fetched";

/// A client for one reach: the time limit, `User-Agent` and a redirect policy (at most
/// [`MAX_REDIRECTS`], http(s) only, and for public reach no private address literal), and for
/// public reach a resolver that drops private addresses.
fn client(limits: &FetchLimits, reach: Reach) -> anyhow::Result<reqwest::Client> {
    let policy = redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else if !matches!(attempt.url().scheme(), "http" | "https") {
            let to = attempt.url().to_string();
            attempt.error(format!("redirected to {to}, not an http(s) address"))
        } else if reach == Reach::PublicOnly && host_is_private(attempt.url()) {
            attempt.error(PRIVATE_ADDRESS)
        } else {
            attempt.follow()
        }
    });
    let mut builder = reqwest::Client::builder()
        .user_agent(limits.user_agent.clone())
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout)
        .redirect(policy);
    if reach == Reach::PublicOnly {
        builder = builder.dns_resolver(Arc::new(PublicResolver));
    }
    Ok(builder.build()?)
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// reqwest's message and its causes ("error following redirect: more than 5 redirects"),
/// without the address, which the report names already.
fn error_chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(&format!(" for url ({url})"), "");
    }
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        let part = inner.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        cause = inner.source();
    }
    text
}

/// Whether a response is a web page: by its declared type when it has one, and by its first
/// bytes (a server that says `text/html` for a PDF is not believed).
pub fn is_html(fetched: &Fetched) -> bool {
    let declared_ok = fetched.content_type.as_deref().is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml")
    });
    declared_ok && crate::corpus::looks_like_html(&fetched.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_agent_names_kinotanu_its_version_and_the_contact() {
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            user_agent(Some(" https://kino.example/bot ")),
            format!("kinotanu/{version} (+https://kino.example/bot)")
        );
        let without = user_agent(Some("a\r\nX-Evil: 1"));
        assert!(
            without.starts_with(&format!("kinotanu/{version} (")),
            "{without}"
        );
        assert!(!without.contains("Evil"), "{without}");
    }

    #[tokio::test]
    async fn a_private_address_is_not_asked_for_pages_of_a_public_feed() {
        let fetcher = Fetcher::new(FetchLimits::default()).unwrap();
        for private in [
            "http://127.0.0.1:9/x",
            "http://169.254.169.254/latest/meta-data/",
        ] {
            let url = Url::parse(private).unwrap();
            let refused = fetcher.get(&url, None, Reach::PublicOnly).await;
            assert!(
                matches!(&refused, Err(FetchError::Refused(reason)) if reason.contains("private")),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn a_page_is_html_by_type_and_content() {
        let page = |content_type: Option<&str>, bytes: &[u8]| Fetched {
            bytes: bytes.to_vec(),
            content_type: content_type.map(str::to_string),
            validators: Validators::default(),
            final_url: Url::parse("http://127.0.0.1/").unwrap(),
        };
        assert!(is_html(&page(
            Some("text/html; charset=utf-8"),
            b"<html><p>a"
        )));
        assert!(is_html(&page(None, b"<!doctype html><p>a")));
        assert!(!is_html(&page(Some("application/pdf"), b"<html>")));
        assert!(!is_html(&page(Some("text/html"), b"%PDF-1.7")));
    }
}
