//! Questions worded as people word them, not as the passage does: synonyms from the thesaurus
//! (data/lexicon/thesaurus.txt) find the passage, count as its evidence and are marked.

mod common;

use kinotanu::answer::{Answer, answer};

fn ask(question: &str) -> Answer {
    answer(common::seed_index(), question, 5).unwrap()
}

fn first_evidence(answer: &Answer) -> &str {
    &answer.evidence.first().expect("some evidence").passage.text
}

fn marked(answer: &Answer) -> Vec<String> {
    let snippet = &answer.evidence[0].snippet;
    snippet
        .marks
        .iter()
        .map(|m| snippet.text[m.clone()].to_lowercase())
        .collect()
}

#[test]
fn trophies_of_kazakhstani_cinema_are_its_awards() {
    let answer = ask("Сколько всего трофеев у казахстанского кино?");
    assert!(answer.answered);
    let sentence = &answer.sentence.as_ref().unwrap().text;
    assert!(sentence.contains("177 наград"), "{sentence}");
    let marked = marked(&answer);
    assert!(marked.iter().any(|w| w.starts_with("наград")), "{marked:?}");
    assert!(
        marked.iter().any(|w| w.starts_with("отечествен")),
        "{marked:?}"
    );
}

#[test]
fn a_national_pavilion_is_the_national_stand() {
    let answer = ask("Канндағы ұлттық павильонның аты қандай?");
    assert!(first_evidence(&answer).contains("KazakhCinema"));
    assert!(marked(&answer).iter().any(|w| w.starts_with("стенд")));
}

#[test]
fn submitting_online_is_the_electronic_format() {
    let answer = ask("Можно ли теперь подать документы на конкурс онлайн?");
    assert!(
        first_evidence(&answer).contains("электрон"),
        "{}",
        first_evidence(&answer)
    );
}

#[test]
fn ours_means_domestic_but_domestic_does_not_search_ours() {
    let index = common::seed_index();
    let ours = kinotanu::search::question_terms(index.analyzer(), "наши фильмы");
    let domestic = kinotanu::search::question_terms(index.analyzer(), "отечественные фильмы");
    let domestic_forms = index.analyzer().forms("отечественные");
    let ours_forms = index.analyzer().forms("наши");
    assert!(ours[0].matches(&domestic_forms));
    assert!(!domestic[0].matches(&ours_forms));
}
