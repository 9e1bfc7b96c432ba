//! The double's side of each request: the token checked, the call recorded, an injected fault
//! served in its place, else the answer Telegram would give (getUpdates long-polls first).

use super::*;

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

pub(super) async fn method(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(connection): ConnectInfo<Connection>,
    Path((bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if method == "GetUpdates" {
        return get_updates(&shared, &connection, body).await;
    }
    shared.calls.lock().unwrap().push(Call {
        method: method.clone(),
        body: body.clone(),
        at: Instant::now(),
    });
    shared.new_call.notify_waiters();
    match shared.take_fault(&method) {
        Some(Fault::Hang(hold)) => tokio::time::sleep(hold).await,
        Some(fault) => return faulty(fault, &connection),
        None => {}
    }
    answer(&shared, &method, &body)
}

/// The response for a fault other than a hang (which only delays the real answer).
fn faulty(fault: Fault, connection: &Connection) -> Response {
    match fault {
        Fault::Status(status, body) => (status, axum::Json(body)).into_response(),
        Fault::Raw(text) => {
            (StatusCode::OK, [(CONTENT_TYPE, "application/json")], text).into_response()
        }
        Fault::Reset => {
            // Whatever is returned here is never written: the connection refuses the write
            // and is dropped with SO_LINGER 0, i.e. reset.
            connection.reset.store(true, Ordering::SeqCst);
            StatusCode::OK.into_response()
        }
        Fault::Hang(_) => unreachable!("a hang delays the answer"),
    }
}

/// getUpdates: the long-poll wait first, then any fault in place of the answer, recorded either
/// way.
async fn get_updates(shared: &Shared, connection: &Connection, body: Value) -> Response {
    let at = Instant::now();
    let found = updates(shared, &body).await;
    let answered = Instant::now();
    let update_ids = found
        .iter()
        .filter_map(|u| u["update_id"].as_i64())
        .collect();
    let fault = shared.take_fault("GetUpdates");
    shared.polls.lock().unwrap().push(Poll {
        body,
        at,
        answered,
        update_ids,
        fault: fault.as_ref().map(Fault::name),
    });
    match fault {
        Some(Fault::Hang(hold)) => tokio::time::sleep(hold).await,
        Some(fault) => return faulty(fault, connection),
        None => {}
    }
    ok(json!(found))
}

fn answer(shared: &Shared, method: &str, body: &Value) -> Response {
    match method {
        "GetMe" => {
            let mut me = bot_user();
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(false);
            me["supports_inline_queries"] = json!(true);
            me["has_main_web_app"] = json!(false);
            ok(me)
        }
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
/// shortened so that tests stay quick). Like Telegram, an offset confirms — and forgets — every
/// update before it.
async fn updates(shared: &Shared, body: &Value) -> Vec<Value> {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = if shared.batches_like_telegram.load(Ordering::SeqCst) {
        body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize
    } else {
        usize::MAX
    };
    let pending = || -> Vec<Value> {
        let mut updates = shared.updates.lock().unwrap();
        updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
        updates.iter().take(limit).cloned().collect()
    };
    let notified = shared.new_update.notified();
    let now = pending();
    if !now.is_empty() || body["timeout"].as_u64().unwrap_or(0) == 0 {
        return now;
    }
    let _ = tokio::time::timeout(Duration::from_millis(300), notified).await;
    pending()
}

pub(super) async fn file(
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
