//! The execution view of one contract: reports, inspections, close-out and what the reader may do next.

use super::*;

/// The rows of a task beside its contract, each list bounded.
struct Rows {
    reports: Vec<progress_report::Model>,
    inspections: Vec<inspection::Model>,
    members: Vec<acceptance_member::Model>,
    amendments: Vec<amendment::Model>,
}

impl Rows {
    async fn load(db: &impl ConnectionTrait, contract_id: i32) -> Result<Rows, AppError> {
        Ok(Rows {
            reports: progress_report::Entity::find()
                .filter(progress_report::Column::ContractId.eq(contract_id))
                .order_by_asc(progress_report::Column::Id)
                .limit(200)
                .all(db)
                .await?,
            inspections: inspection::Entity::find()
                .filter(inspection::Column::ContractId.eq(contract_id))
                .order_by_asc(inspection::Column::Id)
                .limit(200)
                .all(db)
                .await?,
            members: acceptance_member::Entity::find()
                .filter(acceptance_member::Column::ContractId.eq(contract_id))
                .order_by_asc(acceptance_member::Column::Role)
                .all(db)
                .await?,
            amendments: amendment::Entity::find()
                .filter(amendment::Column::ContractId.eq(contract_id))
                .order_by_asc(amendment::Column::Id)
                .limit(100)
                .all(db)
                .await?,
        })
    }

    /// Everyone the rows name, by id: (name, e-mail).
    async fn people(&self, db: &impl ConnectionTrait) -> Result<Names, AppError> {
        let mut ids: Vec<i32> = self.reports.iter().map(|r| r.filed_by).collect();
        ids.extend(self.amendments.iter().filter_map(|a| a.decided_by));
        ids.extend(self.inspections.iter().map(|i| i.recorded_by));
        ids.extend(self.members.iter().map(|m| m.user_id));
        names(db, ids).await
    }
}

type Names = std::collections::HashMap<i32, (String, String)>;

fn name_in(names: &Names, id: i32) -> String {
    names.get(&id).map(|n| n.0.clone()).unwrap_or_default()
}

/// The task as its reader sees it: progress, close-out, amendments, and the steps open to them.
pub async fn get(contract_id: i32) -> Result<ExecutionView, AppError> {
    let me = require_user()?;
    let st = state()?;
    let db = &st.db;
    let t = load(db, contract_id).await?;
    readable(db, &me, &t).await?;
    let now = st.clock.now();
    let periods = periods_of(&t);
    let done = filed(db, contract_id).await?;
    let next_period = t
        .contract
        .signed_at
        .and_then(|s| domain::execution::next_to_file(&periods, &done, s, now).map(|p| p.number));
    let rows = Rows::load(db, contract_id).await?;
    let names = rows.people(db).await?;
    let mine_member = rows.members.iter().find(|m| m.user_id == me.user_id);
    let co = t.closeout.as_ref();
    let verdict: Option<Verdict> = co.and_then(|r| r.verdict.clone()).map(Json::into_inner);
    let mine = domain::closeout::offered_steps(&t.facts)
        .into_iter()
        .filter(|s| may_take(&me, &t, mine_member.is_some(), *s))
        .filter(|s| *s != Step::FileReport || next_period.is_some())
        .collect();
    Ok(ExecutionView {
        contract_id,
        code: t.contract.code.clone(),
        title: t.contract.title.clone(),
        organisation: organisation_name(db, &t).await?,
        leader_name: t.contract.leader_name.clone(),
        concluded_at: co.and_then(|r| r.concluded_at),
        tally: tally_of(&t, &rows.members, verdict.is_some()),
        application_id: t.contract.application_id,
        status: t.facts.status,
        signed_at: t.contract.signed_at,
        total_dong: t.contract.total_dong,
        paid_dong: t.paid_dong,
        products: t.products.clone(),
        lines: t.lines.clone(),
        duration_months: t.duration_months,
        version: version_of(&rows.amendments),
        amendments: amendment_views(&me, &t, &rows.amendments, &names)?,
        periods: period_views(&periods, &done, now),
        reports: report_views(&rows.reports, &names)?,
        next_period,
        inspections: rows
            .inspections
            .iter()
            .map(|i| InspectionView {
                inspected_on: i.inspected_on,
                findings: i.findings.clone(),
                recorded_by: name_in(&names, i.recorded_by),
            })
            .collect(),
        ballots: rows.members.iter().filter(|m| m.ballot.is_some()).count(),
        my_ballot: mine_member
            .and_then(|m| m.ballot.clone())
            .map(Json::into_inner),
        members: member_views(&rows.members, &names),
        verdict,
        files: files_of(db, &t).await?,
        may_attach: leads(&me, &t)
            && matches!(
                t.facts.status,
                ContractStatus::Active | ContractStatus::Terminated
            ),
        max_upload_bytes: st.settings.uploads.max_bytes,
        mine,
        may_supervise: me.manages(Permission::SuperviseTasks, t.unit)
            && t.facts.status != ContractStatus::Closed,
        ..closeout_part(&t)
    })
}

/// The close-out's own fields (the rest of the view left empty, filled by `get`).
fn closeout_part(t: &Task) -> ExecutionView {
    let co = t.closeout.as_ref();
    let statement = co.and_then(|r| {
        Some(Statement {
            settled_dong: r.settled_dong?,
            refund_dong: r.refund_dong?,
            release_dong: r.release_dong?,
            final_payment_dong: r.final_payment_dong.unwrap_or(0),
        })
    });
    ExecutionView {
        final_report: co.map(|r| r.final_report.clone()).unwrap_or_default(),
        evidence: co.map(|r| r.evidence.0.clone()).unwrap_or_default(),
        submitted_at: co.and_then(|r| r.submitted_at),
        self_evaluation: co
            .and_then(|r| r.self_evaluation.clone())
            .map(Json::into_inner),
        termination_reason: co.map(|r| r.termination_reason.clone()).unwrap_or_default(),
        failure_cause: co
            .and_then(|r| r.failure_cause.as_deref())
            .and_then(FailureCause::from_code),
        compliance: co.and_then(|r| r.compliance.clone()).map(Json::into_inner),
        cause_evidence: co.map(|r| r.cause_evidence.clone()).unwrap_or_default(),
        exemption: co.and_then(|r| r.exemption_granted),
        exemption_reason: co.map(|r| r.exemption_reason.clone()).unwrap_or_default(),
        declaration: co.and_then(|r| r.declaration.clone()).map(Json::into_inner),
        declared_statement: co
            .and_then(|r| r.declaration.as_ref())
            .and_then(|d| super::settlement::statement_of(t, d).ok()),
        statement,
        refund_outstanding_dong: t.refund_outstanding_dong,
        certificate_number: co.and_then(|r| r.certificate_number.clone()),
        registration: co
            .and_then(|r| r.registration.clone())
            .map(Json::into_inner),
        closed_at: co.and_then(|r| r.closed_at),
        ..ExecutionView::default()
    }
}

/// The ratings per product and for the task, once the verdict is in (hidden before).
fn tally_of(t: &Task, members: &[acceptance_member::Model], concluded: bool) -> Vec<[u32; 3]> {
    if !concluded {
        return Vec::new();
    }
    let ballots: Vec<Ballot> = members
        .iter()
        .filter_map(|m| m.ballot.as_ref())
        .map(|b| b.0.clone())
        .collect();
    domain::acceptance::tally(t.products.len(), &ballots)
}

/// The contract's version: 1, and one more per approved amendment.
fn version_of(amendments: &[amendment::Model]) -> u32 {
    let approved = domain::amendment::Status::Approved.code();
    1 + amendments.iter().filter(|a| a.status == approved).count() as u32
}

fn amendment_views(
    me: &Me,
    t: &Task,
    amendments: &[amendment::Model],
    names: &Names,
) -> Result<Vec<AmendmentView>, AppError> {
    amendments
        .iter()
        .map(|a| {
            let size = domain::amendment::Size::from_code(&a.size).ok_or(AppError::Internal)?;
            let status =
                domain::amendment::Status::from_code(&a.status).ok_or(AppError::Internal)?;
            Ok(AmendmentView {
                id: a.id,
                request: a.request.0.clone(),
                baseline: a.baseline.0.clone(),
                may_decide: status == domain::amendment::Status::Pending
                    && may_decide_amendment(me, t, size)
                    && check(&t.facts, Step::DecideAmendment).is_ok(),
                size,
                status,
                version: a.version.map(|v| v as u32),
                requested_at: a.requested_at,
                decided_by: a.decided_by.map(|id| name_in(names, id)),
                decided_at: a.decided_at,
                decision_note: a.decision_note.clone(),
            })
        })
        .collect()
}

fn period_views(
    periods: &[domain::execution::Period],
    done: &[u32],
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<PeriodView> {
    let overdue: Vec<u32> = domain::execution::overdue(periods, done, now)
        .into_iter()
        .map(|p| p.number)
        .collect();
    periods
        .iter()
        .map(|p| PeriodView {
            number: p.number,
            ends_at: p.ends_at,
            due_at: p.due_at,
            overdue: overdue.contains(&p.number),
        })
        .collect()
}

fn report_views(
    reports: &[progress_report::Model],
    names: &Names,
) -> Result<Vec<ReportView>, AppError> {
    reports
        .iter()
        .map(|r| {
            Ok(ReportView {
                id: r.id,
                period: r.period as u32,
                status: ReportStatus::from_code(&r.status).ok_or(AppError::Internal)?,
                report: r.report.0.clone(),
                filed_by: name_in(names, r.filed_by),
                filed_at: r.filed_at,
                reviewed_at: r.reviewed_at,
                review_note: r.review_note.clone(),
            })
        })
        .collect()
}

fn member_views(members: &[acceptance_member::Model], names: &Names) -> Vec<MemberView> {
    members
        .iter()
        .map(|m| MemberView {
            name: name_in(names, m.user_id),
            email: names
                .get(&m.user_id)
                .map(|n| n.1.clone())
                .unwrap_or_default(),
            role: m.role.clone(),
            voted: m.ballot.is_some(),
            paper: m.paper,
        })
        .collect()
}

/// Evidence and settlement documents on the task's dossier.
async fn files_of(
    db: &impl ConnectionTrait,
    t: &Task,
) -> Result<Vec<crate::attachments::AttachmentView>, AppError> {
    use crate::db::entities::attachment;
    Ok(attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(t.application.id))
        .filter(attachment::Column::RemovedAt.is_null())
        .filter(attachment::Column::Document.is_in(domain::closeout::DOCUMENTS))
        .order_by_asc(attachment::Column::Id)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .map(crate::attachments::server::view)
        .collect())
}

async fn organisation_name(db: &impl ConnectionTrait, t: &Task) -> Result<String, AppError> {
    let Some(o) = t.contract.organisation_id else {
        return Ok(String::new());
    };
    Ok(crate::db::entities::organisation::Entity::find_by_id(o)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}
