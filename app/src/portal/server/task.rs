//! One funded task's public page (docs/portal.md): its record, and what the list leaves out —
//! the field, the call, the term, the money settled and refunded, the registered results.

use sea_orm::EntityTrait;

use super::super::api::PublicTaskDetail;
use super::{records, signed};
use crate::db::entities::{application, call, closeout};
use crate::db::state;
use crate::error::AppError;
use sea_orm::{ColumnTrait, QueryFilter};

pub async fn detail(id: i32) -> Result<PublicTaskDetail, AppError> {
    let db = &state()?.reader;
    // A draft is not public: the same answer as no task at all.
    let c = signed()
        .filter(crate::db::entities::contract::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let dossier = application::Entity::find_by_id(c.application_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let the_call = call::Entity::find_by_id(dossier.call_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let co = closeout::Entity::find()
        .filter(closeout::Column::ContractId.eq(id))
        .one(db)
        .await?;
    let duration_months = c.terms.0.duration_months;
    let field = c.field.clone();
    let task = records(db, vec![c])
        .await?
        .pop()
        .ok_or(AppError::Internal)?;
    let registration = co
        .as_ref()
        .and_then(|r| r.registration.clone())
        .map(|r| r.0);
    Ok(PublicTaskDetail {
        task,
        field,
        call_code: the_call.code,
        call_title: the_call.title,
        duration_months,
        settled_dong: co.as_ref().and_then(|r| r.settled_dong),
        refund_dong: co.as_ref().and_then(|r| r.refund_dong),
        keywords: registration.as_ref().map(|r| r.keywords.clone()),
        applied: registration.map(|r| r.application),
    })
}
