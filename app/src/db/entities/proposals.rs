//! Proposal rounds, proposals for ordered tasks and the identification councils that judge them.

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
        /// The identification council it sits before.
        pub council_id: Option<i32>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod identification_council {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "identification_councils")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub round_id: i32,
        pub name: String,
        /// `domain::council::CouncilState` code.
        pub status: String,
        pub rulebook_version: i32,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
        pub closed_at: Option<DateTimeUtc>,
        /// When it was constituted and voting opened.
        pub scoring_opened_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod identification_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "identification_members")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub council_id: i32,
        pub user_id: i32,
        /// `domain::council::CouncilRole` code.
        pub role: String,
        /// `domain::council::Invitation` code.
        pub invitation: String,
        pub present: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod identification_ballot {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "identification_ballots")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub council_id: i32,
        pub proposal_id: i32,
        pub user_id: i32,
        pub ballot: crate::db::json::Json<domain::identification::Ballot>,
        pub certified_at: Option<DateTimeUtc>,
        /// A conflict the member declared: they do not vote on the proposal.
        pub conflict_note: Option<String>,
        pub submitted_at: Option<DateTimeUtc>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
