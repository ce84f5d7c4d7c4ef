//! Tranche payments under four eyes: prepared by the accountant, approved or rejected by the
//! director; the fund's by the fund's, a unit's own by the unit's (docs/ledger.md, "Books").

use super::*;
use crate::auth::server::require_somewhere;

pub async fn prepare(
    key: String,
    contract_id: i32,
    tranche_seq: i32,
    evidence: String,
) -> Result<i32, AppError> {
    let me = &require_somewhere(Permission::PreparePayments)?;
    let key = &kit::key(&key)?;
    let evidence = &text("evidence", &evidence, true, Bound::Note)?;
    command("payment preparation", key, |txn, now| async move {
        let (c, _) = payable(&txn, contract_id, tranche_seq, me, Permission::PreparePayments).await?;
        let tranche = contract_tranche::Entity::find_by_id((contract_id, tranche_seq))
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let r = Request {
            key: key.to_string(),
            debit: Account::Committed(contract_id.into()),
            credit: Account::Disbursed(contract_id.into()),
            amount_dong: tranche.amount_dong,
            flow: Flow::Pending,
            by: me.user_id.into(),
            corrects: None,
        };
        if let Some(id) = prepared_by_key(&txn, &r).await? {
            return Ok(id);
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
        let p = pending_payment(&tranche, transfer_id, me, now, evidence)
            .insert(&txn)
            .await?;
        let notice =
            domain::notice::payment_to_approve(contract_id, &c.code, tranche_seq, tranche.amount_dong);
        let holders = crate::kit::notify::holders(&txn, domain::roles::Role::FundDirector, c.payer_unit_id).await?;
        crate::kit::notify::notify(&txn, &holders, &notice, now).await?;
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
    })
    .await
}

/// The contract, locked against termination until this transaction ends, and its task, if the
/// person keeps its book with `permission` and its close-out lets tranche `seq` be paid now
/// (`domain::closeout::check_payment`).
async fn payable(
    txn: &DatabaseTransaction,
    contract_id: i32,
    seq: i32,
    me: &Me,
    permission: Permission,
) -> Result<(contract::Model, crate::execution::server::Task), AppError> {
    let c = contract::Entity::find_by_id(contract_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    keeps(me, permission, book_of(&c))?;
    let t = crate::execution::server::load(txn, contract_id).await?;
    domain::closeout::check_payment(&t.facts, t.is_final_tranche(seq))
        .map_err(crate::execution::server::blocked)?;
    Ok((c, t))
}

/// The final payment was settled before it was paid: once posted it moves on to settled
/// (`domain::settlement::final_payment_postings`), in the same transaction.
async fn settle_final(
    txn: &DatabaseTransaction,
    t: &crate::execution::server::Task,
    amount_dong: i64,
    key: &kit::IdempotencyKey,
    me: &Me,
    now: DateTime<Utc>,
) -> Result<(), Attempt> {
    let contract_id = t.contract.id;
    let (debit, credit, amount_dong) =
        domain::settlement::final_payment_postings(contract_id.into(), amount_dong);
    let r = Request {
        key: key.part("settled"),
        debit,
        credit,
        amount_dong,
        flow: Flow::Posted,
        by: me.user_id.into(),
        corrects: None,
    };
    let meta = Meta {
        contract_id: Some(contract_id),
        document: format!("{} · quyết toán", t.contract.code),
        note: "Khoản thanh toán sau quyết toán, đã được quyết toán".into(),
    };
    ledger::write(txn, &r, &meta, now).await?;
    Ok(())
}

/// A replay answers with the payment its key made, when the request is the same.
async fn prepared_by_key(txn: &impl ConnectionTrait, r: &Request) -> Result<Option<i32>, AppError> {
    let Some(t) = fund_transfer::Entity::find()
        .filter(fund_transfer::Column::Key.eq(r.key.as_str()))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    if ledger::request_of(&t)? != *r {
        // The ledger names the reuse of a key for something else.
        return Ok(None);
    }
    let p = payment::Entity::find()
        .filter(payment::Column::PendingTransferId.eq(t.id))
        .one(txn)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(Some(p.id))
}

fn pending_payment(
    tranche: &contract_tranche::Model,
    transfer_id: i64,
    me: &Me,
    now: DateTime<Utc>,
    evidence: &str,
) -> payment::ActiveModel {
    payment::ActiveModel {
        contract_id: Set(tranche.contract_id),
        tranche_seq: Set(tranche.seq),
        pending_transfer_id: Set(transfer_id),
        status: Set(PaymentStatus::Pending.code().into()),
        live: Set(Some(true)),
        prepared_by: Set(me.user_id),
        prepared_at: Set(now),
        evidence: Set(evidence.to_string()),
        decided_by: Set(None),
        decided_at: Set(None),
        reason: Set(String::new()),
        ..Default::default()
    }
}

/// Approves (`reason: None`) or rejects a pending payment.
pub async fn decide(key: String, payment_id: i32, reason: Option<String>) -> Result<(), AppError> {
    let me = &require_somewhere(Permission::ApprovePayments)?;
    let key = &kit::key(&key)?;
    let reason = &match reason {
        Some(r) => Some(text("reason", &r, true, Bound::Note)?),
        None => None,
    };
    command("payment decision", key, |txn, now| async move {
        let p = payment::Entity::find_by_id(payment_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let pending = fund_transfer::Entity::find_by_id(p.pending_transfer_id)
            .one(&txn)
            .await?
            .ok_or(AppError::Internal)?;
        let task = match reason {
            None => Some(
                payable(
                    &txn,
                    p.contract_id,
                    p.tranche_seq,
                    me,
                    Permission::ApprovePayments,
                )
                .await?
                .1,
            ),
            Some(_) => {
                let c = contract::Entity::find_by_id(p.contract_id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::Internal)?;
                keeps(me, Permission::ApprovePayments, book_of(&c))?;
                None
            }
        };
        let r = Request {
            key: key.to_string(),
            flow: if reason.is_some() {
                Flow::VoidPending(p.pending_transfer_id)
            } else {
                Flow::PostPending(p.pending_transfer_id)
            },
            by: me.user_id.into(),
            corrects: None,
            ..ledger::request_of(&pending)?
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
        if let Some(t) = task.filter(|t| t.is_final_tranche(p.tranche_seq)) {
            settle_final(&txn, &t, r.amount_dong, key, me, now).await?;
        }
        record_decision(&txn, &p, me, now, reason.as_deref()).await?;
        let event = if reason.is_some() {
            "payment_rejected"
        } else {
            "payment_approved"
        };
        let subject = ("contract", p.contract_id.into());
        let detail = serde_json::json!({ "payment": payment_id });
        audit(&txn, now, Some(me.user_id), event, subject, detail).await?;
        txn.commit().await?;
        Ok(())
    })
    .await
}

/// Marks a pending payment decided; a racer that decided it first makes this attempt again.
async fn record_decision(
    txn: &impl ConnectionTrait,
    p: &payment::Model,
    me: &Me,
    now: DateTime<Utc>,
    reason: Option<&str>,
) -> Result<(), Attempt> {
    use sea_orm::sea_query::Expr;
    let (status, live) = if reason.is_some() {
        (PaymentStatus::Voided.code(), None)
    } else {
        (PaymentStatus::Posted.code(), Some(true))
    };
    let done = payment::Entity::update_many()
        .col_expr(payment::Column::Status, Expr::value(status))
        .col_expr(payment::Column::Live, Expr::value(live))
        .col_expr(payment::Column::DecidedBy, Expr::value(Some(me.user_id)))
        .col_expr(payment::Column::DecidedAt, Expr::value(Some(now)))
        .col_expr(
            payment::Column::Reason,
            Expr::value(reason.unwrap_or_default()),
        )
        .filter(payment::Column::Id.eq(p.id))
        .filter(payment::Column::Status.eq(PaymentStatus::Pending.code()))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(Attempt::Raced);
    }
    Ok(())
}

pub async fn list_payments(
    status: Option<String>,
    page: u64,
    unit: Option<i32>,
) -> Result<Page<PaymentView>, AppError> {
    let me = &require_somewhere(Permission::ViewFund)?;
    let db = &state()?.db;
    let book = book_asked(db, me, Permission::ViewFund, unit).await?;
    // The book's payments: those of the contracts its payer pays (a subquery on the index).
    let mut select = payment::Entity::find().filter(
        payment::Column::ContractId.in_subquery(
            sea_orm::sea_query::Query::select()
                .column(contract::Column::Id)
                .from(contract::Entity)
                .cond_where(ledger::in_book(contract::Column::PayerUnitId, book))
                .to_owned(),
        ),
    );
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
        payment_views(db, me, rows).await?,
        page,
        ROWS_PER_PAGE,
        total,
    ))
}
