//! Progress reports, inspections, the close-out row, acceptance council members and amendments.

// Relations name their targets as `super::<table>`: the tables of every group are
// in scope here.
#[allow(unused_imports)]
use super::*;

pub mod progress_report {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "progress_reports")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        pub period: i32,
        /// `domain::execution::ReportStatus` code.
        pub status: String,
        /// True unless sent back (NULL then): one live report per period.
        pub live: Option<bool>,
        /// JSON `domain::execution::ProgressReport`.
        pub report: crate::db::json::Json<domain::execution::ProgressReport>,
        pub filed_by: i32,
        pub filed_at: DateTimeUtc,
        pub reviewed_by: Option<i32>,
        pub reviewed_at: Option<DateTimeUtc>,
        pub review_note: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod inspection {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "inspections")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        pub inspected_on: DateTimeUtc,
        pub findings: String,
        pub recorded_by: i32,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod closeout {
    use sea_orm::entity::prelude::*;

    /// One row per contract, filled stage by stage from the final report to closing.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "closeouts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contract_id: i32,
        pub final_report: String,
        /// JSON list of evidence per product.
        pub evidence: crate::db::json::Json<Vec<String>>,
        pub submitted_at: Option<DateTimeUtc>,
        pub self_evaluation: Option<crate::db::json::Json<domain::acceptance::Ballot>>,
        pub self_evaluated_by: Option<i32>,
        pub self_evaluated_at: Option<DateTimeUtc>,
        pub verdict: Option<crate::db::json::Json<domain::acceptance::Verdict>>,
        pub rating: Option<String>,
        pub concluded_by: Option<i32>,
        pub concluded_at: Option<DateTimeUtc>,
        pub termination_reason: String,
        pub terminated_by: Option<i32>,
        pub terminated_at: Option<DateTimeUtc>,
        pub failure_cause: Option<String>,
        pub compliance: Option<crate::db::json::Json<domain::settlement::Compliance>>,
        pub cause_evidence: String,
        pub cause_recorded_by: Option<i32>,
        pub cause_recorded_at: Option<DateTimeUtc>,
        pub exemption_granted: Option<bool>,
        pub exemption_reason: String,
        pub exemption_decided_by: Option<i32>,
        pub exemption_decided_at: Option<DateTimeUtc>,
        pub declaration: Option<crate::db::json::Json<domain::settlement::Declaration>>,
        pub declared_at: Option<DateTimeUtc>,
        pub settled_dong: Option<i64>,
        pub refund_dong: Option<i64>,
        pub release_dong: Option<i64>,
        /// Owed to the host after the settlement (`Statement::final_payment_dong`), and the
        /// tranche added to pay it.
        pub final_payment_dong: Option<i64>,
        pub final_tranche_seq: Option<i32>,
        pub settled_by: Option<i32>,
        pub settled_at: Option<DateTimeUtc>,
        pub certificate_number: Option<String>,
        pub registration: Option<crate::db::json::Json<domain::execution::Registration>>,
        pub registered_by: Option<i32>,
        pub registered_at: Option<DateTimeUtc>,
        pub closed_by: Option<i32>,
        pub closed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod acceptance_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "acceptance_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contract_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        pub role: String,
        /// JSON `domain::acceptance::Ballot`; NULL until voted.
        pub ballot: Option<crate::db::json::Json<domain::acceptance::Ballot>>,
        pub paper: bool,
        pub voted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod amendment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "amendments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        /// JSON `domain::amendment::Request`.
        pub request: crate::db::json::Json<domain::amendment::Request>,
        /// JSON `Baseline` (app::execution::api).
        pub baseline: crate::db::json::Json<domain::amendment::Baseline>,
        pub size: String,
        /// `pending`, `approved`, `rejected`.
        pub status: String,
        /// True while pending, NULL once decided (one pending per contract).
        pub pending: Option<bool>,
        pub version: Option<i32>,
        pub requested_by: i32,
        pub requested_at: DateTimeUtc,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub decision_note: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
