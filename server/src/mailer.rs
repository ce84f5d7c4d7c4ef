//! The outbox's worker (docs/notifications.md), inside the server: it claims due messages one
//! row at a time with a conditional update (so several instances on one database never take the
//! same row), sends each over SMTP, and marks it sent; a failure is counted and the message
//! waits, doubling its wait, and is never dropped. Without an SMTP server configured, mail is
//! written to the log instead.

use std::time::Duration;

use app::db::entities::mail_outbox;
use chrono::{DateTime, Utc};
use domain::mail::RetryPolicy;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::config::MailConfig;
use crate::BoxError;

/// How many messages one pass takes at most.
const BATCH: u64 = 50;
/// How long a claim holds a row: longer than an SMTP exchange may take (its timeout below), so
/// only a worker that died loses its claim.
const CLAIM_SECONDS: i64 = 120;
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Log,
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    retry: RetryPolicy,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, BoxError> {
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
            None => Transport::Log,
        };
        Ok(Mailer {
            transport,
            from: config.from.parse()?,
            retry: config.retry,
        })
    }

    /// Sends what is due at `now`; answers how many were sent.
    pub async fn deliver_due(
        &self,
        db: &DatabaseConnection,
        now: DateTime<Utc>,
    ) -> Result<usize, DbErr> {
        let due = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .filter(unclaimed(now))
            .order_by_asc(mail_outbox::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let mut sent = 0;
        for row in due {
            let Some(claim) = claim(db, row.id, now).await? else {
                continue;
            };
            match self.send(&row).await {
                Ok(()) => {
                    finish(db, row.id, &claim, Ok(now)).await?;
                    sent += 1;
                }
                Err(e) => {
                    let failures = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
                    let next = self.retry.next_attempt(failures, now);
                    tracing::warn!(id = row.id, attempts = failures, error = %e, "mail not sent; will retry");
                    finish(db, row.id, &claim, Err((next, e.to_string()))).await?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, row: &mail_outbox::Model) -> Result<(), BoxError> {
        let to = Mailbox::new(Some(row.to_name.clone()), row.to_address.parse()?);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                row.text_body.clone(),
                row.html_body.clone(),
            ))?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Log => tracing::info!(
                to = %row.to_address,
                subject = %row.subject,
                body = %row.text_body,
                "mail (no SMTP_URL configured: written here instead of sent)"
            ),
        }
        Ok(())
    }
}

fn unclaimed(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(mail_outbox::Column::ClaimedUntil.is_null())
        .add(mail_outbox::Column::ClaimedUntil.lt(now))
}

/// Takes the row if nobody holds it: one conditional update, which only one worker can win.
async fn claim(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let (token, _) =
        app::auth::server::new_token("").map_err(|e| DbErr::Custom(format!("{e:?}")))?;
    let token: String = token.chars().take(43).collect();
    let won = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::ClaimToken, Expr::value(token.clone()))
        .col_expr(
            mail_outbox::Column::ClaimedUntil,
            Expr::value(now + chrono::Duration::seconds(CLAIM_SECONDS)),
        )
        .filter(mail_outbox::Column::Id.eq(id))
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(unclaimed(now))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    Ok(won.then_some(token))
}

/// Marks the claimed row sent, or counts its failure and sets its next try; the claim is let go.
async fn finish(
    db: &impl ConnectionTrait,
    id: i32,
    claim: &str,
    outcome: Result<DateTime<Utc>, (DateTime<Utc>, String)>,
) -> Result<(), DbErr> {
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::Attempts,
            Expr::col(mail_outbox::Column::Attempts).add(1),
        )
        .col_expr(
            mail_outbox::Column::ClaimToken,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            mail_outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    update = match outcome {
        Ok(at) => update.col_expr(mail_outbox::Column::SentAt, Expr::value(at)),
        Err((next, error)) => update
            .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(next))
            .col_expr(
                mail_outbox::Column::LastError,
                Expr::value(error.chars().take(2000).collect::<String>()),
            ),
    };
    update
        .filter(mail_outbox::Column::Id.eq(id))
        .filter(mail_outbox::Column::ClaimToken.eq(claim))
        .exec(db)
        .await?;
    Ok(())
}

/// Runs the worker for the server's life, a pass every `config.poll`: the reminders due (every
/// `config.reminders_every`, the first one interval after start), the daily digests due, then
/// the mail due.
pub fn spawn(state: app::db::ServerState, mailer: Mailer, config: &MailConfig) {
    let (every, reminders_every) = (config.poll, config.reminders_every);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut reminded = std::time::Instant::now();
        loop {
            tick.tick().await;
            let now = state.clock.now();
            let base = &state.settings.public_url;
            if reminded.elapsed() >= reminders_every {
                reminded = std::time::Instant::now();
                match app::notifications::reminders::send_reminders(&state.db, base, now).await {
                    Ok(n) if n > 0 => tracing::info!(reminders = n, "reminders sent"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = ?e, "reminders failed"),
                }
            }
            match app::notifications::digest::send_digests(&state.db, base, now).await {
                Ok(n) if n > 0 => tracing::info!(digests = n, "daily digests written"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "daily digests failed"),
            }
            match mailer.deliver_due(&state.db, now).await {
                Ok(n) if n > 0 => tracing::info!(mails = n, "mail sent"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mail worker pass failed"),
            }
        }
    });
}
