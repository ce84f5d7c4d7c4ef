//! Budget appraisal of recommended dossiers (officers, line by line with reasons, never above
//! what was asked) and the leader's approval or rejection; the approval decision of a call as
//! a PDF. A contract is drafted only for an approved task, for its appraised amount.

use chrono::{DateTime, Utc};
use domain::application::BudgetLineKind;
use domain::appraisal::LineChange;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

pub const TASKS_PER_PAGE: u64 = 25;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AppraisedLine {
    pub kind: BudgetLineKind,
    pub description: String,
    pub asked_fund_dong: i64,
    pub approved_fund_dong: i64,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskApprovalView {
    pub application_id: i32,
    pub receipt_code: String,
    pub title: String,
    pub call_id: i32,
    pub lines: Vec<AppraisedLine>,
    pub asked_fund_dong: i64,
    /// After appraisal (`None` before).
    pub approved_fund_dong: Option<i64>,
    pub appraised_at: Option<DateTime<Utc>>,
    /// Which appraisal this is (1, 2, … as it is redone): the leader's decision names it.
    pub revision: Option<i32>,
    /// `Some(true)` approved, `Some(false)` rejected, `None` awaiting the leader.
    pub approved: Option<bool>,
    pub reasons: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub may_appraise: bool,
    pub may_decide: bool,
}

/// A recommended dossier's appraisal and approval, for officers, the leader and whoever may
/// read the dossier; `null` unless a closed council passed it.
#[server(prefix = "/api", endpoint = "tasks/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_task_approval(application_id: i32) -> Result<Option<TaskApprovalView>, AppError> {
    crate::error::finish(server::get(application_id).await)
}

/// Officers appraise the budget: each changed line's amount from the fund, with its reason.
/// Returns what the fund will pay. Until the leader decides it may be redone.
#[server(prefix = "/api", endpoint = "tasks/appraise", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn appraise_task(application_id: i32, changes: Vec<LineChange>) -> Result<i64, AppError> {
    crate::error::finish(server::appraise(application_id, changes).await)
}

/// The leader approves the appraised task or rejects it with reasons; final. `revision` is the
/// appraisal the leader was shown: refused (`ChangedSinceShown`) if it was redone since.
#[server(prefix = "/api", endpoint = "tasks/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_task(
    application_id: i32,
    revision: i32,
    approve: bool,
    reasons: String,
) -> Result<(), AppError> {
    crate::error::finish(server::decide(application_id, revision, approve, reasons).await)
}

/// Appraised tasks, those awaiting the leader first, then the newest decisions.
#[server(prefix = "/api", endpoint = "tasks/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_tasks(page: u64) -> Result<Page<TaskApprovalView>, AppError> {
    crate::error::finish(server::list(page).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::{application, call, task_approval};
    use crate::db::json::Json;
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::units::{manages_dossier, unit_of_call, units_of_calls, Reach};
    use crate::kit::{audit, now, require_user, Account};
    use crate::list::{count_rows, page_and_offset};
    use domain::application::{budget_totals, ApplicationForm};
    use domain::issue::FormProblem;
    use domain::roles::Permission;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, Set,
    };

    /// The task's approval as `me` sees it; `unit` runs its call (none: the department).
    fn view_of(
        me: &Account,
        a: &application::Model,
        row: Option<&task_approval::Model>,
        unit: Option<i32>,
    ) -> Result<TaskApprovalView, AppError> {
        let form: ApplicationForm = a.form.0.clone();
        let changes: Vec<LineChange> = match row {
            Some(r) => r.changes.0.clone(),
            None => Vec::new(),
        };
        let approved = domain::appraisal::approved_lines(&form.budget, &changes);
        let lines = form
            .budget
            .iter()
            .zip(approved)
            .enumerate()
            .map(|(i, (l, approved_fund_dong))| AppraisedLine {
                kind: l.kind,
                description: l.description.clone(),
                asked_fund_dong: l.fund_dong,
                approved_fund_dong,
                reason: changes
                    .iter()
                    .find(|c| c.line == i)
                    .map(|c| c.reason.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let decided = row
            .and_then(|r| r.decision.as_deref())
            .map(|d| d == domain::appraisal::Decision::Approved.code());
        Ok(TaskApprovalView {
            application_id: a.id,
            receipt_code: a.receipt_code.clone().unwrap_or_default(),
            title: a.title.clone(),
            call_id: a.call_id,
            lines,
            asked_fund_dong: budget_totals(&form.budget)
                .map(|t| t.fund_dong)
                .unwrap_or_default(),
            approved_fund_dong: row.map(|r| r.approved_fund_dong),
            appraised_at: row.map(|r| r.appraised_at),
            revision: row.map(|r| r.revision),
            approved: decided,
            reasons: row.map(|r| r.reasons.clone()).unwrap_or_default(),
            decided_at: row.and_then(|r| r.decided_at),
            may_appraise: decided.is_none() && me.manages(Permission::DraftContracts, unit),
            may_decide: decided.is_none()
                && row.is_some()
                && me.manages(Permission::ApproveTasks, unit),
        })
    }

    /// The dossier, if a closed council passed it.
    async fn recommended(
        db: &impl ConnectionTrait,
        application_id: i32,
    ) -> Result<Option<application::Model>, AppError> {
        if crate::councils::server::passed(db, application_id).await? != Some(true) {
            return Ok(None);
        }
        application::Entity::find_by_id(application_id)
            .one(db)
            .await
            .map_err(Into::into)
    }

    pub async fn get(application_id: i32) -> Result<Option<TaskApprovalView>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let a = application::Entity::find_by_id(application_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let unit = unit_of_call(db, a.call_id).await?;
        let staff = me.oversees(Permission::DraftContracts, unit)
            || me.oversees(Permission::ApproveTasks, unit);
        if !staff {
            crate::kit::access::readable(db, &me, &a).await?;
        }
        if recommended(db, application_id).await?.is_none() {
            return Ok(None);
        }
        let row = task_approval::Entity::find_by_id(application_id)
            .one(db)
            .await?;
        Ok(Some(view_of(&me, &a, row.as_ref(), unit)?))
    }

    pub async fn appraise(application_id: i32, changes: Vec<LineChange>) -> Result<i64, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        manages_dossier(db, &me, Permission::DraftContracts, application_id).await?;
        crate::kit::access::not_own_case(db, &me, application_id).await?;
        let a = recommended(db, application_id)
            .await?
            .ok_or_else(|| AppError::invalid("application_id", Problem::NotRecommended))?;
        // Not while the researcher revises the dossier to the council's conclusions.
        let revision =
            crate::db::entities::application_revision::Entity::find_by_id(application_id)
                .one(db)
                .await?;
        let state = domain::revision::Revision::of(
            revision.is_some(),
            revision.is_some_and(|r| r.revised_at.is_some()),
        );
        if !state.may_appraise() {
            let pending = domain::revision::RevisionProblem::Pending;
            return Err(AppError::invalid(
                "application_id",
                Problem::Revision(pending),
            ));
        }
        let form: ApplicationForm = a.form.0.clone();
        if let Some(i) = domain::appraisal::check(&form.budget, &changes)
            .into_iter()
            .next()
        {
            return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
        }
        let total =
            domain::appraisal::approved_fund_dong(&form.budget, &changes).ok_or_else(|| {
                AppError::invalid("changes", Problem::Form(FormProblem::AmountNotPositive))
            })?;
        let changes: Vec<LineChange> = changes
            .into_iter()
            .map(|c| LineChange {
                reason: c.reason.trim().to_string(),
                ..c
            })
            .collect();
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let existing = task_approval::Entity::find_by_id(application_id)
            .one(&txn)
            .await?;
        if existing.as_ref().is_some_and(|r| r.decision.is_some()) {
            return Err(AppError::invalid("application_id", Problem::AlreadyDecided));
        }
        store(
            &txn,
            application_id,
            existing,
            Json(changes.clone()),
            total,
            me.user_id,
            now,
        )
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "budget_appraised",
            ("application", application_id.into()),
            serde_json::json!({ "approved_fund_dong": total, "changes": changes.len() }),
        )
        .await?;
        txn.commit().await?;
        Ok(total)
    }

    /// Writes the appraisal: the first, or the next revision of an undecided one.
    async fn store(
        txn: &impl sea_orm::ConnectionTrait,
        application_id: i32,
        existing: Option<task_approval::Model>,
        changes_json: Json<Vec<LineChange>>,
        total: i64,
        by: i32,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        match existing {
            Some(r) => {
                // Guarded: only the revision read, and only while undecided, so a decision (or
                // another appraisal) that lands meanwhile is never written over.
                let done = task_approval::Entity::update_many()
                    .set(task_approval::ActiveModel {
                        changes: Set(changes_json),
                        approved_fund_dong: Set(total),
                        appraised_by: Set(by),
                        appraised_at: Set(now),
                        revision: Set(r.revision + 1),
                        ..Default::default()
                    })
                    .filter(task_approval::Column::ApplicationId.eq(application_id))
                    .filter(task_approval::Column::Decision.is_null())
                    .filter(task_approval::Column::Revision.eq(r.revision))
                    .exec(txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(AppError::invalid(
                        "application_id",
                        Problem::ChangedSinceShown,
                    ));
                }
            }
            None => {
                task_approval::ActiveModel {
                    application_id: Set(application_id),
                    changes: Set(changes_json),
                    approved_fund_dong: Set(total),
                    appraised_by: Set(by),
                    appraised_at: Set(now),
                    decision: Set(None),
                    reasons: Set(String::new()),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    revision: Set(1),
                }
                .insert(txn)
                .await?;
            }
        }
        Ok(())
    }

    pub async fn decide(
        application_id: i32,
        revision: i32,
        approve: bool,
        reasons: String,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let a =
            manages_dossier(&state()?.db, &me, Permission::ApproveTasks, application_id).await?;
        let reasons = reasons.trim().to_string();
        if !approve && reasons.is_empty() {
            return Err(AppError::invalid(
                "reasons",
                Problem::Form(FormProblem::Required),
            ));
        }
        if reasons.chars().count() > 2_000 {
            return Err(AppError::invalid(
                "reasons",
                Problem::Form(FormProblem::TooLong { max_chars: 2_000 }),
            ));
        }
        let db = &state()?.db;
        crate::kit::access::not_own_case(db, &me, application_id).await?;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let done = task_approval::Entity::update_many()
            .col_expr(
                task_approval::Column::Decision,
                sea_orm::sea_query::Expr::value(Some(
                    domain::appraisal::Decision::of(approve).code(),
                )),
            )
            .col_expr(
                task_approval::Column::Reasons,
                sea_orm::sea_query::Expr::value(reasons.clone()),
            )
            .col_expr(
                task_approval::Column::DecidedBy,
                sea_orm::sea_query::Expr::value(Some(me.user_id)),
            )
            .col_expr(
                task_approval::Column::DecidedAt,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(task_approval::Column::ApplicationId.eq(application_id))
            .filter(task_approval::Column::Decision.is_null())
            .filter(task_approval::Column::Revision.eq(revision))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            let exists = task_approval::Entity::find_by_id(application_id)
                .one(&txn)
                .await?;
            return Err(match exists {
                Some(r) if r.decision.is_some() => {
                    AppError::invalid("application_id", Problem::AlreadyDecided)
                }
                Some(_) => AppError::invalid("revision", Problem::ChangedSinceShown),
                None => AppError::invalid("application_id", Problem::NotAppraised),
            });
        }
        let notice = domain::notice::task_decision(application_id, &a.title, approve, &reasons);
        crate::kit::notify::notify(&txn, &[a.applicant_id], &notice, now).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            if approve {
                "task_approved"
            } else {
                "task_rejected"
            },
            ("application", application_id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn list(page: u64) -> Result<Page<TaskApprovalView>, AppError> {
        let me = require_user()?;
        let reach = Reach::of(&me, Permission::DraftContracts)
            .or_else(|_| Reach::of(&me, Permission::ApproveTasks))?;
        let db = &state()?.db;
        let select = task_approval::Entity::find();
        // A unit's staff: the tasks of their units' calls only.
        let select = match reach.calls(application::Column::CallId) {
            None => select,
            Some(of_units) => select.filter(
                task_approval::Column::ApplicationId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(application::Column::Id)
                        .from(application::Entity)
                        .and_where(of_units)
                        .to_owned(),
                ),
            ),
        };
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, TASKS_PER_PAGE);
        // Awaiting first (NULL decisions), then newest.
        let rows = select
            .order_by_asc(task_approval::Column::DecidedAt.is_not_null())
            .order_by_desc(task_approval::Column::AppraisedAt)
            .offset(offset)
            .limit(TASKS_PER_PAGE)
            .all(db)
            .await?;
        let ids: Vec<i32> = rows.iter().map(|r| r.application_id).collect();
        let apps: std::collections::HashMap<i32, application::Model> = application::Entity::find()
            .filter(application::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let units = units_of_calls(db, apps.values().map(|a| a.call_id).collect()).await?;
        let items = rows
            .iter()
            .filter_map(|r| {
                apps.get(&r.application_id).map(|a| {
                    let unit = units.get(&a.call_id).copied().flatten();
                    view_of(&me, a, Some(r), unit)
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Page::new(items, page, TASKS_PER_PAGE, total))
    }

    /// The approval decision of a call (Quyết định phê duyệt danh mục nhiệm vụ): its approved
    /// tasks with their hosts and appraised amounts, as a PDF.
    #[expect(
        clippy::too_many_lines,
        reason = "one document's content from top to bottom"
    )]
    pub async fn decision_pdf(call_id: i32) -> Result<(String, Vec<u8>), AppError> {
        use crate::pdf::{Align, Pdf};
        use domain::format::{format_date, format_dong};
        let me = require_user()?;
        let db = &state()?.db;
        let c = call::Entity::find_by_id(call_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let unit = c.managing_unit_id;
        if !me.oversees(Permission::ApproveTasks, unit)
            && !me.oversees(Permission::DraftContracts, unit)
            && !me.oversees(Permission::ViewFund, unit)
        {
            return Err(AppError::Forbidden);
        }
        let apps: Vec<application::Model> = application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(
                application::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(task_approval::Column::ApplicationId)
                        .from(task_approval::Entity)
                        .and_where(
                            task_approval::Column::Decision
                                .eq(domain::appraisal::Decision::Approved.code()),
                        )
                        .to_owned(),
                ),
            )
            .order_by_asc(application::Column::Id)
            .limit(2_000)
            .all(db)
            .await?;
        let ids: Vec<i32> = apps.iter().map(|a| a.id).collect();
        let approvals: std::collections::HashMap<i32, task_approval::Model> =
            task_approval::Entity::find()
                .filter(task_approval::Column::ApplicationId.is_in(ids))
                .all(db)
                .await?
                .into_iter()
                .map(|r| (r.application_id, r))
                .collect();
        let mut pdf = Pdf::new(&format!("Quyết định phê duyệt {}", c.code));
        pdf.text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            13.0,
            true,
            Align::Centre,
        );
        pdf.space(8.0);
        pdf.text(
            "QUYẾT ĐỊNH\nPhê duyệt danh mục nhiệm vụ khoa học và công nghệ và kinh phí",
            13.0,
            true,
            Align::Centre,
        );
        pdf.space(8.0);
        pdf.paragraph(&format!("Căn cứ kết quả đánh giá của hội đồng tư vấn tuyển chọn và kết quả thẩm định kinh phí đối với đợt {} · {}.", c.code, c.title));
        pdf.heading("Điều 1. Phê duyệt các nhiệm vụ sau:");
        let mut total = 0i64;
        let rows: Vec<Vec<String>> = apps
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let amount = approvals
                    .get(&a.id)
                    .map(|r| r.approved_fund_dong)
                    .unwrap_or_default();
                total += amount;
                let form: Option<&ApplicationForm> = Some(&a.form.0);
                let leader = form
                    .as_ref()
                    .and_then(|f| {
                        f.team
                            .iter()
                            .find(|m| m.role == domain::application::TeamRole::Leader)
                    })
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                vec![
                    (i + 1).to_string(),
                    a.receipt_code.clone().unwrap_or_default(),
                    a.title.clone(),
                    leader,
                    format_dong(amount),
                ]
            })
            .collect();
        pdf.table(
            &[0.6, 2.2, 5.0, 2.6, 2.4],
            &[
                "STT".into(),
                "Mã hồ sơ".into(),
                "Tên nhiệm vụ".into(),
                "Chủ nhiệm".into(),
                "Kinh phí từ Quỹ".into(),
            ],
            &rows,
        );
        pdf.paragraph(&format!("Tổng kinh phí: {}.", format_dong(total)));
        pdf.heading("Điều 2.");
        pdf.paragraph("Giao đơn vị chuyên môn ký hợp đồng thực hiện nhiệm vụ với các tổ chức chủ trì; Quỹ cấp kinh phí theo hợp đồng.");
        // Dated and signed as the last approval was: by the leader who decided it, whoever
        // prints the document.
        let last = approvals
            .values()
            .filter(|r| r.decided_at.is_some())
            .max_by_key(|r| (r.decided_at, r.application_id));
        let date = last
            .and_then(|r| r.decided_at)
            .map(format_date)
            .unwrap_or_default();
        let signer = match last.and_then(|r| r.decided_by) {
            Some(id) => crate::db::entities::user::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| u.display_name)
                .unwrap_or_default(),
            None => String::new(),
        };
        pdf.text(&format!("Ngày {date}"), 12.0, false, Align::Centre);
        pdf.signatures(("", ""), ("LÃNH ĐẠO SỞ", &signer));
        let bytes = pdf.finish().map_err(|e| {
            tracing::error!(error = %e, "approval PDF");
            AppError::Internal
        })?;
        Ok((format!("quyet-dinh-phe-duyet-{}.pdf", c.id), bytes))
    }
}
