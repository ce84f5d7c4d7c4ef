//! sea-orm entities, one module a table; the migrations crate owns the schema.

pub mod organisation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "organisations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        pub short_name: Option<String>,
        pub tax_code: Option<String>,
        pub address: Option<String>,
        pub created_at: DateTimeUtc,
        /// Legal representative (người đại diện theo pháp luật) and their title.
        pub representative: Option<String>,
        pub representative_title: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub bank_account: Option<String>,
        pub bank_name: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod user {
    use sea_orm::entity::prelude::*;

    /// Never `Serialize`: the password hash must not leave the server.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub email: String,
        pub display_name: String,
        pub password_hash: String,
        pub organisation_id: Option<i32>,
        pub active: bool,
        pub must_change_password: bool,
        pub created_at: DateTimeUtc,
        pub password_changed_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::organisation::Entity",
            from = "Column::OrganisationId",
            to = "super::organisation::Column::Id"
        )]
        Organisation,
    }

    impl Related<super::organisation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Organisation.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod role_grant {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "role_grants")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub role: String,
        pub scope_kind: String,
        /// 0 for a global grant (see the migration).
        pub scope_id: i64,
        pub granted_by: Option<i32>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}

    impl Model {
        /// The domain grant, or `None` for a row no current code would write.
        pub fn grant(&self) -> Option<domain::roles::RoleGrant> {
            let role = domain::roles::Role::from_code(&self.role)?;
            let id = (self.scope_kind != "global").then_some(self.scope_id);
            let scope = domain::roles::Scope::from_parts(&self.scope_kind, id)?;
            Some(domain::roles::RoleGrant { role, scope })
        }
    }
}

pub mod session {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// SHA-256 of the cookie's token, hex: the token itself is never stored.
        pub token_hash: String,
        pub user_id: i32,
        pub created_at: DateTimeUtc,
        pub last_seen_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod api_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub name: String,
        pub token_hash: String,
        /// The first characters of the token, to tell tokens apart in the list.
        pub prefix: String,
        pub created_at: DateTimeUtc,
        pub last_used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod login_failure {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_failures")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub account_key: String,
        pub ip: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod setup_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "setup_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_event {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub at: DateTimeUtc,
        pub actor_user_id: Option<i32>,
        pub action: String,
        pub subject_type: String,
        pub subject_id: i64,
        /// JSON describing what changed.
        pub detail: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod rulebook {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "rulebooks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub version: i32,
        /// JSON of `domain::rulebook::Rulebook`.
        pub content: String,
        pub created_at: DateTimeUtc,
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
        /// JSON arrays.
        pub fields: String,
        pub priority_areas: String,
        pub required_documents: String,
        pub opens_at: DateTimeUtc,
        pub closes_at: DateTimeUtc,
        pub budget_dong: i64,
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
        pub form: String,
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
        pub form: String,
        pub submitted_at: DateTimeUtc,
        /// JSON list of `domain::attachment::AttachedFile`.
        pub attachments: String,
        /// JSON of the applicant's `domain::cv::ScientificCv` when submitted.
        pub cv: Option<String>,
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
        pub content: String,
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
        pub reason: String,
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
        pub entry: String,
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
        pub fields: String,
        pub degree: String,
        pub note: String,
        pub search_folded: String,
        pub search_key: String,
        pub active: bool,
        pub added_by: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod fund_account {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "fund_accounts")]
    pub struct Model {
        /// `domain::ledger::Account::code`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub kind: String,
        pub contract_id: Option<i32>,
        pub limited: bool,
        pub debits_posted: i64,
        pub credits_posted: i64,
        pub debits_pending: i64,
        pub credits_pending: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod fund_transfer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "fund_transfers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub key: String,
        pub debit: String,
        pub credit: String,
        pub amount_dong: i64,
        /// `posted`, `pending`, `post` or `void`.
        pub flow: String,
        pub pending_id: Option<i64>,
        pub by_user: i32,
        pub corrects: Option<i64>,
        pub contract_id: Option<i32>,
        pub document: String,
        pub note: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contract {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contracts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub application_id: i32,
        pub code: String,
        pub title: String,
        pub organisation_id: Option<i32>,
        pub leader_name: String,
        pub total_dong: i64,
        /// `draft`, `active`, `terminated`, `closed`.
        pub status: String,
        pub terms: String,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
        pub signed_by: Option<i32>,
        pub signed_at: Option<DateTimeUtc>,
        /// When the first unfiled progress report falls due; NULL when none is expected.
        pub next_report_due_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contract_tranche {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "contract_tranches")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contract_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub seq: i32,
        pub amount_dong: i64,
        pub due_at: DateTimeUtc,
        pub condition: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod payment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "payments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        pub tranche_seq: i32,
        pub pending_transfer_id: i64,
        /// `pending`, `posted`, `voided`.
        pub status: String,
        /// True while pending or posted, NULL once voided (one live payment per tranche).
        pub live: Option<bool>,
        pub prepared_by: i32,
        pub prepared_at: DateTimeUtc,
        pub evidence: String,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod task_approval {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "task_approvals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub application_id: i32,
        /// JSON list of `domain::appraisal::LineChange`.
        pub changes: String,
        pub approved_fund_dong: i64,
        pub appraised_by: i32,
        pub appraised_at: DateTimeUtc,
        /// `approved`, `rejected`, or NULL until the leader decides.
        pub decision: Option<String>,
        pub reasons: String,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod progress_report {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "progress_reports")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        pub period: i32,
        /// `domain::execution::ReportStatus` code.
        pub status: String,
        /// True unless sent back (NULL then): one live report per period.
        pub live: Option<bool>,
        /// JSON `domain::execution::ProgressReport`.
        pub report: String,
        pub filed_by: i32,
        pub filed_at: DateTimeUtc,
        pub reviewed_by: Option<i32>,
        pub reviewed_at: Option<DateTimeUtc>,
        pub review_note: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod inspection {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "inspections")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        pub inspected_on: DateTimeUtc,
        pub findings: String,
        pub recorded_by: i32,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod closeout {
    use sea_orm::entity::prelude::*;

    /// One row per contract, filled stage by stage from the final report to closing.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "closeouts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contract_id: i32,
        pub final_report: String,
        /// JSON list of evidence per product.
        pub evidence: String,
        pub submitted_at: Option<DateTimeUtc>,
        pub self_evaluation: Option<String>,
        pub self_evaluated_by: Option<i32>,
        pub self_evaluated_at: Option<DateTimeUtc>,
        pub verdict: Option<String>,
        pub rating: Option<String>,
        pub concluded_by: Option<i32>,
        pub concluded_at: Option<DateTimeUtc>,
        pub termination_reason: String,
        pub terminated_by: Option<i32>,
        pub terminated_at: Option<DateTimeUtc>,
        pub failure_cause: Option<String>,
        pub compliance: Option<String>,
        pub cause_evidence: String,
        pub cause_recorded_by: Option<i32>,
        pub cause_recorded_at: Option<DateTimeUtc>,
        pub exemption_granted: Option<bool>,
        pub exemption_reason: String,
        pub exemption_decided_by: Option<i32>,
        pub exemption_decided_at: Option<DateTimeUtc>,
        pub declaration: Option<String>,
        pub declared_at: Option<DateTimeUtc>,
        pub settled_dong: Option<i64>,
        pub refund_dong: Option<i64>,
        pub release_dong: Option<i64>,
        pub settled_by: Option<i32>,
        pub settled_at: Option<DateTimeUtc>,
        pub certificate_number: Option<String>,
        pub registration: Option<String>,
        pub registered_by: Option<i32>,
        pub registered_at: Option<DateTimeUtc>,
        pub closed_by: Option<i32>,
        pub closed_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod acceptance_member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "acceptance_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub contract_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        pub role: String,
        /// JSON `domain::acceptance::Ballot`; NULL until voted.
        pub ballot: Option<String>,
        pub paper: bool,
        pub voted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod amendment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "amendments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub contract_id: i32,
        /// JSON `domain::amendment::Request`.
        pub request: String,
        /// JSON `Baseline` (app::execution::api).
        pub baseline: String,
        pub size: String,
        /// `pending`, `approved`, `rejected`.
        pub status: String,
        /// True while pending, NULL once decided (one pending per contract).
        pub pending: Option<bool>,
        pub version: Option<i32>,
        pub requested_by: i32,
        pub requested_at: DateTimeUtc,
        pub decided_by: Option<i32>,
        pub decided_at: Option<DateTimeUtc>,
        pub decision_note: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
