//! The ledger's storage (server only): one transfer is written in the caller's transaction
//! after `domain::ledger::check` passed against what the database holds, and the accounts' sums
//! change by guarded updates, so two writers racing for the same money cannot both win: the
//! loser's update matches no row (or breaks a CHECK constraint, or the unique key / the unique
//! resolution of a pending transfer), its transaction is retried, and the retry's check gives
//! the named rejection.

use chrono::{DateTime, Utc};
use domain::ledger::{
    check, effects, Account, Balance, Book, Context, Flow, FlowKind, Request, Transfer, TransferId,
    Verdict,
};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::db::entities::{contract, fund_account, fund_transfer};
use crate::db::retry::Attempt;
use crate::error::{AppError, Problem};

/// What a transfer records besides its accounts and amount.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub contract_id: Option<i32>,
    /// The source document: allocation decision, contribution agreement, payment order…
    pub document: String,
    pub note: String,
}

pub fn request_of(row: &fund_transfer::Model) -> Result<Request, AppError> {
    let account = |code: &str| Account::from_code(code).ok_or(AppError::Internal);
    Ok(Request {
        key: row.key.clone(),
        debit: account(&row.debit)?,
        credit: account(&row.credit)?,
        amount_dong: row.amount_dong,
        flow: FlowKind::from_code(&row.flow)
            .and_then(|k| k.with(row.pending_id))
            .ok_or(AppError::Internal)?,
        by: row.by_user.into(),
        corrects: row.corrects,
    })
}

pub fn transfer_of(row: &fund_transfer::Model) -> Result<Transfer, AppError> {
    Ok(Transfer {
        id: row.id,
        request: request_of(row)?,
        at: row.at,
    })
}

/// Whether a transfer was already written under `key`: a replay is answered by the ledger,
/// before the command's own checks of the present state.
pub async fn key_used(db: &impl ConnectionTrait, key: &str) -> Result<bool, AppError> {
    Ok(fund_transfer::Entity::find()
        .filter(fund_transfer::Column::Key.eq(key))
        .one(db)
        .await?
        .is_some())
}

/// An account row's four sums as the domain reads them.
pub fn balance_of(row: &fund_account::Model) -> Balance {
    Balance {
        debits_posted: row.debits_posted,
        credits_posted: row.credits_posted,
        debits_pending: row.debits_pending,
        credits_pending: row.credits_pending,
    }
}

async fn balance(db: &impl ConnectionTrait, account: Account) -> Result<Balance, AppError> {
    Ok(fund_account::Entity::find_by_id(account.code())
        .one(db)
        .await?
        .map(|r| balance_of(&r))
        .unwrap_or_default())
}

/// The unit column of a book's rows: NULL for the fund's.
fn unit_column(book: Book) -> Option<i32> {
    book.unit().and_then(|u| i32::try_from(u).ok())
}

/// Rows of `book` only: `column IS NULL` for the fund's, `= unit` for a unit's.
pub fn in_book<C: ColumnTrait>(column: C, book: Book) -> sea_orm::Condition {
    match unit_column(book) {
        None => sea_orm::Condition::all().add(column.is_null()),
        Some(u) => sea_orm::Condition::all().add(column.eq(u)),
    }
}

async fn ensure_account(
    db: &impl ConnectionTrait,
    account: Account,
    book: Book,
) -> Result<(), sea_orm::DbErr> {
    let kind = account
        .code()
        .split(':')
        .next()
        .unwrap_or_default()
        .to_string();
    fund_account::Entity::insert(fund_account::ActiveModel {
        code: Set(account.code()),
        kind: Set(kind),
        contract_id: Set(account.contract().and_then(|c| i32::try_from(c).ok())),
        limited: Set(account.debits_limited()),
        unit_id: Set(unit_column(book)),
        debits_posted: Set(0),
        credits_posted: Set(0),
        debits_pending: Set(0),
        credits_pending: Set(0),
        transfers: Set(0),
    })
    .on_conflict(
        OnConflict::column(fund_account::Column::Code)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Loads what [`check`] needs for `r`.
async fn context(db: &impl ConnectionTrait, r: &Request) -> Result<Context, AppError> {
    let same_key = match fund_transfer::Entity::find()
        .filter(fund_transfer::Column::Key.eq(r.key.as_str()))
        .one(db)
        .await?
    {
        Some(row) => Some(transfer_of(&row)?),
        None => None,
    };
    let pending = match r.flow {
        Flow::PostPending(p) | Flow::VoidPending(p) => {
            match fund_transfer::Entity::find_by_id(p).one(db).await? {
                Some(row) => {
                    let resolved = fund_transfer::Entity::find()
                        .filter(fund_transfer::Column::PendingId.eq(p))
                        .one(db)
                        .await?
                        .map(|x| transfer_of(&x).map(|t| t.request.flow))
                        .transpose()?;
                    Some((transfer_of(&row)?, resolved))
                }
                None => None,
            }
        }
        _ => None,
    };
    let corrected_exists = match r.corrects {
        Some(c) => fund_transfer::Entity::find_by_id(c)
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    let contract = match r.debit.contract().or(r.credit.contract()) {
        Some(c) => {
            contract::Entity::find_by_id(i32::try_from(c).map_err(|_| AppError::NotFound)?)
                .one(db)
                .await?
        }
        None => None,
    };
    let contract_active = contract.as_ref().is_some_and(|c| c.status == "active");
    let contract_book = contract.map(|c| Book::of_payer(c.payer_unit_id.map(i64::from)));
    Ok(Context {
        same_key,
        pending,
        corrected_exists,
        contract_active,
        contract_book,
        debit: balance(db, r.debit).await?,
        credit: balance(db, r.credit).await?,
    })
}

/// A failed guarded write means another transaction moved the money first.
fn raced(e: sea_orm::DbErr) -> Attempt {
    let text = e.to_string();
    if text.contains("CHECK constraint failed") || text.contains("violates check constraint") {
        Attempt::Raced
    } else {
        e.into()
    }
}

/// Checks `r` and writes it in the caller's transaction; returns the transfer's id (the earlier
/// one when the key was already written with the same content).
pub async fn write(
    txn: &impl ConnectionTrait,
    r: &Request,
    meta: &Meta,
    now: DateTime<Utc>,
) -> Result<(TransferId, bool), Attempt> {
    let cx = context(txn, r).await?;
    match check(r, &cx) {
        Ok(Verdict::Replay(id)) => return Ok((id, false)),
        Ok(Verdict::Write) => {}
        Err(rejection) => {
            return Err(Attempt::Failed(AppError::invalid(
                "transfer",
                Problem::Ledger(rejection),
            )))
        }
    }
    // The check saw both sides in one book.
    let book = r
        .debit
        .book(cx.contract_book)
        .ok_or(Attempt::Failed(AppError::Internal))?;
    ensure_account(txn, r.debit, book).await.map_err(raced)?;
    ensure_account(txn, r.credit, book).await.map_err(raced)?;
    let (kind, pending_id) = match r.flow {
        Flow::Posted => (FlowKind::Posted, None),
        Flow::Pending => (FlowKind::Pending, None),
        Flow::PostPending(p) => (FlowKind::Post, Some(p)),
        Flow::VoidPending(p) => (FlowKind::Void, Some(p)),
    };
    let inserted = fund_transfer::Entity::insert(fund_transfer::ActiveModel {
        key: Set(r.key.clone()),
        debit: Set(r.debit.code()),
        credit: Set(r.credit.code()),
        amount_dong: Set(r.amount_dong),
        flow: Set(kind.code().into()),
        pending_id: Set(pending_id),
        by_user: Set(i32::try_from(r.by).map_err(|e| crate::error::internal(&e))?),
        corrects: Set(r.corrects),
        contract_id: Set(meta.contract_id),
        document: Set(meta.document.clone()),
        note: Set(meta.note.clone()),
        at: Set(now),
        unit_id: Set(unit_column(book)),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    for (account, d) in effects(r) {
        apply(txn, account, d).await?;
    }
    Ok((inserted.last_insert_id, true))
}

/// Adds a transfer's effect `d` to `account`'s sums and count, under the guard: a limited
/// account's free money may not go below zero; a failed guard is a race to retry.
async fn apply(txn: &impl ConnectionTrait, account: Account, d: Balance) -> Result<(), Attempt> {
    let mut update = fund_account::Entity::update_many()
        .col_expr(
            fund_account::Column::DebitsPosted,
            Expr::col(fund_account::Column::DebitsPosted).add(d.debits_posted),
        )
        .col_expr(
            fund_account::Column::CreditsPosted,
            Expr::col(fund_account::Column::CreditsPosted).add(d.credits_posted),
        )
        .col_expr(
            fund_account::Column::DebitsPending,
            Expr::col(fund_account::Column::DebitsPending).add(d.debits_pending),
        )
        .col_expr(
            fund_account::Column::CreditsPending,
            Expr::col(fund_account::Column::CreditsPending).add(d.credits_pending),
        )
        // Counted with its sums: the account's statement and its book's journal are
        // counted from here (docs/performance.md).
        .col_expr(
            fund_account::Column::Transfers,
            Expr::col(fund_account::Column::Transfers).add(1),
        )
        .filter(fund_account::Column::Code.eq(account.code()));
    let more_debits = d.debits_posted + d.debits_pending;
    if account.debits_limited() && more_debits > 0 {
        // The guard: still enough free money when the row is written.
        update = update.filter(
            Expr::col(fund_account::Column::CreditsPosted)
                .sub(Expr::col(fund_account::Column::DebitsPosted))
                .sub(Expr::col(fund_account::Column::DebitsPending))
                .gte(more_debits),
        );
    }
    let done = update.exec(txn).await.map_err(raced)?;
    if done.rows_affected != 1 {
        return Err(Attempt::Raced);
    }
    Ok(())
}

/// Every account's stored sums, and the sums derived from the transfers by the database
/// (grouped by account, side and flow): what reconciliation compares. `book`: one book's
/// accounts and transfers; none: every book's.
pub async fn stored_and_derived(
    db: &impl ConnectionTrait,
    until: Option<DateTime<Utc>>,
    book: Option<Book>,
) -> Result<
    (
        std::collections::BTreeMap<Account, Balance>,
        std::collections::BTreeMap<Account, Balance>,
    ),
    AppError,
> {
    use domain::ledger::{from_sums, Side};
    let mut accounts = fund_account::Entity::find();
    if let Some(b) = book {
        accounts = accounts.filter(in_book(fund_account::Column::UnitId, b));
    }
    let stored = accounts
        .all(db)
        .await?
        .iter()
        .map(|r| {
            Ok((
                Account::from_code(&r.code).ok_or(AppError::Internal)?,
                balance_of(r),
            ))
        })
        .collect::<Result<_, AppError>>()?;
    let mut rows = Vec::new();
    for (side, column) in [
        (Side::Debit, fund_transfer::Column::Debit),
        (Side::Credit, fund_transfer::Column::Credit),
    ] {
        let mut q = fund_transfer::Entity::find()
            .select_only()
            .column(column)
            .column(fund_transfer::Column::Flow)
            // SUM of a bigint is numeric in PostgreSQL: cast back to a bigint on both databases.
            .column_as(Expr::cust("CAST(SUM(amount_dong) AS BIGINT)"), "total")
            .group_by(column)
            .group_by(fund_transfer::Column::Flow);
        if let Some(t) = until {
            q = q.filter(fund_transfer::Column::At.lte(t));
        }
        if let Some(b) = book {
            q = q.filter(in_book(fund_transfer::Column::UnitId, b));
        }
        let sums: Vec<(String, String, Option<i64>)> = q.into_tuple().all(db).await?;
        for (code, flow, total) in sums {
            rows.push((
                Account::from_code(&code).ok_or(AppError::Internal)?,
                side,
                FlowKind::from_code(&flow).ok_or(AppError::Internal)?,
                total.unwrap_or_default(),
            ));
        }
    }
    Ok((stored, from_sums(&rows)))
}

/// The balances that a book's position needs, summed by the database: each source and the
/// available account as they are, every contract's commitments and payments folded into one
/// account each (the position only adds them up). A handful of rows whatever the number of
/// contracts.
pub async fn position_balances(
    db: &impl ConnectionTrait,
    book: Book,
) -> Result<std::collections::BTreeMap<Account, Balance>, AppError> {
    let sum = |c: &str| Expr::cust(format!("CAST(SUM({c}) AS BIGINT)"));
    type Sums = (String, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    let rows: Vec<Sums> = fund_account::Entity::find()
        .filter(in_book(fund_account::Column::UnitId, book))
        .select_only()
        // Sources and available keep their own code; contract accounts group by kind.
        .column_as(
            Expr::cust(
                "CASE WHEN kind IN ('committed', 'disbursed', 'settled', 'refund') THEN kind || ':0' ELSE code END",
            ),
            "account",
        )
        .column_as(sum("debits_posted"), "dp")
        .column_as(sum("credits_posted"), "cp")
        .column_as(sum("debits_pending"), "dpe")
        .column_as(sum("credits_pending"), "cpe")
        .group_by(Expr::cust(
            "CASE WHEN kind IN ('committed', 'disbursed', 'settled', 'refund') THEN kind || ':0' ELSE code END",
        ))
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(code, dp, cp, dpe, cpe)| {
            Ok((
                Account::from_code(&code).ok_or(AppError::Internal)?,
                Balance {
                    debits_posted: dp.unwrap_or(0),
                    credits_posted: cp.unwrap_or(0),
                    debits_pending: dpe.unwrap_or(0),
                    credits_pending: cpe.unwrap_or(0),
                },
            ))
        })
        .collect()
}
