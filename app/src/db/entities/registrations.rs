//! People reaching the system by themselves (docs/registration.md).

#[allow(unused_imports)]
use super::*;

pub mod registration {
    use sea_orm::entity::prelude::*;

    /// A registration waiting for its address to be confirmed. When the address already has an
    /// account no password and no token are kept: its owner is told by mail instead.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "registrations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub email_key: String,
        pub ip: String,
        pub display_name: String,
        pub password_hash: Option<String>,
        pub lang: String,
        /// SHA-256 of the confirmation link's token, hex.
        pub token_hash: Option<String>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
        /// The account the confirmation created.
        pub user_id: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod organisation_request {
    use sea_orm::entity::prelude::*;

    /// An organisation asking to be recognised, by its tax code; the person asking becomes its
    /// representative's account when the department approves.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "organisation_requests")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub tax_code: String,
        pub name: String,
        pub short_name: String,
        pub address: String,
        pub representative_title: String,
        pub phone: String,
        /// `pending`, `approved` or `refused` (domain::registration::RequestState).
        pub state: String,
        pub reason: Option<String>,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub organisation_id: Option<i32>,
        pub created_at: DateTimeUtc,
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

pub mod membership_request {
    use sea_orm::entity::prelude::*;

    /// A person asking to join an organisation as its staff, decided by its representative.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "membership_requests")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub organisation_id: i32,
        pub state: String,
        pub reason: Option<String>,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
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
