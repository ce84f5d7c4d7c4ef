//! The public portal's search (docs/portal.md): each contract keeps the text it is found by
//! (title, field, host, leader, registered results) folded (`domain::text::fold`, diacritics
//! removed) and as an exact key, maintained where that text changes, and its field of science.
//! Contracts signed before this migration are indexed when the server starts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts {
    Table,
    SearchFolded,
    SearchKey,
    Field,
    SignedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for mut col in [
            text(Contracts::SearchFolded),
            text(Contracts::SearchKey),
            string_len(Contracts::Field, 300),
        ] {
            col.default("");
            m.alter_table(
                Table::alter()
                    .table(Contracts::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("ix_contracts_signed_at")
                .table(Contracts::Table)
                .col(Contracts::SignedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_contracts_signed_at")
                .table(Contracts::Table)
                .to_owned(),
        )
        .await?;
        for col in [
            Contracts::SearchFolded,
            Contracts::SearchKey,
            Contracts::Field,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Contracts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
