//! One dossier as its readers see it, with the pre-submit check.

use super::*;

/// A dossier for whoever may read it: its form, files, CV, decisions, the pre-submit check
/// for its owner, and what the reader may do next.
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
    // Officers never see drafts; nobody else sees anything but their own.
    readable(db, &me, &a).await?;
    let form = form_of(&a)?;
    let rb = rulebook_of(db, &c).await?;
    let mut issues = check(&form, &rb);
    let ordered = ordered_wording(db, c.id).await?;
    issues.extend(
        ordered
            .as_ref()
            .and_then(|o| domain::proposal::order_issue(&form, o)),
    );
    let cv = if is_owner && editable(&a, "view").is_ok() {
        let cv = cv_of(db, a.applicant_id).await?.map(|(cv, _)| cv);
        issues.extend(cv_issue(cv.as_ref(), server.clock.now()));
        cv
    } else {
        submitted_cv(db, &a).await?
    };
    let unit = c.managing_unit_id;
    let (revision, can_request_revision) = super::revision::view(db, &me, &a, unit).await?;
    Ok(ApplicationView {
        revision,
        can_request_revision,
        attachments: crate::attachments::server::current_views(db, a.id).await?,
        required_documents: c.required_documents.0.clone(),
        max_upload_bytes: server.settings.uploads.max_bytes,
        id: a.id,
        call_id: c.id,
        call_code: c.code,
        call_title: c.title,
        call_closes_at: c.closes_at,
        status: st,
        receipt_code: a.receipt_code.clone(),
        submitted_at: a.submitted_at,
        version: a.version,
        issues,
        cv,
        totals: budget_totals(&form.budget),
        labour_dong: team_labour_dong(&rb, &form.team),
        form,
        is_owner,
        can_decide: me.manages(Permission::CheckApplications, unit)
            && st == ApplicationState::Submitted,
        can_draft_contract: may_draft_contract(db, &me, &a, st, unit).await?,
        can_host_decide: host_of(&me, &a) && st == ApplicationState::AwaitingHostConfirmation,
        decisions: decisions_of(db, id).await?,
        rulebook: rb,
        ordered,
    })
}

/// A valid dossier whose task the leader approved, for whoever drafts contracts.
async fn may_draft_contract(
    db: &impl ConnectionTrait,
    me: &crate::kit::Account,
    a: &application::Model,
    st: ApplicationState,
    unit: Option<i32>,
) -> Result<bool, AppError> {
    if st != ApplicationState::Valid || !me.manages(Permission::DraftContracts, unit) {
        return Ok(false);
    }
    let approval = crate::db::entities::task_approval::Entity::find_by_id(a.id)
        .one(db)
        .await?;
    Ok(approval.is_some_and(|r| domain::appraisal::Decision::approves(r.decision.as_deref())))
}

/// The department's and the host's decisions on the dossier, oldest first.
async fn decisions_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<DecisionView>, AppError> {
    let rows = application_decision::Entity::find()
        .filter(application_decision::Column::ApplicationId.eq(id))
        .order_by_asc(application_decision::Column::DecidedAt)
        .limit(100)
        .all(db)
        .await?;
    Ok(rows
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
        .collect())
}

/// The pre-submit issue when the applicant's CV is missing or incomplete.
pub(super) fn cv_issue(cv: Option<&domain::cv::ScientificCv>, now: DateTime<Utc>) -> Option<Issue> {
    let complete = cv.is_some_and(|cv| domain::cv::check(cv, year_in_vietnam(now)).is_empty());
    (!complete).then(|| Issue {
        path: "cv".into(),
        problem: FormProblem::CvIncomplete,
    })
}
