//! Team members with accounts (matched by the e-mail given in the thuyết minh): who may read a
//! dossier besides its author. Rewritten on every save.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApplicationMembers {
    Table,
    ApplicationId,
    UserId,
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
                .table(ApplicationMembers::Table)
                .col(integer(ApplicationMembers::ApplicationId))
                .col(integer(ApplicationMembers::UserId))
                .primary_key(
                    Index::create()
                        .col(ApplicationMembers::ApplicationId)
                        .col(ApplicationMembers::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ApplicationMembers::Table, ApplicationMembers::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ApplicationMembers::Table, ApplicationMembers::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        // "The dossiers I am a member of" reads by user.
        m.create_index(
            Index::create()
                .name("ix_application_members_user")
                .table(ApplicationMembers::Table)
                .col(ApplicationMembers::UserId)
                .col(ApplicationMembers::ApplicationId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ApplicationMembers::Table).to_owned())
            .await
    }
}
