//! Single sign-on (docs/sign-on.md).

#[allow(unused_imports)]
use super::*;

pub mod user_identity {
    use sea_orm::entity::prelude::*;

    /// An identity of an OpenID Connect provider (its issuer and the person's `sub` there)
    /// linked to an account: how the person is known at the next sign-in, whatever their
    /// address has become. One a provider and account.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_identities")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub issuer: String,
        pub subject: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod sign_on_attempt {
    use sea_orm::entity::prelude::*;

    /// A sign-in sent to the provider and not back yet: found by its state's SHA-256 and
    /// deleted when it comes back, so it finishes once.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sign_on_attempts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub state_hash: String,
        /// The PKCE code verifier, sent with the code and nowhere else.
        pub verifier: String,
        pub nonce: String,
        /// The same-site page to go on to.
        pub next_path: String,
        pub ip: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
