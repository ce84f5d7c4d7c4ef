//! Carrying out and closing a funded task: progress reports and inspections while it runs; then
//! one close-out row per contract, filled stage by stage (final report and product evidence,
//! the host's self-evaluation, the acceptance verdict, for a task not completed the cause and
//! the exemption decision, the settlement declared and approved, the result registration,
//! closing), and the acceptance council's members with their ballots. Disbursed accounts become
//! limited: settling or claiming back never takes more than was paid.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgressReports {
    Table,
    Id,
    ContractId,
    Period,
    /// `submitted`, `accepted`, `changes_requested`.
    Status,
    /// True unless sent back (NULL then): one live report per period.
    Live,
    /// JSON `domain::execution::ProgressReport`.
    Report,
    FiledBy,
    FiledAt,
    ReviewedBy,
    ReviewedAt,
    ReviewNote,
}

#[derive(DeriveIden)]
enum Inspections {
    Table,
    Id,
    ContractId,
    InspectedOn,
    Findings,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Closeouts {
    Table,
    ContractId,
    FinalReport,
    /// JSON list: the evidence for each contracted product, in the contract's order.
    Evidence,
    SubmittedAt,
    /// JSON `domain::acceptance::Ballot` from the host organisation.
    SelfEvaluation,
    SelfEvaluatedBy,
    SelfEvaluatedAt,
    /// JSON `domain::acceptance::Verdict`.
    Verdict,
    /// The task's rating, for lists and the portal: `excellent`, `pass`, `fail`.
    Rating,
    ConcludedBy,
    ConcludedAt,
    TerminationReason,
    TerminatedBy,
    TerminatedAt,
    /// `domain::settlement::FailureCause` code.
    FailureCause,
    /// JSON `domain::settlement::Compliance`.
    Compliance,
    CauseEvidence,
    CauseRecordedBy,
    CauseRecordedAt,
    ExemptionGranted,
    ExemptionReason,
    ExemptionDecidedBy,
    ExemptionDecidedAt,
    /// JSON: documented amount per budget line, the documents, and what was spent.
    Declaration,
    DeclaredAt,
    SettledDong,
    RefundDong,
    ReleaseDong,
    SettledBy,
    SettledAt,
    CertificateNumber,
    /// JSON: the TT 14/2014 registration fields.
    Registration,
    RegisteredBy,
    RegisteredAt,
    ClosedBy,
    ClosedAt,
}

#[derive(DeriveIden)]
enum AcceptanceMembers {
    Table,
    ContractId,
    UserId,
    /// `chair`, `secretary`, `member`.
    Role,
    /// JSON `domain::acceptance::Ballot`; NULL until voted.
    Ballot,
    /// Entered by the secretary from a signed paper ballot.
    Paper,
    VotedAt,
}

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
    Status,
    /// When the first unfiled progress report falls due (NULL: none expected): overdue
    /// reports are counted from an index, not by reading every contract.
    NextReportDueAt,
}

#[derive(DeriveIden)]
enum FundAccounts {
    Table,
    Kind,
    Limited,
}

fn to_contract<T: IntoIden>(table: T, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Contracts::Table, Contracts::Id)
        .to_owned()
}

#[expect(
    clippy::too_many_lines,
    reason = "the tables of one migration, as the schema declares them"
)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ProgressReports::Table)
                .col(pk_auto(ProgressReports::Id))
                .col(integer(ProgressReports::ContractId))
                .col(integer(ProgressReports::Period))
                .col(string_len(ProgressReports::Status, 20))
                .col(boolean_null(ProgressReports::Live))
                .col(text(ProgressReports::Report))
                .col(integer(ProgressReports::FiledBy))
                .col(timestamp_with_time_zone(ProgressReports::FiledAt))
                .col(integer_null(ProgressReports::ReviewedBy))
                .col(timestamp_with_time_zone_null(ProgressReports::ReviewedAt))
                .col(text(ProgressReports::ReviewNote).default(""))
                .check(Expr::col(ProgressReports::Period).gte(1))
                .foreign_key(&mut to_contract(
                    ProgressReports::Table,
                    ProgressReports::ContractId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_progress_reports_live")
                .table(ProgressReports::Table)
                .col(ProgressReports::ContractId)
                .col(ProgressReports::Period)
                .col(ProgressReports::Live)
                .unique()
                .to_owned(),
        )
        .await?;
        // The officer's queue: reports awaiting review, oldest first.
        m.create_index(
            Index::create()
                .name("ix_progress_reports_status")
                .table(ProgressReports::Table)
                .col(ProgressReports::Status)
                .col(ProgressReports::Id)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Inspections::Table)
                .col(pk_auto(Inspections::Id))
                .col(integer(Inspections::ContractId))
                .col(timestamp_with_time_zone(Inspections::InspectedOn))
                .col(text(Inspections::Findings))
                .col(integer(Inspections::RecordedBy))
                .col(timestamp_with_time_zone(Inspections::RecordedAt))
                .foreign_key(&mut to_contract(
                    Inspections::Table,
                    Inspections::ContractId,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_inspections_contract")
                .table(Inspections::Table)
                .col(Inspections::ContractId)
                .col(Inspections::Id)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Closeouts::Table)
                .col(integer(Closeouts::ContractId).primary_key())
                .col(text(Closeouts::FinalReport).default(""))
                .col(text(Closeouts::Evidence).default("[]"))
                .col(timestamp_with_time_zone_null(Closeouts::SubmittedAt))
                .col(text_null(Closeouts::SelfEvaluation))
                .col(integer_null(Closeouts::SelfEvaluatedBy))
                .col(timestamp_with_time_zone_null(Closeouts::SelfEvaluatedAt))
                .col(text_null(Closeouts::Verdict))
                .col(string_len_null(Closeouts::Rating, 20))
                .col(integer_null(Closeouts::ConcludedBy))
                .col(timestamp_with_time_zone_null(Closeouts::ConcludedAt))
                .col(text(Closeouts::TerminationReason).default(""))
                .col(integer_null(Closeouts::TerminatedBy))
                .col(timestamp_with_time_zone_null(Closeouts::TerminatedAt))
                .col(string_len_null(Closeouts::FailureCause, 30))
                .col(text_null(Closeouts::Compliance))
                .col(text(Closeouts::CauseEvidence).default(""))
                .col(integer_null(Closeouts::CauseRecordedBy))
                .col(timestamp_with_time_zone_null(Closeouts::CauseRecordedAt))
                .col(boolean_null(Closeouts::ExemptionGranted))
                .col(text(Closeouts::ExemptionReason).default(""))
                .col(integer_null(Closeouts::ExemptionDecidedBy))
                .col(timestamp_with_time_zone_null(Closeouts::ExemptionDecidedAt))
                .col(text_null(Closeouts::Declaration))
                .col(timestamp_with_time_zone_null(Closeouts::DeclaredAt))
                .col(big_integer_null(Closeouts::SettledDong))
                .col(big_integer_null(Closeouts::RefundDong))
                .col(big_integer_null(Closeouts::ReleaseDong))
                .col(integer_null(Closeouts::SettledBy))
                .col(timestamp_with_time_zone_null(Closeouts::SettledAt))
                .col(string_len_null(Closeouts::CertificateNumber, 60).unique_key())
                .col(text_null(Closeouts::Registration))
                .col(integer_null(Closeouts::RegisteredBy))
                .col(timestamp_with_time_zone_null(Closeouts::RegisteredAt))
                .col(integer_null(Closeouts::ClosedBy))
                .col(timestamp_with_time_zone_null(Closeouts::ClosedAt))
                .check(
                    Expr::col(Closeouts::SettledDong).is_null().or(Expr::col(
                        Closeouts::SettledDong,
                    )
                    .gte(0)
                    .and(Expr::col(Closeouts::RefundDong).gte(0))
                    .and(Expr::col(Closeouts::ReleaseDong).gte(0))),
                )
                .foreign_key(&mut to_contract(Closeouts::Table, Closeouts::ContractId))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AcceptanceMembers::Table)
                .col(integer(AcceptanceMembers::ContractId))
                .col(integer(AcceptanceMembers::UserId))
                .col(string_len(AcceptanceMembers::Role, 20))
                .col(text_null(AcceptanceMembers::Ballot))
                .col(boolean(AcceptanceMembers::Paper).default(false))
                .col(timestamp_with_time_zone_null(AcceptanceMembers::VotedAt))
                .primary_key(
                    Index::create()
                        .col(AcceptanceMembers::ContractId)
                        .col(AcceptanceMembers::UserId),
                )
                .foreign_key(&mut to_contract(
                    AcceptanceMembers::Table,
                    AcceptanceMembers::ContractId,
                ))
                .to_owned(),
        )
        .await?;
        // A member's own councils, for their to-do list.
        m.create_index(
            Index::create()
                .name("ix_acceptance_members_user")
                .table(AcceptanceMembers::Table)
                .col(AcceptanceMembers::UserId)
                .to_owned(),
        )
        .await?;

        m.alter_table(
            Table::alter()
                .table(Contracts::Table)
                .add_column(timestamp_with_time_zone_null(Contracts::NextReportDueAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_contracts_report_due")
                .table(Contracts::Table)
                .col(Contracts::Status)
                .col(Contracts::NextReportDueAt)
                .to_owned(),
        )
        .await?;

        // Paid money is settled or claimed back, never more than was paid.
        m.exec_stmt(
            Query::update()
                .table(FundAccounts::Table)
                .value(FundAccounts::Limited, true)
                .and_where(Expr::col(FundAccounts::Kind).eq("disbursed"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AcceptanceMembers::Table.into_iden(),
            Closeouts::Table.into_iden(),
            Inspections::Table.into_iden(),
            ProgressReports::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.drop_index(
            Index::drop()
                .name("ix_contracts_report_due")
                .table(Contracts::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Contracts::Table)
                .drop_column(Contracts::NextReportDueAt)
                .to_owned(),
        )
        .await
    }
}
