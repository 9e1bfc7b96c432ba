//! The `Answer` rendered as Telegram HTML: the answering sentence with its matched words in
//! `<b>`, its source, and up to two more snippets with theirs — always escaped, always within
//! Telegram's message limit, and never cut inside a tag or an entity.

use teloxide::utils::html;

use super::html_fit::fit;
use super::texts::{self, UiLang};
use crate::answer::{Answer, Evidence, MIN_COVERAGE, Marked};
use crate::corpus::Passage;

/// Telegram's limit for one message. It counts UTF-16 code units of the text after entity
/// parsing; counting the HTML source instead (always longer) keeps us safely under it.
pub const MESSAGE_LIMIT: usize = 4096;
/// Snippets shown after the answering sentence.
const MORE_SNIPPETS: usize = 2;
/// How much of the user's question is quoted back when there is no answer.
const QUESTION_ECHO_CHARS: usize = 200;
/// Longest inline-result description, in characters.
const DESCRIPTION_CHARS: usize = 200;

/// Escapes text for Telegram HTML and drops control characters, which Telegram may reject and
/// which have no business in an answer.
pub fn escape(text: &str) -> String {
    let visible: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    html::escape(&visible)
}

/// The full reply to a question: the answer with its evidence, or "no answer" with a hint.
pub fn answer_html(answer: &Answer, lang: UiLang) -> String {
    let (Some(sentence), Some(first)) = (&answer.sentence, answer.evidence.first()) else {
        return no_answer_html(&answer.question, lang);
    };
    let mut blocks = vec![format!(
        "{}\n— {}",
        marked_html(sentence),
        source_html(&first.passage, &sentence.text)
    )];
    blocks.extend(supporting(answer).take(MORE_SNIPPETS).map(|e| {
        format!(
            "▫️ {}\n— {}",
            marked_html(&e.snippet),
            source_html(&e.passage, &e.snippet.text)
        )
    }));
    fit(&blocks, MESSAGE_LIMIT)
}

/// The evidence after the first that still shares a real part of the question's words.
fn supporting(answer: &Answer) -> impl Iterator<Item = &Evidence> {
    answer
        .evidence
        .iter()
        .skip(1)
        .filter(|e| e.coverage >= MIN_COVERAGE / 2.0)
}

pub fn no_answer_html(question: &str, lang: UiLang) -> String {
    let quoted = escape(&shorten(question.trim(), QUESTION_ECHO_CHARS));
    fit(&[texts::no_answer(lang, &quoted)], MESSAGE_LIMIT)
}

/// One piece of evidence on its own (an inline result other than the first).
pub fn evidence_html(evidence: &Evidence) -> String {
    fit(
        &[format!(
            "{}\n— {}",
            marked_html(&evidence.snippet),
            source_html(&evidence.passage, &evidence.snippet.text)
        )],
        MESSAGE_LIMIT,
    )
}

/// Plain text of a snippet (no marks), short enough for an inline-result description.
pub fn description(evidence: &Evidence) -> String {
    shorten(&strip_controls(&evidence.snippet.text), DESCRIPTION_CHARS)
}

/// Plain text of a title for an inline result.
pub fn plain_title(passage: &Passage) -> String {
    shorten(&strip_controls(&passage.title), 100)
}

fn marked_html(marked: &Marked) -> String {
    marked.render("<b>", "</b>", escape)
}

/// `«Title», 2025-10-20, Source`, the title linking to the document when it has a web address.
/// When the `quoted` text begins with the title as its whole first line — a post, whose title
/// is its first line — the title is not repeated: `2025-10-20, Source` links to the post.
pub fn source_html(passage: &Passage, quoted: &str) -> String {
    let details: Vec<String> = [&passage.date, &passage.source]
        .into_iter()
        .flatten()
        .map(|part| escape(part))
        .collect();
    let url = passage.url.as_deref().unwrap_or_default();
    if !details.is_empty() && is_web_address(url) && opens_with_title(quoted, &passage.title) {
        return link(url, &details.join(", "));
    }
    let mut line = format!("«{}»", link(url, &escape(&passage.title)));
    for part in details {
        line.push_str(", ");
        line.push_str(&part);
    }
    line
}

/// Whether `quoted` opens with `title` as a line of its own (or with a title cut short by `…`
/// where it was cut).
fn opens_with_title(quoted: &str, title: &str) -> bool {
    let (head, cut) = match title.strip_suffix('…') {
        Some(head) => (head, true),
        None => (title, false),
    };
    let Some(rest) = quoted.trim_start().strip_prefix(head) else {
        return false;
    };
    !head.is_empty() && (cut || rest.is_empty() || rest.starts_with('\n'))
}

/// `html` (escaped already) linking to `url` when it is a web address, else `html` alone.
pub fn link(url: &str, html: &str) -> String {
    if is_web_address(url) {
        format!("<a href=\"{}\">{html}</a>", attribute(url))
    } else {
        html.to_string()
    }
}

fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn attribute(value: &str) -> String {
    html::escape(value).replace('"', "&quot;")
}

fn strip_controls(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// At most `max` characters, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    use crate::bot::html_fit::{assert_well_formed, utf16_len};

    use crate::corpus::Lang;

    fn passage(title: &str, text: &str) -> Passage {
        Passage {
            doc_id: "doc".into(),
            passage_id: "doc#0".into(),
            title: title.into(),
            date: Some("2025-10-20".into()),
            source: Some("Source & Co".into()),
            url: None,
            lang: Lang::Kk,
            position: 0,
            text: text.into(),
        }
    }

    fn evidence(title: &str, text: &str, marks: &[(usize, usize)]) -> Evidence {
        Evidence {
            passage: passage(title, text),
            score: 1.0,
            snippet: Marked {
                text: text.into(),
                marks: ranges(marks),
            },
            coverage: 1.0,
        }
    }

    fn ranges(marks: &[(usize, usize)]) -> Vec<Range<usize>> {
        marks.iter().map(|&(start, end)| start..end).collect()
    }

    fn answered(sentence: &str, marks: &[(usize, usize)], more: usize) -> Answer {
        let mut evidence = vec![evidence("Title", sentence, marks)];
        for n in 0..more {
            evidence.push(evidence_n(n));
        }
        Answer {
            question: "q".into(),
            answered: true,
            sentence: Some(Marked {
                text: sentence.into(),
                marks: ranges(marks),
            }),
            confidence: 1.0,
            evidence,
        }
    }

    fn evidence_n(n: usize) -> Evidence {
        evidence(&format!("Doc {n}"), &format!("snippet {n}"), &[(0, 7)])
    }

    #[test]
    fn the_sentence_has_its_words_in_bold_and_the_source_follows() {
        let html = answered("Фильмдер 177 жүлде алды.", &[(0, 16)], 2);
        let html = answer_html(&html, UiLang::Kk);
        assert!(
            html.starts_with("<b>Фильмдер</b> 177 жүлде алды."),
            "{html}"
        );
        assert!(
            html.contains("— «Title», 2025-10-20, Source &amp; Co"),
            "{html}"
        );
        assert!(
            html.contains("«Doc 0»") && html.contains("«Doc 1»"),
            "{html}"
        );
        assert_well_formed(&html);
    }

    #[test]
    fn a_post_that_starts_with_its_title_links_its_date_and_source_instead() {
        let text = "Шымкентте «Жұлдыз» кинофестивалі ашылды";
        let mut answer = answered(text, &[(0, 18)], 0);
        let post = &mut answer.evidence[0].passage;
        post.title = "Шымкентте «Жұлдыз» кинофестивалі ашылды".into();
        post.url = Some("https://t.me/kinonews/42".into());
        let html = answer_html(&answer, UiLang::Kk);
        assert!(
            html.ends_with(
                "\n— <a href=\"https://t.me/kinonews/42\">2025-10-20, Source &amp; Co</a>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("кинофестивалі").count(), 1, "{html}");

        // A sentence further into the post: the title says which post it is.
        answer.sentence.as_mut().unwrap().text = "Байқауға 40 фильм қатысады.".into();
        let html = answer_html(&answer, UiLang::Kk);
        assert!(
            html.contains("— «<a href=\"https://t.me/kinonews/42\">Шымкентте «Жұлдыз» кинофестивалі ашылды</a>», 2025-10-20"),
            "{html}"
        );
        assert_well_formed(&html);

        // A sentence that only starts with the title's words, or a document without a link,
        // keeps its title.
        answer.sentence.as_mut().unwrap().text = format!("{text} кеше");
        assert!(answer_html(&answer, UiLang::Kk).contains("— «<a href"));
        answer.sentence.as_mut().unwrap().text = text.into();
        answer.evidence[0].passage.url = None;
        assert!(answer_html(&answer, UiLang::Kk).contains("— «Шымкентте"));
    }

    #[test]
    fn a_title_cut_short_is_recognised_where_it_was_cut() {
        assert!(opens_with_title("Бір екі үш\nтөрт", "Бір екі үш"));
        assert!(opens_with_title("Бір екі үш төрт бес", "Бір екі…"));
        assert!(!opens_with_title("Бір екі үш төрт", "Бір екі үш"));
        assert!(!opens_with_title("…Бір екі үш", "Бір екі үш"));
        assert!(!opens_with_title("anything", ""));
    }

    #[test]
    fn at_most_two_more_snippets_follow_the_answer() {
        let html = answer_html(&answered("Answer.", &[], 4), UiLang::En);
        assert!(
            html.contains("«Doc 1»") && !html.contains("«Doc 2»"),
            "{html}"
        );
    }

    #[test]
    fn corpus_and_user_text_is_escaped() {
        let mut answer = answered("<script>alert(1)</script> & co", &[(0, 8)], 0);
        answer.evidence[0].passage.title = "<i>Title</i>".into();
        answer.evidence[0].passage.url = Some("https://example.org/?a=\"x\"&b=<y>".into());
        let html = answer_html(&answer, UiLang::En);
        assert!(
            html.contains("<b>&lt;script&gt;</b>alert(1)&lt;/script&gt; &amp; co"),
            "{html}"
        );
        assert!(html.contains("&lt;i&gt;Title&lt;/i&gt;"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/?a=&quot;x&quot;&amp;b=&lt;y&gt;\""),
            "{html}"
        );
        assert_well_formed(&html);

        let html = no_answer_html("<b>bold</b> \u{0}\u{7}", UiLang::En);
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
        assert!(!html.contains('\u{0}') && !html.contains('\u{7}'));
        assert_well_formed(&html);
    }

    #[test]
    fn a_web_address_that_is_not_http_is_not_linked() {
        let mut answer = answered("Answer.", &[], 0);
        answer.evidence[0].passage.url = Some("javascript:alert(1)".into());
        assert!(!answer_html(&answer, UiLang::En).contains("href"));
    }

    #[test]
    fn a_huge_question_is_quoted_short() {
        let question = "<>&".repeat(3000);
        let html = no_answer_html(&question, UiLang::Ru);
        assert!(utf16_len(&html) <= MESSAGE_LIMIT);
        assert!(html.starts_with("В корпусе нет ответа"), "{html}");
        assert_well_formed(&html);
    }

    #[test]
    fn a_huge_answer_is_cut_between_tags_and_entities() {
        for filler in ["ж", "&", "😀", "<", "a b "] {
            let sentence = format!("{}{}", "word ".repeat(10), filler.repeat(5000));
            let answer = answered(&sentence, &[(0, 4), (10, 14)], 2);
            let html = answer_html(&answer, UiLang::Kk);
            assert!(
                utf16_len(&html) <= MESSAGE_LIMIT,
                "{filler}: {}",
                utf16_len(&html)
            );
            assert!(html.ends_with('…'), "{filler}");
            assert_well_formed(&html);
        }
    }

    #[test]
    fn shorten_counts_characters() {
        assert_eq!(shorten("қазақ кино", 5), "қазақ…");
        assert_eq!(shorten("кино", 5), "кино");
    }
}
