//! Periodic progress reports: filed by the task's leader, reviewed by an officer.

use super::*;

pub async fn file_report(contract_id: i32, report: ProgressReport) -> Result<u32, AppError> {
    let (me, t, st) = step_for(contract_id, Step::FileReport).await?;
    let db = &st.db;
    let report = ProgressReport {
        work_done: report.work_done.trim().to_string(),
        problems: report.problems.trim().to_string(),
        ..report
    };
    if let Some(i) = report.check(&t.products, t.paid_dong).into_iter().next() {
        return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let periods = periods_of(&t);
    let done = filed(&txn, contract_id).await?;
    let signed = t.contract.signed_at.ok_or(AppError::Internal)?;
    let period = domain::execution::next_to_file(&periods, &done, signed, now)
        .ok_or_else(|| AppError::invalid("period", Problem::NoReportDue))?;
    let inserted = progress_report::ActiveModel {
        contract_id: Set(contract_id),
        period: Set(period.number as i32),
        status: Set(ReportStatus::Submitted.code().into()),
        live: Set(Some(true)),
        report: Set(Json(report.clone())),
        filed_by: Set(me.user_id),
        filed_at: Set(now),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        review_note: Set(String::new()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    if let Err(e) = inserted {
        // The unique live report per period: someone filed it a moment ago.
        return Err(if e.to_string().to_lowercase().contains("unique") {
            AppError::invalid("period", Problem::NoReportDue)
        } else {
            e.into()
        });
    }
    schedule_reports(&txn, contract_id).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "progress_report_filed",
        ("contract", contract_id.into()),
        serde_json::json!({ "period": period.number, "spent_dong": report.spent_dong }),
    )
    .await?;
    txn.commit().await?;
    Ok(period.number)
}

pub async fn review(report_id: i32, accept: bool, note: String) -> Result<(), AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let note = text("note", &note, !accept, Bound::Note)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let r = progress_report::Entity::find_by_id(report_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = load(&txn, r.contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    crate::kit::access::not_own_dossier(&txn, &me, &t.application).await?;
    let status = if accept {
        ReportStatus::Accepted
    } else {
        ReportStatus::ChangesRequested
    };
    let done = progress_report::Entity::update_many()
        .set(progress_report::ActiveModel {
            status: Set(status.code().into()),
            live: Set(accept.then_some(true)),
            reviewed_by: Set(Some(me.user_id)),
            reviewed_at: Set(Some(now)),
            review_note: Set(note),
            ..Default::default()
        })
        .filter(progress_report::Column::Id.eq(report_id))
        .filter(progress_report::Column::Status.eq(ReportStatus::Submitted.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("report", Problem::AlreadyReviewed));
    }
    schedule_reports(&txn, r.contract_id).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        if accept {
            "progress_report_accepted"
        } else {
            "progress_report_returned"
        },
        ("contract", r.contract_id.into()),
        serde_json::json!({ "report": report_id, "period": r.period }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
