//! The action programme's indicators and their entered figures (docs/programme.md).

#[allow(unused_imports)]
use super::*;

pub mod indicator {
    use sea_orm::entity::prelude::*;

    /// One indicator of the programme's catalogue: its target (in hundredths, see
    /// `domain::programme`), where its figures come from, who answers for them.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicators")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub code: String,
        pub name: String,
        pub name_en: String,
        pub unit: String,
        pub unit_en: String,
        pub comparison: String,
        pub target: i64,
        pub target_year: i32,
        pub source: String,
        pub responsible_unit_id: Option<i32>,
        pub public: bool,
        pub position: i32,
        pub updated_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod indicator_figure {
    use sea_orm::entity::prelude::*;

    /// A year's figure as a responsible unit entered it, with its evidence (a file in the
    /// `FileStore`), and the department's decision. Never changed but by that decision; a
    /// correction is a new row.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicator_figures")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub indicator_id: i32,
        pub year: i32,
        pub value: i64,
        pub note: String,
        pub evidence_sha256: String,
        pub evidence_name: String,
        pub evidence_type: String,
        pub evidence_bytes: i64,
        pub state: String,
        pub entered_by: i32,
        pub entered_at: DateTimeUtc,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
