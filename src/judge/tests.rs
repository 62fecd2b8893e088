use super::*;
use std::collections::BTreeMap;

fn params() -> Params {
    let d = |target| DimensionParams {
        target,
        base: 0.0,
        earned_full: 0.0,
        strong: 0.75,
        adequate: 0.45,
    };
    let mut dims = [d(2.0); 7];
    dims[DimensionId::Delivery.index()] = DimensionParams {
        target: 2.0,
        base: 2.0,
        earned_full: 0.0,
        strong: 0.75,
        adequate: 0.45,
    };
    let rule = |verdict, min_overall, at: &[(DimensionId, Rating)], core| VerdictRule {
        verdict,
        min_overall,
        at_least: at.iter().copied().collect::<BTreeMap<_, _>>(),
        core_at_least: core,
        core_weight: 1.0,
    };
    Params {
        dimensions: dims,
        verdicts: vec![
            rule(
                Verdict::StrongHire,
                0.8,
                &[
                    (DimensionId::Action, Rating::Strong),
                    (DimensionId::Result, Rating::Strong),
                ],
                Some(Rating::Adequate),
            ),
            rule(
                Verdict::Hire,
                0.6,
                &[
                    (DimensionId::Action, Rating::Adequate),
                    (DimensionId::Result, Rating::Adequate),
                ],
                Some(Rating::Weak),
            ),
            rule(Verdict::LeaningNoHire, 0.3, &[], None),
        ],
        bands: Bands {
            strong_hire: 85.0,
            hire: 70.0,
            leaning_no_hire: 50.0,
        },
    }
}

fn item(d: DimensionId, stance: Stance, points: f64) -> Item {
    Item {
        dimension: d,
        stance,
        span: Span::new(0, 1),
        note: String::new(),
        rule: None,
        points,
        cap: None,
        red_flag: false,
        unrelated: false,
        appended: false,
    }
}

const W: [f64; 7] = [1.0, 1.5, 1.0, 1.5, 1.0, 1.0, 0.3];

fn full() -> Vec<Item> {
    DimensionId::ALL
        .iter()
        .filter(|d| **d != DimensionId::Delivery)
        .map(|d| item(*d, Stance::For, 2.0))
        .collect()
}

#[test]
fn full_evidence_is_strong_hire_at_the_top() {
    let j = judge(full(), &W, &params());
    assert_eq!(j.verdict, Verdict::StrongHire);
    assert_eq!(j.score, crate::ids::Score::points(100));
    assert!(j.dimensions.iter().all(|d| d.rating == Rating::Strong));
}

#[test]
fn nothing_is_missing_and_no_hire() {
    let j = judge(Vec::new(), &W, &params());
    assert_eq!(j.verdict, Verdict::NoHire);
    let action = j.dimension(DimensionId::Action).unwrap();
    assert_eq!(action.rating, Rating::Missing);
    // Delivery starts full.
    assert_eq!(
        j.dimension(DimensionId::Delivery).unwrap().rating,
        Rating::Strong
    );
}

#[test]
fn a_red_flag_caps_and_rates_red() {
    let mut items = full();
    let mut flag = item(DimensionId::Ownership, Stance::Against, 1.0);
    flag.cap = Some(Verdict::LeaningNoHire);
    flag.red_flag = true;
    items.push(flag);
    let j = judge(items, &W, &params());
    assert_eq!(j.verdict, Verdict::LeaningNoHire);
    assert!(j.capped_by.is_some());
    assert_eq!(
        j.dimension(DimensionId::Ownership).unwrap().rating,
        Rating::RedFlag
    );
    let (lo, hi) = params().bands.range(Verdict::LeaningNoHire);
    assert!((lo..=hi).contains(&j.score.whole()));
}

#[test]
fn more_credit_never_lowers_the_score() {
    let p = params();
    let mut items = Vec::new();
    let mut last = judge(items.clone(), &W, &p).score;
    for step in 0..40 {
        let d = DimensionId::ALL[step % 6];
        items.push(item(d, Stance::For, 0.25));
        let now = judge(items.clone(), &W, &p);
        assert!(now.score >= last, "step {step}: {} < {last}", now.score);
        let (lo, hi) = p.bands.range(now.verdict);
        assert!((lo..=hi).contains(&now.score.whole()));
        last = now.score;
    }
    assert!(last.whole() >= 85, "{last}");
}

#[test]
fn bands_place_scores_inside() {
    let b = params().bands;
    assert_eq!(b.range(Verdict::Hire), (70, 84));
    assert_eq!(b.place(Verdict::Hire, 0.0).to_string(), "70");
    assert_eq!(b.place(Verdict::Hire, 1.0).to_string(), "84.9");
    assert_eq!(b.place(Verdict::NoHire, 0.5).to_string(), "24.9");
    assert_eq!(b.place(Verdict::StrongHire, 1.0).to_string(), "100");
    assert_eq!(b.verdict(84.0), Verdict::Hire);
}

#[test]
fn delivery_counts_only_in_step_with_what_was_earned() {
    let mut p = params();
    p.dimensions[DimensionId::Delivery.index()].earned_full = 0.2;
    // Nothing earned: a well-delivered nothing scores nothing.
    let j = judge(Vec::new(), &W, &p);
    assert_eq!(j.overall, 0.0);
    assert_eq!(j.score, crate::ids::Score::default());
    // Once the earned dimensions reach `earned-full`, delivery counts in full, so losing
    // delivery points still lowers the score.
    let earned = full();
    let polished = judge(earned.clone(), &W, &p);
    let mut rough = earned;
    rough.push(item(DimensionId::Delivery, Stance::Against, 1.0));
    let rough = judge(rough, &W, &p);
    assert!(rough.overall < polished.overall);
    // Without `earned-full`, delivery counts in full even with nothing else.
    let j = judge(Vec::new(), &W, &params());
    assert!(j.overall > 0.0);
}

#[test]
fn delivery_places_the_answer_in_its_band_but_never_decides_the_verdict() {
    // Just over the Hire line with delivery full; losing half of delivery (missing labels,
    // too long) would take the plain weighted mean under it.
    let earned: Vec<Item> = DimensionId::ALL
        .iter()
        .filter(|d| **d != DimensionId::Delivery)
        .map(|d| item(*d, Stance::For, 1.18))
        .collect();
    let polished = judge(earned.clone(), &W, &params());
    let mut rough = earned;
    rough.push(item(DimensionId::Delivery, Stance::Against, 1.0));
    let rough = judge(rough, &W, &params());
    assert_eq!(polished.verdict, Verdict::Hire);
    assert!(rough.overall < 0.6, "the plain mean is under the line");
    assert_eq!(rough.verdict, Verdict::Hire);
    assert!(rough.score < polished.score);
}

#[test]
fn unrelated_credit_counts_in_the_value_but_not_the_rating() {
    let p = params();
    let target = p.dimensions[DimensionId::Result.index()].target;
    let mut related = item(DimensionId::Result, Stance::For, 0.3 * target);
    let mut unrelated = item(DimensionId::Result, Stance::For, 0.3 * target);
    unrelated.unrelated = true;
    let j = judge(vec![related.clone(), unrelated.clone()], &W, &p);
    let result = j.dimension(DimensionId::Result).unwrap();
    assert!(result.value >= 0.59, "{result:?}");
    assert_eq!(result.rating, Rating::Weak);
    // The same credit, all of it about the story, rates it.
    related.points *= 2.0;
    let j = judge(vec![related], &W, &p);
    assert!(j.dimension(DimensionId::Result).unwrap().rating >= Rating::Adequate);
}

#[test]
fn appended_credit_places_the_answer_in_its_band_but_never_lifts_the_verdict() {
    let p = params();
    let mut items: Vec<Item> = [
        (DimensionId::Ownership, 1.0),
        (DimensionId::Action, 1.2),
        (DimensionId::Depth, 1.0),
        (DimensionId::Result, 1.2),
        (DimensionId::Reflection, 1.0),
        (DimensionId::Lp, 1.0),
    ]
    .into_iter()
    .map(|(d, points)| item(d, Stance::For, points))
    .collect();
    let story = judge(items.clone(), &W, &p);
    assert_eq!(story.verdict, Verdict::LeaningNoHire);
    // A boundary phrase in a sentence that shares nothing with the story, told before its
    // end, still counts towards the verdict (a concise story's own words often share none).
    let mut unrelated = item(DimensionId::Ownership, Stance::For, 1.0);
    unrelated.unrelated = true;
    items.push(unrelated.clone());
    assert_eq!(judge(items.clone(), &W, &p).verdict, Verdict::Hire);
    // Appended after the story's end, it raises the score inside Leaning No Hire only.
    items.pop();
    unrelated.appended = true;
    items.push(unrelated);
    let appended = judge(items, &W, &p);
    assert_eq!(appended.verdict, Verdict::LeaningNoHire);
    assert!(
        appended.score > story.score,
        "{:?} {:?}",
        appended.score,
        story.score
    );
}
