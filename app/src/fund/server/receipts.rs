//! Money received by the fund from its sources, and corrections of receipts by new transfers.

use super::*;

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
        let now = now()?;
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
            let now = now()?;
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
