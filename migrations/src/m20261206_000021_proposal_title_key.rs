//! The proposal's title as the exact comparison reads it (lower case, diacritics kept:
//! `domain::text::exact_key`), so a round's list ranks exact matches first whatever the case
//! people typed. Existing rows are filled in here.

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    Title,
    TitleKey,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Proposals::Table)
                .add_column(string_len(Proposals::TitleKey, 300).default(""))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let select = Query::select()
            .columns([Proposals::Id, Proposals::Title])
            .from(Proposals::Table)
            .to_owned();
        for row in db.query_all(&select).await? {
            let id: i32 = row.try_get("", "id")?;
            let title: String = row.try_get("", "title")?;
            let update = Query::update()
                .table(Proposals::Table)
                .value(Proposals::TitleKey, title.to_lowercase())
                .and_where(Expr::col(Proposals::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Proposals::Table)
                .drop_column(Proposals::TitleKey)
                .to_owned(),
        )
        .await
    }
}
