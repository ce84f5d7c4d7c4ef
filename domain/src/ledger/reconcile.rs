//! Balances derived from the transfers alone, compared with the stored ones, and the fund's
//! position: what reconciliation and the fund's page read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;

pub(super) fn add(b: &mut Balance, d: &Balance) {
    b.debits_posted += d.debits_posted;
    b.credits_posted += d.credits_posted;
    b.debits_pending += d.debits_pending;
    b.credits_pending += d.credits_pending;
}

/// Every account's balance derived from the transfers alone (for reconciliation).
pub fn derive(transfers: &[Transfer]) -> BTreeMap<Account, Balance> {
    let mut out: BTreeMap<Account, Balance> = BTreeMap::new();
    for t in transfers {
        for (account, change) in effects(&t.request) {
            add(out.entry(account).or_default(), &change);
        }
    }
    out
}

/// One side of a transfer, for sums computed by the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Side {
    Debit,
    Credit,
}

/// A transfer's flow without the pending id, as stored (`posted`, `pending`, `post`, `void`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum FlowKind {
    Posted,
    Pending,
    Post,
    Void,
}

impl FlowKind {
    pub fn code(self) -> &'static str {
        match self {
            FlowKind::Posted => "posted",
            FlowKind::Pending => "pending",
            FlowKind::Post => "post",
            FlowKind::Void => "void",
        }
    }

    pub fn from_code(code: &str) -> Option<FlowKind> {
        [
            FlowKind::Posted,
            FlowKind::Pending,
            FlowKind::Post,
            FlowKind::Void,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// The kind as the journal and its export name it.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            FlowKind::Posted => lang.pick("Ghi sổ", "Posted"),
            FlowKind::Pending => crate::glossary::AWAITING_APPROVAL.pick(lang),
            FlowKind::Post => lang.pick("Duyệt chi", "Approval"),
            FlowKind::Void => lang.pick("Từ chối", "Rejection"),
        }
    }

    pub fn of(flow: Flow) -> FlowKind {
        match flow {
            Flow::Posted => FlowKind::Posted,
            Flow::Pending => FlowKind::Pending,
            Flow::PostPending(_) => FlowKind::Post,
            Flow::VoidPending(_) => FlowKind::Void,
        }
    }

    /// The flow, given the pending transfer a `post` or `void` names.
    pub fn with(self, pending: Option<TransferId>) -> Option<Flow> {
        match (self, pending) {
            (FlowKind::Posted, None) => Some(Flow::Posted),
            (FlowKind::Pending, None) => Some(Flow::Pending),
            (FlowKind::Post, Some(p)) => Some(Flow::PostPending(p)),
            (FlowKind::Void, Some(p)) => Some(Flow::VoidPending(p)),
            _ => None,
        }
    }
}

/// Balances from sums of amounts grouped by account, side and flow (what
/// `SELECT debit, flow, SUM(amount_dong) … GROUP BY debit, flow` gives, and the same for
/// credits): equal to [`derive`] over the transfers themselves.
pub fn from_sums(rows: &[(Account, Side, FlowKind, i64)]) -> BTreeMap<Account, Balance> {
    let mut out: BTreeMap<Account, Balance> = BTreeMap::new();
    for (account, side, kind, sum) in rows {
        let b = out.entry(*account).or_default();
        let (posted, pending) = match side {
            Side::Debit => (&mut b.debits_posted, &mut b.debits_pending),
            Side::Credit => (&mut b.credits_posted, &mut b.credits_pending),
        };
        match kind {
            FlowKind::Posted => *posted += sum,
            FlowKind::Pending => *pending += sum,
            FlowKind::Post => {
                *posted += sum;
                *pending -= sum;
            }
            FlowKind::Void => *pending -= sum,
        }
    }
    out
}

/// An account whose stored balance differs from the one its transfers give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Difference {
    pub account: Account,
    pub stored: Balance,
    pub derived: Balance,
}

/// Compares stored balances with those derived from the transfers; empty when they agree.
pub fn reconcile(
    stored: &BTreeMap<Account, Balance>,
    derived: &BTreeMap<Account, Balance>,
) -> Vec<Difference> {
    let mut accounts: Vec<Account> = stored.keys().chain(derived.keys()).copied().collect();
    accounts.sort();
    accounts.dedup();
    accounts
        .into_iter()
        .filter_map(|account| {
            let s = stored.get(&account).copied().unwrap_or_default();
            let d = derived.get(&account).copied().unwrap_or_default();
            (s != d).then_some(Difference {
                account,
                stored: s,
                derived: d,
            })
        })
        .collect()
}

/// The ledger's invariants over a set of balances; the first broken one, named.
pub fn invariants(balances: &BTreeMap<Account, Balance>) -> Result<(), String> {
    let sum = |f: fn(&Balance) -> i64| balances.values().map(f).sum::<i64>();
    if sum(|b| b.debits_posted) != sum(|b| b.credits_posted) {
        return Err("posted debits and credits differ".into());
    }
    if sum(|b| b.debits_pending) != sum(|b| b.credits_pending) {
        return Err("pending debits and credits differ".into());
    }
    for (a, b) in balances {
        if b.debits_posted < 0
            || b.credits_posted < 0
            || b.debits_pending < 0
            || b.credits_pending < 0
        {
            return Err(format!("{} has a negative sum", a.code()));
        }
        if a.debits_limited() && b.free() < 0 {
            return Err(format!("{} is overdrawn", a.code()));
        }
    }
    Ok(())
}

/// The fund's figures: what it received, has available, has committed, has paid.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct FundPosition {
    pub received_dong: i64,
    pub available_dong: i64,
    /// Committed and not yet paid (pending payments included).
    pub committed_dong: i64,
    /// Of the committed, reserved by payments awaiting approval.
    pub pending_dong: i64,
    /// Paid and not yet settled.
    pub disbursed_dong: i64,
    /// Paid and settled: spent for good.
    #[serde(default)]
    pub settled_dong: i64,
    /// Due back from hosts after settlement, not yet received.
    #[serde(default)]
    pub refund_due_dong: i64,
}

impl FundPosition {
    /// Where what was received is now: available, committed, paid and not settled, settled,
    /// due back. Always equal to `received_dong` (the property tests hold it).
    pub fn accounted_dong(&self) -> i64 {
        self.available_dong
            + self.committed_dong
            + self.disbursed_dong
            + self.settled_dong
            + self.refund_due_dong
    }

    /// The lines of the fund's reports, in Vietnamese, in order: what was received, where it is
    /// now (one line per place, the pending payments as a share of the committed), and the sum
    /// of the places, which equals what was received.
    pub fn report_lines(&self) -> [(&'static str, i64); 8] {
        [
            ("Đã nhận (lũy kế)", self.received_dong),
            ("Chưa phân bổ", self.available_dong),
            ("Đã cam kết, chưa chi", self.committed_dong),
            ("    Trong đó: chờ duyệt chi", self.pending_dong),
            ("Đã chi, chưa quyết toán", self.disbursed_dong),
            ("Đã quyết toán (lũy kế)", self.settled_dong),
            ("Phải thu hồi, chưa nộp về", self.refund_due_dong),
            ("Cộng (bằng số đã nhận)", self.accounted_dong()),
        ]
    }
}

/// The balances of the accounts in `book`, given each contract's book.
pub fn in_book(
    balances: &BTreeMap<Account, Balance>,
    book: Book,
    contract_book: impl Fn(i64) -> Book,
) -> BTreeMap<Account, Balance> {
    balances
        .iter()
        .filter(|(a, _)| a.book(a.contract().map(&contract_book)) == Some(book))
        .map(|(a, b)| (*a, *b))
        .collect()
}

/// The position of one book, from its accounts' balances (the caller passes one book's).
pub fn position(balances: &BTreeMap<Account, Balance>) -> FundPosition {
    let mut p = FundPosition::default();
    for (a, b) in balances {
        match a {
            Account::Source(_) | Account::UnitBudget(_) => p.received_dong += -b.posted(),
            Account::Available | Account::UnitAvailable(_) => p.available_dong += b.posted(),
            Account::Committed(_) => {
                p.committed_dong += b.posted();
                p.pending_dong += b.debits_pending;
            }
            Account::Disbursed(_) => p.disbursed_dong += b.posted(),
            Account::Settled(_) => p.settled_dong += b.posted(),
            Account::Refund(_) => p.refund_due_dong += b.posted(),
        }
    }
    p
}
