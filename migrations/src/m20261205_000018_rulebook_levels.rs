//! Rulebooks per level (docs/rulebook.md): each version belongs to the provincial or the
//! grassroots line, and a call pins the latest version of its own level. Earlier versions are
//! provincial.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Rulebooks {
    Table,
    Level,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Rulebooks::Table)
                .add_column(string_len(Rulebooks::Level, 20).default("provincial"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Rulebooks::Table)
                .drop_column(Rulebooks::Level)
                .to_owned(),
        )
        .await
    }
}
