//! Managing units (đơn vị quản lý nhiệm vụ cấp cơ sở): organisations the administrator marks
//! as running their own grassroots tasks, and the unit a call belongs to (none: the
//! department). Applications, councils and tasks belong to their call's unit (docs/roles.md).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    ManagesTasks,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    ManagingUnitId,
}

const INDEX: &str = "idx_calls_managing_unit";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .add_column(boolean(Organisations::ManagesTasks).default(false))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Calls::Table)
                .add_column(integer_null(Calls::ManagingUnitId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(Calls::Table)
                .col(Calls::ManagingUnitId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(INDEX).table(Calls::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Calls::Table)
                .drop_column(Calls::ManagingUnitId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Organisations::Table)
                .drop_column(Organisations::ManagesTasks)
                .to_owned(),
        )
        .await
    }
}
