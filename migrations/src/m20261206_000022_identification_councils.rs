//! Identification councils (hội đồng tư vấn xác định nhiệm vụ) for a round's proposals: the
//! council, its members and their seats, and one ballot per member and proposal (scores, the
//! vote to order or not, the no-conflict certification or a declared conflict). A proposal sits
//! before at most one council (`proposals.council_id`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IdentificationCouncils {
    Table,
    Id,
    RoundId,
    Name,
    /// `domain::council::CouncilState` code.
    Status,
    RulebookVersion,
    CreatedBy,
    CreatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum IdentificationMembers {
    Table,
    Id,
    CouncilId,
    UserId,
    Role,
    Invitation,
    Present,
}

#[derive(DeriveIden)]
enum IdentificationBallots {
    Table,
    Id,
    CouncilId,
    ProposalId,
    UserId,
    /// JSON of `domain::identification::Ballot`.
    Ballot,
    CertifiedAt,
    /// A conflict the member declared: they do not vote on the proposal.
    ConflictNote,
    SubmittedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProposalRounds {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposals {
    Table,
    Id,
    CouncilId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    if unique {
        i.unique();
    }
    m.create_index(i.to_owned()).await
}

#[expect(
    clippy::too_many_lines,
    reason = "the tables of one migration, as the schema declares them"
)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use IdentificationBallots as B;
        use IdentificationCouncils as C;
        use IdentificationMembers as M;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(pk_auto(C::Id))
                .col(integer(C::RoundId))
                .col(string_len(C::Name, 300))
                .col(string_len(C::Status, 20))
                .col(integer(C::RulebookVersion))
                .col(integer(C::CreatedBy))
                .col(timestamp_with_time_zone(C::CreatedAt))
                .col(timestamp_with_time_zone_null(C::ClosedAt))
                .foreign_key(&mut fk(
                    (C::Table, C::RoundId),
                    (ProposalRounds::Table, ProposalRounds::Id),
                ))
                .foreign_key(&mut fk((C::Table, C::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_identification_councils_round",
            C::Table,
            vec![C::RoundId.into_iden()],
            false,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(M::Table)
                .col(pk_auto(M::Id))
                .col(integer(M::CouncilId))
                .col(integer(M::UserId))
                .col(string_len(M::Role, 20))
                .col(string_len(M::Invitation, 20))
                .col(boolean(M::Present).default(false))
                .foreign_key(&mut fk((M::Table, M::CouncilId), (C::Table, C::Id)))
                .foreign_key(&mut fk((M::Table, M::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        let seat = vec![M::CouncilId.into_iden(), M::UserId.into_iden()];
        index(m, "ux_identification_members_seat", M::Table, seat, true).await?;
        index(
            m,
            "ix_identification_members_user",
            M::Table,
            vec![M::UserId.into_iden()],
            false,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(B::Table)
                .col(pk_auto(B::Id))
                .col(integer(B::CouncilId))
                .col(integer(B::ProposalId))
                .col(integer(B::UserId))
                .col(text(B::Ballot))
                .col(timestamp_with_time_zone_null(B::CertifiedAt))
                .col(text_null(B::ConflictNote))
                .col(timestamp_with_time_zone_null(B::SubmittedAt))
                .col(timestamp_with_time_zone(B::UpdatedAt))
                .foreign_key(&mut fk((B::Table, B::CouncilId), (C::Table, C::Id)))
                .foreign_key(&mut fk(
                    (B::Table, B::ProposalId),
                    (Proposals::Table, Proposals::Id),
                ))
                .foreign_key(&mut fk((B::Table, B::UserId), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        let one = vec![
            B::CouncilId.into_iden(),
            B::ProposalId.into_iden(),
            B::UserId.into_iden(),
        ];
        index(m, "ux_identification_ballots_one", B::Table, one, true).await?;
        m.alter_table(
            Table::alter()
                .table(Proposals::Table)
                .add_column(integer_null(Proposals::CouncilId))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_proposals_council",
            Proposals::Table,
            vec![Proposals::CouncilId.into_iden()],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_proposals_council")
                .table(Proposals::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Proposals::Table)
                .drop_column(Proposals::CouncilId)
                .to_owned(),
        )
        .await?;
        for t in [
            IdentificationBallots::Table.into_iden(),
            IdentificationMembers::Table.into_iden(),
            IdentificationCouncils::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
