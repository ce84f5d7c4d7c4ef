//! Forming a council: the list, creation for a call or a group of dossiers, members added and removed, constitution, invitations and their answers.

use super::*;

pub async fn list(call_id: Option<i32>) -> Result<Vec<CouncilRow>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let mut q = council::Entity::find();
    if let Some(cid) = call_id {
        q = q.filter(council::Column::CallId.eq(cid));
    }
    if let Ok(reach) = Reach::of(&me, Permission::ManageCouncils) {
        q = reach.narrow(q, council::Column::CallId);
    } else {
        q = q.filter(
            council::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(council_member::Column::CouncilId)
                    .from(council_member::Entity)
                    .and_where(council_member::Column::UserId.eq(me.user_id))
                    .to_owned(),
            ),
        );
    }
    q.order_by_desc(council::Column::Id)
        .limit(LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            Ok(CouncilRow {
                status: status_of(&c)?,
                id: c.id,
                name: c.name,
                call_id: c.call_id,
            })
        })
        .collect()
}

/// Forms a council for the call's valid dossiers not yet before another: all of them, or the
/// ones named by their receipt codes.
pub async fn create(
    call_id: i32,
    name: String,
    receipt_codes: Option<Vec<String>>,
) -> Result<i32, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let now = now()?;
    let c = call::Entity::find_by_id(call_id)
        .one(db)
        .await?
        .filter(|c| c.status == domain::call::CallStatus::Published.code())
        .ok_or(AppError::NotFound)?;
    if !me.manages(Permission::ManageCouncils, c.managing_unit_id) {
        return Err(AppError::Forbidden);
    }
    let name = domain::account::parse_name(&name)
        .map_err(|p| AppError::invalid("name", Problem::Field(p)))?;
    let version = c.rulebook_version.ok_or(AppError::NotFound)?;
    let codes: Vec<String> = receipt_codes
        .unwrap_or_default()
        .iter()
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    let txn = crate::db::begin(db).await?;
    let row = council::ActiveModel {
        call_id: Set(c.id),
        name: Set(name),
        status: Set(CouncilStatus::Forming.code().into()),
        rulebook_version: Set(version),
        created_by: Set(me.user_id),
        created_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let valid = available_dossiers(&txn, c.id, &codes).await?;
    if !valid.is_empty() {
        council_application::Entity::insert_many(valid.iter().map(|a| {
            council_application::ActiveModel {
                council_id: Set(row.id),
                application_id: Set(*a),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    let detail = serde_json::json!({ "call_id": c.id, "dossiers": valid.len() });
    let subject = ("council", row.id.into());
    audit(
        &txn,
        now,
        Some(me.user_id),
        "council_created",
        subject,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// The call's dossiers found valid and not yet before another council, restricted to `codes`
/// when some are named; every code named must be one of them.
async fn available_dossiers(
    db: &impl ConnectionTrait,
    call_id: i32,
    codes: &[String],
) -> Result<Vec<i32>, AppError> {
    let taken = sea_orm::sea_query::Query::select()
        .column(council_application::Column::ApplicationId)
        .from(council_application::Entity)
        .to_owned();
    let mut select = application::Entity::find()
        .select_only()
        .columns([application::Column::Id, application::Column::ReceiptCode])
        .filter(application::Column::CallId.eq(call_id))
        .filter(application::Column::Status.eq(ApplicationState::Valid.code()))
        .filter(application::Column::Id.not_in_subquery(taken));
    if !codes.is_empty() {
        select = select.filter(application::Column::ReceiptCode.is_in(codes.to_vec()));
    }
    let found: Vec<(i32, Option<String>)> = select
        .order_by_asc(application::Column::Id)
        .limit(LIMIT)
        .into_tuple()
        .all(db)
        .await?;
    let named = |code: &String| found.iter().any(|(_, rc)| rc.as_ref() == Some(code));
    if let Some(missing) = codes.iter().find(|code| !named(code)) {
        return Err(AppError::invalid(
            "receipt_codes",
            Problem::DossierNotAvailable(missing.clone()),
        ));
    }
    Ok(found.into_iter().map(|(id, _)| id).collect())
}

pub async fn add_member(council_id: i32, email: String, role: CouncilRole) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = managed(db, &me, council_id).await?;
    allow(&c, CouncilAction::SeatMember)?;
    let person = crate::kit::account_by_email(db, &email).await?;
    if seat(db, council_id, person.id).await?.is_some() {
        return Err(AppError::invalid("email", Problem::AlreadyOnCouncil));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    council_member::ActiveModel {
        council_id: Set(council_id),
        user_id: Set(person.id),
        role: Set(role.code().into()),
        invitation: Set(Invitation::Proposed.code().into()),
        present: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| crate::kit::taken(e, "email", Problem::AlreadyOnCouncil))?;
    // Conflicts the data shows, one flag per reason, for the officer to decide.
    let who = Person {
        user_id: person.id.into(),
        organisation_id: person.organisation_id.map(Into::into),
        email: person.email.clone(),
        name: person.display_name.clone(),
    };
    let ids = dossier_ids(&txn, council_id).await?;
    let dossiers = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .all(&txn)
        .await?;
    for a in dossiers {
        let form: ApplicationForm = a.form.0.clone();
        let d = Dossier {
            applicant_id: a.applicant_id.into(),
            organisation_id: a.organisation_id.map(Into::into),
            team: form
                .team
                .iter()
                .map(|m| (m.email.trim().to_lowercase(), m.name.clone()))
                .collect(),
        };
        for reason in detect_conflicts(&who, &d) {
            conflict::ActiveModel {
                council_id: Set(council_id),
                application_id: Set(a.id),
                user_id: Set(person.id),
                reason: Set(Json(reason.clone())),
                status: Set("flagged".into()),
                note: Set(String::new()),
                decided_by: Set(None),
                decided_at: Set(None),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "council_member_added",
        ("council", council_id.into()),
        serde_json::json!({ "user": person.id, "role": role.code() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn remove_member(council_id: i32, user_id: i32) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = managed(db, &me, council_id).await?;
    allow(&c, CouncilAction::RemoveMember)?;
    let m = seat(db, council_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin(db).await?;
    conflict::Entity::delete_many()
        .filter(conflict::Column::CouncilId.eq(council_id))
        .filter(conflict::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    council_member::Entity::delete_by_id(m.id)
        .exec(&txn)
        .await?;
    audit(
        &txn,
        now()?,
        Some(me.user_id),
        "council_member_removed",
        ("council", council_id.into()),
        serde_json::json!({ "user": user_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn constitute(id: i32) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = managed(db, &me, id).await?;
    let next = allow(&c, CouncilAction::Constitute)?;
    let view = super::results::get(id).await?;
    if let Some(p) = view.composition_problems.first() {
        return Err(AppError::invalid("members", Problem::Composition(*p)));
    }
    if view.conflicts.iter().any(|f| f.status == "flagged") {
        return Err(AppError::invalid("conflicts", Problem::ConflictsUnresolved));
    }
    let seats: Vec<(i64, Invitation)> = view
        .members
        .iter()
        .map(|m| (m.user_id.into(), m.invitation))
        .collect();
    let waiting = not_accepted(&seats);
    if !waiting.is_empty() {
        return Err(AppError::invalid(
            "members",
            Problem::NotAccepted {
                count: waiting.len() as u32,
            },
        ));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let done = council::Entity::update_many()
        .col_expr(
            council::Column::Status,
            sea_orm::sea_query::Expr::value(next.code()),
        )
        .col_expr(
            council::Column::ScoringOpenedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(council::Column::Id.eq(id))
        .filter(council::Column::Status.eq(CouncilStatus::Forming.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        // Another officer constituted it in between.
        return Err(AppError::invalid(
            "status",
            Problem::Council(domain::council::CouncilStateError {
                state: CouncilStatus::Scoring,
                action: CouncilAction::Constitute,
            }),
        ));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "council_constituted",
        ("council", id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn invite(council_id: i32) -> Result<u32, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = managed(db, &me, council_id).await?;
    allow(&c, CouncilAction::Invite)?;
    let proposed: Vec<i32> = council_member::Entity::find()
        .select_only()
        .column(council_member::Column::UserId)
        .filter(council_member::Column::CouncilId.eq(council_id))
        .filter(council_member::Column::Invitation.eq(Invitation::Proposed.code()))
        .limit(LIMIT)
        .into_tuple()
        .all(db)
        .await?;
    // Flags are decided before anyone is invited.
    let undecided = conflict::Entity::find()
        .filter(conflict::Column::CouncilId.eq(council_id))
        .filter(conflict::Column::UserId.is_in(proposed.clone()))
        .filter(conflict::Column::Status.eq("flagged"))
        .one(db)
        .await?;
    if undecided.is_some() {
        return Err(AppError::invalid("conflicts", Problem::ConflictsUnresolved));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let done = council_member::Entity::update_many()
        .col_expr(
            council_member::Column::Invitation,
            sea_orm::sea_query::Expr::value(Invitation::Invited.code()),
        )
        .filter(council_member::Column::CouncilId.eq(council_id))
        .filter(council_member::Column::UserId.is_in(proposed.clone()))
        .filter(council_member::Column::Invitation.eq(Invitation::Proposed.code()))
        .exec(&txn)
        .await?;
    let notice = domain::notice::council_invitation(council_id, &c.name);
    crate::kit::notify::notify(&txn, &proposed, &notice, now).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "council_invitations_sent",
        ("council", council_id.into()),
        serde_json::json!({ "users": proposed }),
    )
    .await?;
    txn.commit().await?;
    Ok(u32::try_from(done.rows_affected).unwrap_or(u32::MAX))
}

pub async fn answer_invitation(council_id: i32, accept: bool) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, s) = seated(db, &me, council_id).await?;
    allow(&c, CouncilAction::AnswerInvitation)?;
    if invitation_of(&s)? == Invitation::Proposed {
        return Err(AppError::invalid("invitation", Problem::NotInvited));
    }
    let answer = if accept {
        Invitation::Accepted
    } else {
        Invitation::Declined
    };
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let mut a: council_member::ActiveModel = s.into();
    a.invitation = Set(answer.code().into());
    a.update(&txn).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "council_invitation_answered",
        ("council", council_id.into()),
        serde_json::json!({ "answer": answer.code() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
