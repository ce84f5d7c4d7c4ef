//! Termination, a failed task's cause and the exemption decision, result registration and closing.

use super::*;

pub async fn terminate(contract_id: i32, reason: String) -> Result<(), AppError> {
    let me = require_somewhere(Permission::DecideSettlements)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    // The contract's row first: a payment being prepared holds it too (fund::server::payments),
    // so the count of pending payments below cannot change until this transaction ends.
    contract::Entity::find_by_id(contract_id)
        .lock_exclusive()
        .one(&txn)
        .await?;
    let t = load(&txn, contract_id).await?;
    t.managed_by(&me, Permission::DecideSettlements)?;
    let reason = required("reason", &reason, Bound::Note)?;
    // Refused while a payment is pending (`Facts::payments_pending`): it would still be postable.
    allow(&t, Step::Terminate)?;
    let done = contract::Entity::update_many()
        .set(contract::ActiveModel {
            status: Set(ContractStatus::Terminated.code().into()),
            ..Default::default()
        })
        .filter(contract::Column::Id.eq(contract_id))
        .filter(contract::Column::Status.eq(ContractStatus::Active.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(blocked(domain::closeout::Blocked::NotRunning));
    }
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            termination_reason: Set(reason),
            terminated_by: Set(Some(me.user_id)),
            terminated_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::TerminatedAt,
        Step::Terminate,
    )
    .await?;
    schedule_reports(&txn, contract_id).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "contract_terminated",
        ("contract", contract_id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn record_cause(
    contract_id: i32,
    cause: FailureCause,
    compliance: Compliance,
    evidence: String,
) -> Result<(), AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let t = load(&txn, contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    let evidence = required("evidence", &evidence, Bound::Account)?;
    allow(&t, Step::RecordCause)?;
    ensure_closeout(&txn, contract_id).await?;
    // The cause may be corrected until the leader decides.
    let done = closeout::Entity::update_many()
        .set(closeout::ActiveModel {
            failure_cause: Set(Some(cause.code().into())),
            compliance: Set(Some(Json(compliance))),
            cause_evidence: Set(evidence),
            cause_recorded_by: Set(Some(me.user_id)),
            cause_recorded_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(closeout::Column::ContractId.eq(contract_id))
        .filter(closeout::Column::ExemptionGranted.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(blocked(domain::closeout::Blocked::ExemptionAlreadyDecided));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "failure_cause_recorded",
        ("contract", contract_id.into()),
        serde_json::json!({ "cause": cause.code(), "compliant": compliance.complete() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn decide_exemption(
    contract_id: i32,
    grant: bool,
    reason: String,
) -> Result<(), AppError> {
    let me = require_somewhere(Permission::DecideSettlements)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let t = load(&txn, contract_id).await?;
    t.managed_by(&me, Permission::DecideSettlements)?;
    let reason = required("reason", &reason, Bound::Note)?;
    crate::kit::access::not_own_dossier(&txn, &me, &t.application).await?;
    allow(&t, Step::DecideExemption)?;
    let co = t.closeout.as_ref().ok_or(AppError::Internal)?;
    let cause = co
        .failure_cause
        .as_deref()
        .and_then(FailureCause::from_code)
        .ok_or(AppError::Internal)?;
    let compliance: Compliance = co
        .compliance
        .clone()
        .map(Json::into_inner)
        .unwrap_or_default();
    domain::settlement::decide_exemption(cause, &compliance, grant)
        .map_err(|p| AppError::invalid("grant", Problem::Exemption(p)))?;
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            exemption_granted: Set(Some(grant)),
            exemption_reason: Set(reason),
            exemption_decided_by: Set(Some(me.user_id)),
            exemption_decided_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::ExemptionDecidedAt,
        Step::DecideExemption,
    )
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        if grant {
            "exemption_granted"
        } else {
            "exemption_refused"
        },
        ("contract", contract_id.into()),
        serde_json::json!({ "cause": cause.code() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn register(
    contract_id: i32,
    certificate_number: String,
    registration: Registration,
) -> Result<(), AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let t = load(&txn, contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    let number = required("certificate_number", &certificate_number, Bound::Code)?;
    let registration = Registration {
        summary: required("summary", &registration.summary, Bound::Account)?,
        application: text("application", &registration.application, false, Bound::Note)?,
        keywords: text("keywords", &registration.keywords, false, Bound::Keywords)?,
    };
    allow(&t, Step::Register)?;
    let taken = closeout::Entity::find()
        .filter(closeout::Column::CertificateNumber.eq(number.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(AppError::invalid(
            "certificate_number",
            Problem::CertificateTaken,
        ));
    }
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            certificate_number: Set(Some(number.clone())),
            registration: Set(Some(Json(registration.clone()))),
            registered_by: Set(Some(me.user_id)),
            registered_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::RegisteredAt,
        Step::Register,
    )
    .await?;
    // The registered results are searched on the portal from now on.
    crate::portal::search::refresh(&txn, &[contract_id]).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "results_registered",
        ("contract", contract_id.into()),
        serde_json::json!({ "certificate": number }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn close(contract_id: i32) -> Result<(), AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let t = load(&txn, contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    allow(&t, Step::Close)?;
    let done = contract::Entity::update_many()
        .set(contract::ActiveModel {
            status: Set(ContractStatus::Closed.code().into()),
            ..Default::default()
        })
        .filter(contract::Column::Id.eq(contract_id))
        .filter(contract::Column::Status.ne(ContractStatus::Closed.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(blocked(domain::closeout::Blocked::AlreadyClosed));
    }
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            closed_by: Set(Some(me.user_id)),
            closed_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::ClosedAt,
        Step::Close,
    )
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "task_closed",
        ("contract", contract_id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
