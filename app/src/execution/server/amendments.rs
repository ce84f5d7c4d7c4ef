//! Amendments of a running contract: requested by the task's leader, decided by an officer or the leader by size.

use super::*;

pub async fn request_amendment(
    contract_id: i32,
    request: domain::amendment::Request,
) -> Result<i32, AppError> {
    let (me, t, st) = step_for(contract_id, Step::RequestAmendment).await?;
    let db = &st.db;
    let request = domain::amendment::Request {
        other_changes: request.other_changes.trim().to_string(),
        reason: request.reason.trim().to_string(),
        ..request
    };
    let baseline_lines: Vec<i64> = t.lines.iter().map(|l| l.fund_dong).collect();
    let size = domain::amendment::check(&t.rulebook.amendment, &baseline_lines, &request)
        .map_err(|(field, p)| AppError::invalid(field, Problem::Amendment(p)))?;
    let baseline = Baseline {
        lines: t.lines.clone(),
        duration_months: t.duration_months,
    };
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let inserted = amendment::ActiveModel {
        contract_id: Set(contract_id),
        request: Set(Json(request.clone())),
        baseline: Set(Json(baseline.clone())),
        size: Set(size.code().into()),
        status: Set(domain::amendment::Status::Pending.code().into()),
        pending: Set(Some(true)),
        version: Set(None),
        requested_by: Set(me.user_id),
        requested_at: Set(now),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(String::new()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(r) => r,
        Err(e) if e.to_string().to_lowercase().contains("unique") => {
            return Err(AppError::invalid("amendment", Problem::AmendmentPending))
        }
        Err(e) => return Err(e.into()),
    };
    audit(
        &txn,
        now,
        Some(me.user_id),
        "amendment_requested",
        ("contract", contract_id.into()),
        serde_json::json!({ "amendment": row.id, "size": size.code(), "extension_months": request.extension_months }),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn decide_amendment(
    amendment_id: i32,
    approve: bool,
    note: String,
) -> Result<(), AppError> {
    let me = require_user()?;
    let note = text("note", &note, !approve, Bound::Note)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let a = amendment::Entity::find_by_id(amendment_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let size = domain::amendment::Size::from_code(&a.size).ok_or(AppError::Internal)?;
    let t = load(&txn, a.contract_id).await?;
    if !may_decide_amendment(&me, &t, size) {
        return Err(AppError::Forbidden);
    }
    crate::kit::access::not_own_dossier(&txn, &me, &t.application).await?;
    allow(&t, Step::DecideAmendment)?;
    let request: domain::amendment::Request = a.request.0.clone();
    let approved_before = amendment::Entity::find()
        .filter(amendment::Column::ContractId.eq(a.contract_id))
        .filter(amendment::Column::Status.eq(domain::amendment::Status::Approved.code()))
        .count(&txn)
        .await?;
    let version = approve.then_some(approved_before as i32 + 2);
    let status = if approve {
        domain::amendment::Status::Approved
    } else {
        domain::amendment::Status::Rejected
    };
    let done = amendment::Entity::update_many()
        .set(amendment::ActiveModel {
            status: Set(status.code().into()),
            pending: Set(None),
            version: Set(version),
            decided_by: Set(Some(me.user_id)),
            decided_at: Set(Some(now)),
            decision_note: Set(note),
            ..Default::default()
        })
        .filter(amendment::Column::Id.eq(amendment_id))
        .filter(amendment::Column::Status.eq(domain::amendment::Status::Pending.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("amendment", Problem::AlreadyDecided));
    }
    if approve {
        // The lines were checked against this baseline; the contract has not changed since
        // (one pending amendment at a time, and nothing else edits running terms).
        let mut terms = t.contract.terms.0.clone();
        for (line, amount) in terms.lines.iter_mut().zip(&request.lines_dong) {
            line.fund_dong = *amount;
        }
        terms.duration_months = t.duration_months + request.extension_months;
        contract::Entity::update_many()
            .set(contract::ActiveModel {
                terms: Set(Json(terms)),
                ..Default::default()
            })
            .filter(contract::Column::Id.eq(a.contract_id))
            .exec(&txn)
            .await?;
        move_tranches(&txn, a.contract_id, request.extension_months).await?;
        schedule_reports(&txn, a.contract_id).await?;
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        if approve {
            "amendment_approved"
        } else {
            "amendment_rejected"
        },
        ("contract", a.contract_id.into()),
        serde_json::json!({ "amendment": amendment_id, "version": version }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Moves the unpaid tranches' due dates by an approved extension (`amendment::moved_tranches`).
async fn move_tranches(
    txn: &impl ConnectionTrait,
    contract_id: i32,
    extension_months: u32,
) -> Result<(), AppError> {
    let paid: Vec<i32> = payment::Entity::find()
        .select_only()
        .column(payment::Column::TrancheSeq)
        .filter(payment::Column::ContractId.eq(contract_id))
        .filter(payment::Column::Live.eq(true))
        .into_tuple()
        .all(txn)
        .await?;
    let tranches: Vec<domain::amendment::TrancheDue> = contract_tranche::Entity::find()
        .filter(contract_tranche::Column::ContractId.eq(contract_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|t| domain::amendment::TrancheDue {
            seq: t.seq,
            due_at: t.due_at,
            paid: paid.contains(&t.seq),
        })
        .collect();
    for (seq, due_at) in domain::amendment::moved_tranches(&tranches, extension_months) {
        contract_tranche::ActiveModel {
            contract_id: Set(contract_id),
            seq: Set(seq),
            due_at: Set(due_at),
            ..Default::default()
        }
        .update(txn)
        .await?;
    }
    Ok(())
}
