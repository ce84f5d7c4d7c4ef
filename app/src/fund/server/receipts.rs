//! Money received by the fund from its sources, and corrections of receipts by new transfers.

use super::*;

pub async fn receive(
    key: String,
    source: Source,
    amount_dong: i64,
    document: String,
    note: String,
) -> Result<i64, AppError> {
    let me = &require(Permission::RecordFundReceipts, Scope::Global)?;
    let key = &kit::key(&key)?;
    let document = text("document", &document, true, Bound::Reference)?;
    let note = text("note", &note, false, Bound::Note)?;
    let amount_dong = kit::amount("amount_dong", amount_dong)?.get();
    let r = &Request {
        key: key.to_string(),
        debit: Account::Source(source),
        credit: Account::Available,
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
    let me = &require(Permission::RecordFundReceipts, Scope::Global)?;
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
        let r = Request {
            key: key.to_string(),
            debit: Account::Available,
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
