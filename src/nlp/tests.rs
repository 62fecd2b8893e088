//! Clause readings of answer sentences: the table that measures the reading layer.

use super::*;
use crate::text::Span;

fn lexicon() -> Lexicon {
    Lexicon::new([
        "it",
        "thing",
        "things",
        "stuff",
        "issue",
        "problem",
        "situation",
        "ownership",
        "grit",
        "passion",
        "effort",
        "hours",
        "root cause",
        "cause",
        "solution",
        "plan",
        "stakeholders",
        "everything",
        "something",
    ])
    .with_containers(["plan"])
}

fn read(s: &str) -> Vec<Clause> {
    let mut sentences = Vec::new();
    crate::segment::split_sentences(s, Span::new(0, s.len()), &mut sentences);
    analyse(s, &sentences, &lexicon()).clauses
}

/// (sentence, expected main clauses as "subject tense object" for the clauses that are not
/// subordinate).
const TABLE: &[(&str, &[&str])] = &[
    (
        "I timed 40 discharges over two weeks.",
        &["I Past Concrete"],
    ),
    ("I reviewed.", &["I Past None"]),
    // A step written without its subject opens on a participle before its noun; with a
    // finite verb later the participle modifies the noun instead.
    (
        "🧠 Built rapport using gardening.",
        &["Implicit Past Concrete"],
    ),
    ("Scheduled morning sessions and the medication.", &["Implicit Past Concrete"]),
    ("Scheduled maintenance was overdue.", &["Thing Past None"]),
    // A plural noun before a relative clause is no verb, and what the noun did is not the
    // candidate's act.
    (
        "The mental health needs I encountered were varied and included depression.",
        &["I Past Concrete", "Thing Past None", "Thing Past Concrete"],
    ),
    // A relative clause with no "that": the candidate built the rota; the wards used it.
    (
        "The rota I built was used by every ward.",
        &["I Past Concrete", "Thing Past Concrete"],
    ),
    // A subordinate clause after "and" leaves the step after it the candidate's.
    (
        "I walked the supervisor through my timings, and, because he had no spare driver, ran the cart with my own crew.",
        &["I Past Concrete", "I Past Concrete"],
    ),
    // Inversion: "did" before the subject carries the past.
    (
        "Not only did she keep the sofa, she made us lunch.",
        &["Thing Past None", "Others Past Concrete", "Others Past Concrete"],
    ),
    // A vague antecedent: the lesson is what follows.
    (
        "The main thing I learned is that volunteers leave when nobody notices the work.",
        &["I Past Concrete"],
    ),
    // A list of steps: a participle after a comma continues it when the step before opened
    // with a past-tense verb.
    (
        "I pulled the logs, prioritised the routes, aligned dispatch and the yard, removed blockers.",
        &["I Past Concrete", "I Past Concrete", "I Past Concrete", "I Past Concrete"],
    ),
    // Bare verbs coordinated with an infinitive share it: one act, not present tense.
    (
        "I moved quickly to write a document and argue for a free tier.",
        &["I Past Concrete"],
    ),
    // "was able to" tells the act in the infinitive; a leading clause with no finite verb
    // ends at its comma and does not make the main clause subordinate.
    (
        "After making the case to the board, I was able to lead the roll-out in 6 weeks and deliver it on time.",
        &["I Past Concrete"],
    ),
    (
        "I analysed. I designed. I implemented.",
        &["I Past None", "I Past None", "I Past None"],
    ),
    (
        "I would call the supplier first.",
        &["I Conditional Concrete"],
    ),
    (
        "If a director pushed a risky launch, I would ask for data.",
        &["I Conditional Concrete"],
    ),
    (
        "Trust is earned through consistency.",
        &["Thing Present Concrete"],
    ),
    ("I tackled it with grit and long hours.", &["I Past Vague"]),
    (
        "We figured out the root cause together.",
        &["We Past Vague"],
    ),
    ("Our team rebuilt the weekend rota.", &["We Past Concrete"]),
    ("The team and I agreed a new rota.", &["We Past Concrete"]),
    ("They handled it.", &["Others Past Vague"]),
    ("I spent two days rewriting the rota.", &["I Past Concrete"]),
    (
        "I pulled the logs, sorted them and found the fault.",
        &["I Past Concrete", "I Past Vague", "I Past Concrete"],
    ),
    (
        "Timed 40 discharges over two weeks.",
        &["Implicit Past Concrete"],
    ),
    ("I'd have called him sooner.", &["I Conditional Vague"]),
    ("I'm going to run it again.", &["I Future Vague"]),
    (
        "I have since rolled it out to two wards.",
        &["I Perfect Concrete"],
    ),
    (
        "The average wait fell from 3.5 hours to 1.2.",
        &["Thing Past Concrete"],
    ),
    (
        // What is believed is the complement of "believe", not a clause of its own.
        "I believe trust is earned.",
        &["I Present Concrete"],
    ),
    (
        "I asked the registrar whether prescriptions could be written the day before.",
        &["I Past Concrete"],
    ),
    ("I then rewrote the checklist.", &["I Past Concrete"]),
    ("I worked hard.", &["I Past None"]),
    // What was noticed is a complement; the verb after the comma is still the candidate's.
    (
        "I noticed the prescriptions were going to the wrong branch, fixed the list and it worked.",
        &["I Past Concrete", "I Past Concrete", "Thing Past None"],
    ),
    // What was confirmed is a complement too: "checked" is still the candidate's.
    (
        "Within five minutes I confirmed the alarm was real, checked the ward and posted an update.",
        &["I Past Concrete", "I Past Concrete", "I Past Concrete"],
    ),
    // An aim is not an act; what was going on is not a step.
    ("My goal was to keep the ward open.", &["Thing Past Concrete"]),
    (
        "I was working nights on a surgical ward.",
        &["I Past Concrete"],
    ),
    (
        "Adopted as the standard across all three bases.",
        &["Thing Past Concrete"],
    ),
    // "and" after an object joins two clauses, not two subjects.
    (
        "I persuaded him to hold off on the parlour and I changed the routine in the yard.",
        &["I Past Concrete", "I Past Concrete"],
    ),
    ("The team and I agreed a new rota.", &["We Past Concrete"]),
    // A verb right after an aside belongs to the subject before it.
    (
        "Two subcontractors - electrical and HVAC - disagreed over the conduit route.",
        &["Thing Past Concrete"],
    ),
    (
        "Sarah, our charge nurse, rewrote the weekend rota.",
        &["Others Past Concrete"],
    ),
    (
        "My action was to put together a comparison document.",
        &["Thing Past None", "Implicit Past Concrete"],
    ),
    // The first step of a list may name its subject; "based on" qualifies the step before
    // it and opens no clause of its own.
    (
        "I created a quick task list, assigned shifts based on each person's strengths, and made sure everyone took their breaks.",
        &["I Past Concrete", "I Past Concrete", "I Past None", "Others Past Concrete"],
    ),
    // … but a list that opens on "had" is a list of things.
    (
        "We had two problems, delayed orders and late invoices.",
        &["We Past Concrete"],
    ),
    (
        "Based on the rota, I moved two nurses to the day shift.",
        &["I Past Concrete"],
    ),
    // A number can be the subject ("One agreed"), not only a modifier ("150 delayed returns").
    (
        "One agreed to come in early.",
        &["Thing Past None"],
    ),
    (
        "I sampled 150 delayed returns.",
        &["I Past Concrete"],
    ),
    // "so" with no comma before a clause says what the step was for; the verb after "and"
    // is still the group's.
    (
        "We made a visual schedule so she knew what was coming, and found a quiet space.",
        &["We Past Concrete", "We Past Concrete"],
    ),
    (
        "I was tired so I went home.",
        &["I Past None", "I Past Concrete"],
    ),
    // What was ensured is the step's object, not a clause of its own.
    (
        "I ensured every bed was made by noon.",
        &["I Past Concrete"],
    ),
    // Acting with one person served makes the next "we" the two of them.
    (
        "I worked together with her on a plan. We began with brief visits at quiet times.",
        &["I Past Vague", "I Past Concrete"],
    ),
    (
        "I sat down with the customer and we went through the bill line by line.",
        &["I Past Concrete", "I Past Concrete"],
    ),
    (
        "I worked with the night team. We rebuilt the rota.",
        &["I Past Concrete", "We Past Concrete"],
    ),
    (
        "I met with her. Later that week we rebuilt the rota. We trained the staff.",
        &["I Past Vague", "I Past Concrete", "We Past Concrete"],
    ),
];

fn show(c: &Clause) -> String {
    format!("{:?} {:?} {:?}", c.subject, c.tense, c.object)
}

#[test]
fn reads_the_table() {
    let mut wrong = Vec::new();
    for (s, want) in TABLE {
        let got: Vec<String> = read(s)
            .iter()
            .filter(|c| !c.subordinate)
            .map(show)
            .collect();
        if got != *want {
            wrong.push(format!("{s}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} misread:\n{}",
        wrong.len(),
        TABLE.len(),
        wrong.join("\n")
    );
}

#[test]
fn relative_clauses_are_about_their_noun() {
    // "that (still) met his deadline" is the alternative's, not a second act of the
    // candidate; nor is a bracketed aside without a subject.
    for s in [
        "I offered an alternative that still met his deadline.",
        "I offered an alternative that met his deadline.",
        "I waited for sign-off (often held up for hours by the time zones).",
    ] {
        let c = read(s);
        let own = c.iter().filter(|c| c.subject.is_self()).count();
        assert_eq!(own, 1, "{s}: {c:?}");
    }
}

#[test]
fn time_spent_doing_something_is_that_act() {
    let c = read("I spent two hours testing each circuit in the attic.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].lemma, morph::Lemma::of_word("test"));
    assert_eq!(c[0].subject, Subject::I);
    // Time spent with no act named stays "spend".
    let c = read("I spent two weeks on the ward.");
    assert_eq!(c[0].lemma, morph::Lemma::of_word("spend"));
}

#[test]
fn habits_and_negation() {
    let c = read("Over four years on the ward I always checked the charts.");
    assert!(c.iter().any(|c| c.habitual), "{c:?}");
    let c = read("I used to check every chart by hand.");
    assert!(c.iter().any(|c| c.habitual), "{c:?}");
    let c = read("I didn't just send a message.");
    assert!(c[0].negated);
    assert!(!c[0].own_past());
    // After a copula the "not" follows the verb; after an action verb it is not the verb's.
    let c = read("This was not my department.");
    assert!(c[0].negated, "{c:?}");
    let c = read("I asked the pharmacist not to wait.");
    assert!(!c[0].negated, "{c:?}");
}

#[test]
fn what_happened_to_someone_is_not_the_candidates_act() {
    let c = read("I listened to what concerned the customer.");
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].subject, Subject::Thing, "{c:?}");
}

#[test]
fn a_container_noun_is_as_particular_as_the_word_before_it() {
    // "plan" is vague in this lexicon: "the plan" names nothing in particular, "her care
    // plan" does.
    let c = read("I read her care plan.");
    assert_eq!(c[0].object, Object::Concrete, "{c:?}");
    for text in [
        "I wrote the plan.",
        "I fixed the root cause.",
        "I drafted the solution plan.",
    ] {
        let c = read(text);
        assert_ne!(c[0].object, Object::Concrete, "{text}: {c:?}");
    }
}

#[test]
fn a_quoted_subject_is_still_the_subject() {
    let c = read("On the ward, “discharges” took four hours.");
    assert!(c.iter().all(|c| !c.subject.is_self()), "{c:?}");
}

#[test]
fn the_person_helped_is_not_the_one_acting() {
    // The bare verb after "helped the manager" is the candidate's act, not the manager's.
    let c = read("I helped the marketing manager set up the venue.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].own_past() && c[0].object == Object::Concrete, "{c:?}");
    let c = read("I let the night nurse know about the bed.");
    assert_eq!(c.len(), 1, "{c:?}");
    // A relative clause or a new subject after "and" is still its own clause.
    let c = read("I helped the manager, who set up the venue.");
    assert_eq!(c.len(), 2, "{c:?}");
    let c = read("I helped the manager and she set up the venue.");
    assert_eq!(c.len(), 2, "{c:?}");
}

/// `STARLINT_NLP="some text" cargo test --lib nlp::tests::dump -- --nocapture` shows
/// what the reading layer saw.
#[test]
fn dump() {
    let Ok(s) = std::env::var("STARLINT_NLP") else {
        return;
    };
    let mut sentences = Vec::new();
    crate::segment::split_sentences(&s, Span::new(0, s.len()), &mut sentences);
    let a = analyse(&s, &sentences, &lexicon());
    for (t, p) in a.tokens.iter().zip(&a.pos) {
        print!("{}/{:?} ", t.span.slice(&s), p);
    }
    println!();
    for c in &a.clauses {
        println!(
            "{:?} {:?} {} [{}] sub={} hab={} neg={}",
            c.subject,
            c.tense,
            c.verb.slice(&s),
            c.span.slice(&s),
            c.subordinate,
            c.habitual,
            c.negated
        );
    }
}

/// Does the filter written as TOML `spec` accept the first clause of `sentence`?
fn accepts(spec: &str, sentence: &str) -> bool {
    let spec: ClauseSpec = toml::from_str(spec).unwrap();
    ClauseFilter::new(spec).accepts(&read(sentence).into_iter().next().unwrap())
}

#[test]
fn a_filter_may_refuse_a_state_in_progress() {
    // R009's filter: a state in progress sets a scene; what happened is an outcome.
    let r009 = "subject = [\"others\", \"thing\"]\ntense = [\"past\"]\nobject = \"concrete\"\nprogressive = false";
    assert!(!accepts(r009, "She was crying in the waiting room."));
    assert!(accepts(r009, "She kept the sofa."));
}

#[test]
fn a_filter_may_take_another_instead() {
    // R009's: what happened, or the group's outcome with an outcome verb.
    let r009 = "subject = [\"others\", \"thing\"]\ntense = [\"past\"]\nobject = \"concrete\"\nor = { subject = [\"we\"], tense = [\"past\"], object = \"concrete\", verbs = [\"win\"] }";
    assert!(accepts(r009, "She kept the sofa."));
    assert!(accepts(r009, "We won the regional award."));
    assert!(!accepts(r009, "We rebuilt the rota."));
}
