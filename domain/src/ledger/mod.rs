//! The fund ledger (docs/ledger.md), in the manner of TigerBeetle: double entry over accounts,
//! transfers that are never changed or deleted, two-phase payments (pending, then posted or
//! voided), an idempotency key on every transfer, and named rejections checked in a fixed order
//! before anything is written. Plain data: the server loads what a check needs in its
//! transaction, calls [`check`], writes, and the database's constraints hold the same limits.
//!
//! Money is whole đồng (`i64`); balances are kept as four sums per account, as TigerBeetle does:
//! debits and credits, posted and pending. An account holds `credits_posted − debits_posted`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;

mod memory;
mod messages;
mod reconcile;

pub use memory::Ledger;
pub use reconcile::{
    derive, from_sums, in_book, invariants, position, reconcile, Difference, FlowKind,
    FundPosition, Side,
};

/// Where the fund's money comes from (TT 03/2015 model charter, Art. 7).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Source {
    /// Provincial budget allocation decisions.
    StateBudget,
    /// Contributions from enterprises, organisations and people.
    Contribution,
    /// Money recovered from tasks (refunds, recoveries).
    Recovered,
    /// Deposit interest.
    Interest,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::StateBudget,
        Source::Contribution,
        Source::Recovered,
        Source::Interest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Source::StateBudget => "state_budget",
            Source::Contribution => "contribution",
            Source::Recovered => "recovered",
            Source::Interest => "interest",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Source::StateBudget => lang.pick("Ngân sách tỉnh cấp", "Provincial budget"),
            Source::Contribution => lang.pick("Đóng góp, tài trợ", "Contributions"),
            Source::Recovered => lang.pick("Thu hồi", "Recovered"),
            Source::Interest => lang.pick("Lãi tiền gửi", "Interest"),
        }
    }
}

/// Whose books an account is in: the fund's, or a managing unit's own budget for the grassroots
/// tasks it pays itself (the rulebook's `fund_pays`, docs/ledger.md "Books"). Money never moves
/// from one book to another ([`Rejection::CrossesBooks`]).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Book {
    Fund,
    Unit(i64),
}

impl Book {
    /// The book of a contract paid by `payer_unit` (none: the fund).
    pub fn of_payer(payer_unit: Option<i64>) -> Book {
        payer_unit.map_or(Book::Fund, Book::Unit)
    }

    /// The managing unit that keeps the book; none for the fund.
    pub fn unit(self) -> Option<i64> {
        match self {
            Book::Fund => None,
            Book::Unit(u) => Some(u),
        }
    }

    /// Where the book's received and not yet committed money is.
    pub fn available(self) -> Account {
        match self {
            Book::Fund => Account::Available,
            Book::Unit(u) => Account::UnitAvailable(u),
        }
    }
}

/// An account of the fund or of a managing unit's book. Contract accounts carry the contract's
/// id; they are in the book of the contract's payer.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Account {
    /// The origin of money received: goes negative by what came in from this source.
    Source(Source),
    /// Received and not yet committed to any contract.
    Available,
    /// Committed to a contract at signing, not yet paid out.
    Committed(i64),
    /// Paid out to the contract's host organisation, not yet settled.
    Disbursed(i64),
    /// Paid and settled (quyết toán): spent on the task for good.
    Settled(i64),
    /// Paid, not settled, due back from the host: a refund owed to the fund until received.
    Refund(i64),
    /// A managing unit's own budget for its grassroots tasks (its S&T allocation): goes
    /// negative by what the unit put into its book.
    UnitBudget(i64),
    /// A managing unit's money received and not yet committed to any of its contracts.
    UnitAvailable(i64),
}

impl Account {
    /// The account's code as stored: `available`, `source:interest`, `committed:12`…
    pub fn code(self) -> String {
        match self {
            Account::Source(s) => format!("source:{}", s.code()),
            Account::Available => "available".into(),
            Account::Committed(c) => format!("committed:{c}"),
            Account::Disbursed(c) => format!("disbursed:{c}"),
            Account::Settled(c) => format!("settled:{c}"),
            Account::Refund(c) => format!("refund:{c}"),
            Account::UnitBudget(u) => format!("unit_budget:{u}"),
            Account::UnitAvailable(u) => format!("unit_available:{u}"),
        }
    }

    pub fn from_code(code: &str) -> Option<Account> {
        if code == "available" {
            return Some(Account::Available);
        }
        let (kind, rest) = code.split_once(':')?;
        match kind {
            "source" => Source::ALL
                .into_iter()
                .find(|s| s.code() == rest)
                .map(Account::Source),
            "committed" => rest.parse().ok().map(Account::Committed),
            "disbursed" => rest.parse().ok().map(Account::Disbursed),
            "settled" => rest.parse().ok().map(Account::Settled),
            "refund" => rest.parse().ok().map(Account::Refund),
            "unit_budget" => rest.parse().ok().map(Account::UnitBudget),
            "unit_available" => rest.parse().ok().map(Account::UnitAvailable),
            _ => None,
        }
    }

    /// Debits (posted and pending together) may never exceed posted credits: the fund cannot
    /// commit money it does not have, nor pay a contract more than was committed to it, nor
    /// settle or claim back more than was paid, nor receive back more than was due.
    pub fn debits_limited(self) -> bool {
        matches!(
            self,
            Account::Available
                | Account::UnitAvailable(_)
                | Account::Committed(_)
                | Account::Disbursed(_)
                | Account::Refund(_)
        )
    }

    /// The book the account is in, given the book of the contract it belongs to (if any).
    pub fn book(self, contract_book: Option<Book>) -> Option<Book> {
        match self {
            Account::Source(_) | Account::Available => Some(Book::Fund),
            Account::UnitBudget(u) | Account::UnitAvailable(u) => Some(Book::Unit(u)),
            _ => contract_book,
        }
    }

    /// Whether money enters its book here (a source of the fund, a unit's budget).
    pub fn is_source(self) -> bool {
        matches!(self, Account::Source(_) | Account::UnitBudget(_))
    }

    /// The contract the account belongs to.
    pub fn contract(self) -> Option<i64> {
        match self {
            Account::Committed(c)
            | Account::Disbursed(c)
            | Account::Settled(c)
            | Account::Refund(c) => Some(c),
            _ => None,
        }
    }

    pub fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (Account::Source(s), _) => s.label(lang).into(),
            (Account::Available, l) => l.pick("Nguồn chưa phân bổ", "Available").into(),
            (Account::Committed(c), Lang::Vi) => format!("Cam kết hợp đồng #{c}"),
            (Account::Committed(c), Lang::En) => format!("Committed to contract #{c}"),
            (Account::Disbursed(c), Lang::Vi) => format!("Đã cấp hợp đồng #{c}"),
            (Account::Disbursed(c), Lang::En) => format!("Paid on contract #{c}"),
            (Account::Settled(c), Lang::Vi) => format!("Đã quyết toán hợp đồng #{c}"),
            (Account::Settled(c), Lang::En) => format!("Settled on contract #{c}"),
            (Account::Refund(c), Lang::Vi) => format!("Phải thu hồi hợp đồng #{c}"),
            (Account::Refund(c), Lang::En) => format!("Refund due on contract #{c}"),
            (Account::UnitBudget(u), Lang::Vi) => format!("Kinh phí của đơn vị quản lý #{u}"),
            (Account::UnitBudget(u), Lang::En) => format!("Managing unit #{u}'s budget"),
            (Account::UnitAvailable(u), Lang::Vi) => {
                format!("Kinh phí chưa phân bổ của đơn vị #{u}")
            }
            (Account::UnitAvailable(u), Lang::En) => format!("Available to unit #{u}"),
        }
    }
}

/// An account's four sums, in đồng.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Balance {
    pub debits_posted: i64,
    pub credits_posted: i64,
    pub debits_pending: i64,
    pub credits_pending: i64,
}

impl Balance {
    /// What the account holds: posted credits less posted debits.
    pub fn posted(&self) -> i64 {
        self.credits_posted - self.debits_posted
    }

    /// What may still be debited from a limited account: posted credits less every debit,
    /// posted or pending (pending payments reserve their money).
    pub fn free(&self) -> i64 {
        self.credits_posted - self.debits_posted - self.debits_pending
    }
}

pub type TransferId = i64;

/// What a transfer does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Flow {
    /// Moves the money now.
    Posted,
    /// Reserves the money until posted or voided (a payment awaiting the director).
    Pending,
    /// Completes a pending transfer: the reserved money moves.
    PostPending(TransferId),
    /// Cancels a pending transfer: the reservation is released.
    VoidPending(TransferId),
}

/// A transfer as requested by a client. `key` is made by the client and names the transfer
/// for ever: the same request sent twice is written once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Request {
    pub key: String,
    pub debit: Account,
    pub credit: Account,
    pub amount_dong: i64,
    pub flow: Flow,
    /// The person asking (the accountant who prepares, the director who approves).
    pub by: i64,
    /// A posted transfer this one corrects (its reverse or complement), named for the record.
    pub corrects: Option<TransferId>,
}

/// A written transfer: the request, its id and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Transfer {
    pub id: TransferId,
    pub request: Request,
    pub at: DateTime<Utc>,
}

/// The most any account's posted debits or credits may come to: 10^17 đồng (a hundred million
/// billion; a province's fund is some ten thousand times less). Every đồng enters through a
/// source's account, so no sum of transfers a report or a database aggregate makes (each đồng
/// moves through a handful of accounts) comes near `i64::MAX`, 9.2 × 10^18.
pub const LIMIT_DONG: i64 = 100_000_000_000_000_000;

/// Why a transfer is refused, in the order they are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Rejection {
    KeyMissing,
    AmountMustBePositive,
    SameAccount,
    /// The key names an earlier transfer with different content.
    KeyReusedDifferently,
    PendingNotFound,
    PendingAlreadyPosted,
    PendingAlreadyVoided,
    /// Posting or voiding must name the pending transfer's own accounts and amount.
    PendingMismatch,
    /// Nobody approves (or voids) a payment they prepared themselves.
    SamePersonCannotApprove,
    CorrectedNotFound,
    /// Only a posted receipt (from a source into available) is corrected this way.
    NotCorrectable,
    /// Corrections of a receipt may not take back more than it brought in.
    CorrectionExceedsOriginal {
        left_dong: i64,
    },
    ContractNotActive,
    /// Money moves within one book: a unit's budget never pays the fund's contracts, nor the
    /// fund a unit's.
    CrossesBooks,
    InsufficientAvailable {
        free_dong: i64,
    },
    ExceedsCommitted {
        free_dong: i64,
    },
    /// Settling or claiming back more than was paid, or receiving back more than is due.
    ExceedsOutstanding {
        free_dong: i64,
    },
    Overflow,
}

/// What a check needs to know, loaded by the caller: the earlier transfer with the same key,
/// the pending transfer being posted or voided with how it was resolved, the transfer being
/// corrected, whether the contract is active, and the two accounts' balances.
#[derive(Clone, Debug, Default)]
pub struct Context {
    pub same_key: Option<Transfer>,
    pub pending: Option<(Transfer, Option<Flow>)>,
    pub corrected_exists: bool,
    pub contract_active: bool,
    /// The book of the contract the transfer concerns (its payer's).
    pub contract_book: Option<Book>,
    pub debit: Balance,
    pub credit: Balance,
}

/// A correction of a posted receipt entered wrongly: money goes back from available to its
/// source in a new transfer naming the receipt, never more than the receipt less what was
/// already corrected (`corrected_dong`). Available money must still cover it ([`check`]).
pub fn check_correction(
    original: &Request,
    corrected_dong: i64,
    amount_dong: i64,
) -> Result<(), Rejection> {
    let receipt = matches!(
        (original.debit, original.credit),
        (Account::Source(_), Account::Available)
    ) || matches!(
        (original.debit, original.credit),
        (Account::UnitBudget(u), Account::UnitAvailable(v)) if u == v
    );
    if original.flow != Flow::Posted || !receipt {
        return Err(Rejection::NotCorrectable);
    }
    if amount_dong <= 0 {
        return Err(Rejection::AmountMustBePositive);
    }
    let left = original.amount_dong - corrected_dong;
    if amount_dong > left {
        return Err(Rejection::CorrectionExceedsOriginal { left_dong: left });
    }
    Ok(())
}

/// What to do with a request that passes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Write it.
    Write,
    /// Already written under this key: answer with that transfer, write nothing.
    Replay(TransferId),
}

/// Checks a request against its context, in TigerBeetle's manner: one named rejection, the
/// first that applies.
pub fn check(r: &Request, cx: &Context) -> Result<Verdict, Rejection> {
    if r.key.trim().is_empty() {
        return Err(Rejection::KeyMissing);
    }
    if let Some(t) = &cx.same_key {
        return if t.request == *r {
            Ok(Verdict::Replay(t.id))
        } else {
            Err(Rejection::KeyReusedDifferently)
        };
    }
    if r.amount_dong <= 0 {
        return Err(Rejection::AmountMustBePositive);
    }
    if r.debit == r.credit {
        return Err(Rejection::SameAccount);
    }
    if let Flow::PostPending(_) | Flow::VoidPending(_) = r.flow {
        let Some((p, resolved)) = &cx.pending else {
            return Err(Rejection::PendingNotFound);
        };
        if p.request.flow != Flow::Pending {
            return Err(Rejection::PendingNotFound);
        }
        match resolved {
            Some(Flow::PostPending(_)) => return Err(Rejection::PendingAlreadyPosted),
            Some(_) => return Err(Rejection::PendingAlreadyVoided),
            None => {}
        }
        if (p.request.debit, p.request.credit, p.request.amount_dong)
            != (r.debit, r.credit, r.amount_dong)
        {
            return Err(Rejection::PendingMismatch);
        }
        if p.request.by == r.by {
            return Err(Rejection::SamePersonCannotApprove);
        }
        // The money was reserved when the payment was prepared: nothing else to check.
        return Ok(Verdict::Write);
    }
    let book = |a: Account| a.book(cx.contract_book);
    if book(r.debit) != book(r.credit) {
        return Err(Rejection::CrossesBooks);
    }
    if r.corrects.is_some() && !cx.corrected_exists {
        return Err(Rejection::CorrectedNotFound);
    }
    // Paying a contract and committing to it need it signed and running; settling it
    // (releasing, settling, claiming back) is the server's to decide when.
    let pays_contract = matches!(
        (r.debit, r.credit),
        (Account::Committed(_), Account::Disbursed(_))
    );
    let commits = matches!(r.credit, Account::Committed(_));
    if (pays_contract || commits) && !cx.contract_active {
        return Err(Rejection::ContractNotActive);
    }
    if r.debit.debits_limited() {
        let free = cx.debit.free();
        if r.amount_dong > free {
            return Err(match r.debit {
                Account::Committed(_) => Rejection::ExceedsCommitted { free_dong: free },
                Account::Disbursed(_) | Account::Refund(_) => {
                    Rejection::ExceedsOutstanding { free_dong: free }
                }
                _ => Rejection::InsufficientAvailable { free_dong: free },
            });
        }
    }
    let beyond = |sum: i64| {
        sum.checked_add(r.amount_dong)
            .is_none_or(|s| s > LIMIT_DONG)
    };
    if beyond(cx.credit.credits_posted) || beyond(cx.debit.debits_posted) {
        return Err(Rejection::Overflow);
    }
    Ok(Verdict::Write)
}

/// How a transfer changes its accounts' sums: `(account, change)` pairs. A pending transfer
/// reserves, posting it moves the reservation into the posted sums, voiding releases it.
pub fn effects(r: &Request) -> [(Account, Balance); 2] {
    let a = r.amount_dong;
    let (d, c) = match r.flow {
        Flow::Posted => (
            Balance {
                debits_posted: a,
                ..Default::default()
            },
            Balance {
                credits_posted: a,
                ..Default::default()
            },
        ),
        Flow::Pending => (
            Balance {
                debits_pending: a,
                ..Default::default()
            },
            Balance {
                credits_pending: a,
                ..Default::default()
            },
        ),
        Flow::PostPending(_) => (
            Balance {
                debits_posted: a,
                debits_pending: -a,
                ..Default::default()
            },
            Balance {
                credits_posted: a,
                credits_pending: -a,
                ..Default::default()
            },
        ),
        Flow::VoidPending(_) => (
            Balance {
                debits_pending: -a,
                ..Default::default()
            },
            Balance {
                credits_pending: -a,
                ..Default::default()
            },
        ),
    };
    [(r.debit, d), (r.credit, c)]
}

#[cfg(test)]
mod tests;
