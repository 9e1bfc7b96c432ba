//! A Bot API double on 127.0.0.1 for the bot tests, and a harness that runs the real bot
//! (dispatcher, handler tree, Throttle) against it.
//!
//! The double answers `POST /bot<token>/<Method>` like Telegram: queued updates from
//! getUpdates (long polling with an offset), a message for sendMessage, files for getFile and
//! `GET /file/bot<token>/<path>`, `true` for the rest — and records every request but
//! getUpdates so that tests can assert on what the bot sent (getUpdates calls are kept apart, as
//! [`Poll`]s). Faults are injected per method ([`Fault`]): an error status, a body that is not
//! the JSON promised, a request held past the client's timeout, a connection reset.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll as TaskPoll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::IncomingStream;
use kinotanu::bot::{self, BotConfig};
use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
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
    pub at: Instant,
}

/// A getUpdates call: what the bot asked for, and what the double did with it.
#[derive(Clone, Debug)]
pub struct Poll {
    /// The request: `offset`, `limit`, `timeout`, `allowed_updates`.
    pub body: Value,
    pub at: Instant,
    /// When the double had the answer ready (after the long-poll wait): the moment the updates
    /// in it left for the bot.
    pub answered: Instant,
    /// The ids of the updates in the answer the double gave — or, for a faulted poll, would
    /// have given.
    pub update_ids: Vec<i64>,
    /// The fault served instead of the answer, if any.
    pub fault: Option<&'static str>,
}

impl Poll {
    pub fn offset(&self) -> i64 {
        self.body["offset"].as_i64().unwrap_or(0)
    }
}

/// What the double does to one request instead of answering it normally.
#[derive(Clone, Debug)]
pub enum Fault {
    /// This status and JSON body.
    Status(StatusCode, Value),
    /// `200 OK`, `application/json`, and this body — which need not be JSON at all.
    Raw(String),
    /// Holds the request this long before answering it normally (if anyone still listens).
    Hang(Duration),
    /// Closes the connection without a response: the bot sees a TCP reset.
    Reset,
}

impl Fault {
    fn name(&self) -> &'static str {
        match self {
            Fault::Status(..) => "status",
            Fault::Raw(_) => "raw",
            Fault::Hang(_) => "hang",
            Fault::Reset => "reset",
        }
    }
}

#[derive(Default)]
struct Shared {
    updates: Mutex<Vec<Value>>,
    new_update: Notify,
    calls: Mutex<Vec<Call>>,
    new_call: Notify,
    polls: Mutex<Vec<Poll>>,
    failures: Mutex<HashMap<String, VecDeque<Fault>>>,
    last_update_id: AtomicI64,
    files: Mutex<HashMap<String, (String, Vec<u8>)>>,
    downloads: Mutex<Vec<String>>,
    chats: Mutex<HashMap<i64, Value>>,
    next_id: AtomicI64,
    /// Whether getUpdates honours `limit` (1–100, default 100) as Telegram does; off by
    /// default, when one answer carries every pending update.
    batches_like_telegram: AtomicBool,
}

impl Shared {
    fn next_id(&self) -> i64 {
        self.next_id.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn take_fault(&self, method: &str) -> Option<Fault> {
        self.failures
            .lock()
            .unwrap()
            .get_mut(method)
            .and_then(VecDeque::pop_front)
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
            .route("/{bot}/{method}", post(server::method))
            .route("/file/{bot}/{*path}", get(server::file))
            .with_state(shared.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let listener = ResettableListener(listener);
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<Connection>(),
            )
            .await
            .unwrap()
        });
        FakeTelegram { url, shared }
    }

    /// Queues an update and returns the payload as queued. For messages (`message`,
    /// `edited_message`, `channel_post`, `edited_channel_post`) the message id and date are
    /// filled in when missing; other kinds (`inline_query`, `callback_query`, `my_chat_member`, …) are queued
    /// as given.
    pub fn push(&self, kind: &str, mut payload: Value) -> Value {
        let is_message = matches!(
            kind,
            "message" | "edited_message" | "channel_post" | "edited_channel_post"
        );
        if is_message {
            if payload.get("message_id").is_none() {
                payload["message_id"] = json!(self.shared.next_id());
            }
            if payload.get("date").is_none() {
                payload["date"] = json!(1_760_000_000);
            }
            let chat = payload["chat"].clone();
            if let Some(id) = chat["id"].as_i64() {
                self.shared.chats.lock().unwrap().insert(id, chat);
            }
        }
        self.push_update(json!({ kind: payload.clone() }));
        payload
    }

    /// Queues a whole update as given (any shape), with the next update id; returns that id.
    pub fn push_update(&self, mut update: Value) -> i64 {
        let id = self.shared.next_id();
        update["update_id"] = json!(id);
        self.shared.last_update_id.store(id, Ordering::SeqCst);
        self.shared.updates.lock().unwrap().push(update);
        self.shared.new_update.notify_waiters();
        id
    }

    /// The update id of the last update queued.
    pub fn last_update_id(&self) -> i64 {
        self.shared.last_update_id.load(Ordering::SeqCst)
    }

    /// The next response to `method` is an error with this status and body instead of the real
    /// answer (calling it again queues another).
    pub fn fail(&self, method: &str, status: u16, body: Value) {
        self.inject(
            method,
            Fault::Status(StatusCode::from_u16(status).unwrap(), body),
        );
    }

    /// Queues a fault for the next request to `method`. A request counts when the double is
    /// about to answer it: for getUpdates that is after its long-poll wait, so a poll already
    /// waiting takes the fault, and the updates it would have carried are lost with it.
    pub fn inject(&self, method: &str, fault: Fault) {
        self.shared
            .failures
            .lock()
            .unwrap()
            .entry(method.to_string())
            .or_default()
            .push_back(fault);
    }

    /// Faults injected and not served yet.
    pub fn pending_faults(&self) -> usize {
        self.shared
            .failures
            .lock()
            .unwrap()
            .values()
            .map(VecDeque::len)
            .sum()
    }

    /// From now on getUpdates answers at most `limit` updates (default and maximum 100), as
    /// Telegram does, instead of every pending one: for bursts larger than one batch.
    pub fn batch_updates_like_telegram(&self) {
        self.shared
            .batches_like_telegram
            .store(true, Ordering::SeqCst);
    }

    /// How many requests to `method` so far, without copying them.
    pub fn count_calls(&self, method: &str) -> usize {
        self.shared
            .calls
            .lock()
            .unwrap()
            .iter()
            .filter(|c| c.method == method)
            .count()
    }

    /// Every getUpdates call so far, in order.
    pub fn polls(&self) -> Vec<Poll> {
        self.shared.polls.lock().unwrap().clone()
    }

    /// Waits until `condition` holds (checked every 20 ms), for things that are not requests.
    pub async fn wait_until(&self, what: &str, condition: impl Fn() -> bool) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while !condition() {
            if tokio::time::Instant::now() > deadline {
                panic!("timed out waiting for {what}; calls: {:#?}", self.calls());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
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

mod asking;
#[path = "../common/mod.rs"]
mod common;
mod connections;
mod harness;
mod logs;
mod posting;
mod server;
mod updates;

#[allow(unused_imports)] // for the process tests
pub use common::copy_of_seeds;
use connections::{Connection, ResettableListener};
#[allow(unused_imports)] // not every test binary starts the bot
pub use harness::*;
#[allow(unused_imports)] // for the source tests
pub use posting::*;
pub use updates::*;
#[allow(unused_imports)] // for the fault tests
pub use {asking::*, logs::*};
