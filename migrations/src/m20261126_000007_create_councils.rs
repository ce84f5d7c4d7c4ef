//! Review councils: members and their seats, the dossiers each reviews, conflict flags and
//! their resolution, per-dossier no-conflict certifications, reviews, score sheets (locked once
//! submitted; reopening is recorded) and meeting attendance.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Councils {
    Table,
    Id,
    CallId,
    Name,
    /// `forming`, `scoring`, `closed`.
    Status,
    RulebookVersion,
    CreatedBy,
    CreatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum CouncilMembers {
    Table,
    Id,
    CouncilId,
    UserId,
    Role,
    /// `invited`, `accepted`, `declined`.
    Invitation,
    Present,
}

#[derive(DeriveIden)]
enum CouncilApplications {
    Table,
    CouncilId,
    ApplicationId,
}

#[derive(DeriveIden)]
enum Conflicts {
    Table,
    Id,
    CouncilId,
    ApplicationId,
    UserId,
    /// JSON of `domain::council::ConflictReason`.
    Reason,
    /// `flagged`, `confirmed`, `dismissed`.
    Status,
    Note,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScoreSheets {
    Table,
    Id,
    CouncilId,
    ApplicationId,
    UserId,
    /// JSON of `domain::scoring::SheetEntry`.
    Entry,
    Review,
    CertifiedAt,
    SubmittedAt,
    /// Entered by the secretary from a paper sheet.
    FromPaper,
    EnteredBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
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

#[expect(
    clippy::too_many_lines,
    reason = "the tables of one migration, as the schema declares them"
)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Councils::Table)
                .col(pk_auto(Councils::Id))
                .col(integer(Councils::CallId))
                .col(string_len(Councils::Name, 300))
                .col(string_len(Councils::Status, 20))
                .col(integer(Councils::RulebookVersion))
                .col(integer(Councils::CreatedBy))
                .col(timestamp_with_time_zone(Councils::CreatedAt))
                .col(timestamp_with_time_zone_null(Councils::ClosedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Councils::Table, Councils::CallId)
                        .to(Calls::Table, Calls::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Councils::Table, Councils::CreatedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_councils_call")
                .table(Councils::Table)
                .col(Councils::CallId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CouncilMembers::Table)
                .col(pk_auto(CouncilMembers::Id))
                .col(integer(CouncilMembers::CouncilId))
                .col(integer(CouncilMembers::UserId))
                .col(string_len(CouncilMembers::Role, 20))
                .col(string_len(CouncilMembers::Invitation, 20))
                .col(boolean(CouncilMembers::Present).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(CouncilMembers::Table, CouncilMembers::CouncilId)
                        .to(Councils::Table, Councils::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CouncilMembers::Table, CouncilMembers::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_council_members")
                .table(CouncilMembers::Table)
                .col(CouncilMembers::CouncilId)
                .col(CouncilMembers::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_council_members_user")
                .table(CouncilMembers::Table)
                .col(CouncilMembers::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CouncilApplications::Table)
                .col(integer(CouncilApplications::CouncilId))
                .col(integer(CouncilApplications::ApplicationId))
                .primary_key(
                    Index::create()
                        .col(CouncilApplications::CouncilId)
                        .col(CouncilApplications::ApplicationId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CouncilApplications::Table, CouncilApplications::CouncilId)
                        .to(Councils::Table, Councils::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            CouncilApplications::Table,
                            CouncilApplications::ApplicationId,
                        )
                        .to(Applications::Table, Applications::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Conflicts::Table)
                .col(pk_auto(Conflicts::Id))
                .col(integer(Conflicts::CouncilId))
                .col(integer(Conflicts::ApplicationId))
                .col(integer(Conflicts::UserId))
                .col(text(Conflicts::Reason))
                .col(string_len(Conflicts::Status, 20))
                .col(text(Conflicts::Note).default(""))
                .col(integer_null(Conflicts::DecidedBy))
                .col(timestamp_with_time_zone_null(Conflicts::DecidedAt))
                .col(timestamp_with_time_zone(Conflicts::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Conflicts::Table, Conflicts::CouncilId)
                        .to(Councils::Table, Councils::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Conflicts::Table, Conflicts::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Conflicts::Table, Conflicts::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_conflicts_council")
                .table(Conflicts::Table)
                .col(Conflicts::CouncilId)
                .col(Conflicts::ApplicationId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ScoreSheets::Table)
                .col(pk_auto(ScoreSheets::Id))
                .col(integer(ScoreSheets::CouncilId))
                .col(integer(ScoreSheets::ApplicationId))
                .col(integer(ScoreSheets::UserId))
                .col(text(ScoreSheets::Entry))
                .col(text(ScoreSheets::Review).default(""))
                .col(timestamp_with_time_zone_null(ScoreSheets::CertifiedAt))
                .col(timestamp_with_time_zone_null(ScoreSheets::SubmittedAt))
                .col(boolean(ScoreSheets::FromPaper).default(false))
                .col(integer(ScoreSheets::EnteredBy))
                .col(timestamp_with_time_zone(ScoreSheets::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ScoreSheets::Table, ScoreSheets::CouncilId)
                        .to(Councils::Table, Councils::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ScoreSheets::Table, ScoreSheets::ApplicationId)
                        .to(Applications::Table, Applications::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ScoreSheets::Table, ScoreSheets::UserId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_score_sheets")
                .table(ScoreSheets::Table)
                .col(ScoreSheets::CouncilId)
                .col(ScoreSheets::ApplicationId)
                .col(ScoreSheets::UserId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ScoreSheets::Table.into_iden(),
            Conflicts::Table.into_iden(),
            CouncilApplications::Table.into_iden(),
            CouncilMembers::Table.into_iden(),
            Councils::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
