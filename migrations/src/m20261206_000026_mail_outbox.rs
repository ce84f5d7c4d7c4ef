//! Mail and password reset (docs/notifications.md). The outbox holds every message written in
//! the transaction of the event that caused it; a worker claims a row (a claim that lapses, so
//! a worker that died does not hold it for ever), sends it, and marks it sent, or counts the
//! failure and waits. Reset links are stored as the SHA-256 of their token; a request for an
//! address with no account is recorded too (no user, no token) so the throttle counts it the
//! same.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    ToAddress,
    ToName,
    Subject,
    TextBody,
    HtmlBody,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    ClaimToken,
    ClaimedUntil,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    Id,
    EmailKey,
    Ip,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MailOutbox::Table)
                .col(pk_auto(MailOutbox::Id))
                .col(string_len(MailOutbox::ToAddress, 254))
                .col(string_len(MailOutbox::ToName, 200))
                .col(string_len(MailOutbox::Subject, 300))
                .col(text(MailOutbox::TextBody))
                .col(text(MailOutbox::HtmlBody))
                .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                .col(integer(MailOutbox::Attempts).default(0))
                .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                .col(string_len_null(MailOutbox::ClaimToken, 64))
                .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                .col(text_null(MailOutbox::LastError))
                .to_owned(),
        )
        .await?;
        // The worker's question: unsent and due, oldest first.
        m.create_index(
            Index::create()
                .name("ix_mail_outbox_due")
                .table(MailOutbox::Table)
                .col(MailOutbox::SentAt)
                .col(MailOutbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PasswordResets::Table)
                .col(pk_auto(PasswordResets::Id))
                .col(string_len(PasswordResets::EmailKey, 254))
                .col(string_len(PasswordResets::Ip, 64))
                .col(integer_null(PasswordResets::UserId))
                .col(string_len_null(PasswordResets::TokenHash, 64))
                .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PasswordResets::Table, PasswordResets::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        for (name, column) in [
            ("ix_password_resets_email", PasswordResets::EmailKey),
            ("ix_password_resets_ip", PasswordResets::Ip),
            ("ix_password_resets_user", PasswordResets::UserId),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(PasswordResets::Table)
                    .col(column)
                    .col(PasswordResets::CreatedAt)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("ux_password_resets_token")
                .table(PasswordResets::Table)
                .col(PasswordResets::TokenHash)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PasswordResets::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(MailOutbox::Table).to_owned())
            .await
    }
}
