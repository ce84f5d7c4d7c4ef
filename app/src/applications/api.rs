//! Applications: a researcher drafts the thuyết minh, submits it while the call is open, may
//! withdraw it before the deadline, and corrects it when returned; officers check validity.

use chrono::{DateTime, Utc};
use domain::application::{ApplicationForm, BudgetTotals, Issue};
use domain::lifecycle::ApplicationState;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Applications per page in every list.
pub const APPLICATIONS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub id: i32,
    pub applicant_id: i32,
    /// In the researcher's own list: a dossier they are a team member of, not its author.
    pub read_only: bool,
    pub call_code: String,
    pub title: String,
    pub status: ApplicationState,
    pub receipt_code: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A decision on a dossier: an officer's on validity, or (in the record) its host
/// organisation's on backing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Decision {
    Valid,
    Invalid {
        reasons: String,
    },
    Return {
        reasons: String,
        deadline: DateTime<Utc>,
    },
    /// Recorded by `applications/host_decide`; refused by `applications/decide`.
    HostConfirmed,
    /// Recorded by `applications/host_decide`; refused by `applications/decide`.
    HostDeclined {
        reasons: String,
    },
}

/// The host organisation's answer on a dossier awaiting its confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HostDecision {
    Confirm,
    /// Back to the researcher as a draft, with the reasons.
    Decline {
        reasons: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub decision: Decision,
    pub decided_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub call_id: i32,
    pub call_code: String,
    pub call_title: String,
    pub call_closes_at: DateTime<Utc>,
    pub status: ApplicationState,
    pub receipt_code: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub form: ApplicationForm,
    /// What still stops submission, from the pinned rulebook.
    pub issues: Vec<Issue>,
    pub totals: Option<BudgetTotals>,
    /// Labour the team's coefficients and days come to under the pinned rulebook.
    pub labour_dong: Option<i64>,
    pub is_owner: bool,
    /// May decide on validity (an officer, on a submitted dossier).
    pub can_decide: bool,
    /// May confirm or decline it for the host organisation (awaiting its confirmation).
    pub can_host_decide: bool,
    /// May draft its contract (an officer, on a task the leader approved).
    pub can_draft_contract: bool,
    pub decisions: Vec<DecisionView>,
    /// The call's pinned rulebook, so the browser checks the form with the server's rules.
    pub rulebook: domain::rulebook::Rulebook,
    /// The files the dossier carries now.
    pub attachments: Vec<crate::applications::attachments::AttachmentView>,
    /// The documents the call asks for, to attach files against.
    pub required_documents: Vec<String>,
    /// Largest file accepted, so the browser refuses a larger one before sending it.
    pub max_upload_bytes: u64,
    /// The applicant's scientific CV: the current one while the owner may still change the
    /// dossier, otherwise the one frozen with the latest submitted version.
    pub cv: Option<domain::cv::ScientificCv>,
}

/// What a researcher gets on submitting: the readable code and the server's time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub code: String,
    pub submitted_at: DateTime<Utc>,
}

/// One submitted version and what changed since the one before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub version: i32,
    pub submitted_at: DateTime<Utc>,
    pub changes: Vec<domain::application::Change>,
}

/// Most versions shown: far more than any dossier is corrected.
pub const MAX_VERSIONS: u64 = 50;

#[server(prefix = "/api", endpoint = "applications/versions", input = Json)]
pub async fn application_versions(id: i32) -> Result<Vec<VersionView>, AppError> {
    crate::error::finish(server::versions(id).await)
}

#[server(prefix = "/api", endpoint = "applications/create", input = Json)]
pub async fn create_application(call_id: i32) -> Result<i32, AppError> {
    crate::error::finish(server::create(call_id).await)
}

#[server(prefix = "/api", endpoint = "applications/save", input = Json)]
pub async fn save_application(id: i32, form: ApplicationForm) -> Result<(), AppError> {
    crate::error::finish(server::save(id, form).await)
}

#[server(prefix = "/api", endpoint = "applications/get", input = Json)]
pub async fn get_application(id: i32) -> Result<ApplicationView, AppError> {
    crate::error::finish(server::get(id).await)
}

#[server(prefix = "/api", endpoint = "applications/submit", input = Json)]
pub async fn submit_application(id: i32) -> Result<Receipt, AppError> {
    crate::error::finish(server::submit(id).await)
}

#[server(prefix = "/api", endpoint = "applications/withdraw", input = Json)]
pub async fn withdraw_application(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::withdraw(id).await)
}

#[server(prefix = "/api", endpoint = "applications/mine", input = Json)]
pub async fn my_applications(page: u64) -> Result<Page<ApplicationRow>, AppError> {
    crate::error::finish(server::mine(page).await)
}

/// What the officer's list is narrowed to; every part optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    pub call_id: Option<i32>,
    /// A stored state code (`ApplicationState::SUBMITTED_CODES`).
    pub status: Option<String>,
    /// Words of the title; diacritics ignored, exact matches first.
    #[serde(default)]
    pub query: String,
}

/// Submitted applications (never drafts), filtered, newest submission first.
#[server(prefix = "/api", endpoint = "applications/list", input = Json)]
pub async fn list_applications(
    filter: ListFilter,
    page: u64,
) -> Result<Page<ApplicationRow>, AppError> {
    crate::error::finish(server::list(filter, page).await)
}

/// Dossiers of the caller's host organisation(s) waiting for its confirmation, oldest first.
#[server(prefix = "/api", endpoint = "applications/host_queue", input = Json)]
pub async fn host_queue(page: u64) -> Result<Page<ApplicationRow>, AppError> {
    crate::error::finish(server::host_queue(page).await)
}

#[server(prefix = "/api", endpoint = "applications/host_decide", input = Json)]
pub async fn host_decide(id: i32, decision: HostDecision) -> Result<(), AppError> {
    crate::error::finish(server::host_decide(id, decision).await)
}

#[server(prefix = "/api", endpoint = "applications/decide", input = Json)]
pub async fn decide_application(id: i32, decision: Decision) -> Result<(), AppError> {
    crate::error::finish(server::decide(id, decision).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::auth::server::{audit, now, require, Account};
    use crate::cv::api::server::{cv_of, year_in_vietnam};
    use crate::db::entities::{
        application, application_decision, application_member, application_version, call, rulebook,
    };
    use crate::db::state;
    use crate::error::Problem;
    use crate::list::page_and_offset;
    use chrono::Datelike;
    use domain::application::{budget_totals, check, team_labour_dong, FormProblem};
    use domain::attachment::{diff_files, AttachedFile};
    use domain::lifecycle::{apply, receipt_code, ApplicationEvent, CallWindow};
    use domain::roles::{Permission, Scope};
    use domain::rulebook::Rulebook;
    use domain::text::{exact_key, fold};
    use sea_orm::sea_query::{Expr, Func};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, Set, TransactionTrait,
    };
    use std::sync::Arc;

    fn internal<E: std::error::Error + 'static>(e: E) -> AppError {
        crate::error::internal(&e)
    }

    fn state_of(row: &application::Model) -> Result<ApplicationState, AppError> {
        ApplicationState::from_parts(&row.status, row.correction_deadline).ok_or_else(|| {
            tracing::error!(application = row.id, status = %row.status, "unknown application status");
            AppError::Internal
        })
    }

    fn form_of(row: &application::Model) -> Result<ApplicationForm, AppError> {
        serde_json::from_str(&row.form).map_err(internal)
    }

    async fn rulebook_of(db: &impl ConnectionTrait, c: &call::Model) -> Result<Rulebook, AppError> {
        let version = c.rulebook_version.ok_or(AppError::NotFound)?;
        let row = rulebook::Entity::find_by_id(version)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        serde_json::from_str(&row.content).map_err(internal)
    }

    fn window(c: &call::Model) -> CallWindow {
        CallWindow {
            opens_at: c.opens_at,
            closes_at: c.closes_at,
        }
    }

    fn transition(e: domain::lifecycle::TransitionError) -> AppError {
        AppError::invalid("status", Problem::Transition(e))
    }

    /// The state of a dossier its owner may still change (a draft, or one returned for
    /// correction); any other state refuses `event`.
    pub(crate) fn editable(
        a: &application::Model,
        event: &str,
    ) -> Result<ApplicationState, AppError> {
        let st = state_of(a)?;
        if matches!(
            st,
            ApplicationState::Draft | ApplicationState::ReturnedForCorrection { .. }
        ) {
            Ok(st)
        } else {
            Err(transition(domain::lifecycle::TransitionError::NotAllowed {
                from: st.code().into(),
                event: event.into(),
            }))
        }
    }

    /// Whoever may read a dossier: its owner; officers once the department has received it;
    /// its host organisation once it has been submitted. Anyone else gets 404, as if it did
    /// not exist.
    pub(crate) async fn readable(
        db: &impl ConnectionTrait,
        me: &Account,
        a: &application::Model,
    ) -> Result<(), AppError> {
        let st = state_of(a)?;
        let officer = me.may(Permission::CheckApplications, Scope::Global)
            && st.seen_by_department()
            && a.received_at.is_some();
        if a.applicant_id == me.user_id
            || officer
            || host_of(me, a) && st != ApplicationState::Draft
        {
            return Ok(());
        }
        // A team member named with their account's e-mail reads it too.
        let member = application_member::Entity::find_by_id((a.id, me.user_id))
            .one(db)
            .await?;
        member.map(|_| ()).ok_or(AppError::NotFound)
    }

    /// Replaces the dossier's member list with the team's e-mails that belong to active
    /// accounts (the author excepted).
    async fn sync_members(
        db: &impl ConnectionTrait,
        a: &application::Model,
        form: &ApplicationForm,
    ) -> Result<(), AppError> {
        use crate::db::entities::user;
        application_member::Entity::delete_many()
            .filter(application_member::Column::ApplicationId.eq(a.id))
            .exec(db)
            .await?;
        let mut emails: Vec<String> = form
            .team
            .iter()
            .filter_map(|m| domain::account::Email::parse(&m.email).ok())
            .map(|e| e.into_string())
            .collect();
        emails.sort();
        emails.dedup();
        if emails.is_empty() {
            return Ok(());
        }
        let ids: Vec<i32> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Email.is_in(emails))
            .filter(user::Column::Active.eq(true))
            .filter(user::Column::Id.ne(a.applicant_id))
            .into_tuple()
            .all(db)
            .await?;
        if ids.is_empty() {
            return Ok(());
        }
        application_member::Entity::insert_many(ids.into_iter().map(|user_id| {
            application_member::ActiveModel {
                application_id: Set(a.id),
                user_id: Set(user_id),
            }
        }))
        .exec_without_returning(db)
        .await?;
        Ok(())
    }

    /// The caller speaks for the dossier's host organisation.
    fn host_of(me: &Account, a: &application::Model) -> bool {
        a.organisation_id.is_some_and(|org| {
            me.may(
                Permission::ConfirmApplications,
                Scope::Organisation(org.into()),
            )
        })
    }

    /// The caller's own application, or 404 (someone else's looks the same as none).
    pub(crate) async fn own(
        db: &impl ConnectionTrait,
        account: &Account,
        id: i32,
    ) -> Result<(application::Model, call::Model), AppError> {
        let (a, c) = application::Entity::find_by_id(id)
            .find_also_related(call::Entity)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if a.applicant_id != account.user_id {
            return Err(AppError::NotFound);
        }
        Ok((a, c.ok_or(AppError::NotFound)?))
    }

    pub async fn create(call_id: i32) -> Result<i32, AppError> {
        let me = require(Permission::SubmitApplications, Scope::Global)?;
        let db = &state()?.db;
        let now = now();
        let c = call::Entity::find_by_id(call_id)
            .one(db)
            .await?
            .filter(|c| c.status == domain::call::CallStatus::Published.code())
            .ok_or(AppError::NotFound)?;
        window(&c).check(now).map_err(transition)?;
        let txn = db.begin().await?;
        let row = application::ActiveModel {
            call_id: Set(c.id),
            applicant_id: Set(me.user_id),
            organisation_id: Set(me.organisation_id),
            title: Set(String::new()),
            title_folded: Set(String::new()),
            title_key: Set(String::new()),
            form: Set(serde_json::to_string(&ApplicationForm::default()).map_err(internal)?),
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
        let now = now();
        let (a, c) = own(db, &me, id).await?;
        let st = editable(&a, "save")?;
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
        let txn = db.begin().await?;
        let done = application::Entity::update_many()
            .col_expr(
                application::Column::Form,
                Expr::value(serde_json::to_string(&form).map_err(internal)?),
            )
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
                let form = serde_json::from_str::<ApplicationForm>(&r.form).map_err(internal)?;
                let files =
                    serde_json::from_str::<Vec<AttachedFile>>(&r.attachments).map_err(internal)?;
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
        let attachments = crate::applications::attachments::server::current_views(db, a.id).await?;
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
        let required_documents: Vec<String> =
            serde_json::from_str(&c.required_documents).map_err(internal)?;
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
    fn cv_issue(cv: Option<&domain::cv::ScientificCv>, now: DateTime<Utc>) -> Option<Issue> {
        let complete = cv.is_some_and(|cv| domain::cv::check(cv, year_in_vietnam(now)).is_empty());
        (!complete).then(|| Issue {
            path: "cv".into(),
            problem: FormProblem::CvIncomplete,
        })
    }

    /// The CV frozen with the latest submitted version, if any.
    async fn submitted_cv(
        db: &impl ConnectionTrait,
        a: &application::Model,
    ) -> Result<Option<domain::cv::ScientificCv>, AppError> {
        let cv: Option<Option<String>> = application_version::Entity::find()
            .select_only()
            .column(application_version::Column::Cv)
            .filter(application_version::Column::ApplicationId.eq(a.id))
            .order_by_desc(application_version::Column::Version)
            .into_tuple()
            .one(db)
            .await?;
        cv.flatten()
            .map(|s| serde_json::from_str(&s).map_err(internal))
            .transpose()
    }

    /// Stores the submitted form, files and CV as a new version, kept forever.
    async fn snapshot(
        db: &impl ConnectionTrait,
        a: &application::Model,
        version: i32,
        now: DateTime<Utc>,
        cv: &domain::cv::ScientificCv,
    ) -> Result<(), AppError> {
        let files = crate::applications::attachments::server::current(db, a.id).await?;
        let files = crate::applications::attachments::server::attached(&files);
        application_version::ActiveModel {
            application_id: Set(a.id),
            version: Set(version),
            form: Set(a.form.clone()),
            attachments: Set(serde_json::to_string(&files).map_err(internal)?),
            cv: Set(Some(serde_json::to_string(cv).map_err(internal)?)),
            submitted_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }

    /// Tries a submission this many times when others race it for a receipt number: at a
    /// deadline many researchers submit in the same second.
    const SUBMIT_ATTEMPTS: u64 = 20;

    pub async fn submit(id: i32) -> Result<Receipt, AppError> {
        crate::db::retry::retrying(
            "submission (receipt number)",
            id.unsigned_abs() as u64,
            SUBMIT_ATTEMPTS,
            || submit_once(id),
        )
        .await
    }

    async fn submit_once(id: i32) -> Result<Receipt, crate::db::retry::Attempt> {
        let me = require(Permission::SubmitApplications, Scope::Global)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let (a, c) = own(&txn, &me, id).await?;
        let st = state_of(&a)?;
        let rb = rulebook_of(&txn, &c).await?;
        let event = match st {
            ApplicationState::ReturnedForCorrection { .. } => ApplicationEvent::Resubmit,
            _ => ApplicationEvent::Submit {
                window: window(&c),
                host_confirmation_required: rb.host_confirmation_required,
            },
        };
        let next = apply(st, event, now).map_err(transition)?;
        if let Some(first) = check(&form_of(&a)?, &rb).into_iter().next() {
            return Err(AppError::invalid(&first.path, Problem::Form(first.problem)).into());
        }
        let cv = cv_of(&txn, a.applicant_id).await?.map(|(cv, _)| cv);
        if let Some(i) = cv_issue(cv.as_ref(), now) {
            return Err(AppError::invalid(&i.path, Problem::Form(i.problem)).into());
        }
        let cv = cv.unwrap_or_default();
        let (code, year, sequence) = match (&a.receipt_code, a.receipt_year, a.receipt_sequence) {
            (Some(code), Some(y), Some(s)) => (code.clone(), y, s),
            _ => {
                let year = now.with_timezone(&domain::format::vietnam_offset()).year();
                let max: Option<i32> = application::Entity::find()
                    .select_only()
                    .column_as(
                        Expr::expr(Func::max(Expr::col(application::Column::ReceiptSequence))),
                        "max",
                    )
                    .filter(application::Column::ReceiptYear.eq(year))
                    .into_tuple()
                    .one(&txn)
                    .await?
                    .flatten();
                let sequence = max.unwrap_or(0) + 1;
                (receipt_code(year, sequence as u32), year, sequence)
            }
        };
        let version = a.version + 1;
        // Changes the row only if nobody changed its state meanwhile: a double submission
        // finds nothing to update.
        let done = application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(next.code()))
            .col_expr(
                application::Column::CorrectionDeadline,
                Expr::value(None::<DateTime<Utc>>),
            )
            .col_expr(application::Column::ReceiptCode, Expr::value(code.clone()))
            .col_expr(application::Column::ReceiptYear, Expr::value(year))
            .col_expr(application::Column::ReceiptSequence, Expr::value(sequence))
            .col_expr(application::Column::Version, Expr::value(version))
            .col_expr(application::Column::SubmittedAt, Expr::value(now))
            .col_expr(application::Column::UpdatedAt, Expr::value(now))
            .col_expr(
                application::Column::ReceivedAt,
                Expr::value(next.received_at(a.received_at, now)),
            )
            .filter(application::Column::Id.eq(id))
            .filter(application::Column::Status.eq(st.code()))
            .filter(application::Column::Version.eq(a.version))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(transition(domain::lifecycle::TransitionError::NotAllowed {
                from: st.code().into(),
                event: "submit".into(),
            })
            .into());
        }
        snapshot(&txn, &a, version, now, &cv).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "application_submitted",
            ("application", id.into()),
            serde_json::json!({ "receipt": code, "version": version }),
        )
        .await?;
        txn.commit().await?;
        Ok(Receipt {
            code,
            submitted_at: now,
        })
    }

    pub async fn withdraw(id: i32) -> Result<(), AppError> {
        let me = require(Permission::SubmitApplications, Scope::Global)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let (a, c) = own(&txn, &me, id).await?;
        let st = state_of(&a)?;
        let next = apply(st, ApplicationEvent::Withdraw { window: window(&c) }, now)
            .map_err(transition)?;
        set_state(&txn, &a, st, next, now).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "application_withdrawn",
            ("application", id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    async fn set_state(
        db: &impl ConnectionTrait,
        a: &application::Model,
        from: ApplicationState,
        to: ApplicationState,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let deadline = match to {
            ApplicationState::ReturnedForCorrection { deadline } => Some(deadline),
            _ => None,
        };
        let done = application::Entity::update_many()
            .col_expr(application::Column::Status, Expr::value(to.code()))
            .col_expr(
                application::Column::CorrectionDeadline,
                Expr::value(deadline),
            )
            .col_expr(application::Column::UpdatedAt, Expr::value(now))
            .col_expr(
                application::Column::ReceivedAt,
                Expr::value(to.received_at(a.received_at, now)),
            )
            .filter(application::Column::Id.eq(a.id))
            .filter(application::Column::Status.eq(from.code()))
            .exec(db)
            .await?;
        if done.rows_affected != 1 {
            return Err(transition(domain::lifecycle::TransitionError::NotAllowed {
                from: from.code().into(),
                event: "change".into(),
            }));
        }
        Ok(())
    }

    /// The columns a list shows, without the form: sorting whole rows with their JSON would
    /// read every dossier to show twenty.
    #[derive(Debug, sea_orm::FromQueryResult)]
    struct ListRow {
        id: i32,
        applicant_id: i32,
        title: String,
        status: String,
        correction_deadline: Option<DateTime<Utc>>,
        receipt_code: Option<String>,
        submitted_at: Option<DateTime<Utc>>,
        updated_at: DateTime<Utc>,
        call_code: Option<String>,
    }

    async fn rows(
        db: &impl ConnectionTrait,
        select: sea_orm::Select<application::Entity>,
    ) -> Result<Vec<ApplicationRow>, AppError> {
        use sea_orm::{JoinType, RelationTrait};
        let list = select
            .select_only()
            .columns([
                application::Column::Id,
                application::Column::ApplicantId,
                application::Column::Title,
                application::Column::Status,
                application::Column::CorrectionDeadline,
                application::Column::ReceiptCode,
                application::Column::SubmittedAt,
                application::Column::UpdatedAt,
            ])
            .column_as(call::Column::Code, "call_code")
            .join(JoinType::LeftJoin, application::Relation::Call.def())
            .into_model::<ListRow>()
            .all(db)
            .await?;
        list.into_iter()
            .map(|r| {
                let status = ApplicationState::from_parts(&r.status, r.correction_deadline)
                    .ok_or(AppError::Internal)?;
                Ok(ApplicationRow {
                    id: r.id,
                    applicant_id: r.applicant_id,
                    read_only: false,
                    call_code: r.call_code.unwrap_or_default(),
                    title: r.title,
                    status,
                    receipt_code: r.receipt_code,
                    submitted_at: r.submitted_at,
                    updated_at: r.updated_at,
                })
            })
            .collect()
    }

    pub async fn mine(page: u64) -> Result<Page<ApplicationRow>, AppError> {
        let me = require(Permission::SubmitApplications, Scope::Global)?;
        let db = &state()?.db;
        // Their own, and those whose team names them (read-only).
        let select = application::Entity::find().filter(
            sea_orm::Condition::any()
                .add(application::Column::ApplicantId.eq(me.user_id))
                .add(
                    application::Column::Id.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(application_member::Column::ApplicationId)
                            .from(application_member::Entity)
                            .and_where(application_member::Column::UserId.eq(me.user_id))
                            .to_owned(),
                    ),
                ),
        );
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, APPLICATIONS_PER_PAGE);
        let select = select
            .order_by_desc(application::Column::UpdatedAt)
            .order_by_desc(application::Column::Id)
            .offset(offset)
            .limit(APPLICATIONS_PER_PAGE);
        let mut items = rows(db, select).await?;
        for row in &mut items {
            row.read_only = row.applicant_id != me.user_id;
        }
        Ok(Page::new(items, page, APPLICATIONS_PER_PAGE, total))
    }

    /// The officer's selection of submitted dossiers (never drafts), unordered.
    pub(crate) fn filtered(
        filter: &ListFilter,
    ) -> Result<sea_orm::Select<application::Entity>, AppError> {
        let mut select = application::Entity::find()
            // Received by the department (never a draft, nor one awaiting its host's
            // confirmation): the (received_at, id) index answers both the count and the
            // newest-first page.
            .filter(application::Column::ReceivedAt.is_not_null());
        if let Some(cid) = filter.call_id {
            select = select.filter(application::Column::CallId.eq(cid));
        }
        if let Some(code) = filter.status.as_deref().filter(|c| !c.is_empty()) {
            if !ApplicationState::SUBMITTED_CODES.contains(&code) {
                return Err(AppError::invalid("status", Problem::UnknownChoice));
            }
            select = select.filter(application::Column::Status.eq(code));
        }
        Ok(crate::list::search_titles(
            select,
            application::Column::TitleFolded,
            application::Column::TitleKey,
            &filter.query,
        ))
    }

    pub async fn list(filter: ListFilter, page: u64) -> Result<Page<ApplicationRow>, AppError> {
        require(Permission::CheckApplications, Scope::Global)?;
        let db = &state()?.db;
        let select = filtered(&filter)?;
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, APPLICATIONS_PER_PAGE);
        let select = select
            .order_by_desc(application::Column::ReceivedAt)
            .order_by_desc(application::Column::Id)
            .offset(offset)
            .limit(APPLICATIONS_PER_PAGE);
        Ok(Page::new(
            rows(db, select).await?,
            page,
            APPLICATIONS_PER_PAGE,
            total,
        ))
    }

    /// The organisations the caller confirms dossiers for.
    pub(crate) fn host_organisations(me: &Account) -> Vec<i32> {
        domain::roles::hosted_organisations(&me.grants)
            .into_iter()
            .filter_map(|id| i32::try_from(id).ok())
            .collect()
    }

    pub async fn host_queue(page: u64) -> Result<Page<ApplicationRow>, AppError> {
        let me = crate::auth::server::require_user()?;
        let orgs = host_organisations(&me);
        if orgs.is_empty() {
            return Err(AppError::Forbidden);
        }
        let db = &state()?.db;
        let select = application::Entity::find()
            .filter(application::Column::OrganisationId.is_in(orgs))
            .filter(
                application::Column::Status.eq(ApplicationState::AwaitingHostConfirmation.code()),
            );
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, APPLICATIONS_PER_PAGE);
        let select = select
            .order_by_asc(application::Column::SubmittedAt)
            .order_by_asc(application::Column::Id)
            .offset(offset)
            .limit(APPLICATIONS_PER_PAGE);
        Ok(Page::new(
            rows(db, select).await?,
            page,
            APPLICATIONS_PER_PAGE,
            total,
        ))
    }

    pub async fn host_decide(id: i32, decision: HostDecision) -> Result<(), AppError> {
        let me = crate::auth::server::require_user()?;
        if host_organisations(&me).is_empty() {
            return Err(AppError::Forbidden);
        }
        let (event, reasons, code) = match &decision {
            HostDecision::Confirm => (ApplicationEvent::HostConfirm, "", "host_confirmed"),
            HostDecision::Decline { reasons } => (
                ApplicationEvent::HostDecline,
                reasons.as_str(),
                "host_declined",
            ),
        };
        let record = Record {
            code,
            reasons: reasons_of(reasons, code == "host_declined")?,
            deadline: None,
            by: me.user_id,
            action: "application_host_decided",
        };
        // Another organisation's dossier, or a draft, does not exist for this host.
        let visible = |a: &application::Model, st: ApplicationState| {
            host_of(&me, a) && st != ApplicationState::Draft
        };
        record_decision(id, event, record, visible).await
    }

    /// A decision as the record keeps it.
    struct Record {
        code: &'static str,
        reasons: String,
        deadline: Option<DateTime<Utc>>,
        by: i32,
        action: &'static str,
    }

    /// Reasons trimmed and bounded; `required` when the decision must say why.
    fn reasons_of(reasons: &str, required: bool) -> Result<String, AppError> {
        let reasons = reasons.trim().to_string();
        if required && reasons.is_empty() {
            return Err(AppError::invalid(
                "reasons",
                Problem::Form(FormProblem::Required),
            ));
        }
        if reasons.chars().count() > MAX_REASONS_CHARS {
            return Err(AppError::invalid(
                "reasons",
                Problem::Form(FormProblem::TooLong {
                    max_chars: MAX_REASONS_CHARS,
                }),
            ));
        }
        Ok(reasons)
    }

    /// Moves the dossier by `event` and records the decision and its audit event, in one
    /// transaction; a dossier the decider may not see (`visible`) is 404.
    async fn record_decision(
        id: i32,
        event: ApplicationEvent,
        record: Record,
        visible: impl Fn(&application::Model, ApplicationState) -> bool,
    ) -> Result<(), AppError> {
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let a = application::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let st = state_of(&a)?;
        if !visible(&a, st) {
            return Err(AppError::NotFound);
        }
        let next = apply(st, event, now).map_err(transition)?;
        set_state(&txn, &a, st, next, now).await?;
        application_decision::ActiveModel {
            application_id: Set(id),
            decision: Set(record.code.into()),
            reasons: Set(record.reasons),
            deadline: Set(record.deadline),
            decided_by: Set(record.by),
            decided_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(record.by),
            record.action,
            ("application", id.into()),
            serde_json::json!({ "decision": record.code }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Longest reasons text: a letter, not a report.
    const MAX_REASONS_CHARS: usize = 5_000;

    pub async fn decide(id: i32, decision: Decision) -> Result<(), AppError> {
        let officer: Arc<Account> = require(Permission::CheckApplications, Scope::Global)?;
        let (event, reasons, deadline, code) = match &decision {
            Decision::Valid => (ApplicationEvent::MarkValid, "", None, "valid"),
            Decision::Invalid { reasons } => (
                ApplicationEvent::MarkInvalid,
                reasons.as_str(),
                None,
                "invalid",
            ),
            Decision::Return { reasons, deadline } => (
                ApplicationEvent::ReturnForCorrection {
                    deadline: *deadline,
                },
                reasons.as_str(),
                Some(*deadline),
                "returned",
            ),
            Decision::HostConfirmed | Decision::HostDeclined { .. } => {
                return Err(AppError::invalid("decision", Problem::UnknownChoice));
            }
        };
        let record = Record {
            code,
            reasons: reasons_of(reasons, code != "valid")?,
            deadline,
            by: officer.user_id,
            action: "application_decided",
        };
        record_decision(id, event, record, |_, st| st.seen_by_department()).await
    }
}
