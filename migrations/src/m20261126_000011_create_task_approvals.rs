//! Budget appraisal and the leader's approval of a recommended task: what the fund will pay after
//! appraisal (with each change's reason), then approved or rejected with reasons.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TaskApprovals {
    Table,
    ApplicationId,
    /// JSON list of `domain::appraisal::LineChange`.
    Changes,
    ApprovedFundDong,
    AppraisedBy,
    AppraisedAt,
    /// `approved` or `rejected`; NULL until the leader decides.
    Decision,
    Reasons,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(TaskApprovals::Table)
                .col(integer(TaskApprovals::ApplicationId).primary_key())
                .col(text(TaskApprovals::Changes))
                .col(big_integer(TaskApprovals::ApprovedFundDong))
                .col(integer(TaskApprovals::AppraisedBy))
                .col(timestamp_with_time_zone(TaskApprovals::AppraisedAt))
                .col(string_len_null(TaskApprovals::Decision, 20))
                .col(text(TaskApprovals::Reasons).default(""))
                .col(integer_null(TaskApprovals::DecidedBy))
                .col(timestamp_with_time_zone_null(TaskApprovals::DecidedAt))
                .check(Expr::col(TaskApprovals::ApprovedFundDong).gte(0))
                .foreign_key(
                    ForeignKey::create()
                        .from(TaskApprovals::Table, TaskApprovals::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TaskApprovals::Table).to_owned())
            .await
    }
}
