//! When the department received a dossier: at submission, or at the host organisation's
//! confirmation when the rulebook asks for one; never for a draft. The officers' list, count and
//! export read this column through its own indexes, so they never touch dossiers the
//! department has not received.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    CallId,
    ReceivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Applications::Table)
                .add_column(timestamp_with_time_zone_null(Applications::ReceivedAt))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE applications SET received_at = submitted_at \
                 WHERE submitted_at IS NOT NULL AND status NOT IN ('draft', 'awaiting_host')",
            )
            .await?;
        m.drop_index(
            Index::drop()
                .name("ix_applications_submitted")
                .table(Applications::Table)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_applications_call_submitted")
                .table(Applications::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_applications_received")
                .table(Applications::Table)
                .col(Applications::ReceivedAt)
                .col(Applications::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_applications_call_received")
                .table(Applications::Table)
                .col(Applications::CallId)
                .col(Applications::ReceivedAt)
                .col(Applications::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_applications_received", "ix_applications_call_received"] {
            m.drop_index(
                Index::drop()
                    .name(name)
                    .table(Applications::Table)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Applications::Table)
                .drop_column(Applications::ReceivedAt)
                .to_owned(),
        )
        .await
    }
}
