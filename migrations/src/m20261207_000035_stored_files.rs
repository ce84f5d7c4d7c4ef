//! Attachments kept in the database (docs/backups.md, "Several instances"): chosen by
//! `STMS_FILE_STORE=database`, so that every server instance behind a load balancer reads what
//! another stored, and a database backup holds the files too. Keyed by the content's SHA-256.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    Key,
    Bytes,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(StoredFiles::Table)
                .col(string_len(StoredFiles::Key, 64).primary_key())
                .col(blob(StoredFiles::Bytes))
                .col(timestamp_with_time_zone(StoredFiles::CreatedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(StoredFiles::Table).to_owned())
            .await
    }
}
