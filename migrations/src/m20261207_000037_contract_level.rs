//! Each contract keeps its task's level (provincial or grassroots), its call's, fixed when the
//! call was published (docs/performance.md): the portal's level filter and counts read an
//! indexed column of the contract rather than the dossiers of the calls of that level.
//! Contracts written before are given their call's level here.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Level,
    Status,
}

const INDEX: &str = "ix_contracts_level";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Contracts::Table)
                .add_column(string_len(Contracts::Level, 20).default("provincial"))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE contracts SET level = (SELECT calls.level FROM applications \
                 JOIN calls ON calls.id = applications.call_id \
                 WHERE applications.id = contracts.application_id) \
                 WHERE EXISTS (SELECT 1 FROM applications WHERE applications.id = contracts.application_id)",
            )
            .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(Contracts::Table)
                .col(Contracts::Level)
                .col(Contracts::Status)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(INDEX).table(Contracts::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Contracts::Table)
                .drop_column(Contracts::Level)
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
