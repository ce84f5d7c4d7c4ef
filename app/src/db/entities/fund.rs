//! The fund's accounts and transfers, contracts, tranches, payments and the leader's task decisions.

// Relations name their targets as `super::<table>`: the tables of every group are
// in scope here.
#[allow(unused_imports)]
use super::*;

pub mod fund_account {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "fund_accounts")]
    pub struct Model {
        /// `domain::ledger::Account::code`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub kind: String,
        pub contract_id: Option<i32>,
        pub limited: bool,
        /// The managing unit whose book the account is in; NULL: the fund's.
        pub unit_id: Option<i32>,
        pub debits_posted: i64,
        pub credits_posted: i64,
        pub debits_pending: i64,
        pub credits_pending: i64,
        /// The transfers on either side of the account, counted by the guarded write.
        pub transfers: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod fund_transfer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "fund_transfers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub key: String,
        pub debit: String,
        pub credit: String,
        pub amount_dong: i64,
        /// `posted`, `pending`, `post` or `void`.
        pub flow: String,
        pub pending_id: Option<i64>,
        pub by_user: i32,
        pub corrects: Option<i64>,
        pub contract_id: Option<i32>,
        pub document: String,
        pub note: String,
        pub at: DateTimeUtc,
        /// The managing unit whose book the transfer is in; NULL: the fund's.
        pub unit_id: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contract {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contracts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub application_id: i32,
        pub code: String,
        pub title: String,
        pub organisation_id: Option<i32>,
        pub leader_name: String,
        pub total_dong: i64,
        /// `draft`, `active`, `terminated`, `closed`.
        pub status: String,
        pub terms: crate::db::json::Json<domain::contract::Terms>,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
        pub signed_by: Option<i32>,
        pub signed_at: Option<DateTimeUtc>,
        /// When the first unfiled progress report falls due; NULL when none is expected.
        pub next_report_due_at: Option<DateTimeUtc>,
        /// The managing unit that pays the task from its own book; NULL: the fund.
        pub payer_unit_id: Option<i32>,
        /// The portal's search text (docs/portal.md), folded and as an exact key.
        pub search_folded: String,
        pub search_key: String,
        /// The field of science, from the dossier.
        pub field: String,
        /// The task's level, its call's (`TaskLevel::code`).
        pub level: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contract_tranche {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contract_tranches")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contract_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub seq: i32,
        pub amount_dong: i64,
        pub due_at: DateTimeUtc,
        pub condition: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod payment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "payments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        pub tranche_seq: i32,
        pub pending_transfer_id: i64,
        /// `pending`, `posted`, `voided`.
        pub status: String,
        /// True while pending or posted, NULL once voided (one live payment per tranche).
        pub live: Option<bool>,
        pub prepared_by: i32,
        pub prepared_at: DateTimeUtc,
        pub evidence: String,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod task_approval {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "task_approvals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub application_id: i32,
        /// JSON list of `domain::appraisal::LineChange`.
        pub changes: crate::db::json::Json<Vec<domain::appraisal::LineChange>>,
        pub approved_fund_dong: i64,
        pub appraised_by: i32,
        pub appraised_at: DateTimeUtc,
        /// `approved`, `rejected`, or NULL until the leader decides.
        pub decision: Option<String>,
        pub reasons: String,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        /// 1 for the first appraisal, one more for each redone: the leader decides on one.
        pub revision: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
