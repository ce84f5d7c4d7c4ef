//! Rulebook versions and calls.

// Relations name their targets as `super::<table>`: the tables of every group are
// in scope here.
#[allow(unused_imports)]
use super::*;

pub mod rulebook {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rulebooks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub version: i32,
        /// JSON of `domain::rulebook::Rulebook`.
        pub content: crate::db::json::Json<domain::rulebook::Rulebook>,
        pub created_at: DateTimeUtc,
        /// `domain::call::TaskLevel` code: the line of versions it belongs to.
        pub level: String,
        /// The managing unit whose own grassroots line it belongs to (none: the level's line).
        pub unit_id: Option<i32>,
        /// The `domain::call::TaskKind` code of a type's own line (none: every type).
        pub task_kind: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod call {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "calls")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub code: String,
        pub year: i32,
        pub sequence: i32,
        pub title: String,
        /// `domain::text::fold(title)`, for diacritic-insensitive search.
        pub title_folded: String,
        /// `domain::text::exact_key(title)`, to rank exact-diacritic matches first.
        pub title_key: String,
        pub summary: String,
        pub level: String,
        pub formation: String,
        /// `domain::call::TaskKind` code.
        pub task_kind: String,
        /// JSON arrays.
        pub fields: crate::db::json::Json<Vec<String>>,
        pub priority_areas: crate::db::json::Json<Vec<String>>,
        pub required_documents: crate::db::json::Json<Vec<String>>,
        pub opens_at: DateTimeUtc,
        pub closes_at: DateTimeUtc,
        pub budget_dong: i64,
        /// A direct assignment's one host organisation (`CallForm::designated_organisation_id`).
        pub designated_organisation_id: Option<i32>,
        /// The managing unit that runs the call and everything that comes of it; none for the
        /// department (docs/roles.md).
        pub managing_unit_id: Option<i32>,
        /// Pinned at publication.
        pub rulebook_version: Option<i32>,
        pub status: String,
        pub published_at: Option<DateTimeUtc>,
        pub created_by: Option<i32>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
