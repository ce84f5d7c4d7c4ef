use super::*;
use chrono::TimeZone;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 1, 2, 0, 0).unwrap()
}

fn req(key: &str, debit: Account, credit: Account, amount: i64, flow: Flow, by: i64) -> Request {
    Request {
        key: key.into(),
        debit,
        credit,
        amount_dong: amount,
        flow,
        by,
        corrects: None,
    }
}

fn funded() -> Ledger {
    let mut l = Ledger {
        active_contracts: vec![7],
        ..Default::default()
    };
    l.apply(
        req(
            "r1",
            Account::Source(Source::StateBudget),
            Account::Available,
            1_000_000_000,
            Flow::Posted,
            1,
        ),
        at(),
    )
    .unwrap();
    l.apply(
        req(
            "c1",
            Account::Available,
            Account::Committed(7),
            600_000_000,
            Flow::Posted,
            1,
        ),
        at(),
    )
    .unwrap();
    l
}

#[test]
fn codes_round_trip() {
    for a in [
        Account::Available,
        Account::Source(Source::Interest),
        Account::Committed(12),
        Account::Disbursed(3),
        Account::UnitBudget(4),
        Account::UnitAvailable(4),
    ] {
        assert_eq!(Account::from_code(&a.code()), Some(a));
    }
    assert_eq!(Account::from_code("committed:x"), None);
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario of the ledger, step by step"
)]
fn a_payment_is_prepared_then_approved_by_someone_else() {
    let mut l = funded();
    let p = l
        .apply(
            req(
                "p1",
                Account::Committed(7),
                Account::Disbursed(7),
                200_000_000,
                Flow::Pending,
                2,
            ),
            at(),
        )
        .unwrap();
    // The reservation counts: a second payment cannot take what the first holds.
    let too_much = l.apply(
        req(
            "p2",
            Account::Committed(7),
            Account::Disbursed(7),
            400_000_001,
            Flow::Pending,
            2,
        ),
        at(),
    );
    assert_eq!(
        too_much,
        Err(Rejection::ExceedsCommitted {
            free_dong: 400_000_000
        })
    );
    // The accountant cannot approve their own.
    let own = l.apply(
        req(
            "a1",
            Account::Committed(7),
            Account::Disbursed(7),
            200_000_000,
            Flow::PostPending(p),
            2,
        ),
        at(),
    );
    assert_eq!(own, Err(Rejection::SamePersonCannotApprove));
    let ok = l
        .apply(
            req(
                "a1",
                Account::Committed(7),
                Account::Disbursed(7),
                200_000_000,
                Flow::PostPending(p),
                3,
            ),
            at(),
        )
        .unwrap();
    // Approving twice: the same key replays, another key is refused.
    assert_eq!(
        l.apply(
            req(
                "a1",
                Account::Committed(7),
                Account::Disbursed(7),
                200_000_000,
                Flow::PostPending(p),
                3
            ),
            at()
        ),
        Ok(ok)
    );
    assert_eq!(
        l.apply(
            req(
                "a2",
                Account::Committed(7),
                Account::Disbursed(7),
                200_000_000,
                Flow::PostPending(p),
                4
            ),
            at()
        ),
        Err(Rejection::PendingAlreadyPosted)
    );
    assert_eq!(
        l.apply(
            req(
                "v1",
                Account::Committed(7),
                Account::Disbursed(7),
                200_000_000,
                Flow::VoidPending(p),
                4
            ),
            at()
        ),
        Err(Rejection::PendingAlreadyPosted)
    );
    let pos = position(&l.balances);
    assert_eq!(pos.received_dong, 1_000_000_000);
    assert_eq!(pos.available_dong, 400_000_000);
    assert_eq!(pos.committed_dong, 400_000_000);
    assert_eq!(pos.disbursed_dong, 200_000_000);
    assert_eq!(invariants(&l.balances), Ok(()));
    assert_eq!(reconcile(&l.balances, &derive(&l.transfers)), vec![]);
}

#[test]
fn a_voided_payment_releases_its_reservation() {
    let mut l = funded();
    let p = l
        .apply(
            req(
                "p1",
                Account::Committed(7),
                Account::Disbursed(7),
                600_000_000,
                Flow::Pending,
                2,
            ),
            at(),
        )
        .unwrap();
    assert_eq!(
        l.apply(
            req(
                "p2",
                Account::Committed(7),
                Account::Disbursed(7),
                1,
                Flow::Pending,
                2
            ),
            at()
        ),
        Err(Rejection::ExceedsCommitted { free_dong: 0 })
    );
    l.apply(
        req(
            "v1",
            Account::Committed(7),
            Account::Disbursed(7),
            600_000_000,
            Flow::VoidPending(p),
            3,
        ),
        at(),
    )
    .unwrap();
    assert!(l
        .apply(
            req(
                "p2",
                Account::Committed(7),
                Account::Disbursed(7),
                600_000_000,
                Flow::Pending,
                2
            ),
            at()
        )
        .is_ok());
}

#[test]
fn rejections_come_in_order_and_name_the_figure() {
    let mut l = funded();
    let bad = |amount| {
        req(
            "x",
            Account::Available,
            Account::Committed(7),
            amount,
            Flow::Posted,
            1,
        )
    };
    assert_eq!(
        l.clone().apply(bad(0), at()),
        Err(Rejection::AmountMustBePositive)
    );
    assert_eq!(
        l.clone().apply(bad(400_000_001), at()),
        Err(Rejection::InsufficientAvailable {
            free_dong: 400_000_000
        })
    );
    assert_eq!(
        l.clone().apply(
            req(
                "y",
                Account::Available,
                Account::Committed(8),
                1,
                Flow::Posted,
                1
            ),
            at()
        ),
        Err(Rejection::ContractNotActive)
    );
    assert_eq!(
        l.clone().apply(
            req(
                "",
                Account::Available,
                Account::Committed(7),
                1,
                Flow::Posted,
                1
            ),
            at()
        ),
        Err(Rejection::KeyMissing)
    );
    // A key reused for something else is refused, not replayed.
    assert_eq!(
        l.apply(
            req(
                "r1",
                Account::Source(Source::Interest),
                Account::Available,
                5,
                Flow::Posted,
                1
            ),
            at()
        ),
        Err(Rejection::KeyReusedDifferently)
    );
    let msg = Rejection::ExceedsCommitted {
        free_dong: 1_250_000,
    }
    .message(Lang::Vi);
    assert!(msg.contains("1.250.000 đ"), "{msg}");
}

#[test]
fn a_receipt_is_corrected_by_a_new_transfer_never_beyond_it() {
    let mut l = funded();
    let receipt = l.transfers[0].request.clone();
    assert_eq!(check_correction(&receipt, 0, 1_000_000_000), Ok(()));
    assert_eq!(
        check_correction(&receipt, 999_999_999, 2),
        Err(Rejection::CorrectionExceedsOriginal { left_dong: 1 })
    );
    let commitment = l.transfers[1].request.clone();
    assert_eq!(
        check_correction(&commitment, 0, 1),
        Err(Rejection::NotCorrectable)
    );
    // The reverse transfer names the receipt; what is committed cannot be taken back.
    let reverse = |amount| Request {
        key: format!("fix-{amount}"),
        debit: Account::Available,
        credit: Account::Source(Source::StateBudget),
        amount_dong: amount,
        flow: Flow::Posted,
        by: 2,
        corrects: Some(1),
    };
    assert_eq!(
        l.apply(reverse(500_000_000), at()),
        Err(Rejection::InsufficientAvailable {
            free_dong: 400_000_000
        })
    );
    assert!(l.apply(reverse(100_000_000), at()).is_ok());
    assert_eq!(position(&l.balances).received_dong, 900_000_000);
    assert_eq!(invariants(&l.balances), Ok(()));
}

#[test]
fn reconciliation_names_the_account_that_differs() {
    let l = funded();
    let mut stored = l.balances.clone();
    stored
        .get_mut(&Account::Committed(7))
        .unwrap()
        .credits_posted += 1;
    let diff = reconcile(&stored, &derive(&l.transfers));
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].account, Account::Committed(7));
}

#[test]
fn no_account_s_sums_pass_the_ledger_limit() {
    let mut l = Ledger::default();
    let receive = |key: &str, amount: i64| {
        let (src, avail) = (Account::Source(Source::Contribution), Account::Available);
        req(key, src, avail, amount, Flow::Posted, 1)
    };
    assert_eq!(
        l.apply(receive("huge", i64::MAX), at()),
        Err(Rejection::Overflow)
    );
    assert_eq!(
        l.apply(receive("over", LIMIT_DONG + 1), at()),
        Err(Rejection::Overflow)
    );
    assert!(l.apply(receive("half", LIMIT_DONG / 2), at()).is_ok());
    assert!(l.apply(receive("rest", LIMIT_DONG / 2), at()).is_ok());
    // The limit reached: not one đồng more, whichever source it comes from.
    assert_eq!(l.apply(receive("one", 1), at()), Err(Rejection::Overflow));
    assert!(Rejection::Overflow
        .message(Lang::Vi)
        .contains("100.000.000.000.000.000 đ"));
}

#[test]
fn the_report_s_places_add_up_to_what_was_received_after_a_settlement() {
    let mut l = funded();
    let pay = req(
        "p",
        Account::Committed(7),
        Account::Disbursed(7),
        300_000_000,
        Flow::Posted,
        2,
    );
    l.apply(pay, at()).unwrap();
    let s = crate::settlement::Statement {
        settled_dong: 200_000_000,
        refund_dong: 100_000_000,
        release_dong: 300_000_000,
        ..Default::default()
    };
    for (i, (debit, credit, amount)) in crate::settlement::postings(7, Account::Available, &s)
        .into_iter()
        .enumerate()
    {
        l.apply(
            req(&format!("s{i}"), debit, credit, amount, Flow::Posted, 3),
            at(),
        )
        .unwrap();
    }
    let p = position(&l.balances);
    let lines = p.report_lines();
    let figure = |name: &str| lines.iter().find(|l| l.0 == name).unwrap().1;
    assert_eq!(figure("Đã nhận (lũy kế)"), 1_000_000_000);
    assert_eq!(figure("Chưa phân bổ"), 700_000_000);
    assert_eq!(figure("Đã chi, chưa quyết toán"), 0);
    assert_eq!(figure("Đã quyết toán (lũy kế)"), 200_000_000);
    assert_eq!(figure("Phải thu hồi, chưa nộp về"), 100_000_000);
    assert_eq!(figure("Cộng (bằng số đã nhận)"), 1_000_000_000);
}

#[test]
fn a_unit_pays_its_own_contracts_from_its_own_book() {
    use Account::{Committed, UnitAvailable, UnitBudget};
    let posted = |k: &str, d, c, a| req(k, d, c, a, Flow::Posted, 1);
    let mut l = funded();
    l.active_contracts.push(8);
    l.unit_contracts.insert(8, 5);
    let budget = posted("u1", UnitBudget(5), UnitAvailable(5), 200_000_000);
    l.apply(budget.clone(), at()).unwrap();
    // The fund's money does not reach the unit's contract, nor the unit's the fund's, nor one
    // unit's budget another's book, nor a fund's source the unit's.
    for (k, d, c) in [
        ("x1", Account::Available, Committed(8)),
        ("x2", UnitAvailable(5), Committed(7)),
        ("x3", UnitBudget(6), UnitAvailable(5)),
        ("x4", Account::Source(Source::Interest), UnitAvailable(5)),
    ] {
        assert_eq!(
            l.apply(posted(k, d, c, 1), at()),
            Err(Rejection::CrossesBooks),
            "{k}"
        );
    }
    // Within its book it commits no more than it has.
    let too_much = posted("c2", UnitAvailable(5), Committed(8), 200_000_001);
    let short = Rejection::InsufficientAvailable {
        free_dong: 200_000_000,
    };
    assert_eq!(l.apply(too_much, at()), Err(short));
    let commit = posted("c3", UnitAvailable(5), Committed(8), 150_000_000);
    l.apply(commit, at()).unwrap();
    let figures = |book| {
        let p = position(&in_book(&l.balances, book, |c| l.book_of(c)));
        (p.received_dong, p.available_dong, p.committed_dong)
    };
    assert_eq!(
        figures(Book::Unit(5)),
        (200_000_000, 50_000_000, 150_000_000)
    );
    assert_eq!(
        figures(Book::Fund),
        (1_000_000_000, 400_000_000, 600_000_000)
    );
    // A unit's receipt is corrected like the fund's, back into the unit's budget.
    assert_eq!(check_correction(&budget, 0, 50_000_000), Ok(()));
}
