//! Reminders sent (docs/notifications.md, "Reminders"): one row per reminder, its kind, the
//! record it is about, the moment it reminds of and its stage. The unique index makes each sent
//! once, whichever server instance gets there first.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RemindersSent {
    Table,
    Id,
    Kind,
    SubjectId,
    Moment,
    Stage,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RemindersSent::Table)
                .col(pk_auto(RemindersSent::Id))
                .col(string_len(RemindersSent::Kind, 32))
                .col(big_integer(RemindersSent::SubjectId))
                .col(timestamp_with_time_zone(RemindersSent::Moment))
                .col(integer(RemindersSent::Stage))
                .col(timestamp_with_time_zone(RemindersSent::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_reminders_sent")
                .table(RemindersSent::Table)
                .col(RemindersSent::Kind)
                .col(RemindersSent::SubjectId)
                .col(RemindersSent::Moment)
                .col(RemindersSent::Stage)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RemindersSent::Table).to_owned())
            .await
    }
}
