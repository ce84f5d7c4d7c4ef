//! Dossiers, their versions, decisions, attachments, members and the researcher's CV.

// Relations name their targets as `super::<table>`: the tables of every group are
// in scope here.
#[allow(unused_imports)]
use super::*;

pub mod application {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "applications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub call_id: i32,
        pub applicant_id: i32,
        pub organisation_id: Option<i32>,
        pub title: String,
        pub title_folded: String,
        pub title_key: String,
        /// JSON of `domain::application::ApplicationForm`.
        pub form: crate::db::json::Json<domain::application::ApplicationForm>,
        pub status: String,
        pub correction_deadline: Option<DateTimeUtc>,
        pub receipt_code: Option<String>,
        pub receipt_year: Option<i32>,
        pub receipt_sequence: Option<i32>,
        /// How many times it has been submitted.
        pub version: i32,
        pub submitted_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// When the department received it (at submission, or at the host's confirmation).
        pub received_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::call::Entity",
            from = "Column::CallId",
            to = "super::call::Column::Id"
        )]
        Call,
        #[sea_orm(
            belongs_to = "super::organisation::Entity",
            from = "Column::OrganisationId",
            to = "super::organisation::Column::Id"
        )]
        Organisation,
    }

    impl Related<super::call::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Call.def()
        }
    }

    impl Related<super::organisation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Organisation.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod application_version {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "application_versions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub application_id: i32,
        pub version: i32,
        pub form: crate::db::json::Json<domain::application::ApplicationForm>,
        pub submitted_at: DateTimeUtc,
        /// JSON list of `domain::attachment::AttachedFile`.
        pub attachments: crate::db::json::Json<Vec<domain::attachment::AttachedFile>>,
        /// JSON of the applicant's `domain::cv::ScientificCv` when submitted.
        pub cv: Option<crate::db::json::Json<domain::cv::ScientificCv>>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod application_decision {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "application_decisions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub application_id: i32,
        /// `valid`, `invalid` or `returned`.
        pub decision: String,
        pub reasons: String,
        pub deadline: Option<DateTimeUtc>,
        pub decided_by: i32,
        pub decided_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod attachment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "attachments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub application_id: i32,
        /// The required document it answers; empty for other documents.
        pub document: String,
        pub file_name: String,
        pub content_type: String,
        pub size_bytes: i64,
        /// SHA-256 of the content, hex: also the key in the file storage.
        pub sha256: String,
        pub uploaded_by: i32,
        pub uploaded_at: DateTimeUtc,
        pub removed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod researcher_cv {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "researcher_cvs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        /// JSON of `domain::cv::ScientificCv`.
        pub content: crate::db::json::Json<domain::cv::ScientificCv>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod application_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "application_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub application_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod application_revision {
    use sea_orm::entity::prelude::*;

    /// The selection council's requests on a dossier it passed and the revision sent
    /// (`domain::revision`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "application_revisions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub application_id: i32,
        pub requests: String,
        pub requested_by: i32,
        pub requested_at: DateTimeUtc,
        /// The version the council reviewed.
        pub version_before: i32,
        pub revised_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
