//! When a council began scoring (selection) or voting (identification): the moment the reminders
//! of unsubmitted sheets and ballots count from (docs/notifications.md, "Reminders"). Councils
//! constituted before this migration have none and are not reminded of.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Councils {
    Table,
    ScoringOpenedAt,
}

#[derive(DeriveIden)]
enum IdentificationCouncils {
    Table,
    ScoringOpenedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Councils::Table)
                .add_column(timestamp_with_time_zone_null(Councils::ScoringOpenedAt))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(IdentificationCouncils::Table)
                .add_column(timestamp_with_time_zone_null(
                    IdentificationCouncils::ScoringOpenedAt,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_councils_scoring_opened")
                .table(Councils::Table)
                .col(Councils::ScoringOpenedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_identification_councils_scoring_opened")
                .table(IdentificationCouncils::Table)
                .col(IdentificationCouncils::ScoringOpenedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in [
            (Councils::Table.into_iden(), "ix_councils_scoring_opened"),
            (
                IdentificationCouncils::Table.into_iden(),
                "ix_identification_councils_scoring_opened",
            ),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Councils::Table)
                .drop_column(Councils::ScoringOpenedAt)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(IdentificationCouncils::Table)
                .drop_column(IdentificationCouncils::ScoringOpenedAt)
                .to_owned(),
        )
        .await
    }
}
