//! Amendments of running contracts: the request beside the baseline it was made against, its
//! size (who approves), and the decision. An approved amendment is the contract's next version.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Amendments {
    Table,
    Id,
    ContractId,
    /// JSON `domain::amendment::Request`.
    Request,
    /// JSON: the contract's lines and duration when the request was made.
    Baseline,
    /// `small` or `large`.
    Size,
    /// `pending`, `approved`, `rejected`.
    Status,
    /// True while pending (NULL once decided): one pending amendment per contract.
    Pending,
    /// The contract version an approval made (2 for the first amendment).
    Version,
    RequestedBy,
    RequestedAt,
    DecidedBy,
    DecidedAt,
    DecisionNote,
}

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Amendments::Table)
                .col(pk_auto(Amendments::Id))
                .col(integer(Amendments::ContractId))
                .col(text(Amendments::Request))
                .col(text(Amendments::Baseline))
                .col(string_len(Amendments::Size, 10))
                .col(string_len(Amendments::Status, 20))
                .col(boolean_null(Amendments::Pending))
                .col(integer_null(Amendments::Version))
                .col(integer(Amendments::RequestedBy))
                .col(timestamp_with_time_zone(Amendments::RequestedAt))
                .col(integer_null(Amendments::DecidedBy))
                .col(timestamp_with_time_zone_null(Amendments::DecidedAt))
                .col(text(Amendments::DecisionNote).default(""))
                .foreign_key(
                    ForeignKey::create()
                        .from(Amendments::Table, Amendments::ContractId)
                        .to(Contracts::Table, Contracts::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_amendments_pending")
                .table(Amendments::Table)
                .col(Amendments::ContractId)
                .col(Amendments::Pending)
                .unique()
                .to_owned(),
        )
        .await?;
        // The approvers' queue.
        m.create_index(
            Index::create()
                .name("ix_amendments_status")
                .table(Amendments::Table)
                .col(Amendments::Status)
                .col(Amendments::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Amendments::Table).to_owned())
            .await
    }
}
