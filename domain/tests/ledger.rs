//! Property tests of the fund ledger: any sequence of receipts, commitments, payments prepared,
//! approved, voided and replayed keeps every invariant, and replaying keys changes nothing.
//! Contract 2 is paid by managing unit 5 from its own book: each book balances on its own.

use chrono::{TimeZone, Utc};
use domain::ledger::{
    derive, from_sums, in_book, invariants, position, reconcile, Account, Book, Flow, FlowKind,
    Ledger, Request, Side, Source,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    /// From a source of the fund (0 to 3) or unit 5's budget (4).
    Receive(usize, i64),
    /// From the fund's available money, or unit 5's.
    Commit(i64, i64, bool),
    Prepare(i64, i64),
    Approve(usize, i64),
    Void(usize, i64),
    Replay(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..5, 1i64..2_000_000_000).prop_map(|(s, a)| Op::Receive(s, a)),
        (1i64..4, 1i64..1_500_000_000, any::<bool>()).prop_map(|(c, a, u)| Op::Commit(c, a, u)),
        (1i64..4, 1i64..800_000_000).prop_map(|(c, a)| Op::Prepare(c, a)),
        (0usize..40, 10i64..12).prop_map(|(i, by)| Op::Approve(i, by)),
        (0usize..40, 10i64..12).prop_map(|(i, by)| Op::Void(i, by)),
        (0usize..60).prop_map(Op::Replay),
    ]
}

/// The request an operation makes, if it makes one now (approving and voiding need a pending
/// payment; a replay needs an earlier request).
fn request(
    op: &Op,
    key: String,
    pendings: &[(i64, Request)],
    sent: &[(Request, i64)],
) -> Option<Request> {
    match op {
        Op::Receive(s, a) => Some(Request {
            key,
            debit: Source::ALL
                .get(*s)
                .map_or(Account::UnitBudget(5), |s| Account::Source(*s)),
            credit: if *s < 4 {
                Account::Available
            } else {
                Account::UnitAvailable(5)
            },
            amount_dong: *a,
            flow: Flow::Posted,
            by: 1,
            corrects: None,
        }),
        Op::Commit(c, a, unit) => Some(Request {
            key,
            debit: if *unit {
                Account::UnitAvailable(5)
            } else {
                Account::Available
            },
            credit: Account::Committed(*c),
            amount_dong: *a,
            flow: Flow::Posted,
            by: 1,
            corrects: None,
        }),
        Op::Prepare(c, a) => Some(Request {
            key,
            debit: Account::Committed(*c),
            credit: Account::Disbursed(*c),
            amount_dong: *a,
            flow: Flow::Pending,
            // The accountant.
            by: 10,
            corrects: None,
        }),
        Op::Approve(i, by) | Op::Void(i, by) => {
            pendings
                .get(i % pendings.len().max(1))
                .map(|(id, p)| Request {
                    key,
                    flow: if matches!(op, Op::Approve(..)) {
                        Flow::PostPending(*id)
                    } else {
                        Flow::VoidPending(*id)
                    },
                    by: *by,
                    ..p.clone()
                })
        }
        Op::Replay(i) => sent.get(i % sent.len().max(1)).map(|(r, _)| r.clone()),
    }
}

/// Runs the operations; returns the ledger and every request it accepted with the transfer id
/// it answered.
fn run(ops: &[Op]) -> (Ledger, Vec<(Request, i64)>) {
    let at = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    // Contracts 1 and 2 are signed; 3 is not.
    let mut l = Ledger {
        active_contracts: vec![1, 2],
        unit_contracts: [(2, 5)].into(),
        ..Default::default()
    };
    let mut sent: Vec<(Request, i64)> = Vec::new();
    for (n, op) in ops.iter().enumerate() {
        let key = format!("k{n}");
        let pendings: Vec<(i64, Request)> = l
            .transfers
            .iter()
            .filter(|t| t.request.flow == Flow::Pending)
            .map(|t| (t.id, t.request.clone()))
            .collect();
        let Some(r) = request(op, key, &pendings, &sent) else {
            continue;
        };

        let before = l.clone();
        let result = l.apply(r.clone(), at);
        if result.is_err() {
            // A refused transfer changes nothing.
            assert_eq!(l.transfers, before.transfers);
            assert_eq!(l.balances, before.balances);
        }
        assert_eq!(invariants(&l.balances), Ok(()), "after {op:?}");
        if let Ok(id) = result {
            sent.push((r, id));
        }
    }
    (l, sent)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_sequence_keeps_the_invariants(ops in prop::collection::vec(op(), 1..60)) {
        let (l, _) = run(&ops);
        prop_assert_eq!(reconcile(&l.balances, &derive(&l.transfers)), vec![]);
        // Sums the database groups give the same balances as the transfers one by one.
        type Group = (Account, Side, FlowKind, i64);
        let mut sums: std::collections::BTreeMap<(String, bool, &str), Group> = Default::default();
        for t in &l.transfers {
            let kind = FlowKind::of(t.request.flow);
            for (account, side) in [(t.request.debit, Side::Debit), (t.request.credit, Side::Credit)] {
                sums.entry((account.code(), side == Side::Debit, kind.code()))
                    .or_insert((account, side, kind, 0))
                    .3 += t.request.amount_dong;
            }
        }
        let rows: Vec<_> = sums.into_values().collect();
        prop_assert_eq!(from_sums(&rows), derive(&l.transfers));
        // Each book on its own: money is neither made nor lost, nor moved between books: what
        // came into the book is available, committed or paid on the book's own contracts.
        let mut books = 0;
        for book in [Book::Fund, Book::Unit(5)] {
            let balances = in_book(&l.balances, book, |c| l.book_of(c));
            books += balances.len();
            let p = position(&balances);
            prop_assert!(p.available_dong >= 0 && p.committed_dong >= 0 && p.disbursed_dong >= 0);
            prop_assert!(p.pending_dong <= p.committed_dong);
            prop_assert_eq!(p.received_dong, p.accounted_dong());
        }
        prop_assert_eq!(books, l.balances.len());
        // Contract 2 took nothing from the fund, contract 1 nothing from the unit.
        for t in &l.transfers {
            let (d, c) = (t.request.debit, t.request.credit);
            prop_assert!(!(d == Account::Available && c == Account::Committed(2)));
            prop_assert!(!(d == Account::UnitAvailable(5) && c == Account::Committed(1)));
        }
        // Nobody approved or voided a payment they prepared; each pending resolved once at most.
        for t in &l.transfers {
            if let Flow::PostPending(id) | Flow::VoidPending(id) = t.request.flow {
                let pending = l.transfers.iter().find(|p| p.id == id).unwrap();
                prop_assert_ne!(pending.request.by, t.request.by);
                let resolutions = l.transfers.iter().filter(|x| matches!(x.request.flow, Flow::PostPending(q) | Flow::VoidPending(q) if q == id)).count();
                prop_assert_eq!(resolutions, 1);
            }
        }
        // Contract 3 was never signed: nothing reached it.
        prop_assert!(!l.balances.contains_key(&Account::Committed(3)));
    }

    #[test]
    fn replaying_every_written_request_changes_nothing(ops in prop::collection::vec(op(), 1..40)) {
        let (mut l, sent) = run(&ops);
        let (transfers, balances) = (l.transfers.clone(), l.balances.clone());
        let at = Utc.with_ymd_and_hms(2027, 6, 1, 0, 0, 0).unwrap();
        // Each replay answers the transfer the request first wrote, and writes nothing.
        for (r, id) in sent {
            prop_assert_eq!(l.apply(r, at), Ok(id));
        }
        prop_assert_eq!(l.transfers, transfers);
        prop_assert_eq!(l.balances, balances);
    }
}
