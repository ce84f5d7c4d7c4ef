//! The fund's position now or at a date, its transfers by account, and reconciliation.

use super::*;

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

pub async fn transfers(account: Option<String>, page: u64) -> Result<Page<TransferRow>, AppError> {
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

pub async fn reconcile() -> Result<Reconciliation, AppError> {
    require(Permission::ViewFund, Scope::Global)?;
    let db = &state()?.db;
    // One read transaction, so no transfer lands between the two reads.
    let txn = crate::db::begin(db).await?;
    let (stored, derived) = ledger::stored_and_derived(&txn, None).await?;
    txn.commit().await?;
    Ok(Reconciliation {
        accounts: stored.len() as u64,
        differences: domain::ledger::reconcile(&stored, &derived),
        broken: domain::ledger::invariants(&stored).err(),
        position: domain::ledger::position(&stored),
    })
}
