//! The expert database: officers search it, add experts by hand or from a researcher's CV, and
//! see each one's council history; the council page suggests from it.

use domain::expert::ExpertForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

pub const EXPERTS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExpertRow {
    pub id: i32,
    /// Has an account (and so can be seated on a council).
    pub has_account: bool,
    pub form: ExpertForm,
    /// Councils sat on, newest first (at most five named).
    pub councils: Vec<String>,
    pub council_count: u32,
}

/// Active experts, searched by name, organisation or field without diacritics, by name.
#[server(prefix = "/api", endpoint = "experts/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_experts(query: String, page: u64) -> Result<Page<ExpertRow>, AppError> {
    crate::error::finish(server::list(query, page).await)
}

/// Adds an expert (`id: null`) or corrects one.
#[server(prefix = "/api", endpoint = "experts/save", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_expert(id: Option<i32>, form: ExpertForm) -> Result<i32, AppError> {
    crate::error::finish(server::save(id, form).await)
}

/// Adds a researcher, found by their account's e-mail, from their scientific CV.
#[server(prefix = "/api", endpoint = "experts/from_researcher", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn expert_from_researcher(email: String) -> Result<i32, AppError> {
    crate::error::finish(server::from_researcher(email).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::{council, council_member, expert, organisation, researcher_cv, user};
    use crate::db::json::Json;
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::{audit, now};
    use crate::list::{count_rows, page_and_offset, search_titles};
    use domain::roles::Permission;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    };

    fn form_of(e: &expert::Model) -> Result<ExpertForm, AppError> {
        Ok(ExpertForm {
            name: e.name.clone(),
            email: e.email.clone(),
            organisation: e.organisation.clone(),
            fields: e.fields.0.clone(),
            degree: e.degree.clone(),
            note: e.note.clone(),
        })
    }

    pub async fn list(query: String, page: u64) -> Result<Page<ExpertRow>, AppError> {
        crate::auth::server::require_somewhere(Permission::ManageCouncils)?;
        let db = &state()?.db;
        let select = search_titles(
            expert::Entity::find().filter(expert::Column::Active.eq(true)),
            expert::Column::SearchFolded,
            expert::Column::SearchKey,
            &query,
        );
        let total = count_rows(db, select.clone()).await?;
        let (page, offset) = page_and_offset(page, EXPERTS_PER_PAGE);
        let rows = select
            .order_by_asc(expert::Column::Name)
            .order_by_asc(expert::Column::Id)
            .offset(offset)
            .limit(EXPERTS_PER_PAGE)
            .all(db)
            .await?;
        // Council history of the page's experts: two queries, whatever the page holds.
        let users: Vec<i32> = rows.iter().filter_map(|e| e.user_id).collect();
        let seats: Vec<(i32, i32)> = if users.is_empty() {
            Vec::new()
        } else {
            council_member::Entity::find()
                .select_only()
                .columns([
                    council_member::Column::UserId,
                    council_member::Column::CouncilId,
                ])
                .filter(council_member::Column::UserId.is_in(users))
                .order_by_desc(council_member::Column::CouncilId)
                .limit(EXPERTS_PER_PAGE * 100)
                .into_tuple()
                .all(db)
                .await?
        };
        let mut ids: Vec<i32> = seats.iter().map(|(_, c)| *c).collect();
        ids.sort_unstable();
        ids.dedup();
        let names: std::collections::HashMap<i32, String> = if ids.is_empty() {
            Default::default()
        } else {
            council::Entity::find()
                .select_only()
                .columns([council::Column::Id, council::Column::Name])
                .filter(council::Column::Id.is_in(ids))
                .into_tuple::<(i32, String)>()
                .all(db)
                .await?
                .into_iter()
                .collect()
        };
        let items = rows
            .iter()
            .map(|e| {
                let mine: Vec<i32> = seats
                    .iter()
                    .filter(|(u, _)| Some(*u) == e.user_id)
                    .map(|(_, c)| *c)
                    .collect();
                Ok(ExpertRow {
                    id: e.id,
                    has_account: e.user_id.is_some(),
                    form: form_of(e)?,
                    council_count: mine.len() as u32,
                    councils: mine
                        .iter()
                        .take(5)
                        .filter_map(|c| names.get(c).cloned())
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(Page::new(items, page, EXPERTS_PER_PAGE, total))
    }

    fn checked(form: ExpertForm) -> Result<ExpertForm, AppError> {
        let form = form.tidy();
        if let Some(i) = form.check().into_iter().next() {
            return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
        }
        Ok(form)
    }

    /// Writes the entry (a new one when `id` is `None`), linking the account its e-mail names.
    async fn write(
        id: Option<i32>,
        form: ExpertForm,
        user_id: Option<i32>,
        by: i32,
    ) -> Result<i32, AppError> {
        let db = &state()?.db;
        let now = now()?;
        let existing = match id {
            Some(id) => Some(
                expert::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let user_id = match user_id {
            Some(u) => Some(u),
            None if form.email.is_empty() => None,
            None => {
                user::Entity::find()
                    .select_only()
                    .column(user::Column::Id)
                    .filter(user::Column::Email.eq(form.email.as_str()))
                    .into_tuple::<i32>()
                    .one(db)
                    .await?
            }
        };
        if let Some(u) = user_id {
            let taken = expert::Entity::find()
                .filter(expert::Column::UserId.eq(u))
                .filter(expert::Column::Id.ne(id.unwrap_or(0)))
                .one(db)
                .await?;
            if taken.is_some() {
                return Err(AppError::invalid("email", Problem::AlreadyExpert));
            }
        }
        let text = form.search_text();
        let txn = crate::db::begin(db).await?;
        let mut row = match existing {
            Some(e) => e.into(),
            None => expert::ActiveModel {
                added_by: Set(by),
                created_at: Set(now),
                active: Set(true),
                ..Default::default()
            },
        };
        row.user_id = Set(user_id);
        row.name = Set(form.name.clone());
        row.email = Set(form.email.clone());
        row.organisation = Set(form.organisation.clone());
        row.fields = Set(Json(form.fields.clone()));
        row.degree = Set(form.degree.clone());
        row.note = Set(form.note.clone());
        row.search_folded = Set(domain::text::fold(&text));
        row.search_key = Set(domain::text::exact_key(&text));
        row.updated_at = Set(now);
        let saved = row.save(&txn).await?;
        let saved_id = saved.id.clone().take().ok_or(AppError::Internal)?;
        audit(
            &txn,
            now,
            Some(by),
            if id.is_some() {
                "expert_updated"
            } else {
                "expert_added"
            },
            ("expert", saved_id.into()),
            serde_json::json!({ "name": form.name }),
        )
        .await?;
        txn.commit().await?;
        Ok(saved_id)
    }

    pub async fn save(id: Option<i32>, form: ExpertForm) -> Result<i32, AppError> {
        let me = crate::auth::server::require_somewhere(Permission::ManageCouncils)?;
        let form = checked(form)?;
        write(id, form, None, me.user_id).await
    }

    pub async fn from_researcher(email: String) -> Result<i32, AppError> {
        let me = crate::auth::server::require_somewhere(Permission::ManageCouncils)?;
        let db = &state()?.db;
        let person = crate::kit::account_by_email(db, &email).await?;
        let cv = researcher_cv::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::invalid("email", Problem::NoCv))?;
        let cv: domain::cv::ScientificCv = cv.content.0.clone();
        let org = match person.organisation_id {
            Some(o) => organisation::Entity::find_by_id(o)
                .one(db)
                .await?
                .map(|o| o.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let form = checked(ExpertForm::from_cv(
            &person.display_name,
            &person.email,
            &org,
            &cv,
        ))?;
        write(None, form, Some(person.id), me.user_id).await
    }
}
