//! Writing mail to the outbox (docs/notifications.md), in the transaction of the event that
//! causes it: the message is sent if and only if the event is committed. The server's worker
//! sends it.

use chrono::{DateTime, Utc};
use domain::mail::Mail;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::db::entities::mail_outbox;
use crate::error::AppError;

pub async fn enqueue(
    txn: &impl ConnectionTrait,
    mail: &Mail,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    mail_outbox::ActiveModel {
        to_address: Set(mail.to.clone()),
        to_name: Set(mail.to_name.clone()),
        subject: Set(mail.subject.clone()),
        text_body: Set(mail.text.clone()),
        html_body: Set(mail.html.clone()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
