//! Calls for proposals: officers draft, edit and publish them; everyone reads published ones.

use chrono::{DateTime, Utc};
use domain::call::{CallForm, CallStatus};
use domain::issue::Issue;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Calls per page in the officers' list.
pub const CALLS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallRow {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub status: CallStatus,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub budget_dong: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallView {
    pub id: i32,
    pub code: String,
    pub status: CallStatus,
    pub form: CallForm,
    pub rulebook_version: Option<i32>,
    pub published_at: Option<DateTime<Utc>>,
    /// What still stops publication (drafts only, for officers).
    pub publication_issues: Vec<Issue>,
    /// The person asking may edit and publish it.
    pub editable: bool,
    /// A direct assignment's host organisation, by name.
    pub designated_organisation: Option<String>,
    /// The managing unit that runs a grassroots call, by name; none for the department's.
    #[serde(default)]
    pub managing_unit: Option<String>,
}

#[server(prefix = "/api", endpoint = "calls/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_calls(query: String, page: u64) -> Result<Page<CallRow>, AppError> {
    crate::error::finish(server::list_calls(query, page).await)
}

/// A published call for anyone; a draft only for officers (others get 404).
#[server(prefix = "/api", endpoint = "calls/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_call(id: i32) -> Result<CallView, AppError> {
    crate::error::finish(server::get_call(id).await)
}

#[server(prefix = "/api", endpoint = "calls/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_call(form: CallForm) -> Result<i32, AppError> {
    crate::error::finish(server::create_call(form).await)
}

#[server(prefix = "/api", endpoint = "calls/update", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn update_call(id: i32, form: CallForm) -> Result<(), AppError> {
    crate::error::finish(server::update_call(id, form).await)
}

#[server(prefix = "/api", endpoint = "calls/publish", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn publish_call(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::publish_call(id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::auth::server::{
        manage, now, principal, require_somewhere, require_user, Account, Principal,
    };
    use crate::db::entities::call;
    use crate::db::json::Json;
    use crate::db::retry::{retrying, Attempt};
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::{audit, existing_organisation, organisation_names};

    const FIELD_DESIGNATED: &str = "designated_organisation_id";
    use crate::list::page_and_offset;
    use domain::call::{
        call_code, check_for_publication, published_change_allowed, Formation, PriorityArea,
        TaskLevel,
    };
    use domain::issue::FormProblem;
    use domain::roles::{Permission, Scope};
    use domain::text::{exact_key, fold};
    use sea_orm::sea_query::{Expr, Func};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, Set,
    };

    fn status_of(row: &call::Model) -> Result<CallStatus, AppError> {
        CallStatus::from_code(&row.status).ok_or_else(|| {
            tracing::error!(status = %row.status, call = row.id, "unknown call status");
            AppError::Internal
        })
    }

    /// The direct assignment's host organisation, which must exist.
    pub fn form_of(row: &call::Model) -> Result<CallForm, AppError> {
        let bad = || {
            tracing::error!(call = row.id, "call row does not decode");
            AppError::Internal
        };
        Ok(CallForm {
            title: row.title.clone(),
            summary: row.summary.clone(),
            level: TaskLevel::from_code(&row.level).ok_or_else(bad)?,
            formation: Formation::from_code(&row.formation).ok_or_else(bad)?,
            kind: domain::call::TaskKind::from_code(&row.task_kind).ok_or_else(bad)?,
            fields: row.fields.0.clone(),
            priority_areas: row
                .priority_areas
                .iter()
                .filter_map(|c| PriorityArea::from_code(c))
                .collect(),
            opens_at: row.opens_at,
            closes_at: row.closes_at,
            budget_envelope_dong: row.budget_dong,
            required_documents: row.required_documents.0.clone(),
            designated_organisation_id: row.designated_organisation_id.map(i64::from),
        })
    }

    /// Trims the lists and drops empty rows, so what is stored is what is shown; times are
    /// kept to the second (deadlines hold to the second, and PostgreSQL keeps microseconds
    /// while a client may send nanoseconds).
    fn tidy(mut form: CallForm) -> CallForm {
        use chrono::SubsecRound;
        form.opens_at = form.opens_at.trunc_subsecs(0);
        form.closes_at = form.closes_at.trunc_subsecs(0);
        form.title = form.title.trim().to_string();
        if form.formation != Formation::OrderDirectAssignment {
            form.designated_organisation_id = None;
        }
        form.summary = form.summary.trim().to_string();
        for list in [&mut form.fields, &mut form.required_documents] {
            *list = list
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        }
        // A field of science as the classification writes it (docs/portal.md).
        for f in &mut form.fields {
            if let Some(known) = domain::science_field::by_name(f) {
                *f = known.vi.to_string();
            }
        }
        let mut seen = std::collections::HashSet::new();
        form.fields.retain(|f| seen.insert(f.clone()));
        form.priority_areas.sort_by_key(|a| a.code());
        form.priority_areas.dedup();
        form
    }

    /// What a draft needs to be saved at all: a title, dates in order, a non-negative budget.
    fn check_draft(form: &CallForm) -> Result<(), AppError> {
        let field = |f: &str, p: FormProblem| AppError::invalid(f, Problem::Form(p));
        if form.title.is_empty() {
            return Err(field("title", FormProblem::Required));
        }
        if form.title.chars().count() > 300 {
            return Err(field("title", FormProblem::TooLong { max_chars: 300 }));
        }
        if form.closes_at <= form.opens_at {
            return Err(field("closes_at", FormProblem::ClosesBeforeOpens));
        }
        if form
            .fields
            .iter()
            .any(|f| domain::science_field::by_name(f).is_none())
        {
            return Err(field("fields", FormProblem::NotInCatalogue));
        }
        if form.budget_envelope_dong < 0 {
            return Err(field(
                "budget_envelope_dong",
                FormProblem::AmountNotPositive,
            ));
        }
        Ok(())
    }

    /// The unit a new call of this officer's belongs to: none for the department's officers,
    /// else the managing unit they serve (whose calls are grassroots only).
    fn unit_of_new_call(me: &Account, form: &CallForm) -> Result<Option<i32>, AppError> {
        if me.manages(Permission::ManageCalls, None) {
            return Ok(None);
        }
        let unit = me.units(Permission::ManageCalls).first().copied();
        match unit {
            None => Err(AppError::Forbidden),
            Some(_) if form.level != TaskLevel::Grassroots => {
                Err(AppError::invalid("level", Problem::UnitRunsGrassroots))
            }
            Some(u) => Ok(Some(u)),
        }
    }

    pub async fn list_calls(query: String, page: u64) -> Result<Page<CallRow>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let mut select = call::Entity::find();
        // The department's officers see every call; a unit's, their unit's.
        if !me.may(Permission::ManageCalls, Scope::Global) {
            let units = me.units(Permission::ManageCalls);
            if units.is_empty() {
                return Err(AppError::Forbidden);
            }
            select = select.filter(call::Column::ManagingUnitId.is_in(units));
        }
        select = crate::list::search_titles(
            select,
            call::Column::TitleFolded,
            call::Column::TitleKey,
            &query,
        );
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, CALLS_PER_PAGE);
        let rows = select
            .order_by_desc(call::Column::CreatedAt)
            .order_by_desc(call::Column::Id)
            .offset(offset)
            .limit(CALLS_PER_PAGE)
            .all(db)
            .await?;
        let items = rows
            .iter()
            .map(|c| {
                Ok(CallRow {
                    id: c.id,
                    code: c.code.clone(),
                    title: c.title.clone(),
                    status: status_of(c)?,
                    opens_at: c.opens_at,
                    closes_at: c.closes_at,
                    budget_dong: c.budget_dong,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Page::new(items, page, CALLS_PER_PAGE, total))
    }

    pub async fn get_call(id: i32) -> Result<CallView, AppError> {
        // The context is read before any await: a server-rendered resource keeps it only
        // until its first suspension.
        let db = &state()?.db;
        let now = now()?;
        let principal = principal();
        let row = call::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let (officer, editable) = match principal {
            Principal::User(a) => (
                a.oversees(Permission::ManageCalls, row.managing_unit_id),
                a.manages(Permission::ManageCalls, row.managing_unit_id),
            ),
            Principal::Anonymous => (false, false),
        };
        let status = status_of(&row)?;
        if status == CallStatus::Draft && !officer {
            return Err(AppError::NotFound);
        }
        let form = form_of(&row)?;
        let publication_issues = if status == CallStatus::Draft {
            check_for_publication(&form, now)
        } else {
            Vec::new()
        };
        let ids = [row.designated_organisation_id, row.managing_unit_id];
        let names = organisation_names(db, ids.into_iter().flatten().collect()).await?;
        let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
        Ok(CallView {
            id: row.id,
            code: row.code,
            status,
            form,
            rulebook_version: row.rulebook_version,
            published_at: row.published_at,
            publication_issues,
            editable,
            designated_organisation: name(row.designated_organisation_id),
            managing_unit: name(row.managing_unit_id),
        })
    }

    /// The call, when the person may see it: a published one anyone, a draft the officers
    /// who oversee its unit; `NotFound` otherwise, as if it did not exist.
    async fn visible(
        db: &impl ConnectionTrait,
        me: &Account,
        id: i32,
    ) -> Result<call::Model, AppError> {
        let row = call::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let published = status_of(&row)? == CallStatus::Published;
        if published || me.oversees(Permission::ManageCalls, row.managing_unit_id) {
            Ok(row)
        } else {
            Err(AppError::NotFound)
        }
    }

    async fn next_sequence(db: &impl ConnectionTrait, year: i32) -> Result<i32, AppError> {
        let max: Option<i32> = call::Entity::find()
            .select_only()
            .column_as(
                Expr::expr(Func::max(Expr::col(call::Column::Sequence))),
                "max",
            )
            .filter(call::Column::Year.eq(year))
            .into_tuple()
            .one(db)
            .await?
            .flatten();
        Ok(max.unwrap_or(0) + 1)
    }

    pub async fn create_call(form: CallForm) -> Result<i32, AppError> {
        let officer = require_user()?;
        let unit = unit_of_new_call(&officer, &form)?;
        let db = &state()?.db;
        let now = now()?;
        // Two officers at once may draw the same call number: the loser tries again.
        let attempt = || {
            let form = form.clone();
            let by = officer.user_id;
            async move {
                let txn = crate::db::begin(db).await?;
                let id = insert(&txn, form, by, unit, now).await?;
                txn.commit().await?;
                Ok(id)
            }
        };
        retrying(
            "call creation",
            officer.user_id.unsigned_abs().into(),
            10,
            attempt,
        )
        .await
    }

    /// Writes a draft call in the caller's transaction: the one place a call row is made (an
    /// officer's new call, an ordered item's call), run by `unit` (none: the department).
    pub async fn insert(
        txn: &impl ConnectionTrait,
        form: CallForm,
        by: i32,
        unit: Option<i32>,
        now: DateTime<Utc>,
    ) -> Result<i32, Attempt> {
        let form = tidy(form);
        check_draft(&form)?;
        let year = domain::format::year_in_vietnam(now);
        // The unique (year, sequence) index settles a race between two officers: the loser's
        // transaction fails and nothing half-made remains.
        let sequence = next_sequence(txn, year).await?;
        let row = call::ActiveModel {
            code: Set(call_code(year, sequence as u32)),
            year: Set(year),
            sequence: Set(sequence),
            title: Set(form.title.clone()),
            title_folded: Set(fold(&form.title)),
            title_key: Set(exact_key(&form.title)),
            summary: Set(form.summary.clone()),
            level: Set(form.level.code().into()),
            formation: Set(form.formation.code().into()),
            task_kind: Set(form.kind.code().into()),
            fields: Set(Json(form.fields.clone())),
            priority_areas: Set(Json(
                form.priority_areas
                    .iter()
                    .map(|a| a.code().to_string())
                    .collect(),
            )),
            required_documents: Set(Json(form.required_documents.clone())),
            opens_at: Set(form.opens_at),
            closes_at: Set(form.closes_at),
            budget_dong: Set(form.budget_envelope_dong),
            designated_organisation_id: Set(existing_organisation(
                txn,
                FIELD_DESIGNATED,
                form.designated_organisation_id,
            )
            .await?),
            managing_unit_id: Set(unit),
            rulebook_version: Set(None),
            status: Set(CallStatus::Draft.code().into()),
            published_at: Set(None),
            created_by: Set(Some(by)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await
        // The unique (year, sequence) index refused a number another officer drew first.
        .map_err(Attempt::from)?;
        audit(
            txn,
            now,
            Some(by),
            "call_created",
            ("call", row.id.into()),
            serde_json::json!({ "code": row.code }),
        )
        .await?;
        Ok(row.id)
    }

    pub async fn update_call(id: i32, form: CallForm) -> Result<(), AppError> {
        let me = require_somewhere(Permission::ManageCalls)?;
        let db = &state()?.db;
        let form = tidy(form);
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let row = visible(&txn, &me, id).await?;
        let officer = manage(Permission::ManageCalls, row.managing_unit_id)?;
        check_draft(&form)?;
        if row.managing_unit_id.is_some() && form.level != TaskLevel::Grassroots {
            return Err(AppError::invalid("level", Problem::UnitRunsGrassroots));
        }
        if status_of(&row)? == CallStatus::Published {
            let before = form_of(&row)?;
            if !published_change_allowed(&before, &form) {
                return Err(AppError::invalid("form", Problem::PublishedCallRulesFixed));
            }
            if form.closes_at <= now {
                return Err(AppError::invalid(
                    "closes_at",
                    Problem::Form(FormProblem::ClosingNotInFuture),
                ));
            }
        }
        call::Entity::update_many()
            .col_expr(call::Column::Title, Expr::value(form.title.clone()))
            .col_expr(call::Column::TitleFolded, Expr::value(fold(&form.title)))
            .col_expr(call::Column::TitleKey, Expr::value(exact_key(&form.title)))
            .col_expr(call::Column::Summary, Expr::value(form.summary.clone()))
            .col_expr(call::Column::Level, Expr::value(form.level.code()))
            .col_expr(call::Column::Formation, Expr::value(form.formation.code()))
            .col_expr(call::Column::TaskKind, Expr::value(form.kind.code()))
            .col_expr(call::Column::Fields, Expr::value(Json(form.fields.clone())))
            .col_expr(
                call::Column::PriorityAreas,
                Expr::value(Json(
                    form.priority_areas
                        .iter()
                        .map(|a| a.code().to_string())
                        .collect::<Vec<_>>(),
                )),
            )
            .col_expr(
                call::Column::RequiredDocuments,
                Expr::value(Json(form.required_documents.clone())),
            )
            .col_expr(call::Column::OpensAt, Expr::value(form.opens_at))
            .col_expr(call::Column::ClosesAt, Expr::value(form.closes_at))
            .col_expr(
                call::Column::BudgetDong,
                Expr::value(form.budget_envelope_dong),
            )
            .col_expr(
                call::Column::DesignatedOrganisationId,
                Expr::value(
                    existing_organisation(&txn, FIELD_DESIGNATED, form.designated_organisation_id)
                        .await?,
                ),
            )
            .col_expr(call::Column::UpdatedAt, Expr::value(now))
            .filter(call::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            now,
            Some(officer.user_id),
            "call_updated",
            ("call", id.into()),
            serde_json::json!({ "form": form }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn publish_call(id: i32) -> Result<(), AppError> {
        let me = require_somewhere(Permission::ManageCalls)?;
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let row = visible(&txn, &me, id).await?;
        let officer = manage(Permission::ManageCalls, row.managing_unit_id)?;
        if status_of(&row)? == CallStatus::Published {
            return Err(AppError::invalid("status", Problem::AlreadyPublished));
        }
        let issues = check_for_publication(&form_of(&row)?, now);
        if let Some(first) = issues.into_iter().next() {
            return Err(AppError::invalid(&first.path, Problem::Form(first.problem)));
        }
        // The latest rulebook of the most specific line for the call's level, unit and type
        // (docs/rulebook.md).
        let form = form_of(&row)?;
        let line = crate::db::rulebooks::latest_for(
            &txn,
            form.level,
            row.managing_unit_id,
            Some(form.kind),
        )
        .await?;
        let version = line.version;
        // Only a draft is published: of two officers publishing at once, one changes the row.
        let done = call::Entity::update_many()
            .col_expr(
                call::Column::Status,
                Expr::value(CallStatus::Published.code()),
            )
            .col_expr(call::Column::RulebookVersion, Expr::value(version))
            .col_expr(call::Column::PublishedAt, Expr::value(now))
            .col_expr(call::Column::UpdatedAt, Expr::value(now))
            .filter(call::Column::Id.eq(id))
            .filter(call::Column::Status.eq(CallStatus::Draft.code()))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(AppError::invalid("status", Problem::AlreadyPublished));
        }
        audit(
            &txn,
            now,
            Some(officer.user_id),
            "call_published",
            ("call", id.into()),
            serde_json::json!({ "rulebook_version": version }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Stores each level's default rulebook when it has none yet (`db::rulebooks::ensure`).
    pub async fn ensure_rulebook(
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        crate::db::rulebooks::ensure(db, now).await
    }
}
