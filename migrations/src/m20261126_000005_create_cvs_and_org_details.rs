//! Researchers' scientific CVs (one per person, JSON of `domain::cv::ScientificCv`), the CV each
//! submitted version carried, and organisations' legal details (representative, contact, bank).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ResearcherCvs {
    Table,
    UserId,
    Content,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationVersions {
    Table,
    Cv,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Representative,
    RepresentativeTitle,
    Phone,
    Email,
    BankAccount,
    BankName,
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
                .table(ResearcherCvs::Table)
                .col(integer(ResearcherCvs::UserId).primary_key())
                .col(text(ResearcherCvs::Content))
                .col(timestamp_with_time_zone(ResearcherCvs::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ResearcherCvs::Table, ResearcherCvs::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(ApplicationVersions::Table)
                .add_column(text_null(ApplicationVersions::Cv))
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per statement.
        for column in [
            Organisations::Representative,
            Organisations::RepresentativeTitle,
            Organisations::Phone,
            Organisations::Email,
            Organisations::BankAccount,
            Organisations::BankName,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(string_len_null(column, 255))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Organisations::Representative,
            Organisations::RepresentativeTitle,
            Organisations::Phone,
            Organisations::Email,
            Organisations::BankAccount,
            Organisations::BankName,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(ApplicationVersions::Table)
                .drop_column(ApplicationVersions::Cv)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(ResearcherCvs::Table).to_owned())
            .await
    }
}
