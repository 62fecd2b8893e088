//! Word forms: a verb's base form and tense, and the stem every lemma comparison uses.
//!
//! Regular forms come from the Snowball English stemmer (rust-stemmers): "analysed",
//! "analyses" and "analyse" share the stem `analys`, "clients" and "client" share
//! `client`. Irregular verbs, which no stemmer can map ("ran", "taught", "troubleshot"),
//! come from the table below: English grammar, not rubric data. The rubric writes verbs
//! and nouns in their base forms; [`key`] turns both a written word and a rubric entry
//! into the same comparison key.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

/// Irregular verbs as `base past participle` (alternatives joined by `/`).
const IRREGULAR: &[&str] = &[
    "arise arose arisen",
    "be was/were been",
    "bear bore borne/born",
    "beat beat beaten",
    "become became become",
    "begin began begun",
    "bend bent bent",
    "bet bet bet",
    "bind bound bound",
    "bite bit bitten",
    "bleed bled bled",
    "blow blew blown",
    "break broke broken",
    "breed bred bred",
    "bring brought brought",
    "broadcast broadcast broadcast",
    "build built built",
    "burn burnt/burned burnt/burned",
    "buy bought bought",
    "catch caught caught",
    "choose chose chosen",
    "cling clung clung",
    "come came come",
    "cost cost cost",
    "creep crept crept",
    "cut cut cut",
    "deal dealt dealt",
    "dig dug dug",
    "do did done",
    "draw drew drawn",
    "dream dreamt/dreamed dreamt/dreamed",
    "drink drank drunk",
    "drive drove driven",
    "eat ate eaten",
    "fall fell fallen",
    "feed fed fed",
    "feel felt felt",
    "fight fought fought",
    "find found found",
    "flee fled fled",
    "fling flung flung",
    "fly flew flown",
    "forbid forbade forbidden",
    "forecast forecast forecast",
    "foresee foresaw foreseen",
    "forget forgot forgotten",
    "forgive forgave forgiven",
    "freeze froze frozen",
    "get got got/gotten",
    "give gave given",
    "go went gone",
    "grind ground ground",
    "grow grew grown",
    "hang hung hung",
    "have had had",
    "hear heard heard",
    "hide hid hidden",
    "hit hit hit",
    "hold held held",
    "hurt hurt hurt",
    "input input input",
    "keep kept kept",
    "kneel knelt knelt",
    "know knew known",
    "lay laid laid",
    "lead led led",
    "lean leant/leaned leant/leaned",
    "leap leapt/leaped leapt/leaped",
    "learn learnt/learned learnt/learned",
    "leave left left",
    "lend lent lent",
    "let let let",
    "lie lay lain",
    "light lit lit",
    "lose lost lost",
    "make made made",
    "mean meant meant",
    "meet met met",
    "mislead misled misled",
    "mistake mistook mistaken",
    "misunderstand misunderstood misunderstood",
    "overcome overcame overcome",
    "overhear overheard overheard",
    "override overrode overridden",
    "oversee oversaw overseen",
    "overtake overtook overtaken",
    "overthrow overthrew overthrown",
    "pay paid paid",
    "prove proved proven/proved",
    "put put put",
    "quit quit quit",
    "read read read",
    "rebuild rebuilt rebuilt",
    "redo redid redone",
    "remake remade remade",
    "rerun reran rerun",
    "reset reset reset",
    "retake retook retaken",
    "retell retold retold",
    "rethink rethought rethought",
    "rewrite rewrote rewritten",
    "ride rode ridden",
    "ring rang rung",
    "rise rose risen",
    "run ran run",
    "say said said",
    "see saw seen",
    "seek sought sought",
    "sell sold sold",
    "send sent sent",
    "set set set",
    "shake shook shaken",
    "shed shed shed",
    "shine shone shone",
    "shoot shot shot",
    "show showed shown",
    "shrink shrank shrunk",
    "shut shut shut",
    "sing sang sung",
    "sink sank sunk",
    "sit sat sat",
    "sleep slept slept",
    "slide slid slid",
    "speak spoke spoken",
    "speed sped sped",
    "spend spent spent",
    "spin spun spun",
    "split split split",
    "spread spread spread",
    "spring sprang sprung",
    "stand stood stood",
    "steal stole stolen",
    "stick stuck stuck",
    "sting stung stung",
    "strike struck struck",
    "strive strove striven",
    "swear swore sworn",
    "sweep swept swept",
    "swim swam swum",
    "swing swung swung",
    "take took taken",
    "teach taught taught",
    "tear tore torn",
    "tell told told",
    "think thought thought",
    "throw threw thrown",
    "troubleshoot troubleshot troubleshot",
    "undergo underwent undergone",
    "understand understood understood",
    "undertake undertook undertaken",
    "undo undid undone",
    "upset upset upset",
    "uphold upheld upheld",
    "wake woke woken",
    "wear wore worn",
    "weave wove woven",
    "weep wept wept",
    "win won won",
    "wind wound wound",
    "withdraw withdrew withdrawn",
    "withhold withheld withheld",
    "write wrote written",
];

/// Words ending in "-ed" that are not past forms.
const NOT_PAST_ED: &[&str] = &[
    "bed", "red", "need", "feed", "seed", "weed", "heed", "deed", "speed", "bleed", "breed",
    "greed", "proceed", "exceed", "succeed", "embed", "shed", "led", "fed", "sled", "wed", "bred",
    "fled", "sped", "hundred", "sacred", "naked", "wicked", "kindred", "ted", "med",
];

/// A form of an irregular verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Form {
    base: &'static str,
    past: bool,
    participle: bool,
}

fn irregular() -> &'static FxHashMap<&'static str, Form> {
    static MAP: OnceLock<FxHashMap<&'static str, Form>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = FxHashMap::default();
        for line in IRREGULAR {
            let mut parts = line.split(' ');
            let (Some(base), Some(past), Some(part)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            for p in part.split('/') {
                m.entry(p)
                    .and_modify(|f: &mut Form| f.participle = true)
                    .or_insert(Form {
                        base,
                        past: false,
                        participle: true,
                    });
            }
            for p in past.split('/') {
                m.entry(p)
                    .and_modify(|f: &mut Form| f.past = true)
                    .or_insert(Form {
                        base,
                        past: true,
                        participle: false,
                    });
            }
        }
        m
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// True when `lower` is a personal pronoun that can be a clause's subject: it starts a
/// new subject, so a noun right before it ends the phrase it belongs to.
pub fn is_subject_pronoun(lower: &str) -> bool {
    matches!(lower, "i" | "we" | "they" | "he" | "she" | "you")
}

/// True when `lower` (a lowercase word) is a simple past form: "timed", "ran", "taught".
/// Forms that are also the base ("cut", "put", "set", "read") count, since the tagger
/// and the clause around them decide.
pub fn is_past(lower: &str) -> bool {
    let lower = verb_part(lower);
    if let Some(f) = irregular().get(lower) {
        return f.past;
    }
    regular_ed(lower)
}

/// True when `lower` can be a past participle: "written", "taken", "timed".
pub fn is_participle(lower: &str) -> bool {
    let lower = verb_part(lower);
    if let Some(f) = irregular().get(lower) {
        return f.participle;
    }
    regular_ed(lower)
}

/// The part of a hyphenated word that carries its verb form: the verb before a particle
/// ("followed-up", "set-up", "signed-off") or after a prefix ("re-ran", "double-checked",
/// "cross-checked"). Candidates type both, and "I followed-up" tells a past event.
fn verb_part(lower: &str) -> &str {
    const PARTICLES: &[&str] = &[
        "up", "out", "off", "down", "in", "over", "back", "through", "on", "away",
    ];
    match lower.rsplit_once('-') {
        Some((head, tail)) if PARTICLES.contains(&tail) => head.rsplit('-').next().unwrap_or(head),
        Some((_, tail)) => tail,
        None => lower,
    }
}

fn regular_ed(lower: &str) -> bool {
    lower.len() > 3
        && lower.ends_with("ed")
        && !NOT_PAST_ED.contains(&lower)
        && (!lower.ends_with("eed")
            || matches!(
                lower,
                "agreed" | "freed" | "guaranteed" | "disagreed" | "decreed"
            ))
}

/// True when `lower` can be a verb's base form ("argue", "focus"), not "argues", "argued"
/// or "arguing".
pub fn is_base_form(lower: &str) -> bool {
    !is_past(lower)
        && !is_gerund(lower)
        && (!lower.ends_with('s') || lower.ends_with("ss") || lower.ends_with("us"))
}

/// True when `lower` is an "-ing" form ("running", "timing").
pub fn is_gerund(lower: &str) -> bool {
    let lower = verb_part(lower);
    lower.len() > 4 && lower.ends_with("ing") && !NOT_GERUND.contains(&lower)
}

/// Words ending in "-ing" that are not verb forms.
const NOT_GERUND: &[&str] = &[
    "thing",
    "nothing",
    "something",
    "anything",
    "everything",
    "morning",
    "evening",
    "ceiling",
    "during",
    "string",
    "spring",
    "bring",
    "sting",
    "swing",
    "cling",
    "wring",
    "wedding",
    "pudding",
    "ring",
    "king",
    "wing",
    "sing",
    "ping",
    "thing",
];

/// The base form of an irregular verb form, or `lower` itself. The present forms of "be",
/// "have" and "do" are irregular too: "I am a team player" is a state like "I was", and a
/// rule that names "be" or "have" means every form.
pub fn base_form(lower: &str) -> &str {
    match lower {
        "am" | "is" | "are" | "'m" | "’m" | "'re" | "’re" => "be",
        "has" => "have",
        "does" => "do",
        _ => irregular().get(lower).map_or(lower, |f| f.base),
    }
}

/// Words whose keys one thread remembers: an answer asks for the key of the same word many
/// times (each clause's verb, each noun's vagueness, each sentence's nouns), and answers
/// share most of their words. Past this many the memory starts again, so a long stream
/// of answers does not grow it without end.
const REMEMBERED_KEYS: usize = 1 << 14;

thread_local! {
    /// Word to key, `None` when the key is the word itself.
    static KEYS: RefCell<FxHashMap<Box<str>, Option<Box<str>>>> = RefCell::default();
}

/// The comparison key of a word: its irregular base form (if any), stemmed. Two words
/// with the same key are the same lemma for the rubric ("ran"/"run", "clients"/"client",
/// "analysed"/"analyse").
pub fn key(lower: &str) -> Cow<'_, str> {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some(known) = keys.get(lower) {
            return known
                .as_deref()
                .map_or(Cow::Borrowed(lower), |k| Cow::Owned(k.to_string()));
        }
        let k = stem_key(lower);
        if keys.len() >= REMEMBERED_KEYS {
            keys.clear();
        }
        let owned = (k != lower).then(|| Box::from(&*k));
        keys.insert(Box::from(lower), owned);
        k
    })
}

/// A lemma key as a number: the 64-bit SipHash of [`key`]'s string. A clause keeps its
/// verb's lemma as one (a clause is kept per verb of the answer, and a string and its
/// allocation were a third of a long answer's memory); two different keys share a number
/// with a chance of about one in 10^15 for the rubric's few thousand verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lemma(u64);

impl Lemma {
    /// The number of a lemma key (see [`key`]).
    pub fn of_key(key: &str) -> Lemma {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        key.hash(&mut h);
        Lemma(h.finish())
    }

    /// The number of a lowercase word's lemma key.
    pub fn of_word(lower: &str) -> Lemma {
        Lemma::of_key(&key(lower))
    }
}

/// [`key`], computed.
fn stem_key(lower: &str) -> Cow<'_, str> {
    let stem = stemmer().stem(base_form(lower));
    // Snowball undoubles a final consonant only after it removes a suffix ("added" → "ad")
    // but keeps a base form's ("add"): undouble both, so they meet.
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && b"bdfgmnprt".contains(&b[n - 1]) {
        return Cow::Owned(stem[..n - 1].to_string());
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_verbs_keep_their_form() {
        assert!(is_past("followed-up"));
        assert!(is_past("re-ran"));
        assert!(is_past("double-checked"));
        assert!(is_past("set-up"));
        assert!(!is_past("follow-up"));
        assert!(is_gerund("setting-up"));
    }

    #[test]
    fn past_forms() {
        for w in [
            "timed",
            "ran",
            "taught",
            "troubleshot",
            "agreed",
            "analysed",
            "cut",
            "led",
        ] {
            assert!(is_past(w), "{w}");
        }
        for w in [
            "need", "proceed", "hundred", "run", "teach", "written", "bed",
        ] {
            assert!(!is_past(w), "{w}");
        }
        assert!(is_participle("written"));
        assert!(is_participle("timed"));
        assert!(!is_participle("wrote"));
    }

    #[test]
    fn keys_join_inflections() {
        assert_eq!(key("analysed"), key("analyse"));
        assert_eq!(key("analyses"), key("analysed"));
        assert_eq!(key("clients"), key("client"));
        assert_eq!(key("ran"), key("run"));
        assert_eq!(key("troubleshot"), key("troubleshoot"));
        assert_eq!(key("taught"), key("teaching"));
        assert_eq!(key("added"), key("add"));
        assert_eq!(key("staffed"), key("staff"));
        assert_eq!(key("stopped"), key("stop"));
        assert_ne!(key("trained"), key("train station"));
    }
}
