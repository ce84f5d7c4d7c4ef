//! The fund ledger (docs/ledger.md): accounts with their four sums, transfers that are only ever
//! inserted, contracts whose signing commits money, their tranches, and payments prepared by the
//! accountant and posted or voided by the director. The limits of `domain::ledger` are held
//! here too, by CHECK and UNIQUE constraints, so no write path can break them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum FundAccounts {
    Table,
    Code,
    Kind,
    ContractId,
    /// Debits (posted + pending) may not exceed posted credits.
    Limited,
    DebitsPosted,
    CreditsPosted,
    DebitsPending,
    CreditsPending,
}

#[derive(DeriveIden)]
enum FundTransfers {
    Table,
    Id,
    /// The client's idempotency key.
    Key,
    Debit,
    Credit,
    AmountDong,
    /// `posted`, `pending`, `post` or `void`.
    Flow,
    /// For `post` and `void`: the pending transfer resolved (once: unique).
    PendingId,
    ByUser,
    Corrects,
    ContractId,
    /// The source document (allocation decision, contribution agreement, payment order…).
    Document,
    Note,
    At,
}

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
    ApplicationId,
    Code,
    Title,
    OrganisationId,
    LeaderName,
    TotalDong,
    /// `draft`, `active`, `terminated`, `closed`.
    Status,
    /// JSON: products with acceptance criteria, schedule, budget lines with lump-sum marks.
    Terms,
    CreatedBy,
    CreatedAt,
    SignedBy,
    SignedAt,
}

#[derive(DeriveIden)]
enum ContractTranches {
    Table,
    ContractId,
    Seq,
    AmountDong,
    DueAt,
    Condition,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    ContractId,
    TrancheSeq,
    PendingTransferId,
    /// `pending`, `posted`, `voided`.
    Status,
    /// True while pending or posted, NULL once voided: with the unique index below, a tranche
    /// has at most one live payment (NULLs are distinct on both databases).
    Live,
    PreparedBy,
    PreparedAt,
    Evidence,
    DecidedBy,
    DecidedAt,
    Reason,
}

#[expect(
    clippy::too_many_lines,
    reason = "the tables of one migration, as the schema declares them"
)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let sums = [
            FundAccounts::DebitsPosted,
            FundAccounts::CreditsPosted,
            FundAccounts::DebitsPending,
            FundAccounts::CreditsPending,
        ];
        let mut accounts = Table::create();
        accounts
            .table(FundAccounts::Table)
            .col(string_len(FundAccounts::Code, 60).primary_key())
            .col(string_len(FundAccounts::Kind, 20))
            .col(integer_null(FundAccounts::ContractId))
            .col(boolean(FundAccounts::Limited));
        for s in sums {
            accounts.col(big_integer(s).default(0));
            accounts.check(Expr::col(s).gte(0));
        }
        accounts.check(
            Expr::col(FundAccounts::Limited)
                .eq(false)
                .or(Expr::col(FundAccounts::CreditsPosted)
                    .sub(Expr::col(FundAccounts::DebitsPosted))
                    .sub(Expr::col(FundAccounts::DebitsPending))
                    .gte(0)),
        );
        m.create_table(accounts.to_owned()).await?;

        m.create_table(
            Table::create()
                .table(FundTransfers::Table)
                .col(big_pk_auto(FundTransfers::Id))
                .col(string_len(FundTransfers::Key, 100).unique_key())
                .col(string_len(FundTransfers::Debit, 60))
                .col(string_len(FundTransfers::Credit, 60))
                .col(big_integer(FundTransfers::AmountDong))
                .col(string_len(FundTransfers::Flow, 10))
                .col(big_integer_null(FundTransfers::PendingId).unique_key())
                .col(integer(FundTransfers::ByUser))
                .col(big_integer_null(FundTransfers::Corrects))
                .col(integer_null(FundTransfers::ContractId))
                .col(string_len(FundTransfers::Document, 200).default(""))
                .col(text(FundTransfers::Note).default(""))
                .col(timestamp_with_time_zone(FundTransfers::At))
                .check(Expr::col(FundTransfers::AmountDong).gt(0))
                .check(Expr::col(FundTransfers::Debit).ne(Expr::col(FundTransfers::Credit)))
                .foreign_key(
                    ForeignKey::create()
                        .from(FundTransfers::Table, FundTransfers::Debit)
                        .to(FundAccounts::Table, FundAccounts::Code),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(FundTransfers::Table, FundTransfers::Credit)
                        .to(FundAccounts::Table, FundAccounts::Code),
                )
                .to_owned(),
        )
        .await?;
        // Statements read an account's transfers newest first, a page at a time; reports read
        // by date; a contract's statement by contract.
        for (name, cols) in [
            (
                "ix_fund_transfers_debit",
                vec![FundTransfers::Debit, FundTransfers::Id],
            ),
            (
                "ix_fund_transfers_credit",
                vec![FundTransfers::Credit, FundTransfers::Id],
            ),
            ("ix_fund_transfers_at", vec![FundTransfers::At]),
            (
                "ix_fund_transfers_contract",
                vec![FundTransfers::ContractId, FundTransfers::Id],
            ),
        ] {
            let mut ix = Index::create();
            ix.name(name).table(FundTransfers::Table);
            for c in cols {
                ix.col(c);
            }
            m.create_index(ix.to_owned()).await?;
        }

        m.create_table(
            Table::create()
                .table(Contracts::Table)
                .col(pk_auto(Contracts::Id))
                .col(integer(Contracts::ApplicationId).unique_key())
                .col(string_len(Contracts::Code, 30).unique_key())
                .col(string_len(Contracts::Title, 500))
                .col(integer_null(Contracts::OrganisationId))
                .col(string_len(Contracts::LeaderName, 300))
                .col(big_integer(Contracts::TotalDong))
                .col(string_len(Contracts::Status, 20))
                .col(text(Contracts::Terms))
                .col(integer(Contracts::CreatedBy))
                .col(timestamp_with_time_zone(Contracts::CreatedAt))
                .col(integer_null(Contracts::SignedBy))
                .col(timestamp_with_time_zone_null(Contracts::SignedAt))
                .check(Expr::col(Contracts::TotalDong).gt(0))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_contracts_status")
                .table(Contracts::Table)
                .col(Contracts::Status)
                .col(Contracts::Id)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ContractTranches::Table)
                .col(integer(ContractTranches::ContractId))
                .col(integer(ContractTranches::Seq))
                .col(big_integer(ContractTranches::AmountDong))
                .col(timestamp_with_time_zone(ContractTranches::DueAt))
                .col(text(ContractTranches::Condition).default(""))
                .primary_key(
                    Index::create()
                        .col(ContractTranches::ContractId)
                        .col(ContractTranches::Seq),
                )
                .check(Expr::col(ContractTranches::AmountDong).gt(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(ContractTranches::Table, ContractTranches::ContractId)
                        .to(Contracts::Table, Contracts::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Payments::Table)
                .col(pk_auto(Payments::Id))
                .col(integer(Payments::ContractId))
                .col(integer(Payments::TrancheSeq))
                .col(big_integer(Payments::PendingTransferId).unique_key())
                .col(string_len(Payments::Status, 20))
                .col(boolean_null(Payments::Live))
                .col(integer(Payments::PreparedBy))
                .col(timestamp_with_time_zone(Payments::PreparedAt))
                .col(text(Payments::Evidence).default(""))
                .col(integer_null(Payments::DecidedBy))
                .col(timestamp_with_time_zone_null(Payments::DecidedAt))
                .col(text(Payments::Reason).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(Payments::Table, Payments::ContractId)
                        .to(Contracts::Table, Contracts::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Payments::Table, Payments::PendingTransferId)
                        .to(FundTransfers::Table, FundTransfers::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_payments_live_tranche")
                .table(Payments::Table)
                .col(Payments::ContractId)
                .col(Payments::TrancheSeq)
                .col(Payments::Live)
                .unique()
                .to_owned(),
        )
        .await?;
        // The director's queue: pending payments, oldest first; a contract's payments.
        m.create_index(
            Index::create()
                .name("ix_payments_status")
                .table(Payments::Table)
                .col(Payments::Status)
                .col(Payments::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_payments_contract")
                .table(Payments::Table)
                .col(Payments::ContractId)
                .col(Payments::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Payments::Table.into_iden(),
            ContractTranches::Table.into_iden(),
            Contracts::Table.into_iden(),
            FundTransfers::Table.into_iden(),
            FundAccounts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
