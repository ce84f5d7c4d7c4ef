//! Migrations, applied in order at server start. Each has `up` and `down`.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_accounts;
mod m20261126_000002_create_calls;
mod m20261126_000003_create_applications;
mod m20261126_000004_create_attachments;
mod m20261126_000005_create_cvs_and_org_details;
mod m20261126_000006_create_application_members;
mod m20261126_000007_create_councils;
mod m20261126_000008_add_received_at;
mod m20261126_000009_create_experts;
mod m20261126_000010_create_fund_ledger;
mod m20261126_000011_create_task_approvals;
mod m20261126_000012_create_task_execution;
mod m20261126_000013_create_amendments;
mod m20261205_000014_approval_revisions_and_audit_chain;
mod m20261205_000015_final_payments;
mod m20261205_000016_direct_assignment;
mod m20261205_000017_create_proposals;
mod m20261205_000018_rulebook_levels;
mod m20261205_000019_application_revisions;
mod m20261206_000020_managing_units;
mod m20261206_000021_proposal_title_key;
mod m20261206_000022_identification_councils;
mod m20261206_000023_unit_rulebooks;
mod m20261206_000024_task_kinds;
mod m20261206_000025_unit_books;
mod m20261206_000026_mail_outbox;
mod m20261206_000027_notifications;
mod m20261207_000028_registrations;
mod m20261207_000029_reminders;
mod m20261207_000030_letters;
mod m20261207_000031_expert_applications;
mod m20261207_000032_sign_on;
mod m20261207_000033_scoring_opened;
mod m20261207_000034_portal_search;
mod m20261207_000035_stored_files;
mod m20261207_000036_programme_indicators;
mod m20261207_000037_contract_level;
mod m20261207_000038_ledger_counts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_accounts::Migration),
            Box::new(m20261126_000002_create_calls::Migration),
            Box::new(m20261126_000003_create_applications::Migration),
            Box::new(m20261126_000004_create_attachments::Migration),
            Box::new(m20261126_000005_create_cvs_and_org_details::Migration),
            Box::new(m20261126_000006_create_application_members::Migration),
            Box::new(m20261126_000007_create_councils::Migration),
            Box::new(m20261126_000008_add_received_at::Migration),
            Box::new(m20261126_000009_create_experts::Migration),
            Box::new(m20261126_000010_create_fund_ledger::Migration),
            Box::new(m20261126_000011_create_task_approvals::Migration),
            Box::new(m20261126_000012_create_task_execution::Migration),
            Box::new(m20261126_000013_create_amendments::Migration),
            Box::new(m20261205_000014_approval_revisions_and_audit_chain::Migration),
            Box::new(m20261205_000015_final_payments::Migration),
            Box::new(m20261205_000016_direct_assignment::Migration),
            Box::new(m20261205_000017_create_proposals::Migration),
            Box::new(m20261205_000018_rulebook_levels::Migration),
            Box::new(m20261205_000019_application_revisions::Migration),
            Box::new(m20261206_000020_managing_units::Migration),
            Box::new(m20261206_000021_proposal_title_key::Migration),
            Box::new(m20261206_000022_identification_councils::Migration),
            Box::new(m20261206_000023_unit_rulebooks::Migration),
            Box::new(m20261206_000024_task_kinds::Migration),
            Box::new(m20261206_000025_unit_books::Migration),
            Box::new(m20261206_000026_mail_outbox::Migration),
            Box::new(m20261206_000027_notifications::Migration),
            Box::new(m20261207_000028_registrations::Migration),
            Box::new(m20261207_000029_reminders::Migration),
            Box::new(m20261207_000030_letters::Migration),
            Box::new(m20261207_000031_expert_applications::Migration),
            Box::new(m20261207_000032_sign_on::Migration),
            Box::new(m20261207_000033_scoring_opened::Migration),
            Box::new(m20261207_000034_portal_search::Migration),
            Box::new(m20261207_000035_stored_files::Migration),
            Box::new(m20261207_000036_programme_indicators::Migration),
            Box::new(m20261207_000037_contract_level::Migration),
            Box::new(m20261207_000038_ledger_counts::Migration),
        ]
    }
}
