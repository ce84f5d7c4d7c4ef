//! A managing unit's own book (docs/ledger.md, "Books"): a grassroots task its rulebook line
//! does not have the fund pay is paid by the unit. A contract names its payer (NULL: the fund);
//! accounts and transfers carry their book's unit (NULL: the fund's), so each book's position
//! and transfers are read by an index. Everything stored before is the fund's.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Contracts {
    Table,
    PayerUnitId,
}

#[derive(DeriveIden, Clone, Copy)]
enum FundAccounts {
    Table,
    UnitId,
}

#[derive(DeriveIden, Clone, Copy)]
enum FundTransfers {
    Table,
    UnitId,
    Id,
}

const ACCOUNTS_INDEX: &str = "ix_fund_accounts_unit";
const TRANSFERS_INDEX: &str = "ix_fund_transfers_unit";
const CONTRACTS_INDEX: &str = "ix_contracts_payer_unit";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: DynIden, column: DynIden| {
            Table::alter()
                .table(table)
                .add_column(integer_null(column))
                .to_owned()
        };
        m.alter_table(add(
            Contracts::Table.into_iden(),
            Contracts::PayerUnitId.into_iden(),
        ))
        .await?;
        m.alter_table(add(
            FundAccounts::Table.into_iden(),
            FundAccounts::UnitId.into_iden(),
        ))
        .await?;
        m.alter_table(add(
            FundTransfers::Table.into_iden(),
            FundTransfers::UnitId.into_iden(),
        ))
        .await?;
        m.create_index(
            Index::create()
                .name(ACCOUNTS_INDEX)
                .table(FundAccounts::Table)
                .col(FundAccounts::UnitId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(TRANSFERS_INDEX)
                .table(FundTransfers::Table)
                .col(FundTransfers::UnitId)
                .col(FundTransfers::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(CONTRACTS_INDEX)
                .table(Contracts::Table)
                .col(Contracts::PayerUnitId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (index, table) in [
            (CONTRACTS_INDEX, Contracts::Table.into_iden()),
            (TRANSFERS_INDEX, FundTransfers::Table.into_iden()),
            (ACCOUNTS_INDEX, FundAccounts::Table.into_iden()),
        ] {
            m.drop_index(Index::drop().name(index).table(table).to_owned())
                .await?;
        }
        let drop = |table: DynIden, column: DynIden| {
            Table::alter().table(table).drop_column(column).to_owned()
        };
        m.alter_table(drop(
            FundTransfers::Table.into_iden(),
            FundTransfers::UnitId.into_iden(),
        ))
        .await?;
        m.alter_table(drop(
            FundAccounts::Table.into_iden(),
            FundAccounts::UnitId.into_iden(),
        ))
        .await?;
        m.alter_table(drop(
            Contracts::Table.into_iden(),
            Contracts::PayerUnitId.into_iden(),
        ))
        .await
    }
}
