//! Acceptance: the final report, the host's self-evaluation, the acceptance council, its ballots and verdict.

use super::*;

pub async fn submit_final(
    contract_id: i32,
    final_report: String,
    evidence: Vec<String>,
) -> Result<(), AppError> {
    let (me, t, st) = step_for(contract_id, Step::SubmitFinalReport).await?;
    let db = &st.db;
    let final_report = required("final_report", &final_report, Bound::Report)?;
    if evidence.len() != t.products.len() {
        return Err(AppError::invalid(
            "evidence",
            Problem::Acceptance(domain::acceptance::AcceptanceProblem::ProductsMismatch {
                expected: t.products.len(),
            }),
        ));
    }
    let evidence = evidence
        .iter()
        .enumerate()
        .map(|(i, e)| required(&format!("evidence.{i}"), e, Bound::Note))
        .collect::<Result<Vec<_>, _>>()?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            final_report: Set(final_report),
            evidence: Set(Json(evidence.clone())),
            submitted_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::SubmittedAt,
        Step::SubmitFinalReport,
    )
    .await?;
    schedule_reports(&txn, contract_id).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "acceptance_requested",
        ("contract", contract_id.into()),
        serde_json::json!({ "products": evidence.len() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn checked_ballot(t: &Task, ballot: Ballot) -> Result<Ballot, AppError> {
    let ballot = Ballot {
        comment: ballot.comment.trim().to_string(),
        ..ballot
    };
    ballot
        .check(t.products.len())
        .map_err(|p| AppError::invalid("ballot", Problem::Acceptance(p)))?;
    Ok(ballot)
}

pub async fn self_evaluate(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
    let (me, t, st) = step_for(contract_id, Step::SelfEvaluate).await?;
    let db = &st.db;
    let ballot = checked_ballot(&t, ballot)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            self_evaluation: Set(Some(Json(ballot.clone()))),
            self_evaluated_by: Set(Some(me.user_id)),
            self_evaluated_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::SelfEvaluatedAt,
        Step::SelfEvaluate,
    )
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "self_evaluated",
        ("contract", contract_id.into()),
        serde_json::json!({ "task": ballot.task.code() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn name_council(contract_id: i32, emails: Vec<String>) -> Result<(), AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let db = &state()?.db;
    let t = load(db, contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    allow(&t, Step::NameCouncil)?;
    let parsed = council_emails(&emails)?;
    domain::acceptance::check_members(&t.rulebook.acceptance, parsed.len())
        .map_err(|p| AppError::invalid("emails", Problem::Acceptance(p)))?;
    type Person = (i32, String, Option<i32>);
    let people: Vec<Person> = user::Entity::find()
        .select_only()
        .columns([
            user::Column::Id,
            user::Column::Email,
            user::Column::OrganisationId,
        ])
        .filter(user::Column::Email.is_in(parsed.clone()))
        .filter(user::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let task = task_people(db, &t).await?;
    let mut ids = Vec::new();
    for (i, e) in parsed.iter().enumerate() {
        let (id, _, org) = people
            .iter()
            .find(|(_, pe, _)| pe == e)
            .cloned()
            .ok_or_else(|| AppError::invalid(&format!("emails.{i}"), Problem::NoSuchAccount))?;
        if domain::acceptance::conflicted(&task, id, org) {
            return Err(AppError::invalid(
                &format!("emails.{i}"),
                Problem::Conflicted,
            ));
        }
        ids.push(id);
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let voted = acceptance_member::Entity::find()
        .filter(acceptance_member::Column::ContractId.eq(contract_id))
        .filter(acceptance_member::Column::Ballot.is_not_null())
        .count(&txn)
        .await?;
    if voted > 0 {
        return Err(blocked(domain::closeout::Blocked::AlreadyConcluded));
    }
    seat_members(&txn, contract_id, &ids).await?;
    let notice = domain::notice::acceptance_ballot(contract_id, &t.application.title);
    crate::kit::notify::notify(&txn, &ids, &notice, now).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "acceptance_council_named",
        ("contract", contract_id.into()),
        serde_json::json!({ "members": ids }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn vote(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let t = load(db, contract_id).await?;
    // Whoever reads the task but does not sit on its council is refused; others never saw it.
    readable(db, &me, &t).await?;
    let member = member_of(db, &me, contract_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    allow(&t, Step::Vote)?;
    let ballot = checked_ballot(&t, ballot)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    // Conclusion writes the verdict in its own transaction; a ballot after it is refused.
    let t = load(&txn, contract_id).await?;
    allow(&t, Step::Vote)?;
    let mut row: acceptance_member::ActiveModel = member.into();
    row.ballot = Set(Some(Json(ballot.clone())));
    row.voted_at = Set(Some(now));
    row.update(&txn).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "acceptance_ballot",
        ("contract", contract_id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn conclude(contract_id: i32) -> Result<Rating, AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let t = load(&txn, contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    allow(&t, Step::Conclude)?;
    let members = acceptance_member::Entity::find()
        .filter(acceptance_member::Column::ContractId.eq(contract_id))
        .all(&txn)
        .await?;
    let ballots = members
        .iter()
        .filter_map(|m| m.ballot.as_ref())
        .map(|b| b.0.clone())
        .collect::<Vec<Ballot>>();
    let v = domain::acceptance::verdict(
        &t.rulebook.acceptance,
        members.len(),
        t.products.len(),
        &ballots,
    )
    .map_err(|p| AppError::invalid("ballots", Problem::Acceptance(p)))?;
    write_stage(
        &txn,
        contract_id,
        closeout::ActiveModel {
            verdict: Set(Some(Json(v.clone()))),
            rating: Set(Some(v.task.code().into())),
            concluded_by: Set(Some(me.user_id)),
            concluded_at: Set(Some(now)),
            ..Default::default()
        },
        closeout::Column::ConcludedAt,
        Step::Conclude,
    )
    .await?;
    schedule_reports(&txn, contract_id).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "acceptance_concluded",
        ("contract", contract_id.into()),
        serde_json::json!({ "rating": v.task.code(), "ballots": v.ballots }),
    )
    .await?;
    txn.commit().await?;
    Ok(v.task)
}

/// The council's e-mails parsed, each once, refused at `emails.{i}`.
fn council_emails(emails: &[String]) -> Result<Vec<String>, AppError> {
    let mut parsed: Vec<String> = Vec::new();
    for (i, e) in emails.iter().enumerate() {
        let email = domain::account::Email::parse(e)
            .map_err(|p| AppError::invalid(&format!("emails.{i}"), Problem::Field(p)))?;
        if parsed.iter().any(|p| p == email.as_str()) {
            return Err(AppError::invalid(
                &format!("emails.{i}"),
                Problem::AlreadyOnCouncil,
            ));
        }
        parsed.push(email.as_str().to_string());
    }
    Ok(parsed)
}

/// The task's own people, found in the data (`domain::acceptance::TaskPeople`).
async fn task_people(
    db: &impl ConnectionTrait,
    t: &Task,
) -> Result<domain::acceptance::TaskPeople, AppError> {
    use crate::db::entities::{application_member, role_grant};
    let team: Vec<i32> = application_member::Entity::find()
        .select_only()
        .column(application_member::Column::UserId)
        .filter(application_member::Column::ApplicationId.eq(t.application.id))
        .into_tuple()
        .all(db)
        .await?;
    let host_accounts: Vec<i32> = match t.contract.organisation_id {
        Some(org) => {
            role_grant::Entity::find()
                .select_only()
                .column(role_grant::Column::UserId)
                .filter(
                    role_grant::Column::ScopeKind.eq(domain::roles::ScopeKind::Organisation.code()),
                )
                .filter(role_grant::Column::ScopeId.eq(i64::from(org)))
                .into_tuple()
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    Ok(domain::acceptance::TaskPeople {
        leader: t.application.applicant_id,
        team,
        host_accounts,
        host: t.contract.organisation_id,
    })
}

/// The council's members in order: the first chairs, the second is secretary. A council named
/// again before anyone voted replaces the earlier one.
async fn seat_members(
    txn: &impl ConnectionTrait,
    contract_id: i32,
    ids: &[i32],
) -> Result<(), AppError> {
    acceptance_member::Entity::delete_many()
        .filter(acceptance_member::Column::ContractId.eq(contract_id))
        .exec(txn)
        .await?;
    let rows = ids
        .iter()
        .enumerate()
        .map(|(i, id)| acceptance_member::ActiveModel {
            contract_id: Set(contract_id),
            user_id: Set(*id),
            role: Set(match i {
                0 => "chair",
                1 => "secretary",
                _ => "member",
            }
            .into()),
            ballot: Set(None),
            paper: Set(false),
            voted_at: Set(None),
        });
    acceptance_member::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}
