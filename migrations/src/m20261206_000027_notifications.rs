//! Notifications in the app (docs/notifications.md): one row per person and event, read or
//! not, with the page it links to; a row waiting for the person's daily digest is marked so the
//! digest finds it by an index. Each person's choice per kind of notification.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    TextVi,
    TextEn,
    Link,
    CreatedAt,
    ReadAt,
    DigestPending,
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    UserId,
    Kind,
    Delivery,
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
                .table(Notifications::Table)
                .col(pk_auto(Notifications::Id))
                .col(integer(Notifications::UserId))
                .col(string_len(Notifications::Kind, 40))
                .col(text(Notifications::TextVi))
                .col(text(Notifications::TextEn))
                .col(string_len(Notifications::Link, 300))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .col(boolean(Notifications::DigestPending).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(Notifications::Table, Notifications::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // A person's list, newest first, and their unread count.
        m.create_index(
            Index::create()
                .name("ix_notifications_user")
                .table(Notifications::Table)
                .col(Notifications::UserId)
                .col(Notifications::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_notifications_unread")
                .table(Notifications::Table)
                .col(Notifications::UserId)
                .col(Notifications::ReadAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_notifications_digest")
                .table(Notifications::Table)
                .col(Notifications::DigestPending)
                .col(Notifications::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(NotificationPreferences::Table)
                .col(integer(NotificationPreferences::UserId))
                .col(string_len(NotificationPreferences::Kind, 40))
                .col(string_len(NotificationPreferences::Delivery, 20))
                .primary_key(
                    Index::create()
                        .col(NotificationPreferences::UserId)
                        .col(NotificationPreferences::Kind),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            NotificationPreferences::Table,
                            NotificationPreferences::UserId,
                        )
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table(NotificationPreferences::Table)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}
