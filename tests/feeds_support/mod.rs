//! A news site double on 127.0.0.1 for the feed tests: feeds and pages served from a table the
//! test changes between rounds, with ETag / Last-Modified answered by 304, delays, redirects and
//! error statuses, and a delay for every answer; every request counted by path, with the
//! validators it sent, and the most requests it ever had in flight at once. A second, raw TCP
//! server streams an endless page (50 MB) and counts the bytes it got out before the client hung
//! up.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use indicatif::ProgressBar;
use kinotanu::sources::feeds::{
    FeedList, FeedPoller, FeedReport, FeedStore, FetchLimits, RoundReport, Url,
};

/// A Kazakh news item's date, its fact, and a question it answers.
pub const KK_DATE: &str = "Mon, 17 Nov 2025 09:00:00 +0500";
pub const BALDYRGAN: &str =
    "Шымкентте балалар фильмдерінің «Балдырған» фестивалі 12 желтоқсанда ашылады.";
pub const BALDYRGAN_QUESTION: &str = "Балдырған фестивалі қашан ашылады?";

/// What the site answers for one path.
#[derive(Clone, Debug)]
pub enum Route {
    /// 200 with this type and body; a 304 when the request's If-None-Match or
    /// If-Modified-Since matches `etag` or `last_modified`.
    Ok {
        content_type: &'static str,
        body: String,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    Status(u16),
    /// Answers after this long (the client gives up first).
    Slow(Duration),
    /// 302 to this location.
    Redirect(String),
}

impl Route {
    pub fn rss(body: impl Into<String>, etag: &str) -> Route {
        Route::Ok {
            content_type: "application/rss+xml; charset=utf-8",
            body: body.into(),
            etag: Some(format!("\"{etag}\"")),
            last_modified: None,
        }
    }

    pub fn atom(body: impl Into<String>, last_modified: &str) -> Route {
        Route::Ok {
            content_type: "application/atom+xml",
            body: body.into(),
            etag: None,
            last_modified: Some(last_modified.to_string()),
        }
    }

    pub fn html(body: impl Into<String>) -> Route {
        Route::Ok {
            content_type: "text/html; charset=utf-8",
            body: body.into(),
            etag: None,
            last_modified: None,
        }
    }

    pub fn typed(content_type: &'static str, body: impl Into<String>) -> Route {
        Route::Ok {
            content_type,
            body: body.into(),
            etag: None,
            last_modified: None,
        }
    }
}

/// A request the site got.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub user_agent: Option<String>,
    pub status: u16,
}

#[derive(Default)]
struct Site {
    routes: Mutex<HashMap<String, Route>>,
    requests: Mutex<Vec<Request>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    /// Milliseconds every answer takes: requests that were not one at a time overlap.
    delay_ms: AtomicUsize,
}

#[derive(Clone)]
pub struct NewsSite {
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub base: String,
    site: Arc<Site>,
}

impl NewsSite {
    pub async fn start() -> NewsSite {
        let site = Arc::new(Site::default());
        let app = Router::new().fallback(answer).with_state(site.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        NewsSite { base, site }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn set(&self, path: &str, route: Route) {
        self.site
            .routes
            .lock()
            .unwrap()
            .insert(path.to_string(), route);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.site.requests.lock().unwrap().clone()
    }

    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// Every answer from now on takes `delay` (a busy site).
    pub fn delay_answers(&self, delay: Duration) {
        let ms = usize::try_from(delay.as_millis()).unwrap();
        self.site.delay_ms.store(ms, Ordering::SeqCst);
    }

    /// The most requests the site was answering at one moment.
    pub fn most_in_flight(&self) -> usize {
        self.site.most_in_flight.load(Ordering::SeqCst)
    }
}

async fn answer(State(site): State<Arc<Site>>, uri: Uri, headers: HeaderMap) -> Response {
    let now = site.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    site.most_in_flight.fetch_max(now, Ordering::SeqCst);
    let delay = site.delay_ms.load(Ordering::SeqCst) as u64;
    tokio::time::sleep(Duration::from_millis(delay)).await;
    let path = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string());
    let route = site.routes.lock().unwrap().get(&path).cloned();
    let value = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (if_none_match, if_modified_since) = (
        value(header::IF_NONE_MATCH),
        value(header::IF_MODIFIED_SINCE),
    );
    let response = match route {
        None => StatusCode::NOT_FOUND.into_response(),
        Some(Route::Status(status)) => StatusCode::from_u16(status).unwrap().into_response(),
        Some(Route::Slow(delay)) => {
            tokio::time::sleep(delay).await;
            StatusCode::OK.into_response()
        }
        Some(Route::Redirect(to)) => (StatusCode::FOUND, [(header::LOCATION, to)]).into_response(),
        Some(Route::Ok {
            content_type,
            body,
            etag,
            last_modified,
        }) => {
            let unchanged = (etag.is_some() && if_none_match == etag)
                || (last_modified.is_some() && if_modified_since == last_modified);
            if unchanged {
                StatusCode::NOT_MODIFIED.into_response()
            } else {
                let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
                if let Some(etag) = etag {
                    response
                        .headers_mut()
                        .insert(header::ETAG, etag.parse().unwrap());
                }
                if let Some(date) = last_modified {
                    response
                        .headers_mut()
                        .insert(header::LAST_MODIFIED, date.parse().unwrap());
                }
                response
            }
        }
    };
    site.requests.lock().unwrap().push(Request {
        path,
        if_none_match,
        if_modified_since,
        user_agent: value(header::USER_AGENT),
        status: response.status().as_u16(),
    });
    site.in_flight.fetch_sub(1, Ordering::SeqCst);
    response
}

/// A page of `total` bytes, streamed without a length by a bare TCP server: it writes until
/// the client hangs up, and counts what it got out.
pub struct EndlessPage {
    pub url: String,
    sent: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
}

impl EndlessPage {
    pub async fn start(total: usize) -> EndlessPage {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/huge.html", listener.local_addr().unwrap());
        let sent = Arc::new(AtomicUsize::new(0));
        let connections = Arc::new(AtomicUsize::new(0));
        let (counter, accepted) = (sent.clone(), connections.clone());
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                accepted.fetch_add(1, Ordering::SeqCst);
                let counter = counter.clone();
                tokio::spawn(async move {
                    let mut request = [0u8; 4096];
                    let _ = stream.read(&mut request).await;
                    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><article>";
                    if stream.write_all(head.as_bytes()).await.is_err() {
                        return;
                    }
                    let chunk = "<p>Үлкен бет. Большая страница.</p>".repeat(1024);
                    while counter.load(Ordering::SeqCst) < total {
                        if stream.write_all(chunk.as_bytes()).await.is_err() {
                            return;
                        }
                        counter.fetch_add(chunk.len(), Ordering::SeqCst);
                    }
                });
            }
        });
        EndlessPage {
            url,
            sent,
            connections,
        }
    }

    pub fn bytes_sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// A page whose server sends its head at once and then a few bytes every 100 ms, for 30 s.
pub async fn trickling_page() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/slow.html", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><article>";
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for _ in 0..300 {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    if stream.write_all(b"<p>a</p>").await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

/// Serves `/kk/rss.xml`, a feed of one Kazakh item (ETag "v1") whose page at
/// `/kk/news/baldyrgan` holds [`BALDYRGAN`]; returns the page's address.
pub fn serve_one_kazakh_item(site: &NewsSite) -> String {
    let page = site.url("/kk/news/baldyrgan");
    let items = [(
        "kk-1",
        page.as_str(),
        "«Балдырған» фестивалі",
        KK_DATE,
        "Фестиваль туралы.",
    )];
    site.set(
        "/kk/rss.xml",
        Route::rss(rss("Kino.kz жаңалықтары", &items), "v1"),
    );
    site.set(
        "/kk/news/baldyrgan",
        Route::html(press_page("kk", "«Балдырған» фестивалі", &[BALDYRGAN])),
    );
    page
}

/// An RSS 2.0 feed; items are `(guid, link, title, pubDate, description)`.
pub fn rss(title: &str, items: &[(&str, &str, &str, &str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>{title}</title><link>http://example.kz/</link><description>news</description>\n"
    );
    for (guid, link, title, date, description) in items {
        xml.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{guid}</guid><link>{link}</link><title>{title}</title><pubDate>{date}</pubDate><description><![CDATA[{description}]]></description></item>\n"
        ));
    }
    xml.push_str("</channel></rss>\n");
    xml
}

/// An Atom feed; entries are `(id, link, title, published, summary)`.
pub fn atom(title: &str, entries: &[(&str, &str, &str, &str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title><id>urn:feed</id><updated>2025-11-20T10:00:00Z</updated>\n"
    );
    for (id, link, title, published, summary) in entries {
        xml.push_str(&format!(
            "<entry><id>{id}</id><link rel=\"alternate\" href=\"{link}\"/><title>{title}</title><published>{published}</published><updated>{published}</updated><summary>{summary}</summary></entry>\n"
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// A press release page: the article among a menu, a cookie banner, a footer and scripts.
pub fn press_page(lang: &str, title: &str, paragraphs: &[&str]) -> String {
    let article: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title} | Kino.kz</title>\
<script>var tracking = 'МӘЗІР_СКРИПТ';</script><style>.nav{{color:red}}</style></head><body>\
<nav class=\"menu\"><a href=\"/\">Басты бет</a> <a href=\"/news\">Жаңалықтар МӘЗІР_НАВИГАЦИЯ</a></nav>\
<div class=\"cookie-banner\">Біз cookie қолданамыз COOKIE_БАННЕР</div>\
<article><h1>{title}</h1>{article}</article>\
<footer>© Kino.kz ФУТЕР_МӘТІНІ</footer></body></html>"
    )
}

/// A poller storing into `seeds`, giving up on a request after 1 s.
pub fn poller(seeds: &Path) -> Arc<FeedPoller> {
    let limits = FetchLimits {
        timeout: Duration::from_secs(1),
        ..FetchLimits::default()
    };
    Arc::new(FeedPoller::new(FeedStore::new(seeds.to_path_buf()), limits).unwrap())
}

pub fn feeds(urls: &[String]) -> FeedList {
    urls.iter().map(|u| Url::parse(u).unwrap()).collect()
}

/// One round, without a progress display.
pub async fn round(poller: &Arc<FeedPoller>, list: &FeedList) -> RoundReport {
    poller.poll(list, &ProgressBar::hidden()).await.unwrap()
}

/// The report of the feed at `url`.
pub fn report<'a>(round: &'a RoundReport, url: &str) -> &'a FeedReport {
    round
        .feeds
        .iter()
        .find(|f| f.url.as_str() == url)
        .unwrap_or_else(|| panic!("no report for {url}: {round:#?}"))
}
