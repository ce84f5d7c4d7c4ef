//! Attachments to applications: what each file is (document, name, kind, size, SHA-256 of the
//! content, which is also its key in the file storage) and who added it; files a researcher
//! removes are marked, never deleted, because submitted versions list them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    ApplicationId,
    Document,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    UploadedBy,
    UploadedAt,
    RemovedAt,
}

#[derive(DeriveIden)]
enum ApplicationVersions {
    Table,
    Attachments,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
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
                .table(Attachments::Table)
                .col(pk_auto(Attachments::Id))
                .col(integer(Attachments::ApplicationId))
                .col(string_len(Attachments::Document, 500))
                .col(string_len(Attachments::FileName, 255))
                .col(string_len(Attachments::ContentType, 100))
                .col(big_integer(Attachments::SizeBytes))
                .col(string_len(Attachments::Sha256, 64))
                .col(integer(Attachments::UploadedBy))
                .col(timestamp_with_time_zone(Attachments::UploadedAt))
                .col(timestamp_with_time_zone_null(Attachments::RemovedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Attachments::Table, Attachments::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Attachments::Table, Attachments::UploadedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_attachments_application")
                .table(Attachments::Table)
                .col(Attachments::ApplicationId)
                .col(Attachments::Id)
                .to_owned(),
        )
        .await?;
        // What each submitted version carried, as JSON (`domain::attachment::AttachedFile`).
        m.alter_table(
            Table::alter()
                .table(ApplicationVersions::Table)
                .add_column(text(ApplicationVersions::Attachments).default("[]"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ApplicationVersions::Table)
                .drop_column(ApplicationVersions::Attachments)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Attachments::Table).to_owned())
            .await
    }
}
