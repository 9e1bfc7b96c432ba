//! `kinotanu bot` as a process, configured only through the environment, against the Bot API
//! double: it answers, SIGTERM stops it with exit code 0, a refused token exits 2, and the
//! token appears in none of its output.

mod bot_support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bot_support::*;

fn kinotanu_bot(cwd: &Path, api_url: &str, token: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kinotanu"));
    command
        .arg("bot")
        .current_dir(cwd)
        .env("TELOXIDE_TOKEN", token)
        .env("TELOXIDE_API_URL", api_url)
        .env(
            "KINOTANU_SEEDS_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
        )
        .env("KINOTANU_INDEX_DIR", cwd.join("index"))
        .env("KINOTANU_ADMIN_IDS", format!("{ADMIN}, @boss"))
        .env("RUST_LOG", "debug")
        .env_remove("TELOXIDE_PROXY")
        // No post reaches these chats here (the seeds are the repository's, not to be written).
        .env("KINOTANU_SOURCE_CHATS", "-1001111111111, kinonews")
        // Files, not pipes: nobody reads a pipe until the end, and a full one would block the bot.
        .stdout(Stdio::from(
            std::fs::File::create(cwd.join("out.log")).unwrap(),
        ))
        .stderr(Stdio::from(
            std::fs::File::create(cwd.join("err.log")).unwrap(),
        ));
    command
}

/// Waits for the process to exit, and returns its exit code and everything it printed.
async fn finish(mut child: Child, cwd: &Path) -> (Option<i32>, String) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let read = |name: &str| std::fs::read_to_string(cwd.join(name)).unwrap_or_default();
            return (status.code(), read("out.log") + &read("err.log"));
        }
        assert!(Instant::now() < deadline, "the bot did not exit");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_with_exit_code_0_and_the_token_is_never_printed() {
    let telegram = FakeTelegram::start().await;
    let work = tempfile::tempdir().unwrap();
    let child = kinotanu_bot(work.path(), &telegram.url, TOKEN)
        .spawn()
        .unwrap();
    telegram.wait_for("getMe", |c| c.method == "GetMe").await;
    let asked = telegram.push(
        "message",
        text_message(
            private_chat(USER),
            Some(user(USER, "kk")),
            "Qaitadan фильмі қанша касса жинады?",
        ),
    );
    let reply = telegram.reply_to(&asked).await;
    assert!(reply.body["text"].as_str().unwrap().contains("миллиард"));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let (code, printed) = finish(child, work.path()).await;
    assert_eq!(code, Some(0), "{printed}");
    assert!(printed.contains("stopped"), "{printed}");
    assert!(
        printed.contains("`@boss` is not a numeric user id"),
        "{printed}"
    );
    assert!(
        printed.contains("KINOTANU_SOURCE_CHATS: `kinonews` is neither a numeric chat id nor an @username: ignored"),
        "{printed}"
    );
    assert!(
        !printed.contains(TOKEN_SECRET),
        "the token was printed: {printed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_telegram_refuses_exits_2_with_one_line() {
    let telegram = FakeTelegram::start().await;
    let work = tempfile::tempdir().unwrap();
    let wrong = "4242:AAHwrong_T0ken-ForTests01234567890000";
    let child = kinotanu_bot(work.path(), &telegram.url, wrong)
        .spawn()
        .unwrap();
    let (code, printed) = finish(child, work.path()).await;
    assert_eq!(code, Some(2), "{printed}");
    assert!(printed.contains("Telegram refused the token"), "{printed}");
    assert!(
        !printed.contains("AAHwrong"),
        "the token was printed: {printed}"
    );
}
