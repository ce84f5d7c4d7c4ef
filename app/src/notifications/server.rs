//! Bodies of the notification server functions: each person reads and marks only their own.

use domain::notice::{choose, delivery, Delivery, Kind};
use domain::paging::page_and_offset;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::api::{NotificationView, PreferenceView, NOTIFICATIONS_PER_PAGE};
use crate::db::entities::{notification, notification_preference};
use crate::error::{AppError, Problem};
use crate::kit::{now, require_user, state};
use crate::list::{count_rows, Page};

pub async fn list(page: u64) -> Result<Page<NotificationView>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let mine = notification::Entity::find().filter(notification::Column::UserId.eq(me.user_id));
    let total = count_rows(db, mine.clone()).await?;
    let (page, offset) = page_and_offset(page, NOTIFICATIONS_PER_PAGE);
    let items = mine
        .order_by_desc(notification::Column::Id)
        .offset(offset)
        .limit(NOTIFICATIONS_PER_PAGE)
        .all(db)
        .await?
        .into_iter()
        .map(|n| {
            Ok(NotificationView {
                id: n.id,
                kind: Kind::from_code(&n.kind).ok_or(AppError::Internal)?,
                text_vi: n.text_vi,
                text_en: n.text_en,
                link: n.link,
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Page::new(items, page, NOTIFICATIONS_PER_PAGE, total))
}

pub async fn unread() -> Result<u64, AppError> {
    let me = require_user()?;
    crate::kit::notify::unread_count(&state()?.db, me.user_id).await
}

pub async fn mark_read(id: Option<i32>) -> Result<u64, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now()?))
        .filter(notification::Column::UserId.eq(me.user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        let mine = notification::Entity::find_by_id(id)
            .filter(notification::Column::UserId.eq(me.user_id))
            .one(db)
            .await?;
        // Someone else's notification does not exist for this person.
        if mine.is_none() {
            return Err(AppError::NotFound);
        }
        update = update.filter(notification::Column::Id.eq(id));
    }
    Ok(update.exec(db).await?.rows_affected)
}

pub async fn preferences() -> Result<Vec<PreferenceView>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let chosen = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(me.user_id))
        .all(db)
        .await?;
    Ok(Kind::ALL
        .into_iter()
        .map(|kind| {
            let c = chosen
                .iter()
                .find(|c| c.kind == kind.code())
                .and_then(|c| Delivery::from_code(&c.delivery));
            PreferenceView {
                kind,
                delivery: delivery(kind, c),
                mandatory: kind.mandatory(),
            }
        })
        .collect())
}

pub async fn prefer(kind: Kind, chosen: Delivery) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let chosen =
        choose(kind, chosen).map_err(|p| AppError::invalid("delivery", Problem::Preference(p)))?;
    let row = notification_preference::ActiveModel {
        user_id: sea_orm::Set(me.user_id),
        kind: sea_orm::Set(kind.code().into()),
        delivery: sea_orm::Set(chosen.code().into()),
    };
    notification_preference::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                notification_preference::Column::UserId,
                notification_preference::Column::Kind,
            ])
            .update_column(notification_preference::Column::Delivery)
            .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}
