//! Single sign-on (docs/sign-on.md): the identities of a provider linked to accounts, and the
//! sign-ins on their way through the provider (each one's state, PKCE verifier and nonce, kept
//! here rather than in the browser so that any server instance can finish it, once).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserIdentities {
    Table,
    Id,
    UserId,
    Issuer,
    Subject,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignOnAttempts {
    Table,
    Id,
    StateHash,
    Verifier,
    Nonce,
    NextPath,
    Ip,
    CreatedAt,
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut ix = Index::create();
    ix.name(name).table(table);
    for c in cols {
        ix.col(c);
    }
    if unique {
        ix.unique();
    }
    m.create_index(ix.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(UserIdentities::Table)
                .col(pk_auto(UserIdentities::Id))
                .col(integer(UserIdentities::UserId))
                .col(string_len(UserIdentities::Issuer, 500))
                .col(string_len(UserIdentities::Subject, 255))
                .col(timestamp_with_time_zone(UserIdentities::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserIdentities::Table, UserIdentities::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_user_identities_subject",
            UserIdentities::Table,
            vec![
                UserIdentities::Issuer.into_iden(),
                UserIdentities::Subject.into_iden(),
            ],
            true,
        )
        .await?;
        index(
            m,
            "ux_user_identities_user",
            UserIdentities::Table,
            vec![
                UserIdentities::UserId.into_iden(),
                UserIdentities::Issuer.into_iden(),
            ],
            true,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(SignOnAttempts::Table)
                .col(pk_auto(SignOnAttempts::Id))
                .col(string_len(SignOnAttempts::StateHash, 64))
                .col(string_len(SignOnAttempts::Verifier, 128))
                .col(string_len(SignOnAttempts::Nonce, 128))
                .col(string_len(SignOnAttempts::NextPath, 500))
                .col(string_len(SignOnAttempts::Ip, 64))
                .col(timestamp_with_time_zone(SignOnAttempts::CreatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_sign_on_attempts_state",
            SignOnAttempts::Table,
            vec![SignOnAttempts::StateHash.into_iden()],
            true,
        )
        .await?;
        index(
            m,
            "ix_sign_on_attempts_ip",
            SignOnAttempts::Table,
            vec![
                SignOnAttempts::Ip.into_iden(),
                SignOnAttempts::CreatedAt.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            m,
            "ix_sign_on_attempts_created",
            SignOnAttempts::Table,
            vec![SignOnAttempts::CreatedAt.into_iden()],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignOnAttempts::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(UserIdentities::Table).to_owned())
            .await
    }
}
