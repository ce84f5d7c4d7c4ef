//! Property tests of settlement: whatever the lines, the outcome and the rules, what is
//! settled and refunded adds up to what was paid, nothing is negative, and a subjective failure
//! never refunds less than an objective one.

use chrono::{TimeZone, Utc};
use domain::ledger::{invariants, position, Account, Flow, Ledger, Request, Source};
use domain::settlement::{
    final_payment_postings, postings, settle, Cause, Line, Outcome, SettlementRules,
};
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
        prop_assert_eq!(s.settled_dong + s.refund_dong, disbursed + s.final_payment_dong);
        prop_assert_eq!(s.release_dong + s.final_payment_dong, total - disbursed);
        prop_assert!(s.settled_dong >= 0 && s.refund_dong >= 0 && s.release_dong >= 0 && s.final_payment_dong >= 0);
        // Owed one way at most: a refund or a final payment, never both.
        prop_assert!(s.refund_dong == 0 || s.final_payment_dong == 0);
        if accepted {
            // An accepted task is settled at what it earned, paid or not.
            let earned: i64 = lines.iter().map(|l| if l.lump_sum { l.contracted_dong } else { l.documented_dong.min(l.contracted_dong) }).sum();
            prop_assert_eq!(s.settled_dong, earned.min(total));
        } else {
            prop_assert_eq!(s.final_payment_dong, 0);
        }
        if !accepted {
            let as_objective = settle(&rules, total, disbursed, &lines, Outcome::NotCompleted { cause: Cause::Objective, spent_dong: spent }).unwrap();
            let as_subjective = settle(&rules, total, disbursed, &lines, Outcome::NotCompleted { cause: Cause::Subjective, spent_dong: spent }).unwrap();
            prop_assert!(as_subjective.refund_dong >= as_objective.refund_dong);
            // Objective after compliance: exactly the unspent money.
            prop_assert_eq!(as_objective.refund_dong, disbursed - spent);
        }
    }
}

fn posted(key: &str, debit: Account, credit: Account, amount: i64) -> Request {
    Request {
        key: key.into(),
        debit,
        credit,
        amount_dong: amount,
        flow: Flow::Posted,
        by: 1,
        corrects: None,
    }
}

proptest! {
    /// Posting a settlement empties the contract's commitment and payments, keeps every ledger
    /// invariant, and the refund, once received, comes back to available: the fund ends with
    /// what it received less what was settled.
    #[test]
    fn settlement_postings_close_the_contract_in_the_ledger(
        total in 1i64..5_000_000_000,
        paid_share in 0u32..=1000,
        spent_share in 0u32..=1000,
        objective in any::<bool>(),
        accepted in any::<bool>(),
    ) {
        let at = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        let mut l = Ledger { active_contracts: vec![9], ..Default::default() };
        l.apply(posted("in", Account::Source(Source::StateBudget), Account::Available, total), at).unwrap();
        l.apply(posted("commit", Account::Available, Account::Committed(9), total), at).unwrap();
        let paid = (i128::from(total) * i128::from(paid_share) / 1000) as i64;
        if paid > 0 {
            l.apply(posted("pay", Account::Committed(9), Account::Disbursed(9), paid), at).unwrap();
        }
        let spent = (i128::from(paid) * i128::from(spent_share) / 1000) as i64;
        let cause = if objective { Cause::Objective } else { Cause::Subjective };
        // Accepted: one lump-sum line for the whole, and one documented for what was spent.
        let (outcome, lines) = if accepted {
            let lines = [
                Line { lump_sum: true, contracted_dong: total / 2, documented_dong: 0 },
                Line { lump_sum: false, contracted_dong: total - total / 2, documented_dong: spent },
            ];
            (Outcome::Accepted, lines.to_vec())
        } else {
            (Outcome::NotCompleted { cause, spent_dong: spent }, Vec::new())
        };
        let s = settle(&SettlementRules::default(), total, paid, &lines, outcome).unwrap();
        // Settling happens after the contract stops running: no active contract is needed.
        l.active_contracts.clear();
        for (i, (debit, credit, amount)) in postings(9, Account::Available, &s).into_iter().enumerate() {
            l.apply(posted(&format!("settle-{i}"), debit, credit, amount), at).unwrap();
        }
        if s.final_payment_dong > 0 {
            // The host's final payment, then its settling.
            l.active_contracts.push(9);
            l.apply(posted("final", Account::Committed(9), Account::Disbursed(9), s.final_payment_dong), at).unwrap();
            let (debit, credit, amount) = final_payment_postings(9, s.final_payment_dong);
            l.apply(posted("final-settled", debit, credit, amount), at).unwrap();
        }
        let balance = |a: Account| l.balances.get(&a).map(|b| b.posted()).unwrap_or(0);
        prop_assert_eq!(balance(Account::Disbursed(9)), 0);
        prop_assert_eq!(balance(Account::Committed(9)), 0);
        prop_assert_eq!(balance(Account::Refund(9)), s.refund_dong);
        prop_assert!(invariants(&l.balances).is_ok());
        if s.refund_dong > 0 {
            // Never more than is due.
            prop_assert!(l.apply(posted("back-too-much", Account::Refund(9), Account::Available, s.refund_dong + 1), at).is_err());
            l.apply(posted("back", Account::Refund(9), Account::Available, s.refund_dong), at).unwrap();
        }
        let p = position(&l.balances);
        prop_assert_eq!(p.available_dong, total - s.settled_dong);
        prop_assert_eq!(p.settled_dong, s.settled_dong);
        prop_assert_eq!(p.received_dong, p.accounted_dong());
        prop_assert!(invariants(&l.balances).is_ok());
    }
}
