//! The expert database: people who can sit on councils, drawn from researchers' CVs (linked to
//! their account) or added by officers. Searched by folded name, organisation and fields.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Experts {
    Table,
    Id,
    UserId,
    Name,
    Email,
    Organisation,
    Fields,
    Degree,
    Note,
    SearchFolded,
    SearchKey,
    Active,
    AddedBy,
    CreatedAt,
    UpdatedAt,
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
                .table(Experts::Table)
                .col(pk_auto(Experts::Id))
                .col(integer_null(Experts::UserId))
                .col(string_len(Experts::Name, 300))
                .col(string_len(Experts::Email, 254).default(""))
                .col(string_len(Experts::Organisation, 300).default(""))
                // JSON list of fields of expertise.
                .col(text(Experts::Fields))
                .col(string_len(Experts::Degree, 100).default(""))
                .col(text(Experts::Note).default(""))
                .col(text(Experts::SearchFolded))
                .col(text(Experts::SearchKey))
                .col(boolean(Experts::Active).default(true))
                .col(integer(Experts::AddedBy))
                .col(timestamp_with_time_zone(Experts::CreatedAt))
                .col(timestamp_with_time_zone(Experts::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Experts::Table, Experts::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        // One entry per account (NULLs, experts without an account, are distinct).
        m.create_index(
            Index::create()
                .name("ux_experts_user")
                .table(Experts::Table)
                .col(Experts::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        // The list reads active experts by name, a page at a time.
        m.create_index(
            Index::create()
                .name("ix_experts_active_name")
                .table(Experts::Table)
                .col(Experts::Active)
                .col(Experts::Name)
                .col(Experts::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Experts::Table).to_owned())
            .await
    }
}
