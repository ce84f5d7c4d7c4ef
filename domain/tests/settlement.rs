//! Property tests of settlement: whatever the lines, the outcome and the rules, what is
//! settled and refunded adds up to what was paid, nothing is negative, and a subjective failure
//! never refunds less than an objective one.

use domain::settlement::{settle, Cause, Line, Outcome, SettlementRules};
use proptest::prelude::*;

fn line() -> impl Strategy<Value = Line> {
    (any::<bool>(), 0i64..5_000_000_000, 0i64..6_000_000_000).prop_map(
        |(lump_sum, contracted_dong, documented_dong)| Line {
            lump_sum,
            contracted_dong,
            documented_dong,
        },
    )
}

proptest! {
    #[test]
    fn settled_plus_refund_is_what_was_paid(
        lines in prop::collection::vec(line(), 0..12),
        paid_share in 0u32..=1000,
        spent_share in 0u32..=1000,
        permille in 0u32..=1000,
        accepted in any::<bool>(),
        objective in any::<bool>(),
    ) {
        let total: i64 = lines.iter().map(|l| l.contracted_dong).sum();
        let disbursed = (i128::from(total) * i128::from(paid_share) / 1000) as i64;
        let spent = (i128::from(disbursed) * i128::from(spent_share) / 1000) as i64;
        let rules = SettlementRules { subjective_spent_share_permille: permille };
        let outcome = if accepted {
            Outcome::Accepted
        } else {
            Outcome::NotCompleted { cause: if objective { Cause::Objective } else { Cause::Subjective }, spent_dong: spent }
        };
        let s = settle(&rules, total, disbursed, &lines, outcome).unwrap();
        prop_assert_eq!(s.settled_dong + s.refund_dong, disbursed);
        prop_assert_eq!(s.release_dong, total - disbursed);
        prop_assert!(s.settled_dong >= 0 && s.refund_dong >= 0 && s.release_dong >= 0);
        if !accepted {
            let as_objective = settle(&rules, total, disbursed, &lines, Outcome::NotCompleted { cause: Cause::Objective, spent_dong: spent }).unwrap();
            let as_subjective = settle(&rules, total, disbursed, &lines, Outcome::NotCompleted { cause: Cause::Subjective, spent_dong: spent }).unwrap();
            prop_assert!(as_subjective.refund_dong >= as_objective.refund_dong);
            // Objective after compliance: exactly the unspent money.
            prop_assert_eq!(as_objective.refund_dong, disbursed - spent);
        }
    }
}
