//! The home page's server side: the signed-in person's to-do list, and the calls open now.

use super::api::*;
use crate::db::entities::call;
use crate::db::state;
use crate::error::AppError;
use crate::kit::now;
use crate::list::Page;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

mod dossiers;
mod tasks;

/// Everything waiting for this person, each an indexed count (and for tasks the first id):
/// their account and dossiers first, then the funded tasks.
pub async fn my_todos() -> Result<Vec<Todo>, AppError> {
    // Read even with a temporary password: replacing it comes first, the rest shows what waits.
    let account = crate::auth::server::signed_in()?;
    let db = &state()?.db;
    let now = now()?;
    let mut todos = Vec::new();
    if account.must_change_password {
        todos.push(Todo::ChangeTemporaryPassword);
    }
    dossiers::todos(db, &account, now, &mut todos).await?;
    tasks::todos(db, &account, now, &mut todos).await?;
    dossiers::approvals(db, &account, &mut todos).await?;
    let judging = crate::identification::server::todo::waiting_on(db, &account).await?;
    if let Some((count, first)) = judging {
        todos.push(Todo::JudgeProposals { count, first });
    }
    if let Some((count, first)) = crate::councils::server::todo::waiting_on(db, &account).await? {
        todos.push(Todo::ScoreApplications { count, first });
    }
    Ok(todos)
}

pub async fn open_calls(page: u64) -> Result<Page<OpenCall>, AppError> {
    let db = &state()?.db;
    let now = now()?;
    let select = call::Entity::find()
        .filter(call::Column::Status.eq("published"))
        .filter(call::Column::OpensAt.lte(now))
        .filter(call::Column::ClosesAt.gt(now));
    let total = crate::list::count_rows(db, select.clone()).await?;
    let (page, offset) = crate::list::page_and_offset(page, CALLS_PER_PAGE);
    let items = select
        .order_by_asc(call::Column::ClosesAt)
        .order_by_asc(call::Column::Id)
        .offset(offset)
        .limit(CALLS_PER_PAGE)
        .all(db)
        .await?
        .into_iter()
        .map(|c| OpenCall {
            id: c.id,
            code: c.code,
            title: c.title,
            summary: c.summary,
            level: c.level,
            opens_at: c.opens_at,
            closes_at: c.closes_at,
            budget_dong: c.budget_dong,
        })
        .collect();
    Ok(Page::new(items, page, CALLS_PER_PAGE, total))
}
