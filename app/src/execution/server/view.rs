//! The execution view of one contract: reports, inspections, close-out and what the reader may do next.

use super::*;

#[expect(
    clippy::too_many_lines,
    reason = "one transaction's steps in order; to be cut into helpers (issue 11)"
)]
pub async fn get(contract_id: i32) -> Result<ExecutionView, AppError> {
    let me = require_user()?;
    let st = state()?;
    let db = &st.db;
    let t = load(db, contract_id).await?;
    readable(db, &me, &t).await?;
    let now = st.clock.now();
    let periods = periods_of(&t);
    let done = filed(db, contract_id).await?;
    let overdue: Vec<u32> = domain::execution::overdue(&periods, &done, now)
        .into_iter()
        .map(|p| p.number)
        .collect();
    let next_period = t
        .contract
        .signed_at
        .and_then(|s| domain::execution::next_to_file(&periods, &done, s, now).map(|p| p.number));
    let reports = progress_report::Entity::find()
        .filter(progress_report::Column::ContractId.eq(contract_id))
        .order_by_asc(progress_report::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let inspections = inspection::Entity::find()
        .filter(inspection::Column::ContractId.eq(contract_id))
        .order_by_asc(inspection::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let members = acceptance_member::Entity::find()
        .filter(acceptance_member::Column::ContractId.eq(contract_id))
        .order_by_asc(acceptance_member::Column::Role)
        .all(db)
        .await?;
    let amendments = amendment::Entity::find()
        .filter(amendment::Column::ContractId.eq(contract_id))
        .order_by_asc(amendment::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = reports.iter().map(|r| r.filed_by).collect();
    ids.extend(amendments.iter().filter_map(|a| a.decided_by));
    ids.extend(inspections.iter().map(|i| i.recorded_by));
    ids.extend(members.iter().map(|m| m.user_id));
    let names = names(db, ids).await?;
    let name = |id: i32| names.get(&id).map(|n| n.0.clone()).unwrap_or_default();
    let mine_member = members.iter().find(|m| m.user_id == me.user_id);
    let co = t.closeout.as_ref();
    let verdict: Option<Verdict> = co.and_then(|r| r.verdict.clone()).map(Json::into_inner);
    let statement = co.and_then(|r| {
        Some(Statement {
            settled_dong: r.settled_dong?,
            refund_dong: r.refund_dong?,
            release_dong: r.release_dong?,
        })
    });
    let mine = domain::closeout::offered_steps(&t.facts)
        .into_iter()
        .filter(|s| may_take(&me, &t, mine_member.is_some(), *s))
        .filter(|s| *s != Step::FileReport || next_period.is_some())
        .collect();
    let tally = if verdict.is_some() {
        let ballots = members
            .iter()
            .filter_map(|m| m.ballot.as_ref())
            .map(|b| b.0.clone())
            .collect::<Vec<Ballot>>();
        domain::acceptance::tally(t.products.len(), &ballots)
    } else {
        Vec::new()
    };
    let files = crate::db::entities::attachment::Entity::find()
        .filter(crate::db::entities::attachment::Column::ApplicationId.eq(t.application.id))
        .filter(crate::db::entities::attachment::Column::RemovedAt.is_null())
        .filter(
            crate::db::entities::attachment::Column::Document.is_in(domain::closeout::DOCUMENTS),
        )
        .order_by_asc(crate::db::entities::attachment::Column::Id)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .map(crate::attachments::server::view)
        .collect();
    let may_attach = leads(&me, &t)
        && matches!(
            t.facts.status,
            ContractStatus::Active | ContractStatus::Terminated
        );
    let organisation = match t.contract.organisation_id {
        Some(o) => crate::db::entities::organisation::Entity::find_by_id(o)
            .one(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(ExecutionView {
        contract_id,
        code: t.contract.code.clone(),
        title: t.contract.title.clone(),
        organisation,
        leader_name: t.contract.leader_name.clone(),
        concluded_at: co.and_then(|r| r.concluded_at),
        tally,
        application_id: t.contract.application_id,
        status: t.facts.status,
        signed_at: t.contract.signed_at,
        total_dong: t.contract.total_dong,
        paid_dong: t.paid_dong,
        products: t.products.clone(),
        lines: t.lines.clone(),
        duration_months: t.duration_months,
        version: 1 + amendments
            .iter()
            .filter(|a| a.status == domain::amendment::Status::Approved.code())
            .count() as u32,
        amendments: amendments
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
                        && may_decide_amendment(&me, size)
                        && check(&t.facts, Step::DecideAmendment).is_ok(),
                    size,
                    status,
                    version: a.version.map(|v| v as u32),
                    requested_at: a.requested_at,
                    decided_by: a.decided_by.map(name),
                    decided_at: a.decided_at,
                    decision_note: a.decision_note.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?,
        periods: periods
            .iter()
            .map(|p| PeriodView {
                number: p.number,
                ends_at: p.ends_at,
                due_at: p.due_at,
                overdue: overdue.contains(&p.number),
            })
            .collect(),
        reports: reports
            .iter()
            .map(|r| {
                Ok(ReportView {
                    id: r.id,
                    period: r.period as u32,
                    status: ReportStatus::from_code(&r.status).ok_or(AppError::Internal)?,
                    report: r.report.0.clone(),
                    filed_by: name(r.filed_by),
                    filed_at: r.filed_at,
                    reviewed_at: r.reviewed_at,
                    review_note: r.review_note.clone(),
                })
            })
            .collect::<Result<_, AppError>>()?,
        next_period,
        inspections: inspections
            .iter()
            .map(|i| InspectionView {
                inspected_on: i.inspected_on,
                findings: i.findings.clone(),
                recorded_by: name(i.recorded_by),
            })
            .collect(),
        final_report: co.map(|r| r.final_report.clone()).unwrap_or_default(),
        evidence: co.map(|r| r.evidence.0.clone()).unwrap_or_default(),
        submitted_at: co.and_then(|r| r.submitted_at),
        self_evaluation: co
            .and_then(|r| r.self_evaluation.clone())
            .map(Json::into_inner),
        ballots: members.iter().filter(|m| m.ballot.is_some()).count(),
        my_ballot: mine_member
            .and_then(|m| m.ballot.clone())
            .map(Json::into_inner),
        members: members
            .iter()
            .map(|m| MemberView {
                name: name(m.user_id),
                email: names
                    .get(&m.user_id)
                    .map(|n| n.1.clone())
                    .unwrap_or_default(),
                role: m.role.clone(),
                voted: m.ballot.is_some(),
                paper: m.paper,
            })
            .collect(),
        verdict,
        termination_reason: co.map(|r| r.termination_reason.clone()).unwrap_or_default(),
        failure_cause: co
            .and_then(|r| r.failure_cause.as_deref())
            .and_then(FailureCause::from_code),
        compliance: co.and_then(|r| r.compliance.clone()).map(Json::into_inner),
        cause_evidence: co.map(|r| r.cause_evidence.clone()).unwrap_or_default(),
        exemption: co.and_then(|r| r.exemption_granted),
        exemption_reason: co.map(|r| r.exemption_reason.clone()).unwrap_or_default(),
        declaration: co.and_then(|r| r.declaration.clone()).map(Json::into_inner),
        statement,
        refund_outstanding_dong: t.refund_outstanding_dong,
        certificate_number: co.and_then(|r| r.certificate_number.clone()),
        registration: co
            .and_then(|r| r.registration.clone())
            .map(Json::into_inner),
        closed_at: co.and_then(|r| r.closed_at),
        files,
        may_attach,
        max_upload_bytes: st.settings.uploads.max_bytes,
        mine,
        may_supervise: me.may(Permission::SuperviseTasks, Scope::Global)
            && t.facts.status != ContractStatus::Closed,
    })
}
