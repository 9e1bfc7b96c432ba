//! Places (data/lexicon/places.txt): a question naming a city finds its region and back, in
//! Kazakh, Russian and Latin spellings, and an answer about other places is not given.

mod common;

use kinotanu::analysis::places::{self, PLACES, Relation};
use kinotanu::analysis::{Analyzer, Forms, words};
use kinotanu::answer::{Answer, answer};

fn forms_of(text: &str) -> Vec<Forms> {
    let analyzer = Analyzer::default();
    words(text)
        .iter()
        .map(|w| analyzer.forms(&w.norm))
        .collect()
}

/// What the words of `asked` also search, with how they relate to the place asked.
fn found_for(asked: &str) -> Vec<(Forms, Relation)> {
    places::alternatives(&forms_of(asked))
        .into_iter()
        .flat_map(|(_, found)| found)
        .map(|f| (f.forms, f.relation))
        .collect()
}

/// Whether `found` holds the first word of `name` (the word a passage is searched for when it
/// is not the country's name) in that relation.
fn holds(found: &[(Forms, Relation)], name: &str, relation: Relation) -> bool {
    reaches(found, name, |r| r == relation)
}

/// Whether `found` holds the first word of `name`, in a relation `accepted`.
fn reaches(found: &[(Forms, Relation)], name: &str, accepted: impl Fn(Relation) -> bool) -> bool {
    let target = forms_of(name).remove(0);
    found
        .iter()
        .any(|(forms, r)| accepted(*r) && places::same_word(forms, &target))
}

#[test]
fn every_region_is_reachable_from_each_of_its_cities_in_both_languages() {
    let lines = places::parse(PLACES).unwrap();
    let regions = lines.iter().filter(|l| l.is_region);
    for region in regions {
        let kazakh = &region.names[0];
        let russian = region
            .names
            .iter()
            .find(|n| n.ends_with("ская"))
            .unwrap_or_else(|| panic!("{kazakh}: no Russian «…ская» name"));
        let cities = lines
            .iter()
            .filter(|l| !l.is_region && l.region == region.region);
        for city in cities {
            for name in &city.names {
                let found = found_for(name);
                // Ақтөбе the city is in Ақтөбе the region: the name itself reaches it, and the
                // region's other names are then the same place's.
                let is_named = |region: &str| {
                    let target = forms_of(region).remove(0);
                    forms_of(name).iter().any(|w| places::same_word(w, &target))
                };
                assert!(
                    is_named(kazakh) || reaches(&found, kazakh, |_| true),
                    "{name} does not reach {kazakh}"
                );
                assert!(
                    is_named(russian) || reaches(&found, russian, |_| true),
                    "{name} does not reach {russian}"
                );
            }
        }
    }
}

#[test]
fn inflected_city_names_are_found_in_both_languages() {
    for (asked, region) in [
        ("в Таразе", "Жамбылская"),
        ("Таразда", "Жамбыл"),
        ("Петропавлда", "Солтүстік"),
        ("в Петропавловске", "Северо-Казахстанская"),
        ("в Талдыкоргане", "Жетісу"),
        ("Талдықорғанда", "Жетысуская"),
        ("в Уральске", "Западно-Казахстанская"),
        ("Оралда", "Батыс"),
        ("Tarazda", "Жамбылская"),
    ] {
        let found = found_for(asked);
        assert!(
            holds(&found, region, Relation::Contains),
            "{asked}: {region} not among {found:?}"
        );
    }
}

#[test]
fn a_region_finds_its_cities_and_its_names_in_the_other_language() {
    let found = found_for("в Карагандинской области");
    assert!(holds(&found, "Теміртау", Relation::Contains));
    assert!(holds(&found, "Қарағанды", Relation::SamePlace));
    let found = found_for("Солтүстік Қазақстан облысында");
    assert!(holds(&found, "Петропавловск", Relation::Contains));
    assert!(holds(&found, "Северо-Казахстанская", Relation::SamePlace));
}

#[test]
fn a_word_that_only_begins_like_a_place_is_no_place() {
    // «жетістік» (success) is not Жетісу; «Қазақстан» alone is no region; a person is not the
    // region named after him.
    for asked in [
        "жетістікке жетті",
        "Қазақстанда",
        "Абай кім?",
        "Жамбыл Жабаев",
    ] {
        assert_eq!(found_for(asked), vec![], "{asked}");
    }
}

fn ask(question: &str) -> Answer {
    answer(common::seed_index(), question, 5).unwrap()
}

#[test]
fn a_city_finds_the_passage_naming_its_region() {
    // The article names regions only: Тараз is the centre of Жамбыл region.
    let answer = ask("Показывали ли наши фильмы в Таразе?");
    assert!(answer.answered);
    let sentence = answer.sentence.as_ref().unwrap();
    assert!(sentence.text.contains("Жамбылской"), "{}", sentence.text);
    let marked: Vec<&str> = sentence
        .marks
        .iter()
        .map(|m| &sentence.text[m.clone()])
        .collect();
    assert!(marked.contains(&"Жамбылской"), "{marked:?}");
}

#[test]
fn a_question_about_a_region_the_corpus_does_not_name_is_not_answered() {
    // Қостанай is not among the regions of the «онкүндік»: the list of the others is no answer.
    for question in [
        "Қостанайда қазақ фильмдері көрсетілді ме?",
        "Показывали ли фильмы в Павлодаре?",
    ] {
        let answer = ask(question);
        assert!(!answer.answered, "{question}: {:?}", answer.sentence);
    }
}

/// The answer to `question` from the given documents among 20 about other films.
fn ask_among_other_films(docs: &[serde_json::Value], question: &str) -> Answer {
    let (_dir, index) = common::index_among_other_films(docs);
    answer(&index, question, 5).unwrap()
}

#[test]
fn a_person_or_a_city_with_a_region_s_name_is_not_that_region() {
    // Семей is in Абай облысы, Қонаев in Алматы облысы; the poet Абай and the city of Алматы
    // are neither region, so a passage about them does not answer a question about those towns.
    let poet = serde_json::json!({"id": "poet", "title": "Абай", "text": "Абай Құнанбайұлы туралы жаңа фильмге 40 актер қатысты."});
    let answer = ask_among_other_films(&[poet], "Семейде жаңа фильмге қанша актер қатысты?");
    assert!(
        !answer.answered,
        "{} {:?}",
        answer.confidence, answer.sentence
    );

    let city = serde_json::json!({"id": "city", "title": "Алматы", "text": "В новом кинотеатре в Алматы 300 мест."});
    let answer = ask_among_other_films(&[city], "Сколько мест в новом кинотеатре в Конаеве?");
    assert!(
        !answer.answered,
        "{} {:?}",
        answer.confidence, answer.sentence
    );
}

#[test]
fn a_region_named_with_its_region_word_answers_for_its_town() {
    // The bare name counts when the region word follows it, also at the end of a list of
    // regions («Жамбыл, … және Жетісу облыстарында»), or when «область» comes before it.
    for (text, question) in [
        (
            "Абай облысында жаңа фильмге 40 актер қатысты.",
            "Семейде жаңа фильмге қанша актер қатысты?",
        ),
        (
            "Алматы облысындағы жаңа кинотеатрда 300 орын бар.",
            "Қонаевтағы жаңа кинотеатрда қанша орын бар?",
        ),
        (
            "Фильмдердің көрсетілімі Қарағанды, Жамбыл, Солтүстік Қазақстан және Жетісу облыстарында 12 қаңтарда өтті.",
            "Таразда фильмдердің көрсетілімі қашан өтті?",
        ),
        (
            "Новый кинотеатр на 300 мест открыт в области Абай.",
            "Сколько мест в новом кинотеатре в Семее?",
        ),
        (
            "Новый кинотеатр на 300 мест открыт в Алматинской области.",
            "Сколько мест в новом кинотеатре в Конаеве?",
        ),
    ] {
        let doc = serde_json::json!({"id": "region", "title": "Облыс", "text": text});
        let answer = ask_among_other_films(&[doc], question);
        assert!(
            answer.answered,
            "{question}: {} {:?}",
            answer.confidence,
            answer.evidence.first()
        );
    }
}

#[test]
fn a_region_word_in_the_next_sentence_does_not_make_a_name_a_region() {
    let doc = serde_json::json!({"id": "poet", "title": "Абай", "text": "Жаңа фильмге 40 актер қатысты, сценарийін жазған Абай. Облыс әкімдігі фильмді қолдады."});
    let answer = ask_among_other_films(&[doc], "Семейде жаңа фильмге қанша актер қатысты?");
    assert!(
        !answer.answered,
        "{} {:?}",
        answer.confidence, answer.sentence
    );
}

#[test]
fn the_answer_comes_from_the_sentence_naming_the_place_asked() {
    // The first sentence has more of the question's words («қол қойылды»), but it is about
    // Cannes; the question asks about Ақтау, which the second names.
    let doc = serde_json::json!({"id": "deals", "title": "Келісімдер", "text": "Канн қаласында Франция мен Грузияның ұлттық киноорталықтарымен меморандумдарға қол қойылды. Ал, Ақтауда Әзербайжан, Қырғызстан, Түркия және Өзбекстанның киноұйымдарымен ынтымақтастық туралы келісімдер жасалды."});
    let answer = ask_among_other_films(&[doc], "Ақтауда қай елдермен келісімге қол қойылды?");
    let sentence = answer.sentence.expect("answered");
    assert!(sentence.text.contains("Әзербайжан"), "{}", sentence.text);
}
