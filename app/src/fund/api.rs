//! The fund's server functions: its position at any date, receipts from its sources,
//! statements, reconciliation; contracts whose signing commits money; tranche payments
//! prepared by the accountant and approved or rejected by the director, never by the same
//! person. Every write carries the client's idempotency key.

use chrono::{DateTime, Utc};
use domain::contract::{ContractStatus, PaymentStatus, Tranche};
use domain::ledger::{Account, Difference, FlowKind, FundPosition, Source};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

pub const ROWS_PER_PAGE: u64 = 25;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FundView {
    pub position: FundPosition,
    /// Received per source.
    pub by_source: Vec<(Source, i64)>,
    /// The end of the day the figures are for (`None`: now).
    pub as_of: Option<DateTime<Utc>>,
    pub may_receive: bool,
    /// The book shown: the managing unit whose own book it is (`None`: the fund's).
    pub unit: Option<i32>,
    /// The managing units whose books the person may read besides (or instead of) the fund's,
    /// with their names, and whether they may read the fund's.
    pub books: Vec<(i32, String)>,
    pub sees_fund: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TransferRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub debit: Account,
    pub credit: Account,
    pub amount_dong: i64,
    pub flow: FlowKind,
    pub pending_id: Option<i64>,
    pub corrects: Option<i64>,
    pub document: String,
    pub note: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reconciliation {
    pub accounts: u64,
    pub differences: Vec<Difference>,
    /// The first broken invariant of the stored balances, if any.
    pub broken: Option<String>,
    pub position: FundPosition,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PaymentView {
    pub id: i32,
    pub contract_id: i32,
    pub contract_code: String,
    pub tranche_seq: i32,
    pub amount_dong: i64,
    pub status: PaymentStatus,
    pub prepared_by: String,
    pub prepared_at: DateTime<Utc>,
    pub evidence: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: String,
    /// The person asking may approve or reject it (a director who did not prepare it).
    pub may_decide: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContractView {
    pub id: i32,
    pub code: String,
    pub application_id: i32,
    pub title: String,
    pub leader_name: String,
    pub organisation: String,
    pub total_dong: i64,
    pub status: ContractStatus,
    pub signed_at: Option<DateTime<Utc>>,
    pub tranches: Vec<(i32, Tranche)>,
    /// Products with the criteria acceptance will check, carried from the dossier.
    pub products: Vec<domain::application::ExpectedProduct>,
    pub lines: Vec<domain::contract::ContractLine>,
    pub duration_months: u32,
    pub payments: Vec<PaymentView>,
    /// Committed and not yet paid (pending payments included), reserved by pending, paid.
    pub committed_dong: i64,
    pub pending_dong: i64,
    pub disbursed_dong: i64,
    pub may_sign: bool,
    pub may_prepare: bool,
    /// May read the statements of the book it is paid from (fund and department roles, or the
    /// paying unit's staff; not the researcher).
    pub may_view_ledger: bool,
    /// The managing unit that pays the task from its own book, and its name; `None`: the fund.
    pub payer_unit: Option<i32>,
    pub payer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContractRow {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub total_dong: i64,
    pub status: ContractStatus,
}

/// The fund's position now, or at the end of a day (`as_of`: yyyy-mm-dd, Vietnam time); with
/// `unit`, that managing unit's own book (docs/ledger.md, "Books").
#[server(prefix = "/api", endpoint = "fund/position", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn fund_overview(
    as_of: Option<String>,
    #[server(default)] unit: Option<i32>,
) -> Result<FundView, AppError> {
    crate::error::finish(super::server::position::position(as_of, unit).await)
}

/// Records money received by the fund from one of its sources, with its document; with
/// `unit`, the managing unit's own budget put into its book (the source is not asked then).
#[server(prefix = "/api", endpoint = "fund/receive", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn record_receipt(
    key: String,
    source: Source,
    amount_dong: i64,
    document: String,
    note: String,
    #[server(default)] unit: Option<i32>,
) -> Result<i64, AppError> {
    let receipt = super::server::receipts::Receipt {
        source,
        amount_dong,
        document,
        note,
        unit,
    };
    crate::error::finish(super::server::receipts::receive(key, receipt).await)
}

/// The accountant corrects a receipt entered wrongly: part or all of it goes back to its
/// source in a new transfer naming it, with the reason. Nothing is edited.
#[server(prefix = "/api", endpoint = "fund/correct_receipt", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn correct_receipt(
    key: String,
    transfer_id: i64,
    amount_dong: i64,
    note: String,
) -> Result<i64, AppError> {
    crate::error::finish(
        super::server::receipts::correct(key, transfer_id, amount_dong, note).await,
    )
}

/// An account's statement (its code, e.g. `available`, `committed:3`), or every transfer;
/// newest first.
#[server(prefix = "/api", endpoint = "fund/transfers", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn fund_transfers(
    account: Option<String>,
    page: u64,
    #[server(default)] unit: Option<i32>,
) -> Result<Page<TransferRow>, AppError> {
    crate::error::finish(super::server::position::transfers(account, page, unit).await)
}

/// Proves every stored balance equals the one derived from the transfers; names the account
/// that differs if one ever does.
#[server(prefix = "/api", endpoint = "fund/reconcile", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn reconcile_fund(
    #[server(default)] unit: Option<i32>,
) -> Result<Reconciliation, AppError> {
    crate::error::finish(super::server::position::reconcile(unit).await)
}

/// Drafts the contract of a dossier the council passed: its total is the dossier's request
/// from the fund, paid in the given tranches.
#[server(prefix = "/api", endpoint = "contracts/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_contract(application_id: i32, tranches: Vec<Tranche>) -> Result<i32, AppError> {
    crate::error::finish(super::server::contracts::create_contract(application_id, tranches).await)
}

/// The leader signs: the contract's total is committed from the fund's available money in
/// the same transaction, or nothing happens.
#[server(prefix = "/api", endpoint = "contracts/sign", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn sign_contract(id: i32, key: String) -> Result<(), AppError> {
    crate::error::finish(super::server::contracts::sign(id, key).await)
}

#[server(prefix = "/api", endpoint = "contracts/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_contract(id: i32) -> Result<ContractView, AppError> {
    crate::error::finish(super::server::contracts::get_contract(id).await)
}

/// The contract of a dossier, if it has one (for whoever may read the dossier).
#[server(prefix = "/api", endpoint = "contracts/of_application", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn contract_of_application(application_id: i32) -> Result<Option<i32>, AppError> {
    crate::error::finish(super::server::contracts::contract_of(application_id).await)
}

#[server(prefix = "/api", endpoint = "contracts/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_contracts(page: u64) -> Result<Page<ContractRow>, AppError> {
    crate::error::finish(super::server::contracts::list_contracts(page).await)
}

/// The accountant prepares a tranche's payment: pending, its money reserved, until the director
/// decides.
#[server(prefix = "/api", endpoint = "payments/prepare", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn prepare_payment(
    key: String,
    contract_id: i32,
    tranche_seq: i32,
    evidence: String,
) -> Result<i32, AppError> {
    crate::error::finish(
        super::server::payments::prepare(key, contract_id, tranche_seq, evidence).await,
    )
}

/// The director approves a prepared payment: posted, paid once however often it is sent.
#[server(prefix = "/api", endpoint = "payments/approve", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn approve_payment(key: String, payment_id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::payments::decide(key, payment_id, None).await)
}

/// The director rejects a prepared payment with a reason: voided, its money released.
#[server(prefix = "/api", endpoint = "payments/reject", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn reject_payment(key: String, payment_id: i32, reason: String) -> Result<(), AppError> {
    crate::error::finish(super::server::payments::decide(key, payment_id, Some(reason)).await)
}

/// Payments by state (`pending` is the director's queue), oldest first: the fund's, or with
/// `unit` that managing unit's book's.
#[server(prefix = "/api", endpoint = "payments/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_payments(
    status: Option<String>,
    page: u64,
    #[server(default)] unit: Option<i32>,
) -> Result<Page<PaymentView>, AppError> {
    crate::error::finish(super::server::payments::list_payments(status, page, unit).await)
}
