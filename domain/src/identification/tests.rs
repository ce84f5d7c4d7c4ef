use super::*;
use crate::scoring::{halves, ScoreProblem};
use proptest::prelude::*;

fn cast(member: i64, points: [u32; 5], order: bool) -> Cast {
    Cast {
        member,
        scores: points.iter().map(|p| halves(*p)).collect(),
        order,
    }
}

fn ballot(points: [Option<u32>; 5], order: Option<bool>, note: &str) -> Ballot {
    Ballot {
        entry: SheetEntry {
            scores: points.iter().map(|p| p.map(halves)).collect(),
            comments: Vec::new(),
        },
        order,
        note: note.into(),
    }
}

#[test]
fn the_defaults_are_within_bounds_and_add_up_to_a_hundred() {
    let r = IdentificationRules::default();
    assert_eq!(r.problems(), Vec::new());
    let sum: u32 = r.criteria.iter().map(|c| c.max_points).sum();
    assert_eq!(sum, 100);
}

#[test]
fn rules_out_of_bounds_are_named_by_path() {
    let mut r = IdentificationRules::default();
    r.criteria[0].max_points = 30;
    r.council.max_members = 2;
    r.order_share = (2, 2);
    let paths: Vec<String> = r.problems().into_iter().map(|i| i.path).collect();
    assert_eq!(
        paths,
        [
            "identification.council.max_members",
            "identification.criteria",
            "identification.order_share.0"
        ]
    );
}

#[test]
fn a_draft_may_miss_answers_and_a_submitted_ballot_may_not() {
    let r = IdentificationRules::default();
    let draft = ballot([Some(20), None, None, None, None], None, "");
    assert_eq!(draft.check(&r, false), Vec::new());
    let paths: Vec<String> = draft.check(&r, true).into_iter().map(|i| i.path).collect();
    assert_eq!(
        paths,
        [
            "entry.scores.1",
            "entry.scores.2",
            "entry.scores.3",
            "entry.scores.4",
            "order"
        ]
    );
}

#[test]
fn a_score_above_its_criterion_and_a_vote_against_without_reasons_are_refused() {
    let r = IdentificationRules::default();
    let b = ballot(
        [Some(26), Some(20), Some(20), Some(15), Some(20)],
        Some(false),
        "",
    );
    let got: Vec<(String, FormProblem)> = b
        .check(&r, true)
        .into_iter()
        .map(|i| (i.path, i.problem))
        .collect();
    assert_eq!(
        got,
        [
            (
                "entry.scores.0".to_string(),
                FormProblem::Score(ScoreProblem::AboveMax { max_points: 25 })
            ),
            ("note".to_string(), FormProblem::ReasonForNotOrdering),
        ]
    );
    let reasoned = ballot(
        [Some(25), Some(20), Some(20), Some(15), Some(20)],
        Some(false),
        "Trùng",
    );
    assert_eq!(reasoned.check(&r, true), Vec::new());
}

#[test]
fn ordered_when_the_mean_reaches_the_threshold_and_most_ballots_ask() {
    let r = IdentificationRules::default();
    let good = [20, 15, 15, 10, 15]; // 75 points
    let casts = [
        cast(1, good, true),
        cast(2, good, true),
        cast(3, good, true),
        cast(4, good, false),
        cast(5, good, false),
    ];
    let v = count(&r, &casts);
    assert_eq!((v.for_order, v.against, v.order), (3, 2, true));
    // Half the ballots is not more than half.
    let v = count(&r, &casts[1..]);
    assert_eq!((v.for_order, v.against, v.order), (2, 2, false));
}

#[test]
fn every_vote_for_does_not_order_a_task_scored_below_the_threshold() {
    let r = IdentificationRules::default();
    let weak = [15, 10, 10, 10, 14]; // 59 points
    let casts: Vec<Cast> = (1..=5).map(|m| cast(m, weak, true)).collect();
    let v = count(&r, &casts);
    assert!(!v.outcome.passed);
    assert!(!v.order);
    assert_eq!(v.outcome.mean_total.display(), "59,00");
}

#[test]
fn no_ballot_orders_nothing() {
    let v = count(&IdentificationRules::default(), &[]);
    assert_eq!((v.for_order, v.against, v.order), (0, 0, false));
}

prop_compose! {
    fn a_cast()(member in 1i64..50, s in prop::collection::vec(0u32..=40, 5), order in any::<bool>()) -> Cast {
        Cast { member, scores: s, order }
    }
}

proptest! {
    /// The count never depends on the order of the ballots, and orders a task only with the
    /// mean at the threshold and more than half the counted ballots for it.
    #[test]
    fn the_count_is_order_free_and_never_orders_without_a_majority(
        mut casts in prop::collection::vec(a_cast(), 0..9),
    ) {
        let r = IdentificationRules::default();
        let v = count(&r, &casts);
        casts.reverse();
        prop_assert_eq!(&count(&r, &casts), &v);
        if v.order {
            prop_assert!(v.for_order > v.against);
            prop_assert!(v.outcome.mean_total.at_least_points(r.order_mean_total));
        }
        prop_assert_eq!(u64::from(v.for_order + v.against), v.outcome.counted.len() as u64);
    }
}
