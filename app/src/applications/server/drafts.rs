//! Drafts: created for a call, saved as the researcher types, kept as versions.

use super::*;

pub async fn create(call_id: i32) -> Result<i32, AppError> {
    let me = require(Permission::SubmitApplications, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let c = call::Entity::find_by_id(call_id)
        .one(db)
        .await?
        .filter(|c| c.status == domain::call::CallStatus::Published.code())
        .ok_or(AppError::NotFound)?;
    window(&c).check(now).map_err(transition)?;
    super::designated_host(&c, me.organisation_id)?;
    let txn = crate::db::begin(db).await?;
    let row = application::ActiveModel {
        call_id: Set(c.id),
        applicant_id: Set(me.user_id),
        organisation_id: Set(me.organisation_id),
        title: Set(String::new()),
        title_folded: Set(String::new()),
        title_key: Set(String::new()),
        form: Set(Json(ApplicationForm::default())),
        status: Set(ApplicationState::Draft.code().into()),
        correction_deadline: Set(None),
        receipt_code: Set(None),
        receipt_year: Set(None),
        receipt_sequence: Set(None),
        version: Set(0),
        submitted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "application_created",
        ("application", row.id.into()),
        serde_json::json!({ "call_id": c.id }),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn save(id: i32, form: ApplicationForm) -> Result<(), AppError> {
    let me = require(Permission::SubmitApplications, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let (a, c) = own(db, &me, id).await?;
    // A draft, a dossier returned for correction, or one being revised to the council's
    // conclusions (`domain::revision`).
    let st = match editable(&a, "save") {
        Ok(st) => st,
        Err(_) if super::revision::revising(db, &a).await? => state_of(&a)?,
        Err(e) => return Err(e),
    };
    // A draft may be incomplete, but never unbounded.
    let rb = rulebook_of(db, &c).await?;
    if let Some(i) = check(&form, &rb).into_iter().find(|i| {
        matches!(
            i.problem,
            FormProblem::TooLong { .. } | FormProblem::TooManyRows { .. }
        )
    }) {
        return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
    }
    let title: String = form.title.trim().chars().take(300).collect();
    let txn = crate::db::begin(db).await?;
    let done = application::Entity::update_many()
        .col_expr(application::Column::Form, Expr::value(Json(form.clone())))
        .col_expr(application::Column::TitleFolded, Expr::value(fold(&title)))
        .col_expr(
            application::Column::TitleKey,
            Expr::value(exact_key(&title)),
        )
        .col_expr(application::Column::Title, Expr::value(title))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(st.code()))
        .exec(&txn)
        .await?;
    // Submitted (or withdrawn) meanwhile, e.g. from another tab: the edit is refused.
    if done.rows_affected != 1 {
        return Err(transition(domain::lifecycle::TransitionError::NotAllowed {
            from: st.code().into(),
            event: "save".into(),
        }));
    }
    sync_members(&txn, &a, &form).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn versions(id: i32) -> Result<Vec<VersionView>, AppError> {
    let me = crate::auth::server::require_user()?;
    let db = &state()?.db;
    let a = application::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    readable(db, &me, &a).await?;
    let rows = application_version::Entity::find()
        .filter(application_version::Column::ApplicationId.eq(id))
        .order_by_desc(application_version::Column::Version)
        .limit(MAX_VERSIONS)
        .all(db)
        .await?;
    let forms = rows
        .iter()
        .map(|r| {
            let form = r.form.0.clone();
            let files = r.attachments.0.clone();
            Ok((form, files))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    // Newest first; each compared with the next older one.
    Ok(rows
        .iter()
        .enumerate()
        .map(|(i, r)| VersionView {
            version: r.version,
            submitted_at: r.submitted_at,
            changes: forms
                .get(i + 1)
                .map(|(older, older_files)| {
                    let (form, files) = &forms[i];
                    let mut changes = domain::application::diff(older, form);
                    changes.extend(diff_files(older_files, files));
                    changes
                })
                .unwrap_or_default(),
        })
        .collect())
}
