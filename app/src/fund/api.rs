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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundView {
    pub position: FundPosition,
    /// Received per source.
    pub by_source: Vec<(Source, i64)>,
    /// The end of the day the figures are for (`None`: now).
    pub as_of: Option<DateTime<Utc>>,
    pub may_receive: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reconciliation {
    pub accounts: u64,
    pub differences: Vec<Difference>,
    /// The first broken invariant of the stored balances, if any.
    pub broken: Option<String>,
    pub position: FundPosition,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// A budget line as contracted: what the fund pays on it after appraisal, and whether it is
/// lump-sum (settled by products) or settled by documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractLine {
    pub kind: domain::application::BudgetLineKind,
    pub description: String,
    pub fund_dong: i64,
    pub lump_sum: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub lines: Vec<ContractLine>,
    pub duration_months: u32,
    pub payments: Vec<PaymentView>,
    /// Committed and not yet paid (pending payments included), reserved by pending, paid.
    pub committed_dong: i64,
    pub pending_dong: i64,
    pub disbursed_dong: i64,
    pub may_sign: bool,
    pub may_prepare: bool,
    /// May read the fund's statements (fund and department roles; not the researcher).
    pub may_view_ledger: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractRow {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub total_dong: i64,
    pub status: ContractStatus,
}

/// The fund's position now, or at the end of a day (`as_of`: yyyy-mm-dd, Vietnam time).
#[server(prefix = "/api", endpoint = "fund/position", input = Json)]
pub async fn fund_overview(as_of: Option<String>) -> Result<FundView, AppError> {
    crate::error::finish(server::position(as_of).await)
}

/// Records money received by the fund from one of its sources, with its document.
#[server(prefix = "/api", endpoint = "fund/receive", input = Json)]
pub async fn record_receipt(
    key: String,
    source: Source,
    amount_dong: i64,
    document: String,
    note: String,
) -> Result<i64, AppError> {
    crate::error::finish(server::receive(key, source, amount_dong, document, note).await)
}

/// The accountant corrects a receipt entered wrongly: part or all of it goes back to its
/// source in a new transfer naming it, with the reason. Nothing is edited.
#[server(prefix = "/api", endpoint = "fund/correct_receipt", input = Json)]
pub async fn correct_receipt(
    key: String,
    transfer_id: i64,
    amount_dong: i64,
    note: String,
) -> Result<i64, AppError> {
    crate::error::finish(server::correct(key, transfer_id, amount_dong, note).await)
}

/// An account's statement (its code, e.g. `available`, `committed:3`), or every transfer;
/// newest first.
#[server(prefix = "/api", endpoint = "fund/transfers", input = Json)]
pub async fn fund_transfers(
    account: Option<String>,
    page: u64,
) -> Result<Page<TransferRow>, AppError> {
    crate::error::finish(server::transfers(account, page).await)
}

/// Proves every stored balance equals the one derived from the transfers; names the account
/// that differs if one ever does.
#[server(prefix = "/api", endpoint = "fund/reconcile", input = Json)]
pub async fn reconcile_fund() -> Result<Reconciliation, AppError> {
    crate::error::finish(server::reconcile().await)
}

/// Drafts the contract of a dossier the council passed: its total is the dossier's request
/// from the fund, paid in the given tranches.
#[server(prefix = "/api", endpoint = "contracts/create", input = Json)]
pub async fn create_contract(application_id: i32, tranches: Vec<Tranche>) -> Result<i32, AppError> {
    crate::error::finish(server::create_contract(application_id, tranches).await)
}

/// The leader signs: the contract's total is committed from the fund's available money in
/// the same transaction, or nothing happens.
#[server(prefix = "/api", endpoint = "contracts/sign", input = Json)]
pub async fn sign_contract(id: i32, key: String) -> Result<(), AppError> {
    crate::error::finish(server::sign(id, key).await)
}

#[server(prefix = "/api", endpoint = "contracts/get", input = Json)]
pub async fn get_contract(id: i32) -> Result<ContractView, AppError> {
    crate::error::finish(server::get_contract(id).await)
}

/// The contract of a dossier, if it has one (for whoever may read the dossier).
#[server(prefix = "/api", endpoint = "contracts/of_application", input = Json)]
pub async fn contract_of_application(application_id: i32) -> Result<Option<i32>, AppError> {
    crate::error::finish(server::contract_of(application_id).await)
}

#[server(prefix = "/api", endpoint = "contracts/list", input = Json)]
pub async fn list_contracts(page: u64) -> Result<Page<ContractRow>, AppError> {
    crate::error::finish(server::list_contracts(page).await)
}

/// The accountant prepares a tranche's payment: pending, its money reserved, until the director
/// decides.
#[server(prefix = "/api", endpoint = "payments/prepare", input = Json)]
pub async fn prepare_payment(
    key: String,
    contract_id: i32,
    tranche_seq: i32,
    evidence: String,
) -> Result<i32, AppError> {
    crate::error::finish(server::prepare(key, contract_id, tranche_seq, evidence).await)
}

/// The director approves a prepared payment: posted, paid once however often it is sent.
#[server(prefix = "/api", endpoint = "payments/approve", input = Json)]
pub async fn approve_payment(key: String, payment_id: i32) -> Result<(), AppError> {
    crate::error::finish(server::decide(key, payment_id, None).await)
}

/// The director rejects a prepared payment with a reason: voided, its money released.
#[server(prefix = "/api", endpoint = "payments/reject", input = Json)]
pub async fn reject_payment(key: String, payment_id: i32, reason: String) -> Result<(), AppError> {
    crate::error::finish(server::decide(key, payment_id, Some(reason)).await)
}

/// Payments by state (`pending` is the director's queue), oldest first.
#[server(prefix = "/api", endpoint = "payments/list", input = Json)]
pub async fn list_payments(
    status: Option<String>,
    page: u64,
) -> Result<Page<PaymentView>, AppError> {
    crate::error::finish(server::list_payments(status, page).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::auth::server::{audit, now, require, require_user, Account as Me};
    use crate::db::entities::{
        application, contract, contract_tranche, fund_account, fund_transfer, organisation,
        payment, task_approval, user,
    };
    use crate::db::retry::{retrying, Attempt};
    use crate::db::state;
    use crate::error::Problem;
    use crate::fund::ledger::{self, Meta};
    use crate::list::{count_rows, page_and_offset};
    use domain::application::{ApplicationForm, FormProblem};
    use domain::ledger::{Flow, Request};
    use domain::roles::{Permission, Scope};
    use sea_orm::sea_query::ExprTrait;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, Set, TransactionTrait,
    };

    /// Attempts at a ledger write when others race it (32 directors on one payment at once).
    pub(crate) const ATTEMPTS: u64 = 60;

    fn internal<E: std::error::Error + 'static>(e: E) -> AppError {
        crate::error::internal(&e)
    }

    pub(crate) fn seed(key: &str) -> u64 {
        key.bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b.into()))
    }

    pub(crate) fn key_of(key: &str) -> Result<String, AppError> {
        let key = key.trim();
        if key.is_empty() || key.len() > 100 {
            return Err(AppError::invalid(
                "key",
                Problem::Ledger(domain::ledger::Rejection::KeyMissing),
            ));
        }
        Ok(key.to_string())
    }

    pub(crate) fn text(
        field: &str,
        s: &str,
        required: bool,
        max: usize,
    ) -> Result<String, AppError> {
        let s = s.trim().to_string();
        if required && s.is_empty() {
            return Err(AppError::invalid(
                field,
                Problem::Form(FormProblem::Required),
            ));
        }
        if s.chars().count() > max {
            return Err(AppError::invalid(
                field,
                Problem::Form(FormProblem::TooLong { max_chars: max }),
            ));
        }
        Ok(s)
    }

    pub async fn position(as_of: Option<String>) -> Result<FundView, AppError> {
        let me = require(Permission::ViewFund, Scope::Global)?;
        let db = &state()?.db;
        let until = match as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(day) => Some(
                domain::format::parse_vietnam_local(&format!("{day}T23:59:59"))
                    .ok_or_else(|| AppError::invalid("as_of", Problem::NotANumber))?,
            ),
            None => None,
        };
        // Now: the stored sums, added up by the database; at a past date: the sums of the
        // transfers until then.
        let balances = match until {
            None => ledger::position_balances(db).await?,
            Some(_) => ledger::stored_and_derived(db, until).await?.1,
        };
        let by_source = Source::ALL
            .into_iter()
            .map(|s| {
                (
                    s,
                    -balances
                        .get(&Account::Source(s))
                        .map(|b| b.posted())
                        .unwrap_or_default(),
                )
            })
            .collect();
        Ok(FundView {
            position: domain::ledger::position(&balances),
            by_source,
            as_of: until,
            may_receive: me.may(Permission::RecordFundReceipts, Scope::Global),
        })
    }

    pub async fn receive(
        key: String,
        source: Source,
        amount_dong: i64,
        document: String,
        note: String,
    ) -> Result<i64, AppError> {
        let me = require(Permission::RecordFundReceipts, Scope::Global)?;
        let key = key_of(&key)?;
        let document = text("document", &document, true, 200)?;
        let note = text("note", &note, false, 2_000)?;
        if amount_dong <= 0 {
            return Err(AppError::invalid(
                "amount_dong",
                Problem::Ledger(domain::ledger::Rejection::AmountMustBePositive),
            ));
        }
        let db = &state()?.db;
        let r = Request {
            key: key.clone(),
            debit: Account::Source(source),
            credit: Account::Available,
            amount_dong,
            flow: Flow::Posted,
            by: me.user_id.into(),
            corrects: None,
        };
        let meta = Meta {
            contract_id: None,
            document,
            note,
        };
        retrying("fund receipt", seed(&key), ATTEMPTS, || async {
            let now = now();
            let txn = db.begin().await?;
            let (id, written) = ledger::write(&txn, &r, &meta, now).await?;
            if written {
                audit(
                    &txn,
                    now,
                    Some(me.user_id),
                    "fund_receipt_recorded",
                    ("fund_transfer", id),
                    serde_json::json!({ "source": source.code(), "amount_dong": amount_dong }),
                )
                .await?;
            }
            txn.commit().await?;
            Ok(id)
        })
        .await
    }

    pub async fn correct(
        key: String,
        transfer_id: i64,
        amount_dong: i64,
        note: String,
    ) -> Result<i64, AppError> {
        let me = require(Permission::RecordFundReceipts, Scope::Global)?;
        let key = key_of(&key)?;
        let note = text("note", &note, true, 2_000)?;
        let db = &state()?.db;
        let me = &me;
        retrying("receipt correction", seed(&key), ATTEMPTS, || {
            let (key, note) = (key.clone(), note.clone());
            async move {
                let now = now();
                let txn = db.begin().await?;
                let original = fund_transfer::Entity::find_by_id(transfer_id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let original_req = ledger::request_of(&original)?;
                let r = Request {
                    key,
                    debit: Account::Available,
                    credit: original_req.debit,
                    amount_dong,
                    flow: Flow::Posted,
                    by: me.user_id.into(),
                    corrects: Some(transfer_id),
                };
                // A replay is answered by the ledger before the limit below is looked at.
                let replay = fund_transfer::Entity::find()
                    .filter(fund_transfer::Column::Key.eq(r.key.as_str()))
                    .one(&txn)
                    .await?
                    .is_some();
                if !replay {
                    let corrected: Option<i64> = fund_transfer::Entity::find()
                        .select_only()
                        .column_as(
                            sea_orm::sea_query::Expr::cust("CAST(SUM(amount_dong) AS BIGINT)"),
                            "total",
                        )
                        .filter(fund_transfer::Column::Corrects.eq(transfer_id))
                        .into_tuple()
                        .one(&txn)
                        .await?
                        .flatten();
                    domain::ledger::check_correction(
                        &original_req,
                        corrected.unwrap_or(0),
                        amount_dong,
                    )
                    .map_err(|rej| AppError::invalid("amount_dong", Problem::Ledger(rej)))?;
                }
                let meta = Meta {
                    contract_id: None,
                    document: format!("Điều chỉnh giao dịch #{transfer_id}"),
                    note,
                };
                let (id, written) = ledger::write(&txn, &r, &meta, now).await?;
                if written {
                    audit(
                        &txn,
                        now,
                        Some(me.user_id),
                        "fund_receipt_corrected",
                        ("fund_transfer", id),
                        serde_json::json!({ "corrects": transfer_id, "amount_dong": amount_dong }),
                    )
                    .await?;
                }
                txn.commit().await?;
                Ok(id)
            }
        })
        .await
    }

    pub async fn transfers(
        account: Option<String>,
        page: u64,
    ) -> Result<Page<TransferRow>, AppError> {
        require(Permission::ViewFund, Scope::Global)?;
        let db = &state()?.db;
        let mut select = fund_transfer::Entity::find();
        if let Some(code) = account.as_deref().filter(|c| !c.is_empty()) {
            let a = Account::from_code(code)
                .ok_or_else(|| AppError::invalid("account", Problem::UnknownChoice))?;
            select = select.filter(
                fund_transfer::Column::Debit
                    .eq(a.code())
                    .or(fund_transfer::Column::Credit.eq(a.code())),
            );
        }
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, ROWS_PER_PAGE);
        let rows = select
            .order_by_desc(fund_transfer::Column::Id)
            .offset(offset)
            .limit(ROWS_PER_PAGE)
            .all(db)
            .await?;
        let names = names_of(db, rows.iter().map(|r| r.by_user).collect()).await?;
        let items = rows
            .iter()
            .map(|r| {
                let req = ledger::request_of(r)?;
                Ok(TransferRow {
                    id: r.id,
                    at: r.at,
                    debit: req.debit,
                    credit: req.credit,
                    amount_dong: r.amount_dong,
                    flow: FlowKind::of(req.flow),
                    pending_id: r.pending_id,
                    corrects: r.corrects,
                    document: r.document.clone(),
                    note: r.note.clone(),
                    by: names.get(&r.by_user).cloned().unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Page::new(items, page, ROWS_PER_PAGE, total))
    }

    async fn names_of(
        db: &impl ConnectionTrait,
        mut ids: Vec<i32>,
    ) -> Result<std::collections::HashMap<i32, String>, AppError> {
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Default::default());
        }
        Ok(user::Entity::find()
            .select_only()
            .columns([user::Column::Id, user::Column::DisplayName])
            .filter(user::Column::Id.is_in(ids))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect())
    }

    pub async fn reconcile() -> Result<Reconciliation, AppError> {
        require(Permission::ViewFund, Scope::Global)?;
        let db = &state()?.db;
        // One read transaction, so no transfer lands between the two reads.
        let txn = db.begin().await?;
        let (stored, derived) = ledger::stored_and_derived(&txn, None).await?;
        txn.commit().await?;
        Ok(Reconciliation {
            accounts: stored.len() as u64,
            differences: domain::ledger::reconcile(&stored, &derived),
            broken: domain::ledger::invariants(&stored).err(),
            position: domain::ledger::position(&stored),
        })
    }

    fn status_of(c: &contract::Model) -> Result<ContractStatus, AppError> {
        ContractStatus::from_code(&c.status).ok_or(AppError::Internal)
    }

    pub async fn create_contract(
        application_id: i32,
        tranches: Vec<Tranche>,
    ) -> Result<i32, AppError> {
        let me = require(Permission::DraftContracts, Scope::Global)?;
        let db = &state()?.db;
        let a = application::Entity::find_by_id(application_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        // Approved by the leader, for the appraised amount.
        let approval = task_approval::Entity::find_by_id(application_id)
            .one(db)
            .await?
            .filter(|r| domain::appraisal::Decision::approves(r.decision.as_deref()))
            .ok_or_else(|| AppError::invalid("application_id", Problem::NotApproved))?;
        let form: ApplicationForm = serde_json::from_str(&a.form).map_err(internal)?;
        let total = approval.approved_fund_dong;
        if let Some(i) = domain::contract::check_tranches(total, &tranches)
            .into_iter()
            .next()
        {
            return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
        }
        let leader = form
            .team
            .iter()
            .find(|m| m.role == domain::application::TeamRole::Leader)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let now = now();
        let txn = db.begin().await?;
        let changes: Vec<domain::appraisal::LineChange> =
            serde_json::from_str(&approval.changes).map_err(internal)?;
        let lines: Vec<ContractLine> = form
            .budget
            .iter()
            .zip(domain::appraisal::approved_lines(&form.budget, &changes))
            .map(|(l, fund_dong)| ContractLine {
                kind: l.kind,
                description: l.description.clone(),
                fund_dong,
                lump_sum: l.lump_sum,
            })
            .collect();
        let terms = serde_json::json!({
            "products": form.products,
            "lines": lines,
            "duration_months": form.duration_months,
        });
        let row = contract::ActiveModel {
            application_id: Set(a.id),
            // Numbered once the id is known, below.
            code: Set(format!("tmp-{}", a.id)),
            title: Set(form.title.clone()),
            organisation_id: Set(a.organisation_id),
            leader_name: Set(leader),
            total_dong: Set(total),
            status: Set(ContractStatus::Draft.code().into()),
            terms: Set(terms.to_string()),
            created_by: Set(me.user_id),
            created_at: Set(now),
            signed_by: Set(None),
            signed_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::invalid("application_id", Problem::ContractExists)
            }
            _ => e.into(),
        })?;
        let year = now
            .with_timezone(&domain::format::vietnam_offset())
            .format("%Y");
        let year: i32 = year.to_string().parse().unwrap_or(2026);
        let mut active: contract::ActiveModel = row.clone().into();
        active.code = Set(domain::contract::contract_code(year, row.id));
        active.update(&txn).await?;
        for (i, t) in tranches.iter().enumerate() {
            contract_tranche::ActiveModel {
                contract_id: Set(row.id),
                seq: Set(i as i32 + 1),
                amount_dong: Set(t.amount_dong),
                due_at: Set(t.due_at),
                condition: Set(t.condition.trim().to_string()),
            }
            .insert(&txn)
            .await?;
        }
        audit(
            &txn,
            now,
            Some(me.user_id),
            "contract_drafted",
            ("contract", row.id.into()),
            serde_json::json!({ "application": a.id, "total_dong": total }),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    pub async fn sign(id: i32, key: String) -> Result<(), AppError> {
        let me = require(Permission::SignContracts, Scope::Global)?;
        let key = key_of(&key)?;
        let db = &state()?.db;
        let me = &me;
        retrying("contract signing", seed(&key), ATTEMPTS, || {
            let key = key.clone();
            async move {
                let now = now();
                let txn = db.begin().await?;
                let c = contract::Entity::find_by_id(id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                match status_of(&c)? {
                    ContractStatus::Draft => {}
                    // Signed already: the same request again changes nothing.
                    ContractStatus::Active if c.signed_by == Some(me.user_id) => return Ok(()),
                    _ => {
                        return Err(Attempt::Failed(AppError::invalid(
                            "status",
                            Problem::ContractNotDraft,
                        )))
                    }
                }
                // Active first, so the commitment's check sees a signed contract.
                let done = contract::Entity::update_many()
                    .col_expr(
                        contract::Column::Status,
                        sea_orm::sea_query::Expr::value(ContractStatus::Active.code()),
                    )
                    .col_expr(
                        contract::Column::SignedBy,
                        sea_orm::sea_query::Expr::value(Some(me.user_id)),
                    )
                    .col_expr(
                        contract::Column::SignedAt,
                        sea_orm::sea_query::Expr::value(Some(now)),
                    )
                    .filter(contract::Column::Id.eq(id))
                    .filter(contract::Column::Status.eq(ContractStatus::Draft.code()))
                    .exec(&txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(Attempt::Raced);
                }
                let r = Request {
                    key: key.clone(),
                    debit: Account::Available,
                    credit: Account::Committed(id.into()),
                    amount_dong: c.total_dong,
                    flow: Flow::Posted,
                    by: me.user_id.into(),
                    corrects: None,
                };
                let meta = Meta {
                    contract_id: Some(id),
                    document: c.code.clone(),
                    note: "Cam kết kinh phí khi ký hợp đồng".into(),
                };
                ledger::write(&txn, &r, &meta, now).await?;
                crate::execution::api::server::schedule_reports(&txn, id).await?;
                audit(
                    &txn,
                    now,
                    Some(me.user_id),
                    "contract_signed",
                    ("contract", id.into()),
                    serde_json::json!({ "committed_dong": c.total_dong }),
                )
                .await?;
                txn.commit().await?;
                Ok(())
            }
        })
        .await
    }

    /// Who may read a contract: fund and department roles, members of its acceptance council,
    /// and whoever may read its dossier.
    async fn readable(
        db: &impl ConnectionTrait,
        me: &Me,
        c: &contract::Model,
    ) -> Result<(), AppError> {
        if me.may(Permission::ViewFund, Scope::Global)
            || me.may(Permission::SuperviseTasks, Scope::Global)
        {
            return Ok(());
        }
        // Members of its acceptance council read the contract they judge.
        use crate::db::entities::acceptance_member;
        if acceptance_member::Entity::find_by_id((c.id, me.user_id))
            .one(db)
            .await?
            .is_some()
        {
            return Ok(());
        }
        let a = application::Entity::find_by_id(c.application_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::applications::api::server::readable(db, me, &a).await
    }

    pub async fn contract_of(application_id: i32) -> Result<Option<i32>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let Some(c) = contract::Entity::find()
            .filter(contract::Column::ApplicationId.eq(application_id))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        readable(db, &me, &c).await?;
        Ok(Some(c.id))
    }

    async fn payment_views(
        db: &impl ConnectionTrait,
        me: &Me,
        rows: Vec<payment::Model>,
    ) -> Result<Vec<PaymentView>, AppError> {
        let mut people: Vec<i32> = rows.iter().map(|p| p.prepared_by).collect();
        people.extend(rows.iter().filter_map(|p| p.decided_by));
        let names = names_of(db, people).await?;
        let transfer_ids: Vec<i64> = rows.iter().map(|p| p.pending_transfer_id).collect();
        let amounts: std::collections::HashMap<i64, i64> = fund_transfer::Entity::find()
            .select_only()
            .columns([fund_transfer::Column::Id, fund_transfer::Column::AmountDong])
            .filter(fund_transfer::Column::Id.is_in(transfer_ids))
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let contract_ids: Vec<i32> = rows.iter().map(|p| p.contract_id).collect();
        let codes: std::collections::HashMap<i32, String> = contract::Entity::find()
            .select_only()
            .columns([contract::Column::Id, contract::Column::Code])
            .filter(contract::Column::Id.is_in(contract_ids))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let director = me.may(Permission::ApprovePayments, Scope::Global);
        rows.into_iter()
            .map(|p| {
                Ok(PaymentView {
                    id: p.id,
                    contract_id: p.contract_id,
                    contract_code: codes.get(&p.contract_id).cloned().unwrap_or_default(),
                    tranche_seq: p.tranche_seq,
                    amount_dong: amounts
                        .get(&p.pending_transfer_id)
                        .copied()
                        .unwrap_or_default(),
                    may_decide: director
                        && p.status == PaymentStatus::Pending.code()
                        && p.prepared_by != me.user_id,
                    status: PaymentStatus::from_code(&p.status).ok_or(AppError::Internal)?,
                    prepared_by: names.get(&p.prepared_by).cloned().unwrap_or_default(),
                    prepared_at: p.prepared_at,
                    evidence: p.evidence,
                    decided_by: p.decided_by.and_then(|d| names.get(&d).cloned()),
                    decided_at: p.decided_at,
                    reason: p.reason,
                })
            })
            .collect()
    }

    pub async fn get_contract(id: i32) -> Result<ContractView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let c = contract::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        readable(db, &me, &c).await?;
        let tranches = contract_tranche::Entity::find()
            .filter(contract_tranche::Column::ContractId.eq(id))
            .order_by_asc(contract_tranche::Column::Seq)
            .limit(domain::contract::MAX_TRANCHES as u64)
            .all(db)
            .await?
            .into_iter()
            .map(|t| {
                (
                    t.seq,
                    Tranche {
                        amount_dong: t.amount_dong,
                        due_at: t.due_at,
                        condition: t.condition,
                    },
                )
            })
            .collect();
        let payments = payment::Entity::find()
            .filter(payment::Column::ContractId.eq(id))
            .order_by_asc(payment::Column::Id)
            .limit(200)
            .all(db)
            .await?;
        let payments = payment_views(db, &me, payments).await?;
        let balance =
            |a: Account| async move { fund_account::Entity::find_by_id(a.code()).one(db).await };
        let committed = balance(Account::Committed(id.into())).await?;
        let disbursed = balance(Account::Disbursed(id.into())).await?;
        let organisation = match c.organisation_id {
            Some(o) => organisation::Entity::find_by_id(o)
                .one(db)
                .await?
                .map(|o| o.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let status = status_of(&c)?;
        let terms: serde_json::Value = serde_json::from_str(&c.terms).map_err(internal)?;
        let products = serde_json::from_value(terms["products"].clone()).unwrap_or_default();
        let lines = serde_json::from_value(terms["lines"].clone()).unwrap_or_default();
        let duration_months = terms["duration_months"].as_u64().unwrap_or(0) as u32;
        Ok(ContractView {
            products,
            lines,
            duration_months,
            id: c.id,
            code: c.code,
            application_id: c.application_id,
            title: c.title,
            leader_name: c.leader_name,
            organisation,
            total_dong: c.total_dong,
            status,
            signed_at: c.signed_at,
            tranches,
            payments,
            committed_dong: committed
                .as_ref()
                .map(|b| b.credits_posted - b.debits_posted)
                .unwrap_or_default(),
            pending_dong: committed
                .as_ref()
                .map(|b| b.debits_pending)
                .unwrap_or_default(),
            // Everything paid, settled or not.
            disbursed_dong: disbursed
                .as_ref()
                .map(|b| b.credits_posted)
                .unwrap_or_default(),
            may_sign: status == ContractStatus::Draft
                && me.may(Permission::SignContracts, Scope::Global),
            may_prepare: status == ContractStatus::Active
                && me.may(Permission::PreparePayments, Scope::Global),
            may_view_ledger: me.may(Permission::ViewFund, Scope::Global),
        })
    }

    pub async fn list_contracts(page: u64) -> Result<Page<ContractRow>, AppError> {
        let me = require_user()?;
        if !me.may(Permission::ViewFund, Scope::Global)
            && !me.may(Permission::DraftContracts, Scope::Global)
        {
            return Err(AppError::Forbidden);
        }
        let db = &state()?.db;
        let select = contract::Entity::find();
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, ROWS_PER_PAGE);
        let items = select
            .order_by_desc(contract::Column::Id)
            .offset(offset)
            .limit(ROWS_PER_PAGE)
            .all(db)
            .await?
            .into_iter()
            .map(|c| {
                Ok(ContractRow {
                    status: status_of(&c)?,
                    id: c.id,
                    code: c.code,
                    title: c.title,
                    total_dong: c.total_dong,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Page::new(items, page, ROWS_PER_PAGE, total))
    }

    pub async fn prepare(
        key: String,
        contract_id: i32,
        tranche_seq: i32,
        evidence: String,
    ) -> Result<i32, AppError> {
        let me = require(Permission::PreparePayments, Scope::Global)?;
        let key = key_of(&key)?;
        let evidence = text("evidence", &evidence, true, 2_000)?;
        let db = &state()?.db;
        let me = &me;
        retrying("payment preparation", seed(&key), ATTEMPTS, || {
            let (key, evidence) = (key.clone(), evidence.clone());
            async move {
                let now = now();
                let txn = db.begin().await?;
                let c = contract::Entity::find_by_id(contract_id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let tranche = contract_tranche::Entity::find_by_id((contract_id, tranche_seq))
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let r = Request {
                    key: key.clone(),
                    debit: Account::Committed(contract_id.into()),
                    credit: Account::Disbursed(contract_id.into()),
                    amount_dong: tranche.amount_dong,
                    flow: Flow::Pending,
                    by: me.user_id.into(),
                    corrects: None,
                };
                // A replay answers with the payment the key made.
                if let Some(t) = fund_transfer::Entity::find()
                    .filter(fund_transfer::Column::Key.eq(key.as_str()))
                    .one(&txn)
                    .await?
                {
                    if ledger::request_of(&t)? == r {
                        let p = payment::Entity::find()
                            .filter(payment::Column::PendingTransferId.eq(t.id))
                            .one(&txn)
                            .await?
                            .ok_or(AppError::Internal)?;
                        return Ok(p.id);
                    }
                }
                let live = payment::Entity::find()
                    .filter(payment::Column::ContractId.eq(contract_id))
                    .filter(payment::Column::TrancheSeq.eq(tranche_seq))
                    .filter(payment::Column::Live.eq(true))
                    .one(&txn)
                    .await?;
                if live.is_some() {
                    return Err(Attempt::Failed(AppError::invalid(
                        "tranche_seq",
                        Problem::TrancheAlreadyPaid,
                    )));
                }
                let meta = Meta {
                    contract_id: Some(contract_id),
                    document: format!("{} · đợt {tranche_seq}", c.code),
                    note: evidence.clone(),
                };
                let (transfer_id, _) = ledger::write(&txn, &r, &meta, now).await?;
                let p = payment::ActiveModel {
                    contract_id: Set(contract_id),
                    tranche_seq: Set(tranche_seq),
                    pending_transfer_id: Set(transfer_id),
                    status: Set(PaymentStatus::Pending.code().into()),
                    live: Set(Some(true)),
                    prepared_by: Set(me.user_id),
                    prepared_at: Set(now),
                    evidence: Set(evidence),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    reason: Set(String::new()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                audit(
                    &txn,
                    now,
                    Some(me.user_id),
                    "payment_prepared",
                    ("contract", contract_id.into()),
                    serde_json::json!({ "payment": p.id, "tranche": tranche_seq, "amount_dong": tranche.amount_dong }),
                )
                .await?;
                txn.commit().await?;
                Ok(p.id)
            }
        })
        .await
    }

    /// Approves (`reason: None`) or rejects a pending payment.
    pub async fn decide(
        key: String,
        payment_id: i32,
        reason: Option<String>,
    ) -> Result<(), AppError> {
        let me = require(Permission::ApprovePayments, Scope::Global)?;
        let key = key_of(&key)?;
        let reason = match reason {
            Some(r) => Some(text("reason", &r, true, 2_000)?),
            None => None,
        };
        let db = &state()?.db;
        let me = &me;
        retrying("payment decision", seed(&key), ATTEMPTS, || {
            let (key, reason) = (key.clone(), reason.clone());
            async move {
                let now = now();
                let txn = db.begin().await?;
                let p = payment::Entity::find_by_id(payment_id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let pending = fund_transfer::Entity::find_by_id(p.pending_transfer_id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::Internal)?;
                let pending = ledger::request_of(&pending)?;
                let r = Request {
                    key,
                    flow: if reason.is_some() {
                        Flow::VoidPending(p.pending_transfer_id)
                    } else {
                        Flow::PostPending(p.pending_transfer_id)
                    },
                    by: me.user_id.into(),
                    corrects: None,
                    ..pending
                };
                let meta = Meta {
                    contract_id: Some(p.contract_id),
                    document: String::new(),
                    note: reason.clone().unwrap_or_default(),
                };
                let (_, written) = ledger::write(&txn, &r, &meta, now).await?;
                if !written {
                    return Ok(());
                }
                let (status, live) = if reason.is_some() {
                    (PaymentStatus::Voided.code(), None)
                } else {
                    (PaymentStatus::Posted.code(), Some(true))
                };
                let done = payment::Entity::update_many()
                    .col_expr(
                        payment::Column::Status,
                        sea_orm::sea_query::Expr::value(status),
                    )
                    .col_expr(payment::Column::Live, sea_orm::sea_query::Expr::value(live))
                    .col_expr(
                        payment::Column::DecidedBy,
                        sea_orm::sea_query::Expr::value(Some(me.user_id)),
                    )
                    .col_expr(
                        payment::Column::DecidedAt,
                        sea_orm::sea_query::Expr::value(Some(now)),
                    )
                    .col_expr(
                        payment::Column::Reason,
                        sea_orm::sea_query::Expr::value(reason.clone().unwrap_or_default()),
                    )
                    .filter(payment::Column::Id.eq(payment_id))
                    .filter(payment::Column::Status.eq(PaymentStatus::Pending.code()))
                    .exec(&txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(Attempt::Raced);
                }
                audit(
                    &txn,
                    now,
                    Some(me.user_id),
                    if reason.is_some() {
                        "payment_rejected"
                    } else {
                        "payment_approved"
                    },
                    ("contract", p.contract_id.into()),
                    serde_json::json!({ "payment": payment_id }),
                )
                .await?;
                txn.commit().await?;
                Ok(())
            }
        })
        .await
    }

    pub async fn list_payments(
        status: Option<String>,
        page: u64,
    ) -> Result<Page<PaymentView>, AppError> {
        let me = require(Permission::ViewFund, Scope::Global)?;
        let db = &state()?.db;
        let mut select = payment::Entity::find();
        if let Some(s) = status.as_deref().filter(|s| !s.is_empty()) {
            let s = PaymentStatus::from_code(s)
                .ok_or_else(|| AppError::invalid("status", Problem::UnknownChoice))?;
            select = select.filter(payment::Column::Status.eq(s.code()));
        }
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, ROWS_PER_PAGE);
        let rows = select
            .order_by_asc(payment::Column::Id)
            .offset(offset)
            .limit(ROWS_PER_PAGE)
            .all(db)
            .await?;
        Ok(Page::new(
            payment_views(db, &me, rows).await?,
            page,
            ROWS_PER_PAGE,
            total,
        ))
    }
}
