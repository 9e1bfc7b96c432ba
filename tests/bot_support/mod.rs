//! A Bot API double on 127.0.0.1 for the bot tests, and a harness that runs the real bot
//! (dispatcher, handler tree, Throttle) against it.
//!
//! The double answers `POST /bot<token>/<Method>` like Telegram: queued updates from
//! getUpdates (long polling with an offset), a message for sendMessage, files for getFile and
//! `GET /file/bot<token>/<path>`, `true` for the rest — and records every request but
//! getUpdates so that tests can assert on what the bot sent. Failures are injected per method.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use kinotanu::bot::{self, BotConfig};
use serde_json::{Value, json};
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

/// Shaped like a real token, so that teloxide's own redaction of URLs in errors applies.
pub const TOKEN: &str = "4242:AAHn0tAReal_T0ken-ForTests0123456789";
/// The secret half of the token, which must never reach a log line.
pub const TOKEN_SECRET: &str = "AAHn0tAReal_T0ken-ForTests0123456789";
pub const BOT_ID: u64 = 4242;
pub const BOT_USERNAME: &str = "kinotanu_bot";
pub const ADMIN: u64 = 7001;
pub const USER: u64 = 7002;
/// How long a test waits for the bot to do something before it fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A request the bot made.
#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: std::time::Instant,
}

#[derive(Default)]
struct Shared {
    updates: Mutex<Vec<Value>>,
    new_update: Notify,
    calls: Mutex<Vec<Call>>,
    new_call: Notify,
    failures: Mutex<HashMap<String, VecDeque<(StatusCode, Value)>>>,
    files: Mutex<HashMap<String, (String, Vec<u8>)>>,
    downloads: Mutex<Vec<String>>,
    chats: Mutex<HashMap<i64, Value>>,
    next_id: AtomicI64,
}

impl Shared {
    fn next_id(&self) -> i64 {
        self.next_id.fetch_add(1, Ordering::Relaxed) + 1
    }
}

#[derive(Clone)]
pub struct FakeTelegram {
    pub url: String,
    shared: Arc<Shared>,
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route("/{bot}/{method}", post(method))
            .route("/file/{bot}/{*path}", get(file))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeTelegram { url, shared }
    }

    /// Queues an update (`kind` is `message`, `channel_post`, `inline_query`) and returns the
    /// payload as queued, with its ids filled in.
    pub fn push(&self, kind: &str, mut payload: Value) -> Value {
        if kind != "inline_query" {
            if payload.get("message_id").is_none() {
                payload["message_id"] = json!(self.shared.next_id());
            }
            payload["date"] = json!(1_760_000_000);
            let chat = payload["chat"].clone();
            if let Some(id) = chat["id"].as_i64() {
                self.shared.chats.lock().unwrap().insert(id, chat);
            }
        }
        let update = json!({ "update_id": self.shared.next_id(), kind: payload.clone() });
        self.shared.updates.lock().unwrap().push(update);
        self.shared.new_update.notify_waiters();
        payload
    }

    /// The next `status` responses to `method` are this failure instead of the real answer.
    pub fn fail(&self, method: &str, status: u16, body: Value) {
        self.shared
            .failures
            .lock()
            .unwrap()
            .entry(method.to_string())
            .or_default()
            .push_back((StatusCode::from_u16(status).unwrap(), body));
    }

    /// Makes a file available through getFile and the file download URL.
    pub fn add_file(&self, file_id: &str, path: &str, bytes: &[u8]) {
        self.shared
            .files
            .lock()
            .unwrap()
            .insert(file_id.to_string(), (path.to_string(), bytes.to_vec()));
    }

    pub fn downloads(&self) -> Vec<String> {
        self.shared.downloads.lock().unwrap().clone()
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.lock().unwrap().clone()
    }

    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method)
            .collect()
    }

    /// Waits for the first request that satisfies `matches`.
    pub async fn wait_for(&self, what: &str, matches: impl Fn(&Call) -> bool) -> Call {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let notified = self.shared.new_call.notified();
            if let Some(call) = self.calls().into_iter().find(|c| matches(c)) {
                return call;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("timed out waiting for {what}; calls: {:#?}", self.calls());
            }
        }
    }

    /// Waits for the bot's reply to a message (a sendMessage whose reply_parameters name it).
    pub async fn reply_to(&self, message: &Value) -> Call {
        let (chat, id) = (message["chat"]["id"].clone(), message["message_id"].clone());
        self.wait_for(&format!("a reply to message {id}"), |c| {
            c.method == "SendMessage"
                && c.body["chat_id"] == chat
                && c.body["reply_parameters"]["message_id"] == id
        })
        .await
    }

    /// Whether the bot sent anything in reply to a message.
    pub fn replied_to(&self, message: &Value) -> bool {
        self.calls_to("SendMessage").iter().any(|c| {
            c.body["chat_id"] == message["chat"]["id"]
                && c.body["reply_parameters"]["message_id"] == message["message_id"]
        })
    }
}

fn ok(result: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({ "ok": true, "result": result })),
    )
        .into_response()
}

fn error(status: StatusCode, description: &str) -> Response {
    let body = json!({ "ok": false, "error_code": status.as_u16(), "description": description });
    (status, axum::Json(body)).into_response()
}

fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Kinotanu", "username": BOT_USERNAME })
}

async fn method(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if method != "GetUpdates" {
        shared.calls.lock().unwrap().push(Call {
            method: method.clone(),
            body: body.clone(),
            at: std::time::Instant::now(),
        });
        shared.new_call.notify_waiters();
    }
    let failure = shared
        .failures
        .lock()
        .unwrap()
        .get_mut(&method)
        .and_then(VecDeque::pop_front);
    if let Some((status, body)) = failure {
        return (status, axum::Json(body)).into_response();
    }
    match method.as_str() {
        "GetMe" => {
            let mut me = bot_user();
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(false);
            me["supports_inline_queries"] = json!(true);
            me["has_main_web_app"] = json!(false);
            ok(me)
        }
        "GetUpdates" => ok(updates(&shared, &body).await),
        "GetWebhookInfo" => {
            ok(json!({ "url": "", "has_custom_certificate": false, "pending_update_count": 0 }))
        }
        "SendMessage" => {
            let chat_id = body["chat_id"].as_i64().unwrap_or(0);
            let chat = shared.chats.lock().unwrap().get(&chat_id).cloned();
            let chat = chat.unwrap_or_else(
                || json!({ "id": chat_id, "type": "private", "first_name": "Admin" }),
            );
            let mut message = json!({
                "message_id": shared.next_id(),
                "date": 1_760_000_000,
                "chat": chat,
                "from": bot_user(),
                "text": body["text"],
            });
            if let Some(thread) = body.get("message_thread_id") {
                message["message_thread_id"] = thread.clone();
                message["is_topic_message"] = json!(true);
            }
            ok(message)
        }
        "GetFile" => {
            let file_id = body["file_id"].as_str().unwrap_or_default().to_string();
            match shared.files.lock().unwrap().get(&file_id) {
                Some((path, bytes)) => ok(json!({
                    "file_id": file_id,
                    "file_unique_id": format!("u-{file_id}"),
                    "file_size": bytes.len(),
                    "file_path": path,
                })),
                None => error(StatusCode::BAD_REQUEST, "Bad Request: invalid file_id"),
            }
        }
        _ => ok(json!(true)),
    }
}

/// Updates at or after the offset; when there are none, waits a little for one (long polling,
/// shortened so that tests stay quick).
async fn updates(shared: &Shared, body: &Value) -> Value {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let pending = || -> Vec<Value> {
        let mut updates = shared.updates.lock().unwrap();
        updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
        updates.clone()
    };
    let notified = shared.new_update.notified();
    let now = pending();
    if !now.is_empty() || body["timeout"].as_u64().unwrap_or(0) == 0 {
        return json!(now);
    }
    let _ = tokio::time::timeout(Duration::from_millis(300), notified).await;
    json!(pending())
}

async fn file(
    State(shared): State<Arc<Shared>>,
    Path((bot, path)): Path<(String, String)>,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    shared.downloads.lock().unwrap().push(path.clone());
    let files = shared.files.lock().unwrap();
    match files.values().find(|(p, _)| *p == path) {
        Some((_, bytes)) => (StatusCode::OK, bytes.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

// ---- updates as Telegram sends them ----

pub fn user(id: u64, language_code: &str) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": "Aigerim", "language_code": language_code })
}

pub fn private_chat(id: u64) -> Value {
    json!({ "id": id, "type": "private", "first_name": "Aigerim" })
}

pub fn group(id: i64) -> Value {
    json!({ "id": id, "type": "supergroup", "title": "Kino club" })
}

pub fn forum(id: i64) -> Value {
    json!({ "id": id, "type": "supergroup", "title": "Kino forum", "is_forum": true })
}

pub fn channel(id: i64) -> Value {
    json!({ "id": id, "type": "channel", "title": "Kino news" })
}

/// A text message with the entities Telegram would attach: a leading `/command`, and every
/// `@username` (offsets in UTF-16 code units, as Telegram counts them).
pub fn text_message(chat: Value, from: Option<Value>, text: &str) -> Value {
    let mut message = json!({ "chat": chat, "text": text, "entities": entities(text) });
    if let Some(from) = from {
        message["from"] = from;
    }
    message
}

pub fn entities(text: &str) -> Vec<Value> {
    let utf16 = |s: &str| s.encode_utf16().count();
    let mut found = Vec::new();
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        found.push(json!({ "type": "bot_command", "offset": 0, "length": utf16(command) }));
    }
    for (at, _) in text.match_indices('@') {
        let name: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let inside_command = text.starts_with('/') && !text[..at].contains(char::is_whitespace);
        if name.len() >= 3 && !inside_command {
            found.push(json!({ "type": "mention", "offset": utf16(&text[..at]), "length": name.len() + 1 }));
        }
    }
    found
}

pub fn inline_query(from: Value, query: &str) -> Value {
    json!({ "id": "inline-1", "from": from, "query": query, "offset": "" })
}

// ---- the bot under test ----

/// The bot running against a fresh double, with its own copy of the seeds and its own index.
pub struct Running {
    pub telegram: FakeTelegram,
    pub seeds: tempfile::TempDir,
    pub index: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

fn copy_of_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Starts the bot with `ADMIN` as its only admin and limits loose enough not to slow tests;
/// `adjust` may change the configuration first.
pub async fn start_bot(adjust: impl FnOnce(&mut BotConfig)) -> Running {
    init_logging();
    let telegram = FakeTelegram::start().await;
    let (seeds, index) = (copy_of_seeds(), tempfile::tempdir().unwrap());
    let mut config = BotConfig::new(
        TOKEN,
        seeds.path().to_path_buf(),
        index.path().to_path_buf(),
    );
    config.api_url = Some(telegram.url.clone());
    config.admins.insert(teloxide_user(ADMIN));
    config.polling_timeout = Duration::from_secs(1);
    config.limits = teloxide::adaptors::throttle::Limits {
        messages_per_sec_chat: 1000,
        messages_per_min_chat: 10_000,
        messages_per_min_channel_or_supergroup: 10_000,
        messages_per_sec_overall: 1000,
    };
    adjust(&mut config);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(bot::run(config, async {
        let _ = stopped.await;
    }));
    // Checking for a webhook is the last step before polling: by then the menus are set.
    telegram
        .wait_for("getWebhookInfo", |c| c.method == "GetWebhookInfo")
        .await;
    Running {
        telegram,
        seeds,
        index,
        stop: Some(stop),
        task,
    }
}

fn teloxide_user(id: u64) -> teloxide::types::UserId {
    teloxide::types::UserId(id)
}

impl Running {
    /// Sends the shutdown signal and waits for the bot to return.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(PATIENCE, &mut self.task)
            .await
            .expect("the bot stops within the time allowed")
            .expect("the bot task does not panic")
    }
}

fn init_logging() {
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
}
