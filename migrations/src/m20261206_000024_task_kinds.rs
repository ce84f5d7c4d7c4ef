//! Task types (docs/rulebook.md): a call's type of task (đề tài, dự án sản xuất thử nghiệm, đề
//! án, dự án KH&CN), and a rulebook line of its own per type. Calls stored before are research
//! topics; rulebooks stored before govern every type.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    TaskKind,
}

#[derive(DeriveIden)]
enum Rulebooks {
    Table,
    Level,
    UnitId,
    TaskKind,
}

const OLD_INDEX: &str = "ix_rulebooks_line";
const INDEX: &str = "ix_rulebooks_line_kind";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Calls::Table)
                .add_column(string(Calls::TaskKind).default("topic"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Rulebooks::Table)
                .add_column(string_null(Rulebooks::TaskKind))
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name(OLD_INDEX)
                .table(Rulebooks::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(Rulebooks::Table)
                .col(Rulebooks::Level)
                .col(Rulebooks::UnitId)
                .col(Rulebooks::TaskKind)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(INDEX).table(Rulebooks::Table).to_owned())
            .await?;
        m.create_index(
            Index::create()
                .name(OLD_INDEX)
                .table(Rulebooks::Table)
                .col(Rulebooks::Level)
                .col(Rulebooks::UnitId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Rulebooks::Table)
                .drop_column(Rulebooks::TaskKind)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Calls::Table)
                .drop_column(Calls::TaskKind)
                .to_owned(),
        )
        .await
    }
}
