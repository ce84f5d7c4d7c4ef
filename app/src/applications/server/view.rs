//! One dossier as its readers see it, with the pre-submit check.

use super::*;

#[expect(
    clippy::too_many_lines,
    reason = "one transaction's steps in order; to be cut into helpers (issue 11)"
)]
pub async fn get(id: i32) -> Result<ApplicationView, AppError> {
    let me = crate::auth::server::require_user()?;
    // Read before any await: a server-rendered resource keeps its context only until its
    // first suspension.
    let server = state()?;
    let db = &server.db;
    let (a, c) = application::Entity::find_by_id(id)
        .find_also_related(call::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = c.ok_or(AppError::NotFound)?;
    let st = state_of(&a)?;
    let is_owner = a.applicant_id == me.user_id;
    let officer = me.may(Permission::CheckApplications, Scope::Global);
    // Officers never see drafts; nobody else sees anything but their own.
    readable(db, &me, &a).await?;
    let form = form_of(&a)?;
    let rb = rulebook_of(db, &c).await?;
    let decisions = application_decision::Entity::find()
        .filter(application_decision::Column::ApplicationId.eq(id))
        .order_by_asc(application_decision::Column::DecidedAt)
        .limit(100)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| {
            let decision = match d.decision.as_str() {
                "valid" => Decision::Valid,
                "invalid" => Decision::Invalid { reasons: d.reasons },
                "returned" => Decision::Return {
                    reasons: d.reasons,
                    deadline: d.deadline?,
                },
                "host_confirmed" => Decision::HostConfirmed,
                "host_declined" => Decision::HostDeclined { reasons: d.reasons },
                _ => return None,
            };
            Some(DecisionView {
                decision,
                decided_at: d.decided_at,
            })
        })
        .collect();
    let attachments = crate::attachments::server::current_views(db, a.id).await?;
    let can_host_decide = host_of(&me, &a) && st == ApplicationState::AwaitingHostConfirmation;
    let mut issues = check(&form, &rb);
    let cv = if is_owner && editable(&a, "view").is_ok() {
        let cv = cv_of(db, a.applicant_id).await?.map(|(cv, _)| cv);
        if let Some(i) = cv_issue(cv.as_ref(), server.clock.now()) {
            issues.push(i);
        }
        cv
    } else {
        submitted_cv(db, &a).await?
    };
    let required_documents: Vec<String> = c.required_documents.0.clone();
    Ok(ApplicationView {
        attachments,
        required_documents,
        max_upload_bytes: server.settings.uploads.max_bytes,
        id: a.id,
        call_id: c.id,
        call_code: c.code,
        call_title: c.title,
        call_closes_at: c.closes_at,
        status: st,
        receipt_code: a.receipt_code,
        submitted_at: a.submitted_at,
        version: a.version,
        issues,
        cv,
        totals: budget_totals(&form.budget),
        labour_dong: team_labour_dong(&rb, &form.team),
        form,
        is_owner,
        can_decide: officer && st == ApplicationState::Submitted,
        can_draft_contract: st == ApplicationState::Valid
            && me.may(Permission::DraftContracts, Scope::Global)
            && crate::db::entities::task_approval::Entity::find_by_id(a.id)
                .one(db)
                .await?
                .is_some_and(|r| domain::appraisal::Decision::approves(r.decision.as_deref())),
        can_host_decide,
        decisions,
        rulebook: rb,
    })
}

/// The pre-submit issue when the applicant's CV is missing or incomplete.
pub(super) fn cv_issue(cv: Option<&domain::cv::ScientificCv>, now: DateTime<Utc>) -> Option<Issue> {
    let complete = cv.is_some_and(|cv| domain::cv::check(cv, year_in_vietnam(now)).is_empty());
    (!complete).then(|| Issue {
        path: "cv".into(),
        problem: FormProblem::CvIncomplete,
    })
}
