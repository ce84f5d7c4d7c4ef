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

pub mod notification {
    use sea_orm::entity::prelude::*;

    /// One event for one person, in the app (docs/notifications.md).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        /// `domain::notice::Kind::code`.
        pub kind: String,
        pub text_vi: String,
        pub text_en: String,
        pub link: String,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
        /// Waiting to go out in the person's daily digest.
        pub digest_pending: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod notification_preference {
    use sea_orm::entity::prelude::*;

    /// A person's choice for one kind (`domain::notice::Delivery::code`); none: at once.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_preferences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        pub delivery: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reminder_sent {
    use sea_orm::entity::prelude::*;

    /// A reminder sent: its kind, the record it is about, the moment it reminds of and its
    /// stage (domain::reminder), unique together.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "reminders_sent")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub kind: String,
        pub subject_id: i64,
        pub moment: DateTimeUtc,
        pub stage: i32,
        pub sent_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod letter {
    use sea_orm::entity::prelude::*;

    /// A letter to an applicant of a call, as it was sent (docs/notifications.md, "Letters").
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "letters")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub call_id: i32,
        pub application_id: i32,
        pub user_id: i32,
        pub to_address: String,
        pub subject: String,
        pub body: String,
        pub sent_by: i32,
        pub sent_at: DateTimeUtc,
        /// How many times it was sent again.
        pub resent: i32,
        pub last_sent_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
