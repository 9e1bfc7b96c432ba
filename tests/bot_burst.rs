//! The bot under a burst, through the Bot API double: many users asking at once, every
//! question answered exactly once, the answers in each chat in the order asked — and, printed
//! rather than asserted (speed is never asserted in tests), how long the bot itself takes per
//! update, apart from Telegram's rate limits.
//!
//! The figures: `cargo test --release --test bot_burst -- --nocapture`.

mod bot_support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bot_support::*;
use kinotanu::bot::render;
use kinotanu::bot::texts::UiLang;
use kinotanu::search::SearchIndex;

/// Questions from the seed article, each with a piece of its answer that no other question in
/// the same language is answered with: a reply is checked to be the answer to the question it
/// names, not merely an answer.
const KK: [(&str, &str); 6] = [
    (
        "Отандық фильмдер халықаралық фестивальдерде қанша жүлде алды?",
        "177",
    ),
    (
        "Ұлттық киноны қолдау орталығы неше киножобаны жүзеге асырды?",
        "119",
    ),
    ("Qaitadan фильмі прокатта қанша касса жинады?", "миллиард"),
    ("JARQYRA кастингі қашан басталды?", "өңірлерден"),
    ("Қазақ тіліндегі сценарийлер үлесі қанша?", "75%"),
    ("Каннда қандай елдермен меморандум қойылды?", "Франция"),
];
const RU: [(&str, &str); 8] = [
    ("Сколько наград завоевали отечественные картины?", "177"),
    (
        "Сколько кинопроектов реализовал Государственный центр поддержки национального кино?",
        "119",
    ),
    ("Сколько собрал фильм Qaitadan в прокате?", "миллиарда"),
    ("Когда стартовал кастинг JARQYRA?", "талантливых"),
    ("Сколько фильмов в подборке Кинопоиска?", "17 казахстанских"),
    (
        "С какими странами подписаны соглашения в Актау?",
        "Азербайджана",
    ),
    ("Какова доля сценариев на казахском языке?", "75%"),
    (
        "На каких фестивалях представлен фильм Сказка о морских псах?",
        "Локарно",
    ),
];

/// Questions per user: under the per-user limit (20 a minute), so none is refused.
const PER_USER: usize = 5;
/// Chat and user ids start here (a private chat's id is its user's).
const FIRST_USER: u64 = 100_000;
/// How long the whole burst may take before the test gives up (a slow debug build on two
/// cores needs a fraction of this).
const BURST_PATIENCE: Duration = Duration::from_secs(300);

/// One question as queued.
struct Asked {
    chat: i64,
    message_id: i64,
    update_id: i64,
    /// Its place among its chat's questions.
    nth: usize,
    question: &'static str,
    marker: &'static str,
    lang: UiLang,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_questions_from_200_users_is_answered_once_each_in_order() {
    burst(200).await;
}

/// Queues `users` × `PER_USER` private questions at once, runs the real bot on them, asserts
/// that each is answered exactly once and in order within its chat, and prints the timings.
async fn burst(users: usize) {
    // Telegram's own limits (1 message a second and 20 a minute per chat, 30 a second
    // overall) would make this a test of Throttle's queue: 1,000 replies take at least 34 s at
    // 30 a second, and a user's five at least 5 s. They are raised far above the burst so that
    // what is measured is the bot. Throttle still stands between the handlers and the double,
    // and its worker releases queued messages on a 250 ms tick whatever the limits: a reply
    // that is ready waits up to 250 ms for it. That wait is Telegram's rate limiting too; the
    // timings below separate it out as well as the double can see (see `report`).
    // The per-user question limit stays at its default, 20 a minute: five questions a user
    // are well under it, so none is refused (checked below: every reply is the answer).
    let bot = start_bot(|config| {
        config.questions_per_minute = 20;
        config.limits = teloxide::adaptors::throttle::Limits {
            messages_per_sec_chat: 1000,
            messages_per_min_chat: 10_000,
            messages_per_min_channel_or_supergroup: 10_000,
            messages_per_sec_overall: 1000,
        };
    })
    .await;
    // At most 100 updates a getUpdates answer, as Telegram gives: the burst arrives in batches.
    bot.telegram.batch_updates_like_telegram();

    // Round by round — every user's first question, then every user's second — so that each
    // chat's questions are spread over the whole stream and over several batches. The bot is
    // already polling, so it may take the first few before the last is queued (queuing them
    // all takes a few milliseconds): the wall time counts from the first.
    let started = Instant::now();
    let mut asked: Vec<Asked> = Vec::with_capacity(users * PER_USER);
    for nth in 0..PER_USER {
        for u in 0..users {
            let id = FIRST_USER + u as u64;
            let (code, lang, pool): (&str, UiLang, &[(&str, &str)]) = if u % 2 == 0 {
                ("kk", UiLang::Kk, &KK)
            } else {
                ("ru", UiLang::Ru, &RU)
            };
            // Five different questions per user, each user starting elsewhere in the pool.
            let (question, marker) = pool[(u + nth) % pool.len()];
            let message = bot.telegram.push(
                "message",
                text_message(private_chat(id), Some(user(id, code)), question),
            );
            asked.push(Asked {
                chat: id as i64,
                message_id: message["message_id"].as_i64().unwrap(),
                update_id: bot.telegram.last_update_id(),
                nth,
                question,
                marker,
                lang,
            });
        }
    }
    let queuing = started.elapsed();
    let total = asked.len();

    let deadline = started + BURST_PATIENCE;
    while bot.telegram.count_calls("SendMessage") < total {
        assert!(
            Instant::now() < deadline,
            "only {} of {total} questions answered after {BURST_PATIENCE:?}",
            bot.telegram.count_calls("SendMessage")
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Every question is answered and the bot is idle (polling): time the same work alone,
    // against the index the bot built, while its folder still exists.
    let alone = in_process(&asked, bot.index.path());
    let telegram = bot.telegram.clone();
    // A clean stop finishes whatever is still in hand, so a duplicate would be sent by now.
    let stopped = bot.stop().await;
    stopped.expect("stopped cleanly: no handler failed");

    // ---- correctness ----
    let calls = telegram.calls();
    let replies: Vec<&Call> = calls.iter().filter(|c| c.method == "SendMessage").collect();
    let mut replies_to: HashMap<(i64, i64), Vec<&Call>> = HashMap::new();
    for reply in &replies {
        let key = (
            reply.body["chat_id"].as_i64().expect("a numeric chat id"),
            reply.body["reply_parameters"]["message_id"]
                .as_i64()
                .expect("a reply to a message"),
        );
        replies_to.entry(key).or_default().push(reply);
    }
    let lost: Vec<i64> = asked
        .iter()
        .filter(|a| !replies_to.contains_key(&(a.chat, a.message_id)))
        .map(|a| a.message_id)
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {total} questions got no reply: {lost:?}",
        lost.len()
    );
    for a in &asked {
        let answers = &replies_to[&(a.chat, a.message_id)];
        assert_eq!(
            answers.len(),
            1,
            "question {} in chat {} answered once: {answers:#?}",
            a.message_id,
            a.chat
        );
        let html = answers[0].body["text"].as_str().unwrap_or_default();
        assert!(
            html.contains(a.marker),
            "the reply to «{}» (message {}, chat {}) is its answer, with «{}»: {html}",
            a.question,
            a.message_id,
            a.chat,
            a.marker
        );
    }
    assert_eq!(replies.len(), total, "no message but the answers was sent");

    let mut asked_in: HashMap<i64, Vec<i64>> = HashMap::new();
    for a in &asked {
        asked_in.entry(a.chat).or_default().push(a.message_id);
    }
    let mut answered_in: HashMap<i64, Vec<i64>> = HashMap::new();
    for reply in &replies {
        answered_in
            .entry(reply.body["chat_id"].as_i64().unwrap())
            .or_default()
            .push(
                reply.body["reply_parameters"]["message_id"]
                    .as_i64()
                    .unwrap(),
            );
    }
    for (chat, questions) in &asked_in {
        assert_eq!(
            &answered_in[chat], questions,
            "chat {chat}: answers in the order the questions were sent"
        );
    }

    let polls = telegram.polls();
    assert!(
        polls.iter().all(|p| p.fault.is_none()),
        "no fault was injected"
    );
    let mut delivered: HashMap<i64, Instant> = HashMap::new();
    let mut deliveries = 0;
    for poll in &polls {
        for id in &poll.update_ids {
            deliveries += 1;
            delivered.entry(*id).or_insert(poll.answered);
        }
    }
    assert!(
        asked.iter().all(|a| delivered.contains_key(&a.update_id)),
        "every question reached the bot"
    );

    report(
        &asked,
        &calls,
        &replies_to,
        &delivered,
        (started, queuing),
        deliveries,
        &polls,
    );
    let (mut took, all) = alone;
    line("search+render, alone", &mut took);
    eprintln!(
        "  (alone: {total} questions one after another on one thread in {:.2} s, {:.0}/s)",
        all.as_secs_f64(),
        total as f64 / all.as_secs_f64()
    );
}

/// Prints the timings the double recorded, per question:
/// - end to end: from the getUpdates answer that carried it to the sendMessage answering it.
///   This mixes three things: the bot's own work, the wait behind the chat's earlier
///   questions (a chat's updates are handled one at a time, in order), and Throttle's hold.
/// - dispatch: up to the handler's "typing" (sendChatAction, which Throttle does not hold
///   back), from the getUpdates answer for a chat's first question, and for the others from
///   whichever came later, the update or the chat's previous answer — the dispatcher and the
///   handler's start, with nothing of Throttle's in it;
/// - handling: from "typing" to sendMessage — the search and rendering, on cores shared with
///   every other chat's handler, plus Throttle's hold (its worker releases messages on a
///   250 ms tick, so a ready answer waits up to 250 ms);
/// - sendMessage bursts: the replies as the double saw them arrive, grouped where they are
///   more than 50 ms apart — one group per tick of Throttle's worker.
///
/// The search and rendering on their own are timed apart ([`in_process`]).
fn report(
    asked: &[Asked],
    calls: &[Call],
    replies_to: &HashMap<(i64, i64), Vec<&Call>>,
    delivered: &HashMap<i64, Instant>,
    (started, queuing): (Instant, Duration),
    deliveries: usize,
    polls: &[Poll],
) {
    let reply_at = |a: &Asked| replies_to[&(a.chat, a.message_id)][0].at;
    let mut typing_in: HashMap<i64, Vec<Instant>> = HashMap::new();
    for call in calls.iter().filter(|c| c.method == "SendChatAction") {
        typing_in
            .entry(call.body["chat_id"].as_i64().unwrap_or_default())
            .or_default()
            .push(call.at);
    }
    // The n-th "typing" of a chat belongs to its n-th question only when each question showed
    // exactly one (showing it is not what this test is about).
    let typing_matches = asked
        .iter()
        .all(|a| typing_in.get(&a.chat).map_or(0, Vec::len) == PER_USER);
    let place: HashMap<(i64, usize), &Asked> = asked.iter().map(|a| ((a.chat, a.nth), a)).collect();

    let mut end_to_end = Vec::new();
    let (mut first, mut next, mut handling) = (Vec::new(), Vec::new(), Vec::new());
    for a in asked {
        let (got, replied) = (delivered[&a.update_id], reply_at(a));
        end_to_end.push(replied.saturating_duration_since(got));
        if typing_matches {
            let typing = typing_in[&a.chat][a.nth];
            if a.nth == 0 {
                first.push(typing.saturating_duration_since(got));
            } else {
                let free = reply_at(place[&(a.chat, a.nth - 1)]).max(got);
                next.push(typing.saturating_duration_since(free));
            }
            handling.push(replied.saturating_duration_since(typing));
        }
    }

    let mut sent: Vec<Instant> = asked.iter().map(reply_at).collect();
    sent.sort();
    let mut bursts = vec![sent[0]];
    for pair in sent.windows(2) {
        if pair[1] - pair[0] > Duration::from_millis(50) {
            bursts.push(pair[1]);
        }
    }
    let mut spacing: Vec<Duration> = bursts.windows(2).map(|b| b[1] - b[0]).collect();

    let n = asked.len();
    let last_reply = *sent.last().unwrap();
    let wall = last_reply.saturating_duration_since(started);
    let batches = polls.iter().filter(|p| !p.update_ids.is_empty()).count();
    eprintln!(
        "\n== burst: {n} questions from {} users, {PER_USER} each ==",
        n / PER_USER
    );
    eprintln!(
        "wall time, first queued → last answered: {:.2} s, {:.0} updates/s \
         (queuing took {:.1} ms; {batches} getUpdates batches, {deliveries} deliveries)",
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64(),
        ms(queuing),
    );
    eprintln!("per update, ms            p50      p95      p99      max");
    line("end to end", &mut end_to_end);
    if typing_matches {
        line("dispatch, 1st in chat", &mut first);
        line("dispatch, later ones", &mut next);
        line("handling (+ Throttle)", &mut handling);
    } else {
        eprintln!("(not one \"typing\" per question: no dispatch/handling split)");
    }
    eprint!("sendMessage bursts: {}", bursts.len());
    if !spacing.is_empty() {
        spacing.sort();
        eprint!(", {:.0} ms apart (median)", ms(spacing[spacing.len() / 2]));
    }
    eprintln!();
}

/// The bot's own work on each question with nothing else around it: the same search and
/// rendering the handler does, one question after another on one thread, against the index
/// the bot built — no HTTP, no dispatcher, no Throttle.
fn in_process(asked: &[Asked], index_dir: &std::path::Path) -> (Vec<Duration>, Duration) {
    let index = SearchIndex::open(index_dir).expect("the index the bot built");
    let mut took = Vec::with_capacity(asked.len());
    let started = Instant::now();
    for a in asked {
        let t = Instant::now();
        let answer = kinotanu::answer::answer(&index, a.question, 3).expect("an answer");
        let html = render::answer_html(&answer, a.lang);
        took.push(t.elapsed());
        assert!(html.contains(a.marker), "{html}");
    }
    (took, started.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn line(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |p: f64| {
        let i = ((times.len() - 1) as f64 * p).round() as usize;
        ms(times[i])
    };
    eprintln!(
        "{what:<24}{:>7.1}  {:>7.1}  {:>7.1}  {:>7.1}",
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0)
    );
}
