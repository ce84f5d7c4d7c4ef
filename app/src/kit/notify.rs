//! Telling people (docs/notifications.md): a notification in the app for each person, and by
//! their choice a mail at once (to the outbox) or a place in their daily digest, all written in
//! the transaction of the event itself.

use chrono::{DateTime, Utc};
use domain::notice::{delivery, Delivery, Notice};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::db::entities::{notification, notification_preference, user};
use crate::error::AppError;

/// Notifies each of `users` (once each, the active ones) of `notice`.
pub async fn notify(
    txn: &impl ConnectionTrait,
    users: &[i32],
    notice: &Notice,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let base = crate::db::state()?.settings.public_url.clone();
    notify_at(txn, users, notice, now, &base).await
}

/// [`notify`] outside a request (the server's worker), its mails linking to `base`.
pub async fn notify_at(
    txn: &impl ConnectionTrait,
    users: &[i32],
    notice: &Notice,
    now: DateTime<Utc>,
    base: &str,
) -> Result<(), AppError> {
    let mut users = users.to_vec();
    users.sort_unstable();
    users.dedup();
    if users.is_empty() {
        return Ok(());
    }
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(users.clone()))
        .filter(user::Column::Active.eq(true))
        .all(txn)
        .await?;
    let chosen = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.is_in(users))
        .filter(notification_preference::Column::Kind.eq(notice.kind.code()))
        .all(txn)
        .await?;
    for person in people {
        let choice = chosen
            .iter()
            .find(|c| c.user_id == person.id)
            .and_then(|c| Delivery::from_code(&c.delivery));
        let how = delivery(notice.kind, choice);
        notification::ActiveModel {
            user_id: Set(person.id),
            kind: Set(notice.kind.code().into()),
            text_vi: Set(notice.vi.clone()),
            text_en: Set(notice.en.clone()),
            link: Set(notice.link.clone()),
            created_at: Set(now),
            read_at: Set(None),
            digest_pending: Set(how == Delivery::DailyDigest),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if how == Delivery::Immediately {
            let lang = domain::Lang::from_code(&person.lang);
            let mail =
                domain::notice::mail_of(notice, &person.email, &person.display_name, base, lang)
                    .map_err(|_| AppError::Internal)?;
            crate::kit::outbox::enqueue(txn, &mail, now).await?;
        }
    }
    Ok(())
}

/// How many of the person's notifications are unread: the header's count and the list's.
pub async fn unread_count(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    let select = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null());
    crate::list::count_rows(db, select).await
}

/// The people holding `role` for a book: globally for the fund's, scoped to the unit for a
/// unit's own.
pub async fn holders(
    txn: &impl ConnectionTrait,
    role: domain::roles::Role,
    unit: Option<i32>,
) -> Result<Vec<i32>, AppError> {
    use crate::db::entities::role_grant;
    use sea_orm::{QuerySelect, QueryTrait};
    let select = role_grant::Entity::find()
        .select_only()
        .column(role_grant::Column::UserId)
        .filter(role_grant::Column::Role.eq(role.code()))
        .apply_if(unit, |q, u| {
            q.filter(role_grant::Column::ScopeKind.eq("organisation"))
                .filter(role_grant::Column::ScopeId.eq(i64::from(u)))
        })
        .apply_if(unit.is_none().then_some(()), |q, ()| {
            q.filter(role_grant::Column::ScopeKind.eq("global"))
        });
    Ok(select.into_tuple().all(txn).await?)
}
