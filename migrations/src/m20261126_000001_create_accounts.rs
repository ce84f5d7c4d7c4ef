//! Organisations, people, their roles, sign-in sessions, API tokens, the sign-in throttle, the
//! one-time setup link and the audit trail.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    ShortName,
    TaxCode,
    Address,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    OrganisationId,
    Active,
    MustChangePassword,
    CreatedAt,
    PasswordChangedAt,
}

#[derive(DeriveIden)]
enum RoleGrants {
    Table,
    Id,
    UserId,
    Role,
    ScopeKind,
    ScopeId,
    GrantedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    Prefix,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    AccountKey,
    Ip,
    At,
}

#[derive(DeriveIden)]
enum SetupTokens {
    Table,
    Id,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    SubjectType,
    SubjectId,
    Detail,
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
                .table(Organisations::Table)
                .col(pk_auto(Organisations::Id))
                .col(string_len(Organisations::Name, 200))
                .col(string_len_null(Organisations::ShortName, 50))
                .col(string_len_null(Organisations::TaxCode, 20))
                .col(string_len_null(Organisations::Address, 300))
                .col(timestamp_with_time_zone(Organisations::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_organisations_name")
                .table(Organisations::Table)
                .col(Organisations::Name)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_auto(Users::Id))
                .col(string_len(Users::Email, 254))
                .col(string_len(Users::DisplayName, 200))
                .col(string_len(Users::PasswordHash, 200))
                .col(integer_null(Users::OrganisationId))
                .col(boolean(Users::Active).default(true))
                .col(boolean(Users::MustChangePassword).default(false))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::PasswordChangedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::OrganisationId)
                        .to(Organisations::Table, Organisations::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_users_email")
                .table(Users::Table)
                .col(Users::Email)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_users_display_name")
                .table(Users::Table)
                .col(Users::DisplayName)
                .to_owned(),
        )
        .await?;

        // Global grants store scope_id 0, so that the unique index below also holds for them
        // (NULLs are distinct in unique indexes on both SQLite and PostgreSQL).
        m.create_table(
            Table::create()
                .table(RoleGrants::Table)
                .col(pk_auto(RoleGrants::Id))
                .col(integer(RoleGrants::UserId))
                .col(string_len(RoleGrants::Role, 40))
                .col(string_len(RoleGrants::ScopeKind, 20))
                .col(big_integer(RoleGrants::ScopeId).default(0))
                .col(integer_null(RoleGrants::GrantedBy))
                .col(timestamp_with_time_zone(RoleGrants::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RoleGrants::Table, RoleGrants::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_role_grants_user_role_scope")
                .table(RoleGrants::Table)
                .col(RoleGrants::UserId)
                .col(RoleGrants::Role)
                .col(RoleGrants::ScopeKind)
                .col(RoleGrants::ScopeId)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(pk_auto(Sessions::Id))
                .col(string_len(Sessions::TokenHash, 64))
                .col(integer(Sessions::UserId))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_sessions_token_hash")
                .table(Sessions::Table)
                .col(Sessions::TokenHash)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(pk_auto(ApiTokens::Id))
                .col(integer(ApiTokens::UserId))
                .col(string_len(ApiTokens::Name, 100))
                .col(string_len(ApiTokens::TokenHash, 64))
                .col(string_len(ApiTokens::Prefix, 16))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_api_tokens_token_hash")
                .table(ApiTokens::Table)
                .col(ApiTokens::TokenHash)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_api_tokens_user")
                .table(ApiTokens::Table)
                .col(ApiTokens::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginFailures::Table)
                .col(pk_auto(LoginFailures::Id))
                .col(string_len(LoginFailures::AccountKey, 254))
                .col(string_len(LoginFailures::Ip, 64))
                .col(timestamp_with_time_zone(LoginFailures::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_login_failures_account_at", LoginFailures::AccountKey),
            ("ix_login_failures_ip_at", LoginFailures::Ip),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginFailures::Table)
                    .col(col)
                    .col(LoginFailures::At)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(SetupTokens::Table)
                .col(pk_auto(SetupTokens::Id))
                .col(string_len(SetupTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(SetupTokens::CreatedAt))
                .col(timestamp_with_time_zone(SetupTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(SetupTokens::UsedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_setup_tokens_token_hash")
                .table(SetupTokens::Table)
                .col(SetupTokens::TokenHash)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditEvents::Table)
                .col(big_pk_auto(AuditEvents::Id))
                .col(timestamp_with_time_zone(AuditEvents::At))
                .col(integer_null(AuditEvents::ActorUserId))
                .col(string_len(AuditEvents::Action, 60))
                .col(string_len(AuditEvents::SubjectType, 40))
                .col(big_integer(AuditEvents::SubjectId))
                .col(text(AuditEvents::Detail))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_events_subject")
                .table(AuditEvents::Table)
                .col(AuditEvents::SubjectType)
                .col(AuditEvents::SubjectId)
                .col(AuditEvents::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditEvents::Table.into_iden(),
            SetupTokens::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            RoleGrants::Table.into_iden(),
            Users::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
