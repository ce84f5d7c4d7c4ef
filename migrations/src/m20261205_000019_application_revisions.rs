//! The selection council's requests on a dossier it passed, and the revision its researcher sends
//! before appraisal (domain::revision). One row per dossier: requests are recorded once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationRevisions {
    Table,
    ApplicationId,
    Requests,
    RequestedBy,
    RequestedAt,
    /// The dossier's version the council reviewed.
    VersionBefore,
    RevisedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApplicationRevisions::Table)
                .col(integer(ApplicationRevisions::ApplicationId).primary_key())
                .col(text(ApplicationRevisions::Requests))
                .col(integer(ApplicationRevisions::RequestedBy))
                .col(timestamp_with_time_zone(ApplicationRevisions::RequestedAt))
                .col(integer(ApplicationRevisions::VersionBefore))
                .col(timestamp_with_time_zone_null(
                    ApplicationRevisions::RevisedAt,
                ))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ApplicationRevisions::Table,
                            ApplicationRevisions::ApplicationId,
                        )
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApplicationRevisions::Table).to_owned())
            .await
    }
}
