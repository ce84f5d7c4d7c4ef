//! The versioned rulebook and calls for proposals (đợt). A call pins the rulebook version in
//! force when it is published.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Rulebooks {
    Table,
    Version,
    Content,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
    Code,
    Year,
    Sequence,
    Title,
    TitleFolded,
    TitleKey,
    Summary,
    Level,
    Formation,
    Fields,
    PriorityAreas,
    RequiredDocuments,
    OpensAt,
    ClosesAt,
    BudgetDong,
    RulebookVersion,
    Status,
    PublishedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Rulebooks are never edited: a change is a new version (content is the JSON of
        // `domain::rulebook::Rulebook`).
        m.create_table(
            Table::create()
                .table(Rulebooks::Table)
                .col(integer(Rulebooks::Version).primary_key())
                .col(text(Rulebooks::Content))
                .col(timestamp_with_time_zone(Rulebooks::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Calls::Table)
                .col(pk_auto(Calls::Id))
                .col(string_len(Calls::Code, 30))
                .col(integer(Calls::Year))
                .col(integer(Calls::Sequence))
                .col(string_len(Calls::Title, 300))
                .col(string_len(Calls::TitleFolded, 300))
                .col(string_len(Calls::TitleKey, 300))
                .col(text(Calls::Summary))
                .col(string_len(Calls::Level, 20))
                .col(string_len(Calls::Formation, 30))
                // JSON arrays: read whole with the call, never queried inside.
                .col(text(Calls::Fields))
                .col(text(Calls::PriorityAreas))
                .col(text(Calls::RequiredDocuments))
                .col(timestamp_with_time_zone(Calls::OpensAt))
                .col(timestamp_with_time_zone(Calls::ClosesAt))
                .col(big_integer(Calls::BudgetDong))
                .col(integer_null(Calls::RulebookVersion))
                .col(string_len(Calls::Status, 20))
                .col(timestamp_with_time_zone_null(Calls::PublishedAt))
                .col(integer_null(Calls::CreatedBy))
                .col(timestamp_with_time_zone(Calls::CreatedAt))
                .col(timestamp_with_time_zone(Calls::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Calls::Table, Calls::RulebookVersion)
                        .to(Rulebooks::Table, Rulebooks::Version),
                )
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
                .name("ux_calls_year_sequence")
                .table(Calls::Table)
                .col(Calls::Year)
                .col(Calls::Sequence)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_calls_created_at")
                .table(Calls::Table)
                .col(Calls::CreatedAt)
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
            .await?;
        m.drop_table(Table::drop().table(Rulebooks::Table).to_owned())
            .await
    }
}
