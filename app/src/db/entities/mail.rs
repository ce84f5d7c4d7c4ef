pub mod mail_outbox {
    use sea_orm::entity::prelude::*;

    /// A message waiting to be sent, or sent (docs/notifications.md).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mail_outbox")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub to_address: String,
        pub to_name: String,
        pub subject: String,
        pub text_body: String,
        pub html_body: String,
        pub created_at: DateTimeUtc,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        /// The worker holding the row, until `claimed_until`.
        pub claim_token: Option<String>,
        pub claimed_until: Option<DateTimeUtc>,
        pub sent_at: Option<DateTimeUtc>,
        pub last_error: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod password_reset {
    use sea_orm::entity::prelude::*;

    /// A request to reset a password: for an address with an account, its link's token hash.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "password_resets")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// The address as asked, normalised (whether or not an account has it).
        pub email_key: String,
        pub ip: String,
        pub user_id: Option<i32>,
        /// SHA-256 of the link's token, hex; the token itself is never stored.
        pub token_hash: Option<String>,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
