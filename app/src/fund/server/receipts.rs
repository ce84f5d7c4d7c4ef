//! Money received by the fund from its sources, or put by a managing unit into its own book
//! from its budget, and corrections of receipts by new transfers.

use super::*;
use crate::auth::server::require_somewhere;

/// A receipt as asked: into the fund from `source`, or with `unit` into that unit's own book
/// from its budget (the source is not asked then).
pub struct Receipt {
    pub source: Source,
    pub amount_dong: i64,
    pub document: String,
    pub note: String,
    pub unit: Option<i32>,
}

pub async fn receive(key: String, receipt: Receipt) -> Result<i64, AppError> {
    let me = &require_somewhere(Permission::RecordFundReceipts)?;
    let db = &state()?.db;
    let book = book_asked(db, me, Permission::RecordFundReceipts, receipt.unit).await?;
    keeps(me, Permission::RecordFundReceipts, book)?;
    let key = &kit::key(&key)?;
    let document = text("document", &receipt.document, true, Bound::Reference)?;
    let note = text("note", &receipt.note, false, Bound::Note)?;
    let amount_dong = kit::amount("amount_dong", receipt.amount_dong)?.get();
    let (source, debit) = match book {
        Book::Fund => (receipt.source.code(), Account::Source(receipt.source)),
        Book::Unit(u) => ("unit_budget", Account::UnitBudget(u)),
    };
    let r = &Request {
        key: key.to_string(),
        debit,
        credit: book.available(),
        amount_dong,
        flow: Flow::Posted,
        by: me.user_id.into(),
        corrects: None,
    };
    let meta = &Meta {
        contract_id: None,
        document,
        note,
    };
    command("fund receipt", key, |txn, now| async move {
        let (id, written) = ledger::write(&txn, r, meta, now).await?;
        if written {
            audit(
                &txn,
                now,
                Some(me.user_id),
                "fund_receipt_recorded",
                ("fund_transfer", id),
                serde_json::json!({ "source": source, "amount_dong": amount_dong, "unit": receipt.unit }),
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
    let me = &require_somewhere(Permission::RecordFundReceipts)?;
    let key = &kit::key(&key)?;
    let note = &text("note", &note, true, Bound::Note)?;
    command("receipt correction", key, |txn, now| async move {
        // The receipt's row is locked (on PostgreSQL; SQLite has one writer) until this
        // transaction ends, so concurrent corrections of it are summed one after another.
        let original = fund_transfer::Entity::find_by_id(transfer_id)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let original_req = ledger::request_of(&original)?;
        // The receipt's book is kept by whoever corrects it.
        let unit = original.unit_id;
        keeps(
            me,
            Permission::RecordFundReceipts,
            Book::of_payer(unit.map(i64::from)),
        )?;
        let r = Request {
            key: key.to_string(),
            debit: original_req.credit,
            credit: original_req.debit,
            amount_dong,
            flow: Flow::Posted,
            by: me.user_id.into(),
            corrects: Some(transfer_id),
        };
        // A replay is answered by the ledger before the limit below is looked at.
        if !ledger::key_used(&txn, &r.key).await? {
            let corrected = corrected_dong(&txn, transfer_id).await?;
            domain::ledger::check_correction(&original_req, corrected, amount_dong)
                .map_err(|rej| AppError::invalid("amount_dong", Problem::Ledger(rej)))?;
        }
        let meta = Meta {
            contract_id: None,
            document: format!("Điều chỉnh giao dịch #{transfer_id}"),
            note: note.clone(),
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
    })
    .await
}

/// How much of a receipt earlier corrections took back.
async fn corrected_dong(txn: &impl ConnectionTrait, transfer_id: i64) -> Result<i64, AppError> {
    let corrected: Option<i64> = fund_transfer::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::Expr::cust("CAST(SUM(amount_dong) AS BIGINT)"),
            "total",
        )
        .filter(fund_transfer::Column::Corrects.eq(transfer_id))
        .into_tuple()
        .one(txn)
        .await?
        .flatten();
    Ok(corrected.unwrap_or(0))
}
