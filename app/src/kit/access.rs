//! Who may read or change a dossier and its files (S): the rules several features ask (the
//! dossier's page, its attachments, its council, its contract, its close-out), kept below them
//! all.

use domain::closeout::{Blocked, Standing};
use domain::contract::ContractStatus;
use domain::lifecycle::ApplicationState;
use domain::roles::{Permission, Scope};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::db::entities::{
    acceptance_member, application, application_member, call, closeout, contract,
};
use crate::error::{AppError, Problem};
use crate::kit::Account;

/// The dossier's lifecycle state as stored; an unknown code is an internal error, logged.
pub fn state_of(row: &application::Model) -> Result<ApplicationState, AppError> {
    ApplicationState::from_parts(&row.status, row.correction_deadline).ok_or_else(|| {
        tracing::error!(application = row.id, status = %row.status, "unknown application status");
        AppError::Internal
    })
}

/// Whoever may read a dossier: its owner; officers once the department has received it;
/// its host organisation once it has been submitted. Anyone else gets 404, as if it did
/// not exist.
pub async fn readable(
    db: &impl ConnectionTrait,
    me: &Account,
    a: &application::Model,
) -> Result<(), AppError> {
    let st = state_of(a)?;
    let received = st.seen_by_department() && a.received_at.is_some();
    let officer = received
        && crate::kit::units::oversees_call(db, me, Permission::CheckApplications, a.call_id)
            .await?;
    if a.applicant_id == me.user_id || officer || host_of(me, a) && st != ApplicationState::Draft {
        return Ok(());
    }
    // A team member named with their account's e-mail reads it too.
    let member = application_member::Entity::find_by_id((a.id, me.user_id))
        .one(db)
        .await?;
    member.map(|_| ()).ok_or(AppError::NotFound)
}

/// The caller speaks for the dossier's host organisation.
pub fn host_of(me: &Account, a: &application::Model) -> bool {
    a.organisation_id.is_some_and(|org| {
        me.may(
            Permission::ConfirmApplications,
            Scope::Organisation(org.into()),
        )
    })
}

/// The organisations the caller confirms dossiers for.
pub fn host_organisations(me: &Account) -> Vec<i32> {
    domain::roles::hosted_organisations(&me.grants)
        .into_iter()
        .filter_map(|id| i32::try_from(id).ok())
        .collect()
}

/// Whether the dossier's task takes (or lets go of) `document`, an evidence or settlement
/// document, now (`domain::closeout::check_document`).
pub async fn files_open(
    db: &impl ConnectionTrait,
    application_id: i32,
    document: &str,
) -> Result<(), AppError> {
    let refuse = |b: Blocked| AppError::invalid("step", Problem::Closeout(b));
    let Some(c) = contract::Entity::find()
        .filter(contract::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    else {
        return Err(refuse(Blocked::NotRunning));
    };
    let status = ContractStatus::from_code(&c.status).ok_or(AppError::Internal)?;
    let co = closeout::Entity::find_by_id(c.id).one(db).await?;
    let concluded = co.as_ref().is_some_and(|r| r.rating.is_some());
    let settled = co.as_ref().is_some_and(|r| r.settled_at.is_some());
    domain::closeout::check_document(status, concluded, settled, document).map_err(refuse)
}

/// Whether the person sits on the acceptance council of the dossier's task.
pub async fn judges(
    db: &impl ConnectionTrait,
    me: &Account,
    application_id: i32,
) -> Result<bool, AppError> {
    let Some(c) = contract::Entity::find()
        .filter(contract::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(acceptance_member::Entity::find_by_id((c.id, me.user_id))
        .one(db)
        .await?
        .is_some())
}

/// The state of a dossier its owner may still change (a draft, or one returned for
/// correction); any other state refuses `event`.
pub fn editable(a: &application::Model, event: &str) -> Result<ApplicationState, AppError> {
    let st = state_of(a)?;
    if matches!(
        st,
        ApplicationState::Draft | ApplicationState::ReturnedForCorrection { .. }
    ) {
        Ok(st)
    } else {
        Err(AppError::invalid(
            "status",
            Problem::Transition(domain::lifecycle::TransitionError::NotAllowed {
                from: st.code().into(),
                event: event.into(),
            }),
        ))
    }
}

/// The caller's own application, or 404 (someone else's looks the same as none).
pub async fn own(
    db: &impl ConnectionTrait,
    account: &Account,
    id: i32,
) -> Result<(application::Model, call::Model), AppError> {
    let (a, c) = application::Entity::find_by_id(id)
        .find_also_related(call::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.applicant_id != account.user_id {
        return Err(AppError::NotFound);
    }
    Ok((a, c.ok_or(AppError::NotFound)?))
}

/// What a person's grants make them in the close-out of a task run by `unit` (none: the
/// department): the step table's offices (`domain::closeout::Standing`). A managing unit's
/// officer and leader hold the department's offices for their unit's tasks; the fund's stay
/// the fund's. The task's own people (its leader, host, council) are found from the task.
pub fn office(me: &Account, unit: Option<i32>) -> Standing {
    Standing {
        officer: me.manages(Permission::SuperviseTasks, unit),
        department_leader: me.manages(Permission::DecideSettlements, unit),
        accountant: me.may(Permission::RecordFundReceipts, Scope::Global),
        ..Standing::default()
    }
}

/// Refuses a decision about a dossier, named by its id, that its own author or a member of
/// its team would take.
pub async fn not_own_case(
    db: &impl ConnectionTrait,
    me: &Account,
    application_id: i32,
) -> Result<(), AppError> {
    let a = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    not_own_dossier(db, me, &a).await
}

/// Refuses a decision about dossier `a` that its own author or a member of its team would take
/// (`domain::roles::decides_own_case`), whatever roles they hold.
pub async fn not_own_dossier(
    db: &impl ConnectionTrait,
    me: &Account,
    a: &application::Model,
) -> Result<(), AppError> {
    let team: Vec<i64> = application_member::Entity::find()
        .filter(application_member::Column::ApplicationId.eq(a.id))
        .filter(application_member::Column::UserId.eq(me.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id.into())
        .collect();
    if domain::roles::decides_own_case(me.user_id.into(), a.applicant_id.into(), &team) {
        return Err(AppError::invalid("application", Problem::OwnCase));
    }
    Ok(())
}
