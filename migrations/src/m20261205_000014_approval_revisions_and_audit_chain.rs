//! What an approval was given on, and a tamper-evident audit trail (ARCHITECTURE.md, "Audit
//! trail"):
//! - `task_approvals.revision` counts appraisals; the leader's decision names the one it saw.
//! - `audit_events.{seq, prev_hash, hash}`: one chain over every event, in `seq` order; each
//!   event's hash covers its content and the previous event's hash. `audit_chain` holds the
//!   chain's head (its last `seq` and hash), so a deleted last event is noticed too.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TaskApprovals {
    Table,
    Revision,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Seq,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditChain {
    Table,
    Id,
    LastSeq,
    LastHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: TableRef, col: ColumnDef| {
            Table::alter().table(table).add_column(col).to_owned()
        };
        m.alter_table(add(
            TaskApprovals::Table.into_table_ref(),
            integer(TaskApprovals::Revision).default(1).to_owned(),
        ))
        .await?;
        for col in [
            big_integer_null(AuditEvents::Seq),
            string_len_null(AuditEvents::PrevHash, 64),
            string_len_null(AuditEvents::Hash, 64),
        ] {
            m.alter_table(add(AuditEvents::Table.into_table_ref(), col))
                .await?;
        }
        m.create_index(
            Index::create()
                .name("ux_audit_events_seq")
                .table(AuditEvents::Table)
                .col(AuditEvents::Seq)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(AuditChain::Table)
                .col(integer(AuditChain::Id).primary_key())
                .col(big_integer(AuditChain::LastSeq))
                .col(string_len(AuditChain::LastHash, 64))
                .to_owned(),
        )
        .await?;
        // The head before any event: `domain::audit::GENESIS`, 64 zeros. Events written before
        // this migration are numbered once, at the next start (app::audit::server::seal).
        m.exec_stmt(
            Query::insert()
                .into_table(AuditChain::Table)
                .columns([AuditChain::Id, AuditChain::LastSeq, AuditChain::LastHash])
                .values_panic([1.into(), 0i64.into(), "0".repeat(64).into()])
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AuditChain::Table).to_owned())
            .await?;
        m.drop_index(
            Index::drop()
                .name("ux_audit_events_seq")
                .table(AuditEvents::Table)
                .to_owned(),
        )
        .await?;
        for col in [AuditEvents::Seq, AuditEvents::PrevHash, AuditEvents::Hash] {
            m.alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(TaskApprovals::Table)
                .drop_column(TaskApprovals::Revision)
                .to_owned(),
        )
        .await
    }
}
