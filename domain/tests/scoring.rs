//! Properties of the council's aggregation: the order of sheets never matters, the mean lies
//! between the lowest and highest counted totals, every sheet is either counted or excluded with
//! a reason, and an excluded sheet leaves the others' figures untouched.

use domain::scoring::*;
use proptest::prelude::*;

fn rules(outlier: Option<u32>) -> ScoringRules {
    ScoringRules {
        outlier_points: outlier,
        ..ScoringRules::default()
    }
}

fn any_sheet() -> impl Strategy<Value = Sheet> {
    (0i64..1000, 0u32..=30, 0u32..=100, 0u32..=70).prop_map(|(member, a, b, c)| Sheet {
        member,
        scores: vec![a, b, c],
    })
}

fn sheets() -> impl Strategy<Value = Vec<Sheet>> {
    proptest::collection::vec(any_sheet(), 1..12).prop_map(|mut v| {
        // One sheet per member, as in a council.
        v.sort_by_key(|s| s.member);
        v.dedup_by_key(|s| s.member);
        v
    })
}

proptest! {
    #[test]
    fn the_order_of_sheets_never_matters(sheets in sheets(), outlier in proptest::option::of(0u32..40), seed in any::<u64>()) {
        let r = rules(outlier);
        let mut shuffled = sheets.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        for i in 0..n {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % n as u64) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(aggregate(&r, &sheets), aggregate(&r, &shuffled));
    }

    #[test]
    fn the_mean_lies_between_the_counted_totals(sheets in sheets(), outlier in proptest::option::of(0u32..40)) {
        let o = aggregate(&rules(outlier), &sheets);
        let counted: Vec<&Sheet> = sheets.iter().filter(|s| o.counted.contains(&s.member)).collect();
        if let (Some(min), Some(max)) = (
            counted.iter().map(|s| s.total()).min(),
            counted.iter().map(|s| s.total()).max(),
        ) {
            let m = o.mean_total;
            prop_assert!(u128::from(min) * u128::from(m.count) <= u128::from(m.sum));
            prop_assert!(u128::from(m.sum) <= u128::from(max) * u128::from(m.count));
        } else {
            prop_assert!(!o.passed);
        }
    }

    #[test]
    fn every_sheet_is_counted_or_excluded_and_exclusion_leaves_the_others(sheets in sheets(), outlier in proptest::option::of(0u32..40)) {
        let r = rules(outlier);
        let o = aggregate(&r, &sheets);
        let mut all: Vec<i64> = o.counted.iter().copied().chain(o.excluded.iter().map(|(m, _)| *m)).collect();
        all.sort_unstable();
        let mut members: Vec<i64> = sheets.iter().map(|s| s.member).collect();
        members.sort_unstable();
        prop_assert_eq!(all, members);
        // The counted figures are exactly those of the counted sheets, as submitted.
        let counted: Vec<Sheet> = sheets.iter().filter(|s| o.counted.contains(&s.member)).cloned().collect();
        let sum: u64 = counted.iter().map(|s| s.total()).sum();
        prop_assert_eq!(o.mean_total.sum, sum);
        // Without the outlier rule nothing is excluded; with it, aggregating only the counted
        // sheets and no rule gives the same figures.
        if outlier.is_none() {
            prop_assert!(o.excluded.is_empty());
        }
        let again = aggregate(&rules(None), &counted);
        prop_assert_eq!(again.mean_total, o.mean_total);
        prop_assert_eq!(again.criterion_means, o.criterion_means);
    }

    #[test]
    fn ranking_is_independent_of_input_order(totals in proptest::collection::vec(sheets(), 1..8)) {
        let r = rules(None);
        let outcomes: Vec<(i64, Outcome)> = totals.iter().enumerate().map(|(i, s)| (i as i64, aggregate(&r, s))).collect();
        let mut reversed = outcomes.clone();
        reversed.reverse();
        let a = rank(&r, &outcomes);
        let b = rank(&r, &reversed);
        prop_assert_eq!(&a, &b);
        // Ranks are 1..=n and means never increase down the ranking.
        for (i, w) in a.windows(2).enumerate() {
            prop_assert_eq!(w[0].rank as usize, i + 1);
            let above = &outcomes[w[0].application as usize].1.mean_total;
            let below = &outcomes[w[1].application as usize].1.mean_total;
            prop_assert!(!above.lt(*below));
        }
    }
}
