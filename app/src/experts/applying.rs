//! Experts registering themselves for the expert database (docs/registration.md, "Experts"):
//! from their scientific CV, with their fields and keywords; the department's officers accept
//! or refuse each, never their own.

use chrono::{DateTime, Utc};
use domain::registration::{RequestState, Verdict};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExpertApplication {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub degree: String,
    pub fields: Vec<String>,
    pub keywords: String,
    pub state: RequestState,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Registers me for the expert database from my scientific CV: my fields of expertise (one an
/// entry; the CV's specialisation when none) and keywords. Waits for the department.
#[server(prefix = "/api", endpoint = "experts/apply", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn apply_as_expert(fields: Vec<String>, keywords: String) -> Result<i32, AppError> {
    crate::error::finish(server::apply(fields, keywords).await)
}

/// My entry in the expert database, if any, and where it stands.
#[server(prefix = "/api", endpoint = "experts/mine", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_expert_entry() -> Result<Option<ExpertApplication>, AppError> {
    crate::error::finish(server::mine().await)
}

/// Experts who registered themselves and wait, oldest first.
#[server(prefix = "/api", endpoint = "experts/applications", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn expert_applications(page: u64) -> Result<Page<ExpertApplication>, AppError> {
    crate::error::finish(server::pending(page).await)
}

/// Accepts (the expert becomes active in the database) or refuses with a reason.
#[server(prefix = "/api", endpoint = "experts/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_expert(id: i32, verdict: Verdict) -> Result<(), AppError> {
    crate::error::finish(server::decide(id, verdict).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::db::entities::{expert, organisation, researcher_cv, user};
    use crate::db::json::Json as Stored;
    use crate::error::Problem;
    use crate::kit::notify::{holders, notify};
    use crate::kit::{audit, now, require, require_user, state};
    use crate::list::{count_rows, page_and_offset};
    use domain::expert::ExpertForm;
    use domain::roles::{Permission, Role, Scope};
    use sea_orm::sea_query::Expr;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    };

    fn view_of(e: expert::Model) -> Result<ExpertApplication, AppError> {
        Ok(ExpertApplication {
            id: e.id,
            state: RequestState::from_code(&e.state).ok_or(AppError::Internal)?,
            name: e.name,
            email: e.email,
            organisation: e.organisation,
            degree: e.degree,
            fields: e.fields.0,
            keywords: e.note,
            reason: e.reason,
            created_at: e.created_at,
        })
    }

    /// The entry drawn from the person's CV, with the fields and keywords they gave.
    async fn form_of(
        db: &impl sea_orm::ConnectionTrait,
        person: &user::Model,
        fields: Vec<String>,
        keywords: String,
    ) -> Result<ExpertForm, AppError> {
        let cv = researcher_cv::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::invalid("fields", Problem::NoCv))?;
        let org = match person.organisation_id {
            Some(o) => organisation::Entity::find_by_id(o)
                .one(db)
                .await?
                .map(|o| o.name),
            None => None,
        };
        let mut form = ExpertForm::from_cv(
            &person.display_name,
            &person.email,
            &org.unwrap_or_default(),
            &cv.content.0,
        );
        if fields.iter().any(|f| !f.trim().is_empty()) {
            form.fields = fields;
        }
        form.note = keywords;
        let form = form.tidy();
        if let Some(i) = form.check().into_iter().next() {
            let field = if i.path == "note" {
                "keywords"
            } else {
                i.path.as_str()
            };
            return Err(AppError::invalid(field, Problem::Form(i.problem)));
        }
        Ok(form)
    }

    pub async fn apply(fields: Vec<String>, keywords: String) -> Result<i32, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let now = now()?;
        let person = user::Entity::find_by_id(me.user_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let form = form_of(db, &person, fields, keywords).await?;
        let txn = crate::db::begin(db).await?;
        let known = expert::Entity::find()
            .filter(expert::Column::UserId.eq(person.id))
            .filter(expert::Column::State.ne(RequestState::Refused.code()))
            .one(&txn)
            .await?;
        if known.is_some() {
            return Err(AppError::invalid("fields", Problem::AlreadyExpert));
        }
        let text = form.search_text();
        let row = expert::ActiveModel {
            user_id: Set(Some(person.id)),
            name: Set(form.name.clone()),
            email: Set(form.email.clone()),
            organisation: Set(form.organisation.clone()),
            fields: Set(Stored(form.fields.clone())),
            degree: Set(form.degree.clone()),
            note: Set(form.note.clone()),
            search_folded: Set(domain::text::fold(&text)),
            search_key: Set(domain::text::exact_key(&text)),
            active: Set(false),
            added_by: Set(person.id),
            created_at: Set(now),
            updated_at: Set(now),
            state: Set(RequestState::Pending.code().into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(person.id),
            "expert_applied",
            ("expert", row.id.into()),
            serde_json::json!({ "fields": form.fields }),
        )
        .await?;
        let officers = holders(&txn, Role::Officer, None).await?;
        notify(
            &txn,
            &officers,
            &domain::notice::expert_applied(&form.name),
            now,
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    pub async fn mine() -> Result<Option<ExpertApplication>, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        expert::Entity::find()
            .filter(expert::Column::UserId.eq(me.user_id))
            .order_by_desc(expert::Column::Id)
            .one(db)
            .await?
            .map(view_of)
            .transpose()
    }

    /// A managing unit's officers read who waits (the database is shared); the department's
    /// decide.
    pub async fn pending(page: u64) -> Result<Page<ExpertApplication>, AppError> {
        crate::auth::server::require_somewhere(Permission::ManageCouncils)?;
        let db = &state()?.db;
        let select =
            expert::Entity::find().filter(expert::Column::State.eq(RequestState::Pending.code()));
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, super::super::api::EXPERTS_PER_PAGE);
        let rows = select
            .order_by_asc(expert::Column::CreatedAt)
            .order_by_asc(expert::Column::Id)
            .offset(offset)
            .limit(super::super::api::EXPERTS_PER_PAGE)
            .all(db)
            .await?;
        let items = rows
            .into_iter()
            .map(view_of)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page::new(
            items,
            page,
            super::super::api::EXPERTS_PER_PAGE,
            total,
        ))
    }

    pub async fn decide(id: i32, verdict: Verdict) -> Result<(), AppError> {
        let me = require(Permission::ManageCouncils, Scope::Global)?;
        let db = &state()?.db;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let e = expert::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let current = RequestState::from_code(&e.state).ok_or(AppError::Internal)?;
        let who = e.user_id.unwrap_or(e.added_by);
        let (next, reason) = domain::registration::decide(current, who, me.user_id, &verdict)
            .map_err(crate::registration::decide_error)?;
        let done = expert::Entity::update_many()
            .col_expr(expert::Column::State, Expr::value(next.code()))
            .col_expr(
                expert::Column::Active,
                Expr::value(next == RequestState::Approved),
            )
            .col_expr(expert::Column::Reason, Expr::value(reason.clone()))
            .col_expr(expert::Column::DecidedBy, Expr::value(me.user_id))
            .col_expr(expert::Column::UpdatedAt, Expr::value(now))
            .filter(expert::Column::Id.eq(id))
            .filter(expert::Column::State.eq(RequestState::Pending.code()))
            .exec(&txn)
            .await?;
        if done.rows_affected == 0 {
            let p = domain::registration::DecideProblem::NotPending;
            return Err(crate::registration::decide_error(p));
        }
        audit(
            &txn,
            now,
            Some(me.user_id),
            "expert_decided",
            ("expert", id.into()),
            serde_json::json!({ "state": next.code(), "reason": reason }),
        )
        .await?;
        let approved = next == RequestState::Approved;
        let notice = domain::notice::expert_decided(approved, reason.as_deref());
        notify(&txn, &[who], &notice, now).await?;
        txn.commit().await?;
        Ok(())
    }
}
