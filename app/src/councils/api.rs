//! Review councils: an officer forms one for a call's valid dossiers, with conflict flags found in
//! the data and resolved with a recorded reason; once constituted, members certify each dossier
//! free of conflict, score it blind, submit (locked); the secretary closes scoring; then results,
//! computed by `domain::scoring`, are shown with every number explained.

use chrono::{DateTime, Utc};
use domain::council::{CompositionProblem, ConflictReason, CouncilRole, Invitation};
use domain::scoring::{Criterion, Outcome, Ranked, ScoreProblem, SheetEntry};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

/// The council's state: its transitions are `domain::council::CouncilState`'s one table.
pub use domain::council::CouncilState as CouncilStatus;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i32,
    pub name: String,
    pub role: CouncilRole,
    /// Recorded present at the council's meeting.
    pub present: bool,
    pub invitation: Invitation,
}

/// Where one member's sheet for one dossier stands, without its scores: what the chair,
/// the secretary and officers follow while scoring is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetProgress {
    pub application_id: i32,
    pub user_id: i32,
    /// Certified free of conflict: the sheet exists.
    pub certified: bool,
    pub submitted: bool,
    /// Entered by the secretary from a signed paper sheet.
    pub from_paper: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierView {
    pub id: i32,
    pub receipt_code: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictView {
    pub id: i32,
    pub application_id: i32,
    pub user_id: i32,
    pub reason: ConflictReason,
    /// `flagged`, `confirmed` or `dismissed`.
    pub status: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CouncilView {
    pub id: i32,
    pub call_id: i32,
    pub name: String,
    pub status: CouncilStatus,
    pub members: Vec<MemberView>,
    pub dossiers: Vec<DossierView>,
    /// Officers see every flag; a member only their own.
    pub conflicts: Vec<ConflictView>,
    /// What keeps the council from being constituted under its rulebook.
    pub composition_problems: Vec<CompositionProblem>,
    /// The person asking manages it (an officer).
    pub manages: bool,
    /// The person asking sits on it, in this seat.
    pub my_role: Option<CouncilRole>,
    pub my_invitation: Option<Invitation>,
    /// Sheet progress, for officers, the chair and the secretary (empty for others).
    pub progress: Vec<SheetProgress>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetView {
    pub criteria: Vec<Criterion>,
    pub half_points: bool,
    pub entry: SheetEntry,
    pub review: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub problems: Vec<(Option<usize>, ScoreProblem)>,
}

/// One counted or excluded sheet in the explanation of a result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetLine {
    pub member: String,
    pub scores: Vec<u32>,
    pub total: u64,
    pub counted: bool,
    /// Entered by the secretary from a signed paper sheet.
    pub from_paper: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    pub dossier: DossierView,
    pub outcome: Outcome,
    pub ranked: Ranked,
    pub sheets: Vec<SheetLine>,
    /// Members left out of this dossier for a conflict of interest.
    pub conflicted: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub criteria: Vec<Criterion>,
    pub pass_mean_total: u32,
    pub results: Vec<ResultView>,
}

/// The applicant's view of their dossier's evaluation: no member's name, comments sorted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub closed_at: Option<DateTime<Utc>>,
    pub criteria: Vec<Criterion>,
    pub pass_mean_total: u32,
    pub mean_total: domain::scoring::Mean,
    pub criterion_means: Vec<domain::scoring::Mean>,
    pub passed: bool,
    pub rank: u32,
    pub of: u32,
    pub sheets_counted: u32,
    /// Per criterion, the members' comments.
    pub comments: Vec<Vec<String>>,
    /// Overall comments and reviewers' written reviews.
    pub reviews: Vec<String>,
}

/// The evaluation summary of a dossier, for whoever may read it, once its council has closed
/// scoring (`null` before).
#[server(prefix = "/api", endpoint = "councils/evaluation", input = Json)]
pub async fn evaluation_summary(application_id: i32) -> Result<Option<Evaluation>, AppError> {
    crate::error::finish(server::evaluation(application_id).await)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CouncilRow {
    pub id: i32,
    pub name: String,
    pub call_id: i32,
    pub status: CouncilStatus,
}

/// Councils the person works with: every one for officers (of one call, or all), the ones
/// they sit on for members. Newest first.
#[server(prefix = "/api", endpoint = "councils/list", input = Json)]
pub async fn list_councils(call_id: Option<i32>) -> Result<Vec<CouncilRow>, AppError> {
    crate::error::finish(server::list(call_id).await)
}

/// Forms a council for the call's valid dossiers not yet before another council: all of them,
/// or the group named by their receipt codes.
#[server(prefix = "/api", endpoint = "councils/create", input = Json)]
pub async fn create_council(
    call_id: i32,
    name: String,
    #[server(default)] receipt_codes: Option<Vec<String>>,
) -> Result<i32, AppError> {
    crate::error::finish(server::create(call_id, name, receipt_codes).await)
}

#[server(prefix = "/api", endpoint = "councils/get", input = Json)]
pub async fn get_council(id: i32) -> Result<CouncilView, AppError> {
    crate::error::finish(server::get(id).await)
}

/// Seats a person (by account e-mail) and flags the conflicts the data shows.
#[server(prefix = "/api", endpoint = "councils/add_member", input = Json)]
pub async fn add_member(council_id: i32, email: String, role: CouncilRole) -> Result<(), AppError> {
    crate::error::finish(server::add_member(council_id, email, role).await)
}

#[server(prefix = "/api", endpoint = "councils/remove_member", input = Json)]
pub async fn remove_member(council_id: i32, user_id: i32) -> Result<(), AppError> {
    crate::error::finish(server::remove_member(council_id, user_id).await)
}

/// Confirms a flag (the member is left out of that dossier) or dismisses it; a reason is
/// required either way.
#[server(prefix = "/api", endpoint = "councils/decide_conflict", input = Json)]
pub async fn decide_conflict(
    conflict_id: i32,
    confirm: bool,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(server::decide_conflict(conflict_id, confirm, note).await)
}

/// A member declares a conflict on a dossier (co-authorship, relationship…): confirmed at once.
#[server(prefix = "/api", endpoint = "councils/declare_conflict", input = Json)]
pub async fn declare_conflict(
    council_id: i32,
    application_id: i32,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(server::declare_conflict(council_id, application_id, note).await)
}

/// Checks the composition against the rulebook and that no flag is undecided; scoring opens.
#[server(prefix = "/api", endpoint = "councils/constitute", input = Json)]
pub async fn constitute(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::constitute(id).await)
}

/// The member certifies they have no conflict with the dossier; only then its sheet opens.
#[server(prefix = "/api", endpoint = "councils/certify", input = Json)]
pub async fn certify(council_id: i32, application_id: i32) -> Result<(), AppError> {
    crate::error::finish(server::certify(council_id, application_id).await)
}

#[server(prefix = "/api", endpoint = "councils/sheet", input = Json)]
pub async fn get_sheet(council_id: i32, application_id: i32) -> Result<SheetView, AppError> {
    crate::error::finish(server::sheet(council_id, application_id).await)
}

/// Saves the sheet as a draft (`submit: false`) or submits it, after which it is locked.
#[server(prefix = "/api", endpoint = "councils/save_sheet", input = Json)]
pub async fn save_sheet(
    council_id: i32,
    application_id: i32,
    entry: SheetEntry,
    review: String,
    submit: bool,
) -> Result<(), AppError> {
    crate::error::finish(
        server::save_sheet(council_id, application_id, entry, review, submit).await,
    )
}

/// Sends the invitations of every proposed seat; refused while any of their conflict flags
/// awaits a decision. Returns how many were sent.
#[server(prefix = "/api", endpoint = "councils/invite", input = Json)]
pub async fn invite_members(council_id: i32) -> Result<u32, AppError> {
    crate::error::finish(server::invite(council_id).await)
}

/// The invited person accepts or declines their seat (and may change their mind while the
/// council is being formed).
#[server(prefix = "/api", endpoint = "councils/answer_invitation", input = Json)]
pub async fn answer_invitation(council_id: i32, accept: bool) -> Result<(), AppError> {
    crate::error::finish(server::answer_invitation(council_id, accept).await)
}

/// The chair reopens a member's submitted sheet while scoring is open; the reason is recorded.
#[server(prefix = "/api", endpoint = "councils/reopen_sheet", input = Json)]
pub async fn reopen_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
    reason: String,
) -> Result<(), AppError> {
    crate::error::finish(server::reopen_sheet(council_id, application_id, user_id, reason).await)
}

/// The empty sheet the secretary fills from a member's signed paper sheet.
#[server(prefix = "/api", endpoint = "councils/paper_sheet", input = Json)]
pub async fn paper_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
) -> Result<SheetView, AppError> {
    crate::error::finish(server::paper_sheet(council_id, application_id, user_id).await)
}

/// The secretary enters a member's signed paper sheet: submitted at once, marked as paper.
#[server(prefix = "/api", endpoint = "councils/enter_paper_sheet", input = Json)]
pub async fn enter_paper_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
    entry: SheetEntry,
    review: String,
) -> Result<(), AppError> {
    crate::error::finish(
        server::enter_paper_sheet(council_id, application_id, user_id, entry, review).await,
    )
}

/// Records a member present at (or absent from) the meeting: the secretary or an officer.
#[server(prefix = "/api", endpoint = "councils/attendance", input = Json)]
pub async fn set_attendance(council_id: i32, user_id: i32, present: bool) -> Result<(), AppError> {
    crate::error::finish(server::attendance(council_id, user_id, present).await)
}

/// The secretary closes scoring once the meeting has its quorum for every dossier: sheets are
/// sealed and results become visible.
#[server(prefix = "/api", endpoint = "councils/close", input = Json)]
pub async fn close_scoring(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::close(id).await)
}

/// The chair's calibration view once scoring is closed: each member's z-score beside their raw
/// total, and how much members disagree per dossier. Changes nothing official.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationView {
    pub dossier: DossierView,
    /// (member, raw total in points, z-score when the member's totals spread)
    pub members: Vec<(String, f64, Option<f64>)>,
    pub std_dev_points: f64,
    pub range_points: f64,
}

#[server(prefix = "/api", endpoint = "councils/calibration", input = Json)]
pub async fn council_calibration(id: i32) -> Result<Vec<CalibrationView>, AppError> {
    crate::error::finish(server::calibration(id).await)
}

#[server(prefix = "/api", endpoint = "councils/results", input = Json)]
pub async fn council_results(id: i32) -> Result<ResultsView, AppError> {
    crate::error::finish(server::results(id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::auth::server::{audit, now, require, require_user, Account};
    use crate::db::entities::{
        application, call, conflict, council, council_application, council_member, rulebook,
        score_sheet, user,
    };
    use crate::db::state;
    use crate::error::Problem;
    use domain::application::{ApplicationForm, FormProblem};
    use domain::council::{
        check_composition, detect_conflicts, not_accepted, CouncilAction, Dossier, Person,
    };
    use domain::lifecycle::ApplicationState;
    use domain::roles::{Permission, Scope};
    use domain::rulebook::Rulebook;
    use domain::scoring::{aggregate, check_sheet, rank, Sheet};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, Set, TransactionTrait,
    };

    /// Most dossiers and members read for one council: far above any real one.
    const LIMIT: u64 = 500;
    const MAX_NOTE_CHARS: usize = 2_000;
    const MAX_REVIEW_CHARS: usize = 20_000;

    fn internal<E: std::error::Error + 'static>(e: E) -> AppError {
        crate::error::internal(&e)
    }

    fn status_of(c: &council::Model) -> Result<CouncilStatus, AppError> {
        CouncilStatus::from_code(&c.status).ok_or(AppError::Internal)
    }

    /// Refuses what the council's state does not allow, with the domain's reason.
    fn allow(c: &council::Model, action: CouncilAction) -> Result<CouncilStatus, AppError> {
        status_of(c)?
            .after(action)
            .map_err(|e| AppError::invalid("status", Problem::Council(e)))
    }

    fn invitation_of(m: &council_member::Model) -> Result<Invitation, AppError> {
        Invitation::from_code(&m.invitation).ok_or(AppError::Internal)
    }

    async fn rulebook_of(
        db: &impl ConnectionTrait,
        c: &council::Model,
    ) -> Result<Rulebook, AppError> {
        let row = rulebook::Entity::find_by_id(c.rulebook_version)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        serde_json::from_str(&row.content).map_err(internal)
    }

    async fn find(db: &impl ConnectionTrait, id: i32) -> Result<council::Model, AppError> {
        council::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)
    }

    async fn seat(
        db: &impl ConnectionTrait,
        council_id: i32,
        user_id: i32,
    ) -> Result<Option<council_member::Model>, AppError> {
        Ok(council_member::Entity::find()
            .filter(council_member::Column::CouncilId.eq(council_id))
            .filter(council_member::Column::UserId.eq(user_id))
            .one(db)
            .await?)
    }

    /// The council for an officer who manages it; 404 for anyone else.
    async fn managed(
        db: &impl ConnectionTrait,
        me: &Account,
        id: i32,
    ) -> Result<council::Model, AppError> {
        if !me.may(Permission::ManageCouncils, Scope::Global) {
            return Err(AppError::Forbidden);
        }
        find(db, id).await
    }

    /// The caller's seat on the council, and the council; 404 for those not on it.
    async fn seated(
        db: &impl ConnectionTrait,
        me: &Account,
        id: i32,
    ) -> Result<(council::Model, council_member::Model), AppError> {
        let c = find(db, id).await?;
        let s = seat(db, id, me.user_id).await?.ok_or(AppError::NotFound)?;
        Ok((c, s))
    }

    fn role_of(m: &council_member::Model) -> Result<CouncilRole, AppError> {
        CouncilRole::from_code(&m.role).ok_or(AppError::Internal)
    }

    async fn dossier_ids(db: &impl ConnectionTrait, council_id: i32) -> Result<Vec<i32>, AppError> {
        Ok(council_application::Entity::find()
            .select_only()
            .column(council_application::Column::ApplicationId)
            .filter(council_application::Column::CouncilId.eq(council_id))
            .limit(LIMIT)
            .into_tuple()
            .all(db)
            .await?)
    }

    /// Whether `user_id` may not score `application_id`: a flag not dismissed, or a confirmed
    /// conflict.
    async fn conflicted(
        db: &impl ConnectionTrait,
        council_id: i32,
        application_id: i32,
        user_id: i32,
    ) -> Result<bool, AppError> {
        Ok(conflict::Entity::find()
            .filter(conflict::Column::CouncilId.eq(council_id))
            .filter(conflict::Column::ApplicationId.eq(application_id))
            .filter(conflict::Column::UserId.eq(user_id))
            .filter(conflict::Column::Status.ne("dismissed"))
            .one(db)
            .await?
            .is_some())
    }

    /// Every (dossier, member) pair a conflict keeps apart: flagged or confirmed, not dismissed.
    async fn conflicted_pairs(
        db: &impl ConnectionTrait,
        council_id: i32,
    ) -> Result<Vec<(i32, i32)>, AppError> {
        Ok(conflict::Entity::find()
            .select_only()
            .columns([conflict::Column::ApplicationId, conflict::Column::UserId])
            .filter(conflict::Column::CouncilId.eq(council_id))
            .filter(conflict::Column::Status.ne("dismissed"))
            .limit(LIMIT * 25)
            .into_tuple()
            .all(db)
            .await?)
    }

    /// The submitted sheets that count towards a dossier, as `(dossier, sheet)`: a member
    /// conflicted on the dossier is left out of it whatever they did.
    async fn counted_sheets(
        db: &impl ConnectionTrait,
        council_id: i32,
        conflicted: &[(i32, i32)],
    ) -> Result<Vec<(i32, Sheet)>, AppError> {
        score_sheet::Entity::find()
            .filter(score_sheet::Column::CouncilId.eq(council_id))
            .filter(score_sheet::Column::SubmittedAt.is_not_null())
            .order_by_asc(score_sheet::Column::Id)
            .limit(LIMIT * 25)
            .all(db)
            .await?
            .into_iter()
            .filter(|s| !conflicted.contains(&(s.application_id, s.user_id)))
            .map(|s| {
                let entry: SheetEntry = serde_json::from_str(&s.entry).map_err(internal)?;
                Ok((
                    s.application_id,
                    Sheet {
                        member: s.user_id.into(),
                        scores: entry.scores.iter().map(|x| x.unwrap_or(0)).collect(),
                    },
                ))
            })
            .collect()
    }

    pub async fn list(call_id: Option<i32>) -> Result<Vec<CouncilRow>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let mut q = council::Entity::find();
        if let Some(cid) = call_id {
            q = q.filter(council::Column::CallId.eq(cid));
        }
        if !me.may(Permission::ManageCouncils, Scope::Global) {
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

    pub async fn create(
        call_id: i32,
        name: String,
        receipt_codes: Option<Vec<String>>,
    ) -> Result<i32, AppError> {
        let me = require(Permission::ManageCouncils, Scope::Global)?;
        let name = domain::account::parse_name(&name)
            .map_err(|p| AppError::invalid("name", Problem::Field(p)))?;
        let db = &state()?.db;
        let now = now();
        let c = call::Entity::find_by_id(call_id)
            .one(db)
            .await?
            .filter(|c| c.status == domain::call::CallStatus::Published.code())
            .ok_or(AppError::NotFound)?;
        let version = c.rulebook_version.ok_or(AppError::NotFound)?;
        let txn = db.begin().await?;
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
        // The call's dossiers found valid, not yet before another council.
        let taken = sea_orm::sea_query::Query::select()
            .column(council_application::Column::ApplicationId)
            .from(council_application::Entity)
            .to_owned();
        let codes: Vec<String> = receipt_codes
            .unwrap_or_default()
            .iter()
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        let mut select = application::Entity::find()
            .select_only()
            .columns([application::Column::Id, application::Column::ReceiptCode])
            .filter(application::Column::CallId.eq(c.id))
            .filter(application::Column::Status.eq(ApplicationState::Valid.code()))
            .filter(application::Column::Id.not_in_subquery(taken));
        if !codes.is_empty() {
            select = select.filter(application::Column::ReceiptCode.is_in(codes.clone()));
        }
        let found: Vec<(i32, Option<String>)> = select
            .order_by_asc(application::Column::Id)
            .limit(LIMIT)
            .into_tuple()
            .all(&txn)
            .await?;
        // Every code named must be one of the call's valid dossiers still without a council.
        if let Some(missing) = codes.iter().find(|code| {
            !found
                .iter()
                .any(|(_, rc)| rc.as_deref() == Some(code.as_str()))
        }) {
            return Err(AppError::invalid(
                "receipt_codes",
                Problem::DossierNotAvailable(missing.clone()),
            ));
        }
        let valid: Vec<i32> = found.into_iter().map(|(id, _)| id).collect();
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
        audit(
            &txn,
            now,
            Some(me.user_id),
            "council_created",
            ("council", row.id.into()),
            serde_json::json!({ "call_id": c.id, "dossiers": valid.len() }),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    pub async fn get(id: i32) -> Result<CouncilView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let c = find(db, id).await?;
        let manages = me.may(Permission::ManageCouncils, Scope::Global);
        let mine = seat(db, id, me.user_id).await?;
        if !manages && mine.is_none() {
            return Err(AppError::NotFound);
        }
        let rows: Vec<(council_member::Model, Option<user::Model>)> =
            council_member::Entity::find()
                .filter(council_member::Column::CouncilId.eq(id))
                .order_by_asc(council_member::Column::Id)
                .find_also_related(user::Entity)
                .limit(LIMIT)
                .all(db)
                .await?;
        let members = rows
            .iter()
            .map(|(m, u)| {
                Ok(MemberView {
                    present: m.present,
                    user_id: m.user_id,
                    name: u
                        .as_ref()
                        .map(|u| u.display_name.clone())
                        .unwrap_or_default(),
                    role: role_of(m)?,
                    invitation: invitation_of(m)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let ids = dossier_ids(db, id).await?;
        let dossiers = application::Entity::find()
            .filter(application::Column::Id.is_in(ids))
            .order_by_asc(application::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|a| DossierView {
                id: a.id,
                receipt_code: a.receipt_code.unwrap_or_default(),
                title: a.title,
            })
            .collect();
        let mut conflicts_q = conflict::Entity::find().filter(conflict::Column::CouncilId.eq(id));
        if !manages {
            conflicts_q = conflicts_q.filter(conflict::Column::UserId.eq(me.user_id));
        }
        let conflicts = conflicts_q
            .order_by_asc(conflict::Column::Id)
            .limit(LIMIT)
            .all(db)
            .await?
            .into_iter()
            .map(|f| {
                Ok(ConflictView {
                    id: f.id,
                    application_id: f.application_id,
                    user_id: f.user_id,
                    reason: serde_json::from_str(&f.reason).map_err(internal)?,
                    status: f.status,
                    note: f.note,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let rb = rulebook_of(db, &c).await?;
        let seats: Vec<(i64, CouncilRole)> =
            members.iter().map(|m| (m.user_id.into(), m.role)).collect();
        Ok(CouncilView {
            id: c.id,
            call_id: c.call_id,
            name: c.name.clone(),
            status: status_of(&c)?,
            composition_problems: check_composition(&rb.council, &seats),
            members,
            dossiers,
            conflicts,
            progress: if manages
                || mine.as_ref().is_some_and(|m| {
                    matches!(
                        CouncilRole::from_code(&m.role),
                        Some(CouncilRole::Chair | CouncilRole::Secretary)
                    )
                }) {
                progress_of(db, id).await?
            } else {
                Vec::new()
            },
            manages,
            my_role: mine.as_ref().map(role_of).transpose()?,
            my_invitation: mine.as_ref().map(invitation_of).transpose()?,
        })
    }

    pub async fn add_member(
        council_id: i32,
        email: String,
        role: CouncilRole,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let c = managed(db, &me, council_id).await?;
        allow(&c, CouncilAction::SeatMember)?;
        let email = domain::account::Email::parse(&email)
            .map_err(|p| AppError::invalid("email", Problem::Field(p)))?;
        let person = user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .filter(user::Column::Active.eq(true))
            .one(db)
            .await?
            .ok_or_else(|| AppError::invalid("email", Problem::NoSuchAccount))?;
        if seat(db, council_id, person.id).await?.is_some() {
            return Err(AppError::invalid("email", Problem::AlreadyOnCouncil));
        }
        let now = now();
        let txn = db.begin().await?;
        council_member::ActiveModel {
            council_id: Set(council_id),
            user_id: Set(person.id),
            role: Set(role.code().into()),
            invitation: Set(Invitation::Proposed.code().into()),
            present: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
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
            let form: ApplicationForm = serde_json::from_str(&a.form).map_err(internal)?;
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
                    reason: Set(serde_json::to_string(&reason).map_err(internal)?),
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
        let txn = db.begin().await?;
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
            now(),
            Some(me.user_id),
            "council_member_removed",
            ("council", council_id.into()),
            serde_json::json!({ "user": user_id }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    fn note_of(note: &str) -> Result<String, AppError> {
        let note = note.trim().to_string();
        if note.is_empty() {
            return Err(AppError::invalid(
                "note",
                Problem::Form(FormProblem::Required),
            ));
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(AppError::invalid(
                "note",
                Problem::Form(FormProblem::TooLong {
                    max_chars: MAX_NOTE_CHARS,
                }),
            ));
        }
        Ok(note)
    }

    pub async fn decide_conflict(
        conflict_id: i32,
        confirm: bool,
        note: String,
    ) -> Result<(), AppError> {
        let me = require(Permission::ManageCouncils, Scope::Global)?;
        let note = note_of(&note)?;
        let db = &state()?.db;
        let f = conflict::Entity::find_by_id(conflict_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let c = find(db, f.council_id).await?;
        allow(&c, CouncilAction::DecideConflict)?;
        let now = now();
        let txn = db.begin().await?;
        let mut a: conflict::ActiveModel = f.into();
        a.status = Set(if confirm { "confirmed" } else { "dismissed" }.into());
        a.note = Set(note);
        a.decided_by = Set(Some(me.user_id));
        a.decided_at = Set(Some(now));
        let f = a.update(&txn).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "conflict_decided",
            ("council", f.council_id.into()),
            serde_json::json!({ "conflict": f.id, "status": f.status }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn declare_conflict(
        council_id: i32,
        application_id: i32,
        note: String,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let note = note_of(&note)?;
        let db = &state()?.db;
        let (c, _) = seated(db, &me, council_id).await?;
        allow(&c, CouncilAction::DeclareConflict)?;
        if !dossier_ids(db, council_id).await?.contains(&application_id) {
            return Err(AppError::NotFound);
        }
        let now = now();
        let txn = db.begin().await?;
        conflict::ActiveModel {
            council_id: Set(council_id),
            application_id: Set(application_id),
            user_id: Set(me.user_id),
            reason: Set(
                serde_json::to_string(&ConflictReason::Declared { note: note.clone() })
                    .map_err(internal)?,
            ),
            status: Set("confirmed".into()),
            note: Set(note),
            decided_by: Set(Some(me.user_id)),
            decided_at: Set(Some(now)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "conflict_declared",
            ("council", council_id.into()),
            serde_json::json!({ "application": application_id }),
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
        let view = get(id).await?;
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
        let now = now();
        let txn = db.begin().await?;
        let done = council::Entity::update_many()
            .col_expr(
                council::Column::Status,
                sea_orm::sea_query::Expr::value(next.code()),
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

    /// The caller's sheet row for a dossier, checking seat, scoring state and conflicts.
    async fn my_sheet(
        db: &impl ConnectionTrait,
        me: &Account,
        council_id: i32,
        application_id: i32,
    ) -> Result<(council::Model, Option<score_sheet::Model>), AppError> {
        let (c, _) = seated(db, me, council_id).await?;
        let sheet = member_sheet(db, council_id, application_id, me.user_id).await?;
        Ok((c, sheet))
    }

    /// A seated member's sheet on one of the council's dossiers (none until they certify);
    /// 404 for a dossier the council does not review, refused for a conflicted member.
    async fn member_sheet(
        db: &impl ConnectionTrait,
        council_id: i32,
        application_id: i32,
        user_id: i32,
    ) -> Result<Option<score_sheet::Model>, AppError> {
        if !dossier_ids(db, council_id).await?.contains(&application_id) {
            return Err(AppError::NotFound);
        }
        if conflicted(db, council_id, application_id, user_id).await? {
            return Err(AppError::invalid("application", Problem::Conflicted));
        }
        Ok(score_sheet::Entity::find()
            .filter(score_sheet::Column::CouncilId.eq(council_id))
            .filter(score_sheet::Column::ApplicationId.eq(application_id))
            .filter(score_sheet::Column::UserId.eq(user_id))
            .one(db)
            .await?)
    }

    pub async fn certify(council_id: i32, application_id: i32) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, sheet) = my_sheet(db, &me, council_id, application_id).await?;
        allow(&c, CouncilAction::Certify)?;
        if sheet.is_some() {
            return Ok(());
        }
        let rb = rulebook_of(db, &c).await?;
        let n = rb.scoring.criteria.len();
        let now = now();
        let txn = db.begin().await?;
        score_sheet::ActiveModel {
            council_id: Set(council_id),
            application_id: Set(application_id),
            user_id: Set(me.user_id),
            entry: Set(serde_json::to_string(&SheetEntry {
                scores: vec![None; n],
                comments: vec![String::new(); n],
            })
            .map_err(internal)?),
            review: Set(String::new()),
            certified_at: Set(Some(now)),
            submitted_at: Set(None),
            from_paper: Set(false),
            entered_by: Set(me.user_id),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "no_conflict_certified",
            ("council", council_id.into()),
            serde_json::json!({ "application": application_id }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn sheet(council_id: i32, application_id: i32) -> Result<SheetView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, sheet) = my_sheet(db, &me, council_id, application_id).await?;
        let sheet = sheet.ok_or_else(|| AppError::invalid("application", Problem::NotCertified))?;
        let rb = rulebook_of(db, &c).await?;
        let entry: SheetEntry = serde_json::from_str(&sheet.entry).map_err(internal)?;
        Ok(SheetView {
            problems: check_sheet(&rb.scoring, &entry),
            criteria: rb.scoring.criteria,
            half_points: rb.scoring.half_points,
            entry,
            review: sheet.review,
            submitted_at: sheet.submitted_at,
        })
    }

    pub async fn save_sheet(
        council_id: i32,
        application_id: i32,
        entry: SheetEntry,
        review: String,
        submit: bool,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, sheet) = my_sheet(db, &me, council_id, application_id).await?;
        let sheet = sheet.ok_or_else(|| AppError::invalid("application", Problem::NotCertified))?;
        allow(&c, CouncilAction::Score)?;
        if sheet.submitted_at.is_some() {
            return Err(AppError::invalid("status", Problem::SheetLocked));
        }
        let rb = rulebook_of(db, &c).await?;
        let problems = check_sheet(&rb.scoring, &entry);
        // A draft may leave criteria unscored; anything else wrong is refused, and to submit
        // nothing may be missing.
        if let Some((i, p)) = problems
            .iter()
            .find(|(_, p)| submit || *p != ScoreProblem::Missing)
        {
            let field = i.map_or("scores".to_string(), |i| format!("scores.{i}"));
            return Err(AppError::invalid(&field, Problem::Score(*p)));
        }
        if review.chars().count() > MAX_REVIEW_CHARS {
            return Err(AppError::invalid(
                "review",
                Problem::Form(FormProblem::TooLong {
                    max_chars: MAX_REVIEW_CHARS,
                }),
            ));
        }
        let now = now();
        let txn = db.begin().await?;
        // Only an unsubmitted sheet changes: of two tabs submitting, one wins.
        let done = score_sheet::Entity::update_many()
            .col_expr(
                score_sheet::Column::Entry,
                sea_orm::sea_query::Expr::value(serde_json::to_string(&entry).map_err(internal)?),
            )
            .col_expr(
                score_sheet::Column::Review,
                sea_orm::sea_query::Expr::value(review),
            )
            .col_expr(
                score_sheet::Column::UpdatedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .col_expr(
                score_sheet::Column::SubmittedAt,
                sea_orm::sea_query::Expr::value(submit.then_some(now)),
            )
            .filter(score_sheet::Column::Id.eq(sheet.id))
            .filter(score_sheet::Column::SubmittedAt.is_null())
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(AppError::invalid("status", Problem::SheetLocked));
        }
        if submit {
            audit(
                &txn,
                now,
                Some(me.user_id),
                "score_sheet_submitted",
                ("council", council_id.into()),
                serde_json::json!({ "application": application_id }),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Each existing sheet's progress (no scores), in one query.
    async fn progress_of(
        db: &impl ConnectionTrait,
        council_id: i32,
    ) -> Result<Vec<SheetProgress>, AppError> {
        let rows: Vec<(i32, i32, Option<DateTime<Utc>>, bool)> = score_sheet::Entity::find()
            .select_only()
            .columns([
                score_sheet::Column::ApplicationId,
                score_sheet::Column::UserId,
                score_sheet::Column::SubmittedAt,
                score_sheet::Column::FromPaper,
            ])
            .filter(score_sheet::Column::CouncilId.eq(council_id))
            .order_by_asc(score_sheet::Column::Id)
            .limit(LIMIT * 25)
            .into_tuple()
            .all(db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(a, u, submitted, paper)| SheetProgress {
                application_id: a,
                user_id: u,
                certified: true,
                submitted: submitted.is_some(),
                from_paper: paper,
            })
            .collect())
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
        let now = now();
        let txn = db.begin().await?;
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
        let now = now();
        let txn = db.begin().await?;
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

    /// A seated member's sheet on a dossier of the council, for the chair or the secretary
    /// acting on it: the target must sit on the council and not be conflicted on the dossier.
    async fn their_sheet(
        db: &impl ConnectionTrait,
        me: &Account,
        council_id: i32,
        application_id: i32,
        user_id: i32,
        acting: CouncilRole,
    ) -> Result<(council::Model, Option<score_sheet::Model>), AppError> {
        let (c, s) = seated(db, me, council_id).await?;
        if role_of(&s)? != acting {
            return Err(AppError::Forbidden);
        }
        seat(db, council_id, user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let sheet = member_sheet(db, council_id, application_id, user_id).await?;
        Ok((c, sheet))
    }

    pub async fn reopen_sheet(
        council_id: i32,
        application_id: i32,
        user_id: i32,
        reason: String,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let reason = note_of(&reason)?;
        let db = &state()?.db;
        let (c, sheet) = their_sheet(
            db,
            &me,
            council_id,
            application_id,
            user_id,
            CouncilRole::Chair,
        )
        .await?;
        allow(&c, CouncilAction::ReopenSheet)?;
        let sheet = sheet
            .filter(|s| s.submitted_at.is_some())
            .ok_or_else(|| AppError::invalid("status", Problem::SheetNotSubmitted))?;
        let now = now();
        let txn = db.begin().await?;
        let done = score_sheet::Entity::update_many()
            .col_expr(
                score_sheet::Column::SubmittedAt,
                sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                score_sheet::Column::UpdatedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(score_sheet::Column::Id.eq(sheet.id))
            .filter(score_sheet::Column::SubmittedAt.is_not_null())
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(AppError::invalid("status", Problem::SheetNotSubmitted));
        }
        audit(
            &txn,
            now,
            Some(me.user_id),
            "score_sheet_reopened",
            ("council", council_id.into()),
            serde_json::json!({ "application": application_id, "user": user_id, "reason": reason }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn paper_sheet(
        council_id: i32,
        application_id: i32,
        user_id: i32,
    ) -> Result<SheetView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, sheet) = their_sheet(
            db,
            &me,
            council_id,
            application_id,
            user_id,
            CouncilRole::Secretary,
        )
        .await?;
        allow(&c, CouncilAction::EnterPaperSheet)?;
        let rb = rulebook_of(db, &c).await?;
        let n = rb.scoring.criteria.len();
        // The secretary types what the paper says; a member's online draft stays unseen.
        let entry = SheetEntry {
            scores: vec![None; n],
            comments: vec![String::new(); n],
        };
        Ok(SheetView {
            problems: check_sheet(&rb.scoring, &entry),
            criteria: rb.scoring.criteria,
            half_points: rb.scoring.half_points,
            entry,
            review: String::new(),
            submitted_at: sheet.and_then(|s| s.submitted_at),
        })
    }

    pub async fn enter_paper_sheet(
        council_id: i32,
        application_id: i32,
        user_id: i32,
        entry: SheetEntry,
        review: String,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, sheet) = their_sheet(
            db,
            &me,
            council_id,
            application_id,
            user_id,
            CouncilRole::Secretary,
        )
        .await?;
        allow(&c, CouncilAction::EnterPaperSheet)?;
        if sheet.as_ref().is_some_and(|s| s.submitted_at.is_some()) {
            return Err(AppError::invalid("status", Problem::SheetLocked));
        }
        let rb = rulebook_of(db, &c).await?;
        if let Some((i, p)) = check_sheet(&rb.scoring, &entry).first() {
            let field = i.map_or("scores".to_string(), |i| format!("scores.{i}"));
            return Err(AppError::invalid(&field, Problem::Score(*p)));
        }
        if review.chars().count() > MAX_REVIEW_CHARS {
            return Err(AppError::invalid(
                "review",
                Problem::Form(FormProblem::TooLong {
                    max_chars: MAX_REVIEW_CHARS,
                }),
            ));
        }
        let now = now();
        let json = serde_json::to_string(&entry).map_err(internal)?;
        let txn = db.begin().await?;
        match sheet {
            // A draft the member began online is replaced by the signed paper.
            Some(s) => {
                let done = score_sheet::Entity::update_many()
                    .col_expr(
                        score_sheet::Column::Entry,
                        sea_orm::sea_query::Expr::value(json),
                    )
                    .col_expr(
                        score_sheet::Column::Review,
                        sea_orm::sea_query::Expr::value(review),
                    )
                    .col_expr(
                        score_sheet::Column::FromPaper,
                        sea_orm::sea_query::Expr::value(true),
                    )
                    .col_expr(
                        score_sheet::Column::EnteredBy,
                        sea_orm::sea_query::Expr::value(me.user_id),
                    )
                    .col_expr(
                        score_sheet::Column::UpdatedAt,
                        sea_orm::sea_query::Expr::value(now),
                    )
                    .col_expr(
                        score_sheet::Column::SubmittedAt,
                        sea_orm::sea_query::Expr::value(Some(now)),
                    )
                    .filter(score_sheet::Column::Id.eq(s.id))
                    .filter(score_sheet::Column::SubmittedAt.is_null())
                    .exec(&txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(AppError::invalid("status", Problem::SheetLocked));
                }
            }
            None => {
                score_sheet::ActiveModel {
                    council_id: Set(council_id),
                    application_id: Set(application_id),
                    user_id: Set(user_id),
                    entry: Set(json),
                    review: Set(review),
                    // The paper sheet carries the member's signed no-conflict statement.
                    certified_at: Set(Some(now)),
                    submitted_at: Set(Some(now)),
                    from_paper: Set(true),
                    entered_by: Set(me.user_id),
                    updated_at: Set(now),
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
            "paper_sheet_entered",
            ("council", council_id.into()),
            serde_json::json!({ "application": application_id, "user": user_id }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn attendance(council_id: i32, user_id: i32, present: bool) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let c = find(db, council_id).await?;
        let officer = me.may(Permission::ManageCouncils, Scope::Global);
        let secretary = match seat(db, council_id, me.user_id).await? {
            Some(s) => role_of(&s)? == CouncilRole::Secretary,
            None => false,
        };
        if !officer && !secretary {
            return Err(if seat(db, council_id, me.user_id).await?.is_some() {
                AppError::Forbidden
            } else {
                AppError::NotFound
            });
        }
        allow(&c, CouncilAction::RecordAttendance)?;
        let m = seat(db, council_id, user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = now();
        let txn = db.begin().await?;
        let mut a: council_member::ActiveModel = m.into();
        a.present = Set(present);
        a.update(&txn).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "attendance_recorded",
            ("council", council_id.into()),
            serde_json::json!({ "user": user_id, "present": present }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn close(id: i32) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, s) = seated(db, &me, id).await?;
        if role_of(&s)? != CouncilRole::Secretary {
            return Err(AppError::Forbidden);
        }
        let next = allow(&c, CouncilAction::Close)?;
        // Quorum per dossier: members conflicted on it count neither as present nor as needed.
        let rb = rulebook_of(db, &c).await?;
        let view = get(id).await?;
        let seats: Vec<(i64, CouncilRole)> = view
            .members
            .iter()
            .map(|m| (m.user_id.into(), m.role))
            .collect();
        let present: Vec<i64> = view
            .members
            .iter()
            .filter(|m| m.present)
            .map(|m| m.user_id.into())
            .collect();
        let pairs = conflicted_pairs(db, id).await?;
        for d in &view.dossiers {
            let conflicted: Vec<i64> = pairs
                .iter()
                .filter(|(a, _)| *a == d.id)
                .map(|(_, u)| i64::from(*u))
                .collect();
            domain::council::quorum(&rb.council, &seats, &present, &conflicted)
                .map_err(|p| AppError::invalid("attendance", Problem::Quorum(p)))?;
        }
        let now = now();
        let txn = db.begin().await?;
        council::Entity::update_many()
            .col_expr(
                council::Column::Status,
                sea_orm::sea_query::Expr::value(next.code()),
            )
            .col_expr(
                council::Column::ClosedAt,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(council::Column::Id.eq(id))
            .filter(council::Column::Status.eq(CouncilStatus::Scoring.code()))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "scoring_closed",
            ("council", id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn calibration(id: i32) -> Result<Vec<CalibrationView>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let (c, s) = seated(db, &me, id).await?;
        if role_of(&s)? != CouncilRole::Chair {
            return Err(AppError::Forbidden);
        }
        allow(&c, CouncilAction::ReadResults)?;
        let view = get(id).await?;
        let names: std::collections::HashMap<i64, String> = view
            .members
            .iter()
            .map(|m| (i64::from(m.user_id), m.name.clone()))
            .collect();
        let pairs = conflicted_pairs(db, id).await?;
        let sheets: Vec<(i64, Sheet)> = counted_sheets(db, id, &pairs)
            .await?
            .into_iter()
            .map(|(a, sheet)| (i64::from(a), sheet))
            .collect();
        Ok(domain::scoring::calibrate(&sheets)
            .into_iter()
            .filter_map(|cal| {
                let dossier = view
                    .dossiers
                    .iter()
                    .find(|d| i64::from(d.id) == cal.application)?
                    .clone();
                Some(CalibrationView {
                    dossier,
                    members: cal
                        .members
                        .into_iter()
                        .map(|(m, raw, z)| (names.get(&m).cloned().unwrap_or_default(), raw, z))
                        .collect(),
                    std_dev_points: cal.std_dev_points,
                    range_points: cal.range_points,
                })
            })
            .collect())
    }

    /// A council's official figures: every dossier's outcome over the sheets that count, and
    /// the ranking, as the rulebook it pinned computes them.
    struct Scored {
        rb: Rulebook,
        pairs: Vec<(i32, i32)>,
        sheets: Vec<(i32, Sheet)>,
        outcomes: Vec<(i64, Outcome)>,
        ranking: Vec<Ranked>,
    }

    async fn scored(db: &impl ConnectionTrait, c: &council::Model) -> Result<Scored, AppError> {
        let rb = rulebook_of(db, c).await?;
        let pairs = conflicted_pairs(db, c.id).await?;
        let sheets = counted_sheets(db, c.id, &pairs).await?;
        let outcomes: Vec<(i64, Outcome)> = dossier_ids(db, c.id)
            .await?
            .into_iter()
            .map(|d| {
                let mine: Vec<Sheet> = sheets
                    .iter()
                    .filter(|(a, _)| *a == d)
                    .map(|(_, sheet)| sheet.clone())
                    .collect();
                (i64::from(d), aggregate(&rb.scoring, &mine))
            })
            .collect();
        let ranking = rank(&rb.scoring, &outcomes);
        Ok(Scored {
            rb,
            pairs,
            sheets,
            outcomes,
            ranking,
        })
    }

    /// Whether the dossier passed the council it was before, once that council closed scoring
    /// (`None`: no closed council yet).
    pub(crate) async fn passed(
        db: &impl ConnectionTrait,
        application_id: i32,
    ) -> Result<Option<bool>, AppError> {
        let Some(link) = council_application::Entity::find()
            .filter(council_application::Column::ApplicationId.eq(application_id))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let c = find(db, link.council_id).await?;
        if status_of(&c)? != CouncilStatus::Closed {
            return Ok(None);
        }
        let scored = scored(db, &c).await?;
        Ok(scored
            .outcomes
            .iter()
            .find(|(a, _)| *a == i64::from(application_id))
            .map(|(_, o)| o.passed))
    }

    /// What the applicant (and whoever may read the dossier) learns of its evaluation once the
    /// council has closed scoring: the figures and the comments, never who wrote which.
    pub async fn evaluation(application_id: i32) -> Result<Option<Evaluation>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let a = application::Entity::find_by_id(application_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::applications::api::server::readable(db, &me, &a).await?;
        let Some(link) = council_application::Entity::find()
            .filter(council_application::Column::ApplicationId.eq(application_id))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let c = find(db, link.council_id).await?;
        if status_of(&c)? != CouncilStatus::Closed {
            return Ok(None);
        }
        let Scored {
            rb,
            pairs,
            outcomes,
            ranking,
            ..
        } = scored(db, &c).await?;
        let me_id = i64::from(application_id);
        let outcome = outcomes
            .into_iter()
            .find(|(a, _)| *a == me_id)
            .ok_or(AppError::Internal)?
            .1;
        let ranked = ranking
            .iter()
            .find(|r| r.application == me_id)
            .ok_or(AppError::Internal)?;
        // Comments of the sheets that were submitted by members free of conflict, sorted so
        // their order says nothing about who wrote them.
        let rows = score_sheet::Entity::find()
            .filter(score_sheet::Column::CouncilId.eq(c.id))
            .filter(score_sheet::Column::ApplicationId.eq(application_id))
            .filter(score_sheet::Column::SubmittedAt.is_not_null())
            .limit(LIMIT)
            .all(db)
            .await?;
        let n = rb.scoring.criteria.len();
        let mut comments: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut reviews = Vec::new();
        for s in rows
            .into_iter()
            .filter(|s| !pairs.contains(&(s.application_id, s.user_id)))
        {
            let entry: SheetEntry = serde_json::from_str(&s.entry).map_err(internal)?;
            for (i, text) in entry.comments.into_iter().enumerate().take(n) {
                if !text.trim().is_empty() {
                    comments[i].push(text.trim().to_string());
                }
            }
            if !s.review.trim().is_empty() {
                reviews.push(s.review.trim().to_string());
            }
        }
        comments.iter_mut().for_each(|c| c.sort());
        reviews.sort();
        Ok(Some(Evaluation {
            closed_at: c.closed_at,
            criteria: rb.scoring.criteria,
            pass_mean_total: rb.scoring.pass_mean_total,
            mean_total: outcome.mean_total,
            criterion_means: outcome.criterion_means,
            passed: outcome.passed,
            rank: ranked.rank,
            of: u32::try_from(ranking.len()).unwrap_or(u32::MAX),
            sheets_counted: u32::try_from(outcome.counted.len()).unwrap_or(u32::MAX),
            comments,
            reviews,
        }))
    }

    pub async fn results(id: i32) -> Result<ResultsView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let c = find(db, id).await?;
        let manages = me.may(Permission::ManageCouncils, Scope::Global);
        if !manages && seat(db, id, me.user_id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        // Sealed until the secretary closes scoring, for everyone.
        allow(&c, CouncilAction::ReadResults)?;
        let view = get(id).await?;
        let names: std::collections::HashMap<i64, String> = view
            .members
            .iter()
            .map(|m| (i64::from(m.user_id), m.name.clone()))
            .collect();
        let Scored {
            rb,
            pairs,
            sheets,
            outcomes,
            ranking,
        } = scored(db, &c).await?;
        let paper: Vec<(i32, i64)> = progress_of(db, id)
            .await?
            .into_iter()
            .filter(|p| p.from_paper)
            .map(|p| (p.application_id, p.user_id.into()))
            .collect();
        let mut lines = std::collections::HashMap::new();
        for d in &view.dossiers {
            let outcome = &outcomes
                .iter()
                .find(|(a, _)| *a == i64::from(d.id))
                .ok_or(AppError::Internal)?
                .1;
            let detail: Vec<SheetLine> = sheets
                .iter()
                .filter(|(a, _)| *a == d.id)
                .map(|(_, s)| SheetLine {
                    member: names.get(&s.member).cloned().unwrap_or_default(),
                    scores: s.scores.clone(),
                    total: s.total(),
                    counted: outcome.counted.contains(&s.member),
                    from_paper: paper.contains(&(d.id, s.member)),
                })
                .collect();
            let mut conflicted_names: Vec<String> = pairs
                .iter()
                .filter(|(a, _)| *a == d.id)
                .filter_map(|(_, u)| names.get(&i64::from(*u)).cloned())
                .collect();
            conflicted_names.sort();
            conflicted_names.dedup();
            lines.insert(d.id, (detail, conflicted_names));
        }
        // A conflicted member never sees that dossier's scores.
        let hidden: Vec<i32> = if manages {
            Vec::new()
        } else {
            pairs
                .iter()
                .filter(|(_, u)| *u == me.user_id)
                .map(|(a, _)| *a)
                .collect()
        };
        let results = ranking
            .into_iter()
            .filter(|r| !hidden.iter().any(|h| i64::from(*h) == r.application))
            .filter_map(|r| {
                let id = i32::try_from(r.application).ok()?;
                let dossier = view.dossiers.iter().find(|d| d.id == id)?.clone();
                let outcome = outcomes
                    .iter()
                    .find(|(a, _)| *a == r.application)?
                    .1
                    .clone();
                let (sheets, conflicted) = lines.remove(&id)?;
                Some(ResultView {
                    dossier,
                    outcome,
                    ranked: r,
                    sheets,
                    conflicted,
                })
            })
            .collect();
        Ok(ResultsView {
            criteria: rb.scoring.criteria.clone(),
            pass_mean_total: rb.scoring.pass_mean_total,
            results,
        })
    }
}
