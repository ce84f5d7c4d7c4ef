//! Attachments' content, when kept in the database (docs/backups.md).

#[allow(unused_imports)]
use super::*;

pub mod stored_file {
    use sea_orm::entity::prelude::*;

    /// An attachment's content kept in the database (`STMS_FILE_STORE=database`), under its
    /// SHA-256: shared by every server instance on the database.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "stored_files")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub bytes: Vec<u8>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
