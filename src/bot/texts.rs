//! Everything the bot says in its own words, in Kazakh, Russian and English. Corpus text never
//! passes through here; every value interpolated into these strings is already HTML-escaped.

use super::state::RebuildFailure;
use crate::corpus::{Lang, detect_lang};

/// The language the bot speaks to one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiLang {
    Kk,
    Ru,
    En,
}

impl UiLang {
    /// Kazakh for `kk`, Russian for `ru` (with or without a region), English otherwise.
    pub fn from_code(code: Option<&str>) -> UiLang {
        let primary = code
            .and_then(|c| c.split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        match primary.as_deref() {
            Some("kk") => UiLang::Kk,
            Some("ru") => UiLang::Ru,
            _ => UiLang::En,
        }
    }

    /// The user's Telegram language when it is Kazakh or Russian; otherwise the language the
    /// question is written in, so that a Kazakh question from an English-language client is
    /// still told "no answer" in Kazakh.
    pub fn for_question(code: Option<&str>, question: &str) -> UiLang {
        match UiLang::from_code(code) {
            UiLang::En => match detect_lang(question) {
                Some(Lang::Kk) => UiLang::Kk,
                Some(Lang::Ru) => UiLang::Ru,
                None => UiLang::En,
            },
            known => known,
        }
    }

    /// Telegram's `language_code` for command descriptions; `None` is the default for everyone.
    pub fn command_language_code(self) -> Option<&'static str> {
        match self {
            UiLang::Kk => Some("kk"),
            UiLang::Ru => Some("ru"),
            UiLang::En => None,
        }
    }

    pub const ALL: [UiLang; 3] = [UiLang::En, UiLang::Kk, UiLang::Ru];

    pub(super) fn pick(self, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            UiLang::Kk => kk,
            UiLang::Ru => ru,
            UiLang::En => en,
        }
    }
}

const EXAMPLE_KK: &str = "Отандық фильмдер халықаралық фестивальдерде қанша жүлде алды?";
const EXAMPLE_RU: &str = "С какими странами подписаны соглашения в Актау?";

/// /start and /help. `mention` is `@botname`, for the group forms.
pub fn help(lang: UiLang, mention: &str) -> String {
    let intro = lang.pick(
        "Мен Қазақстан киносы туралы сұрақтарға қазақ және орыс тілдерінде жауап беремін және әр жауаптың дереккөзін көрсетемін.",
        "Я отвечаю на вопросы о казахстанском кино на казахском и русском языках и всегда показываю источник ответа.",
        "I answer questions about Kazakhstan's cinema in Kazakh and Russian, and always show where the answer comes from.",
    );
    let private = lang.pick(
        "Жеке чатта сұрағыңызды жай жаза беріңіз, мысалы:",
        "В личном чате просто напишите вопрос, например:",
        "In a private chat just type your question, for example:",
    );
    let group = lang.pick(
        "Топта: <code>/ask сұрақ</code>, менің хабарыма жауап беріңіз немесе мені атаңыз",
        "В группе: <code>/ask вопрос</code>, ответ на моё сообщение или упоминание",
        "In a group: <code>/ask question</code>, a reply to my message, or a mention",
    );
    let inline = lang.pick("Кез келген чатта", "В любом чате", "In any chat");
    let about = lang.pick(
        "/about — корпус туралы",
        "/about — о корпусе",
        "/about — what the corpus holds",
    );
    format!(
        "{intro}\n\n{private}\n• <i>{EXAMPLE_KK}</i>\n• <i>{EXAMPLE_RU}</i>\n\n{group} {mention}.\n{inline}: <code>{mention} сұрақ / вопрос</code>\n{about}"
    )
}

/// What /about says about the corpus. `built` is the last reindex, already formatted.
pub fn about(lang: UiLang, documents: usize, kk: usize, ru: usize, built: &str) -> String {
    let head = lang.pick(
        "Корпус: Қазақстан киносы туралы мақалалар мен құжаттар.",
        "Корпус: статьи и документы о казахстанском кино.",
        "Corpus: articles and documents about Kazakhstan's cinema.",
    );
    let (docs, passages, reindexed) = match lang {
        UiLang::Kk => ("Құжаттар", "Үзінділер", "Соңғы индекстеу"),
        UiLang::Ru => ("Документов", "Фрагментов", "Последняя индексация"),
        UiLang::En => ("Documents", "Passages", "Last reindex"),
    };
    format!(
        "{head}\n{docs}: {documents}\n{passages}: {} (kk {kk}, ru {ru})\n{reindexed}: {built}",
        kk + ru
    )
}

/// No passage answers the question; `question` is escaped and shortened.
pub fn no_answer(lang: UiLang, question: &str) -> String {
    let head = no_answer_title(lang);
    let hint = no_answer_hint(lang);
    format!("{head}: <i>{question}</i>\n\n{hint}")
}

pub fn no_answer_title(lang: UiLang) -> &'static str {
    lang.pick(
        "Корпуста бұл сұраққа жауап табылмады",
        "В корпусе нет ответа на вопрос",
        "No answer in the corpus",
    )
}

pub fn no_answer_hint(lang: UiLang) -> &'static str {
    lang.pick(
        "Фильмді, фестивальді, өңірді немесе бағдарламаны атап, қазақша не орысша сұраңыз.",
        "Назовите фильм, фестиваль, регион или программу и спросите по-казахски или по-русски.",
        "Try naming the film, festival, region or programme, in Kazakh or Russian.",
    )
}

pub fn ask_usage(lang: UiLang, mention: &str) -> String {
    let text = lang.pick(
        "Сұрағыңызды командадан кейін жазыңыз, мысалы:",
        "Напишите вопрос после команды, например:",
        "Put your question after the command, for example:",
    );
    format!("{text}\n<code>/ask{mention} {EXAMPLE_KK}</code>")
}

pub fn rate_limited(lang: UiLang) -> &'static str {
    lang.pick(
        "Сұрақтар тым жиі келіп жатыр. Бір минуттан кейін қайта сұраңыз.",
        "Слишком много вопросов подряд. Пожалуйста, спросите снова через минуту.",
        "That is a lot of questions at once. Please ask again in a minute.",
    )
}

pub fn internal_error(lang: UiLang) -> &'static str {
    lang.pick(
        "Кешіріңіз, жауап беру мүмкін болмады. Сәлден соң қайталап көріңіз.",
        "Извините, не получилось ответить. Попробуйте ещё раз чуть позже.",
        "Sorry, I could not answer that just now. Please try again in a moment.",
    )
}

pub fn not_admin(lang: UiLang) -> &'static str {
    lang.pick(
        "Кешіріңіз, бұл команда тек бот әкімшілеріне арналған.",
        "Извините, эта команда доступна только администраторам бота.",
        "Sorry, this command is only for the bot's administrators.",
    )
}

pub fn unknown_command(lang: UiLang) -> &'static str {
    lang.pick(
        "Мұндай команда жоқ. Көмек: /help",
        "Такой команды нет. Справка: /help",
        "I do not know that command. See /help",
    )
}

pub fn reindex_busy(lang: UiLang) -> &'static str {
    lang.pick(
        "Индекс қазір қайта құрылып жатыр. Аяқталған соң қайталаңыз.",
        "Индекс уже перестраивается. Повторите, когда перестройка закончится.",
        "A reindex is already running. Try again when it has finished.",
    )
}

/// A failed reindex, in the admin's language: what went wrong, never a path.
pub fn reindex_failed(lang: UiLang, reason: RebuildFailure) -> String {
    let head = lang.pick(
        "Индексті қайта құру сәтсіз аяқталды",
        "Перестроить индекс не удалось",
        "The reindex failed",
    );
    let reason = match reason {
        RebuildFailure::SeedsUnreadable => lang.pick(
            "дереккөздер қалтасы оқылмады",
            "не удалось прочитать папку с источниками",
            "the seeds folder could not be read",
        ),
        RebuildFailure::IndexNotWritable => lang.pick(
            "индекс қалтасына жазу мүмкін емес",
            "в папку индекса нельзя писать",
            "the index folder is not writable",
        ),
        RebuildFailure::NoSpace => lang.pick(
            "жаңа индекске дискіде орын жоқ",
            "на диске нет места для нового индекса",
            "there is no space left for the new index",
        ),
        RebuildFailure::BuildFailed => lang.pick(
            "жаңа индекс құрылмады",
            "новый индекс не удалось построить",
            "the new index could not be built",
        ),
        RebuildFailure::Crashed => lang.pick(
            "қайта құру күтпеген жерден тоқтады",
            "перестройка неожиданно прервалась",
            "the rebuild stopped unexpectedly",
        ),
    };
    let tail = lang.pick(
        "Бұрынғы индекс жұмысын жалғастырады.",
        "Прежний индекс продолжает отвечать.",
        "The previous index keeps answering.",
    );
    format!("{head}: {reason}. {tail}")
}

/// Counts after a reindex; `skipped` lists file names (never paths) with what was wrong.
pub fn reindexed(
    lang: UiLang,
    documents: usize,
    kk: usize,
    ru: usize,
    seconds: f64,
    skipped: &[String],
) -> String {
    let head = lang.pick("Индекс жаңартылды", "Индекс перестроен", "Reindexed");
    let (docs, passages) = match lang {
        UiLang::Kk => ("құжат", "үзінді"),
        UiLang::Ru => ("документов", "фрагментов"),
        UiLang::En => ("documents", "passages"),
    };
    let mut text = format!(
        "{head}: {documents} {docs}, {} {passages} (kk {kk}, ru {ru}), {seconds:.1} s.",
        kk + ru
    );
    if !skipped.is_empty() {
        let what = lang.pick("Өткізіп жіберілді", "Пропущено", "Skipped");
        text.push_str(&format!("\n{what} ({}):", skipped.len()));
        for line in skipped.iter().take(10) {
            text.push_str("\n• ");
            text.push_str(line);
        }
    }
    text
}

pub struct StatsFigures<'a> {
    pub documents: usize,
    pub passages_kk: usize,
    pub passages_ru: usize,
    pub index_bytes: u64,
    pub uptime_secs: u64,
    pub questions: u64,
    pub answered: u64,
    pub last_reindex: &'a str,
    /// Documents per kind of source (`telegram`, `feeds`, then file extensions).
    pub per_kind: &'a [(String, usize)],
}

pub fn stats(lang: UiLang, f: &StatsFigures<'_>) -> String {
    let labels = match lang {
        UiLang::Kk => [
            "Құжаттар",
            "Үзінділер",
            "Индекс көлемі",
            "Жұмыс уақыты",
            "Сұрақтар",
            "жауап берілді",
            "Соңғы индекстеу",
            "дереккөз бойынша",
        ],
        UiLang::Ru => [
            "Документов",
            "Фрагментов",
            "Размер индекса",
            "Работает",
            "Вопросов",
            "с ответом",
            "Последняя индексация",
            "по источникам",
        ],
        UiLang::En => [
            "Documents",
            "Passages",
            "Index size",
            "Uptime",
            "Questions",
            "answered",
            "Last reindex",
            "by source",
        ],
    };
    let uptime = format!(
        "{} h {:02} min",
        f.uptime_secs / 3600,
        (f.uptime_secs % 3600) / 60
    );
    let per_kind = f
        .per_kind
        .iter()
        .map(|(kind, n)| format!("{kind} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{}: {} ({}: {per_kind})\n{}: {} (kk {}, ru {})\n{}: {:.1} MB\n{}: {uptime}\n{}: {} ({} {})\n{}: {}",
        labels[0],
        f.documents,
        labels[7],
        labels[1],
        f.passages_kk + f.passages_ru,
        f.passages_kk,
        f.passages_ru,
        labels[2],
        f.index_bytes as f64 / 1_048_576.0,
        labels[3],
        labels[4],
        f.questions,
        labels[5],
        f.answered,
        labels[6],
        f.last_reindex,
    )
}

pub fn add_usage(lang: UiLang) -> &'static str {
    lang.pick(
        "Құжатты .txt, .md немесе .jsonl файлы ретінде жіберіп, қолтаңбасына /add деп жазыңыз (5 МБ-қа дейін).",
        "Отправьте документ файлом .txt, .md или .jsonl с подписью /add (до 5 МБ).",
        "Send the document as a .txt, .md or .jsonl file with the caption /add (up to 5 MB).",
    )
}

pub fn upload_too_large(lang: UiLang) -> &'static str {
    lang.pick(
        "Файл тым үлкен: 5 МБ-тан аспауы керек.",
        "Файл слишком большой: не более 5 МБ.",
        "The file is too large: 5 MB at most.",
    )
}

pub fn upload_not_utf8(lang: UiLang) -> &'static str {
    lang.pick(
        "Файл UTF-8 мәтіні емес. UTF-8 кодтауымен сақтап, қайта жіберіңіз.",
        "Файл не является текстом UTF-8. Сохраните его в UTF-8 и отправьте снова.",
        "The file is not UTF-8 text. Save it as UTF-8 and send it again.",
    )
}

pub fn upload_failed(lang: UiLang) -> &'static str {
    lang.pick(
        "Файлды алу не сақтау мүмкін болмады; индекс өзгерген жоқ.",
        "Не удалось получить или сохранить файл; индекс не изменился.",
        "The file could not be fetched or saved; the index is unchanged.",
    )
}

pub fn upload_needs_folder(lang: UiLang) -> &'static str {
    lang.pick(
        "Корпус бір файлдан тұрады, сондықтан құжат қосу мүмкін емес: KINOTANU_SEEDS_DIR бумаға нұсқауы керек.",
        "Корпус задан одним файлом, добавить документ нельзя: KINOTANU_SEEDS_DIR должен указывать на папку.",
        "The corpus is a single file, so documents cannot be added: point KINOTANU_SEEDS_DIR at a folder.",
    )
}

/// `name` is the saved file name, escaped.
pub fn saved(lang: UiLang, name: &str) -> String {
    let text = lang.pick("Сақталды", "Сохранено", "Saved as");
    format!("{text}: <code>{name}</code>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_reindex_is_explained_in_the_admins_language() {
        let kk = reindex_failed(UiLang::Kk, RebuildFailure::NoSpace);
        let ru = reindex_failed(UiLang::Ru, RebuildFailure::IndexNotWritable);
        for message in [&kk, &ru] {
            assert!(
                !message.chars().any(|c| c.is_ascii_alphabetic()),
                "{message}"
            );
        }
        assert!(kk.contains("орын жоқ"), "{kk}");
        assert!(ru.contains("нельзя писать"), "{ru}");
    }
}
