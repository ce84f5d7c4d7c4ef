//! Experts registering themselves (docs/registration.md, "Experts"): an entry made by the
//! expert waits for the department (`pending`), then is `approved` (active) or `refused` with
//! its reason. Entries officers made are approved.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Experts {
    Table,
    State,
    Reason,
    DecidedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Experts::Table)
                .add_column(string_len(Experts::State, 16).default("approved"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Experts::Table)
                .add_column(text_null(Experts::Reason))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Experts::Table)
                .add_column(integer_null(Experts::DecidedBy))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_experts_state")
                .table(Experts::Table)
                .col(Experts::State)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_experts_state")
                .table(Experts::Table)
                .to_owned(),
        )
        .await?;
        for col in [Experts::DecidedBy, Experts::Reason, Experts::State] {
            m.alter_table(
                Table::alter()
                    .table(Experts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
