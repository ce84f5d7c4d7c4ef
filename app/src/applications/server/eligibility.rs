//! Whether the dossier's leader may lead, and its host organisation host, a new task
//! (`domain::eligibility`), from their earlier contracts and close-outs.

use domain::acceptance::Rating;
use domain::contract::ContractStatus;
use domain::eligibility::{HostRecord, LeaderRecord};
use domain::ledger::Account;
use domain::settlement::FailureCause;

use super::*;
use crate::db::entities::{closeout, contract, fund_account};

/// Refused with the first reason, at the field `eligibility`.
pub(super) async fn check(
    db: &impl ConnectionTrait,
    rb: &Rulebook,
    a: &application::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let leader = leader_record(db, a.applicant_id).await?;
    let host = match a.organisation_id {
        Some(org) => host_record(db, org).await?,
        None => HostRecord::default(),
    };
    domain::eligibility::check(&rb.eligibility, &leader, &host, now)
        .map_err(|i| AppError::invalid("eligibility", Problem::Ineligible(i)))
}

/// The contracts whose dossiers `leader` wrote, with their close-outs.
async fn leader_record(db: &impl ConnectionTrait, leader: i32) -> Result<LeaderRecord, AppError> {
    let dossiers: Vec<i32> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::ApplicantId.eq(leader))
        .into_tuple()
        .all(db)
        .await?;
    let contracts = contract::Entity::find()
        .filter(contract::Column::ApplicationId.is_in(dossiers))
        .all(db)
        .await?;
    let running = contracts
        .iter()
        .filter(|c| c.status == ContractStatus::Active.code())
        .count();
    let closeouts = closeout::Entity::find()
        .filter(closeout::Column::ContractId.is_in(contracts.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let mut record = LeaderRecord {
        running_tasks: u32::try_from(running).unwrap_or(u32::MAX),
        ..LeaderRecord::default()
    };
    for co in &closeouts {
        let failed = co.rating.as_deref() == Some(Rating::Fail.code());
        let subjective = co.failure_cause.as_deref() == Some(FailureCause::Subjective.code());
        match (failed, co.concluded_at, co.terminated_at) {
            (true, Some(at), _) => record.failures.push(at),
            (_, _, Some(at)) if subjective => record.failures.push(at),
            _ => {}
        }
        if co.settled_at.is_none() && co.closed_at.is_none() {
            if let Some(since) = co.concluded_at.or(co.terminated_at) {
                record.unsettled_since.push(since);
            }
        }
    }
    Ok(record)
}

/// The organisation's settled contracts whose refund is not yet paid in.
async fn host_record(db: &impl ConnectionTrait, org: i32) -> Result<HostRecord, AppError> {
    let contracts: Vec<i32> = contract::Entity::find()
        .select_only()
        .column(contract::Column::Id)
        .filter(contract::Column::OrganisationId.eq(org))
        .into_tuple()
        .all(db)
        .await?;
    let settled = closeout::Entity::find()
        .filter(closeout::Column::ContractId.is_in(contracts))
        .filter(closeout::Column::SettledAt.is_not_null())
        .all(db)
        .await?;
    let codes: Vec<String> = settled
        .iter()
        .map(|c| Account::Refund(c.contract_id.into()).code())
        .collect();
    let due: Vec<String> = fund_account::Entity::find()
        .filter(fund_account::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .filter(|r| r.credits_posted > r.debits_posted)
        .map(|r| r.code)
        .collect();
    let refunds_due_since = settled
        .iter()
        .filter(|c| due.contains(&Account::Refund(c.contract_id.into()).code()))
        .filter_map(|c| c.settled_at)
        .collect();
    Ok(HostRecord { refunds_due_since })
}
