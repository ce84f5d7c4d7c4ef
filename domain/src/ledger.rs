//! The fund ledger (docs/ledger.md), in the manner of TigerBeetle: double entry over accounts,
//! transfers that are never changed or deleted, two-phase payments (pending, then posted or
//! voided), an idempotency key on every transfer, and named rejections checked in a fixed order
//! before anything is written. Plain data: the server loads what a check needs in its
//! transaction, calls [`check`], writes, and the database's constraints hold the same limits.
//!
//! Money is whole đồng (`i64`); balances are kept as four sums per account, as TigerBeetle does:
//! debits and credits, posted and pending. An account holds `credits_posted − debits_posted`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Lang;

/// Where the fund's money comes from (TT 03/2015 model charter, Art. 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// An account of the fund. Contract accounts carry the contract's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
            _ => None,
        }
    }

    /// Debits (posted and pending together) may never exceed posted credits: the fund cannot
    /// commit money it does not have, nor pay a contract more than was committed to it, nor
    /// settle or claim back more than was paid, nor receive back more than was due.
    pub fn debits_limited(self) -> bool {
        matches!(
            self,
            Account::Available | Account::Committed(_) | Account::Disbursed(_) | Account::Refund(_)
        )
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
        }
    }
}

/// An account's four sums, in đồng.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub id: TransferId,
    pub request: Request,
    pub at: DateTime<Utc>,
}

/// Why a transfer is refused, in the order they are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

impl Rejection {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per problem: the table of messages a translator reads"
    )]
    pub fn message(&self, lang: Lang) -> String {
        use crate::format::format_dong;
        let (vi, en): (String, String) = match self {
            Rejection::KeyMissing => (
                "Thiếu mã chống gửi trùng (idempotency key) của giao dịch.".into(),
                "The transfer has no idempotency key.".into(),
            ),
            Rejection::AmountMustBePositive => (
                "Số tiền phải là số nguyên dương (đồng).".into(),
                "The amount must be a positive whole number of đồng.".into(),
            ),
            Rejection::SameAccount => (
                "Tài khoản ghi nợ và ghi có phải khác nhau.".into(),
                "Debit and credit accounts must differ.".into(),
            ),
            Rejection::KeyReusedDifferently => (
                "Mã giao dịch này đã dùng cho một giao dịch khác nội dung.".into(),
                "This key was already used for a different transfer.".into(),
            ),
            Rejection::PendingNotFound => (
                "Không tìm thấy khoản chi đang chờ duyệt.".into(),
                "No such pending payment.".into(),
            ),
            Rejection::PendingAlreadyPosted => (
                "Khoản chi này đã được duyệt và ghi sổ.".into(),
                "This payment was already approved and posted.".into(),
            ),
            Rejection::PendingAlreadyVoided => (
                "Khoản chi này đã bị từ chối (hủy).".into(),
                "This payment was already rejected (voided).".into(),
            ),
            Rejection::PendingMismatch => (
                "Tài khoản hoặc số tiền không khớp với khoản chi chờ duyệt.".into(),
                "Accounts or amount differ from the pending payment.".into(),
            ),
            Rejection::SamePersonCannotApprove => (
                "Người lập khoản chi không được tự duyệt hoặc từ chối khoản chi đó.".into(),
                "Whoever prepared a payment may not approve or reject it.".into(),
            ),
            Rejection::CorrectedNotFound => (
                "Không tìm thấy giao dịch được điều chỉnh.".into(),
                "The transfer being corrected does not exist.".into(),
            ),
            Rejection::NotCorrectable => (
                "Chỉ điều chỉnh được một khoản thu đã ghi sổ.".into(),
                "Only a posted receipt can be corrected.".into(),
            ),
            Rejection::CorrectionExceedsOriginal { left_dong } => (
                format!(
                    "Số điều chỉnh vượt khoản thu gốc: chỉ còn điều chỉnh được {}.",
                    format_dong(*left_dong)
                ),
                format!(
                    "The correction exceeds the receipt: {} left to correct.",
                    format_dong(*left_dong)
                ),
            ),
            Rejection::ContractNotActive => (
                "Hợp đồng chưa ký hoặc đã chấm dứt, thanh lý: không chi được.".into(),
                "The contract is not signed, or is terminated or closed: no payment.".into(),
            ),
            Rejection::InsufficientAvailable { free_dong } => (
                format!(
                    "Nguồn chưa phân bổ của Quỹ không đủ: chỉ còn {}.",
                    format_dong(*free_dong)
                ),
                format!(
                    "Not enough available in the fund: {} left.",
                    format_dong(*free_dong)
                ),
            ),
            Rejection::ExceedsCommitted { free_dong } => (
                format!(
                    "Vượt kinh phí đã cam kết cho hợp đồng: chỉ còn {} (kể cả các khoản đang chờ duyệt).",
                    format_dong(*free_dong)
                ),
                format!(
                    "Exceeds the contract's commitment: {} left (pending payments included).",
                    format_dong(*free_dong)
                ),
            ),
            Rejection::ExceedsOutstanding { free_dong } => (
                format!(
                    "Vượt số tiền còn lại của hợp đồng: chỉ còn {}.",
                    format_dong(*free_dong)
                ),
                format!(
                    "Exceeds what is outstanding on the contract: {} left.",
                    format_dong(*free_dong)
                ),
            ),
            Rejection::Overflow => (
                "Số tiền vượt giới hạn ghi sổ.".into(),
                "The amount overflows the ledger.".into(),
            ),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
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
    if original.flow != Flow::Posted
        || !matches!(original.debit, Account::Source(_))
        || original.credit != Account::Available
    {
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
    if cx
        .credit
        .credits_posted
        .checked_add(r.amount_dong)
        .is_none()
        || cx.debit.debits_posted.checked_add(r.amount_dong).is_none()
    {
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

fn add(b: &mut Balance, d: &Balance) {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Debit,
    Credit,
}

/// A transfer's flow without the pending id, as stored (`posted`, `pending`, `post`, `void`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

pub fn position(balances: &BTreeMap<Account, Balance>) -> FundPosition {
    let mut p = FundPosition::default();
    for (a, b) in balances {
        match a {
            Account::Source(_) => p.received_dong += -b.posted(),
            Account::Available => p.available_dong += b.posted(),
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

/// An in-memory ledger over the same rules: what the property tests drive, and a model of
/// what the database must do.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub transfers: Vec<Transfer>,
    pub balances: BTreeMap<Account, Balance>,
    /// Contracts signed and not yet terminated or closed.
    pub active_contracts: Vec<i64>,
}

impl Ledger {
    fn context(&self, r: &Request) -> Context {
        let find = |id: TransferId| self.transfers.iter().find(|t| t.id == id).cloned();
        let pending = match r.flow {
            Flow::PostPending(p) | Flow::VoidPending(p) => find(p).map(|t| {
                let resolved = self
                    .transfers
                    .iter()
                    .find(|x| {
                        matches!(x.request.flow, Flow::PostPending(q) | Flow::VoidPending(q) if q == p)
                    })
                    .map(|x| x.request.flow);
                (t, resolved)
            }),
            _ => None,
        };
        let contract = r.debit.contract().or(r.credit.contract());
        Context {
            same_key: self
                .transfers
                .iter()
                .find(|t| t.request.key == r.key)
                .cloned(),
            pending,
            corrected_exists: r.corrects.is_some_and(|c| find(c).is_some()),
            contract_active: contract.is_some_and(|c| self.active_contracts.contains(&c)),
            debit: self.balances.get(&r.debit).copied().unwrap_or_default(),
            credit: self.balances.get(&r.credit).copied().unwrap_or_default(),
        }
    }

    /// Checks and writes one transfer; returns its id (the earlier one on a replay).
    pub fn apply(&mut self, r: Request, at: DateTime<Utc>) -> Result<TransferId, Rejection> {
        match check(&r, &self.context(&r))? {
            Verdict::Replay(id) => Ok(id),
            Verdict::Write => {
                let id = self.transfers.len() as TransferId + 1;
                for (account, change) in effects(&r) {
                    add(self.balances.entry(account).or_default(), &change);
                }
                self.transfers.push(Transfer { id, request: r, at });
                Ok(id)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 2, 0, 0).unwrap()
    }

    fn req(
        key: &str,
        debit: Account,
        credit: Account,
        amount: i64,
        flow: Flow,
        by: i64,
    ) -> Request {
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
}
