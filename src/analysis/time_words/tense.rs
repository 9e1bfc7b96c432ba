//! The tense a question's verb says, when it says one: «Какой фильм выйдет в январе?» asks
//! about the coming January, «Что вышло в январе?» about the last one.
//!
//! Listed forms, not endings: the endings are ambiguous both ways. Kazakh «-ады/-еді» is the
//! future of «бол-ады», «өт-еді» but the past of verbs whose stem ends in «а/е» («жаса-ды»,
//! «марапатта-ды», «қолда-ды»); Russian «-ады» ends «награды», «-ли» ends «фестивали». The lists
//! hold the verbs a question about films, premieres and festivals uses.

/// Whether a question speaks of what is coming or of what has been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

const FUTURE: &[&str] = &[
    // Russian
    "будет",
    "будут",
    "выйдет",
    "выйдут",
    "пройдет",
    "пройдут",
    "состоится",
    "состоятся",
    "откроется",
    "откроются",
    "начнется",
    "начнутся",
    "закроется",
    "завершится",
    "покажут",
    "представят",
    "выпустят",
    "вручат",
    "появится",
    "появятся",
    "стартует",
    "ожидается",
    "ожидаются",
    "планируется",
    "планируются",
    "запланирован",
    "запланирована",
    "запланированы",
    "запланировано",
    "предстоящем",
    "предстоящий",
    "предстоящая",
    "предстоящие",
    // Kazakh
    "болады",
    "өтеді",
    "шығады",
    "ашылады",
    "басталады",
    "жабылады",
    "жалғасады",
    "көрсетіледі",
    "өткізіледі",
    "шығарылады",
    "ұйымдастырылады",
    "беріледі",
    "жарияланады",
    "болмақ",
    "өтпек",
    "шықпақ",
    "ашылмақ",
    "басталмақ",
    "өтетін",
    "шығатын",
    "ашылатын",
    "басталатын",
    "көрсетілетін",
    "өткізілетін",
];

const PAST: &[&str] = &[
    // Russian
    "был",
    "была",
    "было",
    "были",
    "вышел",
    "вышла",
    "вышло",
    "вышли",
    "вышедший",
    "вышедшие",
    "прошел",
    "прошла",
    "прошло",
    "прошли",
    "прошедший",
    "прошедшем",
    "состоялся",
    "состоялась",
    "состоялось",
    "состоялись",
    "открылся",
    "открылась",
    "открылись",
    "начался",
    "началась",
    "начались",
    "закрылся",
    "завершился",
    "завершилась",
    "показали",
    "показывали",
    "представили",
    "выпустили",
    "вручили",
    "получил",
    "получила",
    "получили",
    "снял",
    "сняла",
    "сняли",
    "собрал",
    "собрала",
    "собрали",
    "стартовал",
    "стартовала",
    "появился",
    "появилась",
    "появились",
    // Kazakh
    "болды",
    "өтті",
    "шықты",
    "ашылды",
    "басталды",
    "жабылды",
    "жалғасты",
    "көрсетілді",
    "өткізілді",
    "шығарылды",
    "ұйымдастырылды",
    "берілді",
    "жарияланды",
    "түсірілді",
    "түсірді",
    "жасады",
    "алды",
    "жеңді",
    "еді",
    "болған",
    "шыққан",
    "ашылған",
    "басталған",
    "көрсетілген",
    "өткізілген",
    "түсірілген",
    "жасалған",
];

/// Kazakh present-future stems asked with a question particle: «шыға ма?», «өте ме?».
const FUTURE_BEFORE_PARTICLE: &[&str] = &[
    "бола",
    "өте",
    "шыға",
    "ашыла",
    "бастала",
    "көрсетіле",
    "өткізіле",
];
const PARTICLES: &[&str] = &["ма", "ме", "ба", "бе", "па", "пе"];

/// The tense of the question's verbs (normalised words); `None` when none is listed, or both
/// tenses are («вышел и выйдет»).
pub fn of(words: &[&str]) -> Option<Tense> {
    let future = words.iter().enumerate().any(|(i, w)| {
        FUTURE.contains(w)
            || (FUTURE_BEFORE_PARTICLE.contains(w)
                && words.get(i + 1).is_some_and(|p| PARTICLES.contains(p)))
    });
    let past = words.iter().any(|w| PAST.contains(w));
    match (future, past) {
        (true, false) => Some(Tense::Future),
        (false, true) => Some(Tense::Past),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::words::words;

    fn tense(question: &str) -> Option<Tense> {
        let words = words(question);
        let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
        of(&norms)
    }

    #[test]
    fn listed_verbs_say_the_tense() {
        for question in [
            "Какой фильм выйдет в январе?",
            "Фестиваль пройдёт в марте?",
            "Қаңтарда қандай фильм шығады?",
            "Наурызда фестиваль өте ме?",
            "Қаңтарда шығатын фильмдер қандай?",
        ] {
            assert_eq!(tense(question), Some(Tense::Future), "{question}");
        }
        for question in [
            "Какой фильм вышел в январе?",
            "Что было в ноябре?",
            "Наурызда фестиваль өтті ме?",
            "Қаңтарда кім фильм жасады?",
        ] {
            assert_eq!(tense(question), Some(Tense::Past), "{question}");
        }
    }

    #[test]
    fn no_listed_verb_or_both_tenses_say_none() {
        for question in [
            "Какие награды в январе?",
            "Какие фестивали в марте?",
            "Қаңтардағы премьералар",
            "Фильм вышел в январе, а сиквел выйдет в марте?",
        ] {
            assert_eq!(tense(question), None, "{question}");
        }
    }
}
