//! Letters to the applicants of a call (docs/notifications.md, "Letters"): each as it was sent,
//! to whom, by whom and when, and how often it was sent again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Letters {
    Table,
    Id,
    CallId,
    ApplicationId,
    UserId,
    ToAddress,
    Subject,
    Body,
    SentBy,
    SentAt,
    Resent,
    LastSentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Letters::Table)
                .col(pk_auto(Letters::Id))
                .col(integer(Letters::CallId))
                .col(integer(Letters::ApplicationId))
                .col(integer(Letters::UserId))
                .col(string_len(Letters::ToAddress, 254))
                .col(string_len(Letters::Subject, 300))
                .col(text(Letters::Body))
                .col(integer(Letters::SentBy))
                .col(timestamp_with_time_zone(Letters::SentAt))
                .col(integer(Letters::Resent).default(0))
                .col(timestamp_with_time_zone(Letters::LastSentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_letters_call")
                .table(Letters::Table)
                .col(Letters::CallId)
                .col(Letters::SentAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Letters::Table).to_owned())
            .await
    }
}
