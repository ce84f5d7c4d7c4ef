//! Applications (hồ sơ đề xuất): the thuyết minh as JSON, its lifecycle state, the receipt, every
//! submitted version and the officers' validity decisions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    CallId,
    ApplicantId,
    OrganisationId,
    Title,
    TitleFolded,
    TitleKey,
    Form,
    Status,
    CorrectionDeadline,
    ReceiptCode,
    ReceiptYear,
    ReceiptSequence,
    Version,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationVersions {
    Table,
    Id,
    ApplicationId,
    Version,
    Form,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ApplicationDecisions {
    Table,
    Id,
    ApplicationId,
    Decision,
    Reasons,
    Deadline,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
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
                .table(Applications::Table)
                .col(pk_auto(Applications::Id))
                .col(integer(Applications::CallId))
                .col(integer(Applications::ApplicantId))
                .col(integer_null(Applications::OrganisationId))
                .col(string_len(Applications::Title, 300))
                .col(string_len(Applications::TitleFolded, 300))
                .col(string_len(Applications::TitleKey, 300))
                // JSON of `domain::application::ApplicationForm`, read and written whole.
                .col(text(Applications::Form))
                .col(string_len(Applications::Status, 20))
                .col(timestamp_with_time_zone_null(
                    Applications::CorrectionDeadline,
                ))
                .col(string_len_null(Applications::ReceiptCode, 30))
                .col(integer_null(Applications::ReceiptYear))
                .col(integer_null(Applications::ReceiptSequence))
                .col(integer(Applications::Version).default(0))
                .col(timestamp_with_time_zone_null(Applications::SubmittedAt))
                .col(timestamp_with_time_zone(Applications::CreatedAt))
                .col(timestamp_with_time_zone(Applications::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Applications::Table, Applications::CallId)
                        .to(Calls::Table, Calls::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Applications::Table, Applications::ApplicantId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols, unique) in [
            (
                "ux_applications_receipt",
                vec![Applications::ReceiptYear, Applications::ReceiptSequence],
                true,
            ),
            (
                "ix_applications_applicant",
                vec![Applications::ApplicantId, Applications::UpdatedAt],
                false,
            ),
            (
                "ix_applications_call_submitted",
                vec![
                    Applications::CallId,
                    Applications::SubmittedAt,
                    Applications::Id,
                ],
                false,
            ),
            (
                "ix_applications_status_submitted",
                vec![Applications::Status, Applications::SubmittedAt],
                false,
            ),
            // The officers' list walks this newest first and stops after one page.
            (
                "ix_applications_submitted",
                vec![Applications::SubmittedAt, Applications::Id],
                false,
            ),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(Applications::Table);
            for c in cols {
                idx.col(c);
            }
            if unique {
                idx.unique();
            }
            m.create_index(idx.to_owned()).await?;
        }

        m.create_table(
            Table::create()
                .table(ApplicationVersions::Table)
                .col(pk_auto(ApplicationVersions::Id))
                .col(integer(ApplicationVersions::ApplicationId))
                .col(integer(ApplicationVersions::Version))
                .col(text(ApplicationVersions::Form))
                .col(timestamp_with_time_zone(ApplicationVersions::SubmittedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ApplicationVersions::Table,
                            ApplicationVersions::ApplicationId,
                        )
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_application_versions")
                .table(ApplicationVersions::Table)
                .col(ApplicationVersions::ApplicationId)
                .col(ApplicationVersions::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ApplicationDecisions::Table)
                .col(pk_auto(ApplicationDecisions::Id))
                .col(integer(ApplicationDecisions::ApplicationId))
                .col(string_len(ApplicationDecisions::Decision, 20))
                .col(text(ApplicationDecisions::Reasons))
                .col(timestamp_with_time_zone_null(
                    ApplicationDecisions::Deadline,
                ))
                .col(integer(ApplicationDecisions::DecidedBy))
                .col(timestamp_with_time_zone(ApplicationDecisions::DecidedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ApplicationDecisions::Table,
                            ApplicationDecisions::ApplicationId,
                        )
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_application_decisions_application")
                .table(ApplicationDecisions::Table)
                .col(ApplicationDecisions::ApplicationId)
                .col(ApplicationDecisions::DecidedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ApplicationDecisions::Table.into_iden(),
            ApplicationVersions::Table.into_iden(),
            Applications::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
