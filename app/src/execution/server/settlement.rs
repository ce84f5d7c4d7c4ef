//! Settlement: declared by the task's leader, approved by the department's leader and posted in the ledger; refunds received.

use super::*;

/// The statement a declaration gives for the task as it stands.
pub(super) fn statement_of(t: &Task, d: &Declaration) -> Result<Statement, AppError> {
    if d.documented_dong.len() != t.lines.len() {
        return Err(AppError::invalid(
            "documented_dong",
            Problem::Form(FormProblem::Required),
        ));
    }
    let lines: Vec<Line> = t
        .lines
        .iter()
        .zip(&d.documented_dong)
        .map(|(l, doc)| Line {
            lump_sum: l.lump_sum,
            contracted_dong: l.fund_dong,
            documented_dong: if l.lump_sum { 0 } else { *doc },
        })
        .collect();
    let outcome = if t.facts.accepted() {
        Outcome::Accepted
    } else {
        let cause = match t.facts.exemption {
            Some(true) => Cause::Objective,
            _ => Cause::Subjective,
        };
        Outcome::NotCompleted {
            cause,
            spent_dong: d.spent_dong,
        }
    };
    settle_statement(
        &t.rulebook.settlement,
        t.contract.total_dong,
        t.paid_dong,
        &lines,
        outcome,
    )
    .map_err(|p| {
        let field = match p {
            domain::settlement::SettlementProblem::SpentAbovePaid => "spent_dong",
            _ => "documented_dong",
        };
        AppError::invalid(field, Problem::Settlement(p))
    })
}

pub async fn declare(contract_id: i32, declaration: Declaration) -> Result<Statement, AppError> {
    let (me, t, st) = step_for(contract_id, Step::DeclareSettlement).await?;
    let db = &st.db;
    let declaration = Declaration {
        documents: text("documents", &declaration.documents, false, Bound::Account)?,
        ..declaration
    };
    let needs_documents = t
        .lines
        .iter()
        .zip(&declaration.documented_dong)
        .any(|(l, d)| !l.lump_sum && *d > 0);
    if needs_documents && declaration.documents.is_empty() {
        return Err(AppError::invalid(
            "documents",
            Problem::Form(FormProblem::Required),
        ));
    }
    let statement = statement_of(&t, &declaration)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    ensure_closeout(&txn, contract_id).await?;
    // Declared again until the leader approves.
    let done = closeout::Entity::update_many()
        .set(closeout::ActiveModel {
            declaration: Set(Some(Json(declaration.clone()))),
            declared_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(closeout::Column::ContractId.eq(contract_id))
        .filter(closeout::Column::SettledAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(blocked(domain::closeout::Blocked::AlreadySettled));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "settlement_declared",
        ("contract", contract_id.into()),
        serde_json::json!({ "settled_dong": statement.settled_dong, "refund_dong": statement.refund_dong }),
    )
    .await?;
    txn.commit().await?;
    Ok(statement)
}

pub async fn settle(
    contract_id: i32,
    key: String,
    shown: Statement,
) -> Result<Statement, AppError> {
    let me = &require_somewhere(Permission::DecideSettlements)?;
    let key = &kit::key(&key)?;
    command("settlement", key, |txn, now| async move {
        let t = load(&txn, contract_id).await?;
        t.managed_by(me, Permission::DecideSettlements)?;
        crate::kit::access::not_own_dossier(&txn, me, &t.application).await?;
        // The same request again answers with what it posted.
        if t.facts.settled && t.closeout.as_ref().and_then(|c| c.settled_by) == Some(me.user_id) {
            let c = t.closeout.as_ref().ok_or(AppError::Internal)?;
            return Ok(Statement {
                settled_dong: c.settled_dong.unwrap_or(0),
                refund_dong: c.refund_dong.unwrap_or(0),
                release_dong: c.release_dong.unwrap_or(0),
                final_payment_dong: c.final_payment_dong.unwrap_or(0),
            });
        }
        allow(&t, Step::ApproveSettlement)?;
        let d: Declaration = t
            .closeout
            .as_ref()
            .and_then(|c| c.declaration.clone())
            .map(Json::into_inner)
            .ok_or(AppError::Internal)?;
        let s = statement_of(&t, &d)?;
        if s != shown {
            return Err(AppError::invalid("shown", Problem::ChangedSinceShown).into());
        }
        let final_seq = final_tranche(&txn, contract_id, s.final_payment_dong, now).await?;
        record_settlement(&txn, contract_id, &s, final_seq, me, now).await?;
        post_settlement(&txn, &t, &s, key, me, now).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "settlement_approved",
            ("contract", contract_id.into()),
            serde_json::json!({
                "settled_dong": s.settled_dong,
                "refund_dong": s.refund_dong,
                "release_dong": s.release_dong,
                "final_payment_dong": s.final_payment_dong,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(s)
    })
    .await
}

/// The tranche the host's final payment is paid by (the contract's next number), if the
/// settlement owes one.
async fn final_tranche(
    txn: &impl ConnectionTrait,
    contract_id: i32,
    amount_dong: i64,
    now: chrono::DateTime<Utc>,
) -> Result<Option<i32>, AppError> {
    if amount_dong <= 0 {
        return Ok(None);
    }
    let last = contract_tranche::Entity::find()
        .filter(contract_tranche::Column::ContractId.eq(contract_id))
        .order_by_desc(contract_tranche::Column::Seq)
        .one(txn)
        .await?
        .map_or(0, |t| t.seq);
    contract_tranche::ActiveModel {
        contract_id: Set(contract_id),
        seq: Set(last + 1),
        amount_dong: Set(amount_dong),
        due_at: Set(now),
        condition: Set("Thanh toán phần còn lại sau quyết toán".into()),
    }
    .insert(txn)
    .await?;
    Ok(Some(last + 1))
}

/// The statement on the close-out row; a racer that settled first makes this attempt again.
async fn record_settlement(
    txn: &impl ConnectionTrait,
    contract_id: i32,
    s: &Statement,
    final_seq: Option<i32>,
    me: &Me,
    now: chrono::DateTime<Utc>,
) -> Result<(), Attempt> {
    let done = closeout::Entity::update_many()
        .set(closeout::ActiveModel {
            settled_dong: Set(Some(s.settled_dong)),
            refund_dong: Set(Some(s.refund_dong)),
            release_dong: Set(Some(s.release_dong)),
            final_payment_dong: Set(Some(s.final_payment_dong)),
            final_tranche_seq: Set(final_seq),
            settled_by: Set(Some(me.user_id)),
            settled_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(closeout::Column::ContractId.eq(contract_id))
        .filter(closeout::Column::SettledAt.is_null())
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(Attempt::Raced);
    }
    Ok(())
}

/// The settlement's postings (docs/ledger.md, "Settlement postings"), one key part each.
async fn post_settlement(
    txn: &sea_orm::DatabaseTransaction,
    t: &Task,
    s: &Statement,
    key: &kit::IdempotencyKey,
    me: &Me,
    now: chrono::DateTime<Utc>,
) -> Result<(), Attempt> {
    let contract_id = t.contract.id;
    let available = crate::kit::books::book_of(&t.contract).available();
    for (debit, credit, amount) in domain::settlement::postings(contract_id.into(), available, s) {
        let (part, note) = match credit {
            Account::Settled(_) => ("settled", "Quyết toán theo sản phẩm và chứng từ"),
            Account::Refund(_) => ("refund", "Kinh phí phải nộp trả sau quyết toán"),
            _ => ("release", "Giải phóng kinh phí cam kết chưa cấp"),
        };
        let r = Request {
            key: key.part(part),
            debit,
            credit,
            amount_dong: amount,
            flow: Flow::Posted,
            by: me.user_id.into(),
            corrects: None,
        };
        let meta = Meta {
            contract_id: Some(contract_id),
            document: format!("{} · quyết toán", t.contract.code),
            note: note.into(),
        };
        ledger::write(txn, &r, &meta, now).await?;
    }
    Ok(())
}

pub async fn refund(
    contract_id: i32,
    key: String,
    amount_dong: i64,
    document: String,
) -> Result<(), AppError> {
    let me = &crate::auth::server::require_somewhere(Permission::RecordFundReceipts)?;
    let key = &kit::key(&key)?;
    let document = &required("document", &document, Bound::Reference)?;
    command("refund", key, |txn, now| async move {
        let t = load(&txn, contract_id).await?;
        // The refund goes back into the book that paid: kept by its accountant.
        let book = crate::kit::books::book_of(&t.contract);
        crate::kit::books::keeps(me, Permission::RecordFundReceipts, book)?;
        let r = Request {
            key: key.to_string(),
            debit: Account::Refund(contract_id.into()),
            credit: book.available(),
            amount_dong,
            flow: Flow::Posted,
            by: me.user_id.into(),
            corrects: None,
        };
        // A replay of a written refund passes whatever the state now.
        if !ledger::key_used(&txn, &r.key).await? {
            allow(&t, Step::ReceiveRefund)?;
        }
        let meta = Meta {
            contract_id: Some(contract_id),
            document: document.clone(),
            note: "Thu hồi kinh phí sau quyết toán".into(),
        };
        let (_, written) = ledger::write(&txn, &r, &meta, now).await?;
        if written {
            audit(
                &txn,
                now,
                Some(me.user_id),
                "refund_received",
                ("contract", contract_id.into()),
                serde_json::json!({ "amount_dong": amount_dong }),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    })
    .await
}
