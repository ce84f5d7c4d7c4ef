//! The home pages: the person's to-do list and the open calls.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// One thing the person should do, with where to do it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Todo {
    /// The account still has the temporary password an administrator gave it.
    ChangeTemporaryPassword,
    /// There is no organisation yet: researchers and hosts cannot be attached to any.
    CreateFirstOrganisation,
    /// Active accounts without any role can do nothing yet.
    AssignRoles { users_without_roles: u64 },
    /// The researcher's dossiers returned for correction and not yet resubmitted.
    CorrectReturnedApplications { count: u64 },
    /// Submitted dossiers waiting for an officer's validity check.
    CheckSubmittedApplications { count: u64 },
    /// A researcher whose scientific CV is missing or incomplete cannot submit.
    CompleteCv,
    /// Dossiers waiting for the host organisation's confirmation.
    ConfirmApplications { count: u64 },
    /// Payments the accountant prepared, waiting for a director.
    ApprovePayments { count: u64 },
    /// Appraised tasks waiting for the leader's approval.
    ApproveTasks { count: u64 },
    /// Running tasks whose progress report is past due (`first`: the oldest contract's id).
    OverdueReports { count: u64, first: i32 },
    /// Progress reports waiting for the officer's review.
    ReviewReports { count: u64, first: i32 },
    /// Acceptance councils waiting for this member's ballot.
    CastBallots { count: u64, first: i32 },
    /// Exemption decisions and settlements waiting for the leader.
    DecideCloseouts { count: u64, first: i32 },
    /// Refunds due from hosts after settlement.
    RecordRefunds { count: u64, first: i32 },
    /// Contract amendments this person may approve.
    DecideAmendments { count: u64, first: i32 },
    /// Identification councils waiting on this member: a seat to answer or ballots to fill.
    JudgeProposals { count: u64, first: i32 },
    /// Selection councils waiting on this member: a seat to answer or score sheets to submit.
    ScoreApplications { count: u64, first: i32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OpenCall {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub summary: String,
    pub level: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub budget_dong: i64,
}

/// Open calls per page on the public home page.
pub const CALLS_PER_PAGE: u64 = 10;

#[server(prefix = "/api", endpoint = "home/todos", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_todos() -> Result<Vec<Todo>, AppError> {
    crate::error::finish(server::my_todos().await)
}

/// Published calls open right now (by server time), soonest deadline first. Public.
#[server(prefix = "/api", endpoint = "public/open_calls", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn open_calls(page: u64) -> Result<Page<OpenCall>, AppError> {
    crate::error::finish(server::open_calls(page).await)
}

#[cfg(feature = "ssr")]
use super::server;
