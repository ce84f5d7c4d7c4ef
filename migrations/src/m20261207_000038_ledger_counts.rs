//! Counts the lists need, kept where they are cheap (docs/performance.md): each ledger account
//! counts the transfers on either side of it, written by the ledger's guarded write in the same
//! update as its sums, so an account's statement and a book's journal ("n of m") are counted
//! from the accounts rather than every transfer. Accounts written before are counted here.
//! Also two indexes the benchmark found missing: accounts by contract (a contract's page and
//! task), dossiers by state and call (the officers' to-do counts).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FundAccounts {
    Table,
    Transfers,
    ContractId,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Status,
    CallId,
}

const ACCOUNTS_INDEX: &str = "ix_fund_accounts_contract";
const APPLICATIONS_INDEX: &str = "ix_applications_status_call";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(FundAccounts::Table)
                .add_column(big_integer(FundAccounts::Transfers).default(0))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE fund_accounts SET transfers = \
                 (SELECT COUNT(*) FROM fund_transfers WHERE fund_transfers.debit = fund_accounts.code) + \
                 (SELECT COUNT(*) FROM fund_transfers WHERE fund_transfers.credit = fund_accounts.code)",
            )
            .await?;
        m.create_index(
            Index::create()
                .name(ACCOUNTS_INDEX)
                .table(FundAccounts::Table)
                .col(FundAccounts::ContractId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(APPLICATIONS_INDEX)
                .table(Applications::Table)
                .col(Applications::Status)
                .col(Applications::CallId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(APPLICATIONS_INDEX)
                .table(Applications::Table)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name(ACCOUNTS_INDEX)
                .table(FundAccounts::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(FundAccounts::Table)
                .drop_column(FundAccounts::Transfers)
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
