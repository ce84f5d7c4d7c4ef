//! Proposals for ordered tasks (docs/lifecycle.md "Where tasks come from"): rounds the
//! department opens with a deadline, proposals in them (the form as JSON, the folded title and
//! keywords the duplicate search reads), the identification council's recommendation beside the
//! proposer's wording, the leader's decision on the item and the call it became.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProposalRounds {
    Table,
    Id,
    Title,
    Year,
    OpensAt,
    ClosesAt,
    DecisionNumber,
    DecidedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    RoundId,
    ProposerId,
    OrganisationId,
    Status,
    Form,
    Title,
    SearchFolded,
    ReceiptCode,
    SubmittedAt,
    Recommendation,
    RecommendedBy,
    RecommendedAt,
    DecidedBy,
    DecidedAt,
    DecisionReason,
    CallId,
    CreatedAt,
    UpdatedAt,
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
                .table(ProposalRounds::Table)
                .col(pk_auto(ProposalRounds::Id))
                .col(string_len(ProposalRounds::Title, 300))
                .col(integer(ProposalRounds::Year))
                .col(timestamp_with_time_zone(ProposalRounds::OpensAt))
                .col(timestamp_with_time_zone(ProposalRounds::ClosesAt))
                // The leader's decision approving the ordered list (số quyết định), once issued.
                .col(string_len_null(ProposalRounds::DecisionNumber, 50))
                .col(timestamp_with_time_zone_null(ProposalRounds::DecidedAt))
                .col(integer(ProposalRounds::CreatedBy))
                .col(timestamp_with_time_zone(ProposalRounds::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Proposals::Table)
                .col(pk_auto(Proposals::Id))
                .col(integer(Proposals::RoundId))
                .col(integer(Proposals::ProposerId))
                .col(integer_null(Proposals::OrganisationId))
                .col(string_len(Proposals::Status, 30))
                .col(text(Proposals::Form))
                .col(string_len(Proposals::Title, 300))
                // Folded title and keywords, spaces between syllables (domain::similarity).
                .col(text(Proposals::SearchFolded))
                .col(string_len_null(Proposals::ReceiptCode, 30))
                .col(timestamp_with_time_zone_null(Proposals::SubmittedAt))
                .col(text_null(Proposals::Recommendation))
                .col(integer_null(Proposals::RecommendedBy))
                .col(timestamp_with_time_zone_null(Proposals::RecommendedAt))
                .col(integer_null(Proposals::DecidedBy))
                .col(timestamp_with_time_zone_null(Proposals::DecidedAt))
                .col(text(Proposals::DecisionReason).default(""))
                .col(integer_null(Proposals::CallId))
                .col(timestamp_with_time_zone(Proposals::CreatedAt))
                .col(timestamp_with_time_zone(Proposals::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Proposals::Table, Proposals::RoundId)
                        .to(ProposalRounds::Table, ProposalRounds::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Proposals::Table, Proposals::ProposerId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        // A round's list, by state, a page at a time; a proposer's own list.
        for (name, cols) in [
            (
                "ix_proposals_round_status",
                [Proposals::RoundId, Proposals::Status, Proposals::Id],
            ),
            (
                "ix_proposals_proposer",
                [Proposals::ProposerId, Proposals::Status, Proposals::Id],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Proposals::Table);
            for c in cols {
                index.col(c);
            }
            m.create_index(index.to_owned()).await?;
        }
        // One receipt code per proposal, as for dossiers.
        m.create_index(
            Index::create()
                .name("ux_proposals_receipt")
                .table(Proposals::Table)
                .col(Proposals::ReceiptCode)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Proposals::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ProposalRounds::Table).to_owned())
            .await
    }
}
