//! Decisions on a dossier: the host organisation's confirmation, the officer's validity check or return for correction.

use super::*;

pub async fn host_decide(id: i32, decision: HostDecision) -> Result<(), AppError> {
    let me = crate::auth::server::require_user()?;
    if host_organisations(&me).is_empty() {
        return Err(AppError::Forbidden);
    }
    let (event, reasons, code) = match &decision {
        HostDecision::Confirm => (ApplicationEvent::HostConfirm, "", "host_confirmed"),
        HostDecision::Decline { reasons } => (
            ApplicationEvent::HostDecline,
            reasons.as_str(),
            "host_declined",
        ),
    };
    let record = Record {
        code,
        reasons: reasons_of(reasons, code == "host_declined")?,
        deadline: None,
        by: me.user_id,
        action: "application_host_decided",
    };
    // Another organisation's dossier, or a draft, does not exist for this host.
    let visible = |a: &application::Model, st: ApplicationState| {
        host_of(&me, a) && st != ApplicationState::Draft
    };
    record_decision(id, event, record, visible).await
}

/// A decision as the record keeps it.
pub(super) struct Record {
    code: &'static str,
    reasons: String,
    deadline: Option<DateTime<Utc>>,
    by: i32,
    action: &'static str,
}

/// Reasons trimmed and bounded; `required` when the decision must say why.
pub(super) fn reasons_of(reasons: &str, required: bool) -> Result<String, AppError> {
    let reasons = reasons.trim().to_string();
    if required && reasons.is_empty() {
        return Err(AppError::invalid(
            "reasons",
            Problem::Form(FormProblem::Required),
        ));
    }
    if reasons.chars().count() > MAX_REASONS_CHARS {
        return Err(AppError::invalid(
            "reasons",
            Problem::Form(FormProblem::TooLong {
                max_chars: MAX_REASONS_CHARS,
            }),
        ));
    }
    Ok(reasons)
}

/// Moves the dossier by `event` and records the decision, its audit event and the applicant's
/// notification, in one transaction; a dossier the decider may not see (`visible`) is 404.
pub(super) async fn record_decision(
    id: i32,
    event: ApplicationEvent,
    record: Record,
    visible: impl Fn(&application::Model, ApplicationState) -> bool,
) -> Result<(), AppError> {
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let a = application::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let st = state_of(&a)?;
    if !visible(&a, st) {
        return Err(AppError::NotFound);
    }
    let next = apply(st, event, now).map_err(transition)?;
    set_state(&txn, &a, st, next, now).await?;
    let notice = domain::notice::dossier_decision(
        id,
        &a.title,
        record.code,
        &record.reasons,
        record.deadline,
    );
    crate::kit::notify::notify(&txn, &[a.applicant_id], &notice, now).await?;
    application_decision::ActiveModel {
        application_id: Set(id),
        decision: Set(record.code.into()),
        reasons: Set(record.reasons),
        deadline: Set(record.deadline),
        decided_by: Set(record.by),
        decided_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(record.by),
        record.action,
        ("application", id.into()),
        serde_json::json!({ "decision": record.code }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Longest reasons text: a letter, not a report.
pub(super) const MAX_REASONS_CHARS: usize = 5_000;

pub async fn decide(id: i32, decision: Decision) -> Result<(), AppError> {
    let officer: Arc<Account> = crate::kit::require_user()?;
    let db = &state()?.db;
    let a = manages_dossier(db, &officer, Permission::CheckApplications, id).await?;
    crate::kit::access::not_own_dossier(db, &officer, &a).await?;
    let (event, reasons, deadline, code) = match &decision {
        Decision::Valid => (ApplicationEvent::MarkValid, "", None, "valid"),
        Decision::Invalid { reasons } => (
            ApplicationEvent::MarkInvalid,
            reasons.as_str(),
            None,
            "invalid",
        ),
        Decision::Return { reasons, deadline } => (
            ApplicationEvent::ReturnForCorrection {
                deadline: *deadline,
            },
            reasons.as_str(),
            Some(*deadline),
            "returned",
        ),
        Decision::HostConfirmed | Decision::HostDeclined { .. } => {
            return Err(AppError::invalid("decision", Problem::UnknownChoice));
        }
    };
    let record = Record {
        code,
        reasons: reasons_of(reasons, code != "valid")?,
        deadline,
        by: officer.user_id,
        action: "application_decided",
    };
    record_decision(id, event, record, |_, st| st.seen_by_department()).await
}
