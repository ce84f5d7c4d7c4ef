//! A book's position now or at a date (the fund's, or a managing unit's own), its transfers by
//! account, and reconciliation.

use super::*;
use crate::auth::server::require_somewhere;
use crate::db::ledger::in_book;
use sea_orm::sea_query::{Alias, Expr, Func};

pub async fn position(as_of: Option<String>, unit: Option<i32>) -> Result<FundView, AppError> {
    let me = require_somewhere(Permission::ViewFund)?;
    let db = &state()?.db;
    let book = book_asked(db, &me, Permission::ViewFund, unit).await?;
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
        None => ledger::position_balances(db, book).await?,
        Some(_) => ledger::stored_and_derived(db, until, Some(book)).await?.1,
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
        may_receive: keeps(&me, Permission::RecordFundReceipts, book).is_ok(),
        unit: book.unit().and_then(|u| i32::try_from(u).ok()),
        books: unit_books(db, &me).await?,
        sees_fund: me.may(Permission::ViewFund, Scope::Global),
    })
}

pub async fn transfers(
    account: Option<String>,
    page: u64,
    unit: Option<i32>,
) -> Result<Page<TransferRow>, AppError> {
    let me = require_somewhere(Permission::ViewFund)?;
    let db = &state()?.db;
    let book = book_asked(db, &me, Permission::ViewFund, unit).await?;
    let mut select =
        fund_transfer::Entity::find().filter(in_book(fund_transfer::Column::UnitId, book));
    let mut one = None;
    if let Some(code) = account.as_deref().filter(|c| !c.is_empty()) {
        let a = Account::from_code(code)
            .ok_or_else(|| AppError::invalid("account", Problem::UnknownChoice))?;
        select = select.filter(fund_transfer::Column::Id.in_subquery(touching(a)));
        one = Some(a);
    }
    let total = counted(db, book, one).await?;
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

/// How many transfers the statement of `account` (or the book's whole journal) lists, from the
/// accounts' counts: each transfer counts once on each of its two accounts, both in its book.
async fn counted(
    db: &impl ConnectionTrait,
    book: Book,
    account: Option<Account>,
) -> Result<u64, AppError> {
    let accounts = fund_account::Entity::find().filter(in_book(fund_account::Column::UnitId, book));
    let n: Option<i64> = match account {
        Some(a) => {
            accounts
                .filter(fund_account::Column::Code.eq(a.code()))
                .select_only()
                .column(fund_account::Column::Transfers)
                .into_tuple()
                .one(db)
                .await?
        }
        None => accounts
            .select_only()
            // PostgreSQL sums a BIGINT as NUMERIC.
            .expr_as(
                Func::cast_as(
                    Func::sum(Expr::col(fund_account::Column::Transfers)),
                    Alias::new("BIGINT"),
                ),
                "n",
            )
            .into_tuple::<Option<i64>>()
            .one(db)
            .await?
            .flatten()
            .map(|both_sides| both_sides / 2),
    };
    Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
}

/// The transfers on either side of `a`, each side through its own index (an `OR` of the two
/// made SQLite read every transfer of the book).
fn touching(a: Account) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Query, UnionType};
    let side = |c: fund_transfer::Column| {
        Query::select()
            .column(fund_transfer::Column::Id)
            .from(fund_transfer::Entity)
            .and_where(c.eq(a.code()))
            .to_owned()
    };
    side(fund_transfer::Column::Debit)
        .union(UnionType::All, side(fund_transfer::Column::Credit))
        .to_owned()
}

pub async fn reconcile(unit: Option<i32>) -> Result<Reconciliation, AppError> {
    let me = require_somewhere(Permission::ViewFund)?;
    let db = &state()?.db;
    let book = book_asked(db, &me, Permission::ViewFund, unit).await?;
    // One read transaction, so no transfer lands between the two reads.
    let txn = crate::db::begin(db).await?;
    let (stored, derived) = ledger::stored_and_derived(&txn, None, Some(book)).await?;
    txn.commit().await?;
    Ok(Reconciliation {
        accounts: stored.len() as u64,
        differences: domain::ledger::reconcile(&stored, &derived),
        broken: domain::ledger::invariants(&stored).err(),
        position: domain::ledger::position(&stored),
    })
}
