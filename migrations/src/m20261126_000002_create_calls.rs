//! Calls for proposals (đợt): the public home page lists the open ones. The calls feature adds
//! fields, documents and the pinned rulebook.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
    Code,
    Title,
    Summary,
    Level,
    Formation,
    OpensAt,
    ClosesAt,
    BudgetDong,
    Status,
    PublishedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Calls::Table)
                .col(pk_auto(Calls::Id))
                .col(string_len(Calls::Code, 30))
                .col(string_len(Calls::Title, 300))
                .col(text(Calls::Summary))
                .col(string_len(Calls::Level, 20))
                .col(string_len(Calls::Formation, 30))
                .col(timestamp_with_time_zone(Calls::OpensAt))
                .col(timestamp_with_time_zone(Calls::ClosesAt))
                .col(big_integer(Calls::BudgetDong))
                .col(string_len(Calls::Status, 20))
                .col(timestamp_with_time_zone_null(Calls::PublishedAt))
                .col(timestamp_with_time_zone(Calls::CreatedAt))
                .check(Expr::col(Calls::BudgetDong).gte(0))
                .check(Expr::col(Calls::ClosesAt).gt(Expr::col(Calls::OpensAt)))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_calls_code")
                .table(Calls::Table)
                .col(Calls::Code)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_calls_status_closes_at")
                .table(Calls::Table)
                .col(Calls::Status)
                .col(Calls::ClosesAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Calls::Table).to_owned())
            .await
    }
}
