//! People reaching the system by themselves (docs/registration.md): a registration waiting for
//! its e-mail to be confirmed, an organisation asking to be recognised by its tax code, a
//! person asking to join an organisation as its staff; and each person's language for mail.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Lang,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    EmailKey,
    Ip,
    DisplayName,
    PasswordHash,
    Lang,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    UserId,
}

#[derive(DeriveIden)]
enum OrganisationRequests {
    Table,
    Id,
    UserId,
    TaxCode,
    Name,
    ShortName,
    Address,
    RepresentativeTitle,
    Phone,
    State,
    Reason,
    DecidedBy,
    DecidedAt,
    OrganisationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MembershipRequests {
    Table,
    Id,
    UserId,
    OrganisationId,
    State,
    Reason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

fn index(name: &str, table: impl IntoIden, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

fn to_user(table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(string_len(Users::Lang, 2).default("vi"))
                .to_owned(),
        )
        .await?;
        registrations(m).await?;
        organisation_requests(m).await?;
        membership_requests(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MembershipRequests::Table.into_iden(),
            OrganisationRequests::Table.into_iden(),
            Registrations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .drop_column(Users::Lang)
                .to_owned(),
        )
        .await
    }
}

async fn registrations(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(Registrations::Table)
            .col(pk_auto(Registrations::Id))
            .col(string_len(Registrations::EmailKey, 254))
            .col(string_len(Registrations::Ip, 64))
            .col(string_len(Registrations::DisplayName, 200))
            .col(string_len_null(Registrations::PasswordHash, 255))
            .col(string_len(Registrations::Lang, 2))
            .col(string_len_null(Registrations::TokenHash, 64).unique_key())
            .col(timestamp_with_time_zone(Registrations::CreatedAt))
            .col(timestamp_with_time_zone(Registrations::ExpiresAt))
            .col(timestamp_with_time_zone_null(Registrations::UsedAt))
            .col(integer_null(Registrations::UserId))
            .foreign_key(&mut to_user(Registrations::Table, Registrations::UserId))
            .to_owned(),
    )
    .await?;
    for (name, col) in [
        ("ix_registrations_email", Registrations::EmailKey),
        ("ix_registrations_ip", Registrations::Ip),
    ] {
        m.create_index(index(name, Registrations::Table, vec![col.into_iden()]))
            .await?;
    }
    Ok(())
}

async fn organisation_requests(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(OrganisationRequests::Table)
            .col(pk_auto(OrganisationRequests::Id))
            .col(integer(OrganisationRequests::UserId))
            .col(string_len(OrganisationRequests::TaxCode, 14))
            .col(string_len(OrganisationRequests::Name, 200))
            .col(string_len(OrganisationRequests::ShortName, 200))
            .col(string_len(OrganisationRequests::Address, 255))
            .col(string_len(OrganisationRequests::RepresentativeTitle, 255))
            .col(string_len(OrganisationRequests::Phone, 32))
            .col(string_len(OrganisationRequests::State, 16))
            .col(text_null(OrganisationRequests::Reason))
            .col(integer_null(OrganisationRequests::DecidedBy))
            .col(timestamp_with_time_zone_null(
                OrganisationRequests::DecidedAt,
            ))
            .col(integer_null(OrganisationRequests::OrganisationId))
            .col(timestamp_with_time_zone(OrganisationRequests::CreatedAt))
            .foreign_key(&mut to_user(
                OrganisationRequests::Table,
                OrganisationRequests::UserId,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(
                        OrganisationRequests::Table,
                        OrganisationRequests::OrganisationId,
                    )
                    .to(Organisations::Table, Organisations::Id),
            )
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "ix_organisation_requests_state",
        OrganisationRequests::Table,
        vec![
            OrganisationRequests::State.into_iden(),
            OrganisationRequests::CreatedAt.into_iden(),
        ],
    ))
    .await?;
    m.create_index(index(
        "ix_organisation_requests_user",
        OrganisationRequests::Table,
        vec![OrganisationRequests::UserId.into_iden()],
    ))
    .await
}

async fn membership_requests(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    m.create_table(
        Table::create()
            .table(MembershipRequests::Table)
            .col(pk_auto(MembershipRequests::Id))
            .col(integer(MembershipRequests::UserId))
            .col(integer(MembershipRequests::OrganisationId))
            .col(string_len(MembershipRequests::State, 16))
            .col(text_null(MembershipRequests::Reason))
            .col(integer_null(MembershipRequests::DecidedBy))
            .col(timestamp_with_time_zone_null(MembershipRequests::DecidedAt))
            .col(timestamp_with_time_zone(MembershipRequests::CreatedAt))
            .foreign_key(&mut to_user(
                MembershipRequests::Table,
                MembershipRequests::UserId,
            ))
            .foreign_key(
                ForeignKey::create()
                    .from(
                        MembershipRequests::Table,
                        MembershipRequests::OrganisationId,
                    )
                    .to(Organisations::Table, Organisations::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            )
            .to_owned(),
    )
    .await?;
    m.create_index(index(
        "ix_membership_requests_organisation",
        MembershipRequests::Table,
        vec![
            MembershipRequests::OrganisationId.into_iden(),
            MembershipRequests::State.into_iden(),
            MembershipRequests::CreatedAt.into_iden(),
        ],
    ))
    .await?;
    m.create_index(index(
        "ix_membership_requests_user",
        MembershipRequests::Table,
        vec![MembershipRequests::UserId.into_iden()],
    ))
    .await
}
