//! Review councils, their members, dossiers, conflicts and score sheets; the expert database.

// Relations name their targets as `super::<table>`: the tables of every group are
// in scope here.
#[allow(unused_imports)]
use super::*;

pub mod council {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "councils")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub call_id: i32,
        pub name: String,
        /// `forming`, `scoring` or `closed`.
        pub status: String,
        pub rulebook_version: i32,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
        pub closed_at: Option<DateTimeUtc>,
        /// When it was constituted and scoring opened.
        pub scoring_opened_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod council_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "council_members")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub council_id: i32,
        pub user_id: i32,
        /// `domain::council::CouncilRole` code.
        pub role: String,
        /// `invited`, `accepted` or `declined`.
        pub invitation: String,
        pub present: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::user::Entity",
            from = "Column::UserId",
            to = "super::user::Column::Id"
        )]
        User,
    }

    impl Related<super::user::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::User.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod council_application {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "council_applications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub council_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub application_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod conflict {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "conflicts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub council_id: i32,
        pub application_id: i32,
        pub user_id: i32,
        /// JSON of `domain::council::ConflictReason`.
        pub reason: crate::db::json::Json<domain::council::ConflictReason>,
        /// `flagged`, `confirmed` or `dismissed`.
        pub status: String,
        pub note: String,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod score_sheet {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "score_sheets")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub council_id: i32,
        pub application_id: i32,
        pub user_id: i32,
        /// JSON of `domain::scoring::SheetEntry`.
        pub entry: crate::db::json::Json<domain::scoring::SheetEntry>,
        pub review: String,
        pub certified_at: Option<DateTimeUtc>,
        pub submitted_at: Option<DateTimeUtc>,
        pub from_paper: bool,
        pub entered_by: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod expert {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "experts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: Option<i32>,
        pub name: String,
        pub email: String,
        pub organisation: String,
        /// JSON list of fields of expertise.
        pub fields: crate::db::json::Json<Vec<String>>,
        pub degree: String,
        pub note: String,
        pub search_folded: String,
        pub search_key: String,
        pub active: bool,
        pub added_by: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// `pending` (the expert registered themselves), `approved` or `refused`
        /// (domain::registration::RequestState).
        pub state: String,
        pub reason: Option<String>,
        pub decided_by: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
