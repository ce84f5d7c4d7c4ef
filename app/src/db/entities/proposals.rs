//! Proposal rounds and proposals for ordered tasks.

#[allow(unused_imports)]
use super::*;

pub mod proposal_round {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "proposal_rounds")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
        pub year: i32,
        pub opens_at: DateTimeUtc,
        pub closes_at: DateTimeUtc,
        /// The leader's decision approving the ordered list, once issued.
        pub decision_number: Option<String>,
        pub decided_at: Option<DateTimeUtc>,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod proposal {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "proposals")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub round_id: i32,
        pub proposer_id: i32,
        /// The organisation proposing, when its representative proposes.
        pub organisation_id: Option<i32>,
        /// `domain::proposal::ProposalStatus` code.
        pub status: String,
        pub form: crate::db::json::Json<domain::proposal::ProposalForm>,
        pub title: String,
        /// The title lower-cased with its diacritics (`domain::text::exact_key`): exact matches
        /// rank first in a round's list.
        pub title_key: String,
        /// Folded title and keywords (`domain::similarity`).
        pub search_folded: String,
        pub receipt_code: Option<String>,
        pub submitted_at: Option<DateTimeUtc>,
        pub recommendation: Option<crate::db::json::Json<domain::proposal::Recommendation>>,
        pub recommended_by: Option<i32>,
        pub recommended_at: Option<DateTimeUtc>,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub decision_reason: String,
        pub call_id: Option<i32>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
