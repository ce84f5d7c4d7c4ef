//! A managing unit's own rulebook line (docs/rulebook.md): grassroots versions that belong to
//! one unit. A unit's call pins the latest version of its own line, or the grassroots line while
//! the unit has none. Earlier versions belong to no unit.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Rulebooks {
    Table,
    Level,
    UnitId,
}

const INDEX: &str = "ix_rulebooks_line";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Rulebooks::Table)
                .add_column(integer_null(Rulebooks::UnitId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(Rulebooks::Table)
                .col(Rulebooks::Level)
                .col(Rulebooks::UnitId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(INDEX).table(Rulebooks::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Rulebooks::Table)
                .drop_column(Rulebooks::UnitId)
                .to_owned(),
        )
        .await
    }
}
