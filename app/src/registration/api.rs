//! The server functions of registration and of the requests to be recognised or to join.

use chrono::{DateTime, Utc};
use domain::registration::{OrganisationApplication, RequestState, Verdict};
use domain::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Requests per page.
pub const REQUESTS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationRequestView {
    pub id: i32,
    pub tax_code: String,
    pub name: String,
    pub short_name: String,
    pub address: String,
    pub representative: String,
    pub representative_title: String,
    pub representative_email: String,
    pub phone: String,
    pub state: RequestState,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MembershipRequestView {
    pub id: i32,
    pub person: String,
    pub email: String,
    pub organisation_id: i32,
    pub organisation: String,
    pub state: RequestState,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Where the signed-in person stands: their organisation, and their latest requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationStanding {
    pub organisation: Option<String>,
    pub organisation_request: Option<OrganisationRequestView>,
    pub membership_request: Option<MembershipRequestView>,
}

/// An organisation one may ask to join.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationChoice {
    pub id: i32,
    pub name: String,
    pub tax_code: String,
}

/// Registers a researcher: a confirmation link goes to the address. The answer is the same
/// whether the address already has an account (its owner is told by mail) or not.
#[server(prefix = "/api", endpoint = "auth/register", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn register(
    display_name: String,
    email: String,
    password: String,
    repeat: String,
    lang: Lang,
) -> Result<(), AppError> {
    crate::error::finish(signup::register(display_name, email, password, repeat, lang).await)
}

/// Confirms a registration's address from its link: the account is created, able to apply.
#[server(prefix = "/api", endpoint = "auth/confirm_email", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    crate::error::finish(signup::confirm(token).await)
}

/// My organisation and my requests to register one or to join one.
#[server(prefix = "/api", endpoint = "registration/mine", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_standing() -> Result<OrganisationStanding, AppError> {
    crate::error::finish(requests::mine().await)
}

/// Asks the department to recognise an organisation I represent.
#[server(prefix = "/api", endpoint = "registration/organisations/request", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn request_organisation(application: OrganisationApplication) -> Result<i32, AppError> {
    crate::error::finish(requests::request_organisation(application).await)
}

/// Organisations asking to be recognised, oldest first, by state.
#[server(prefix = "/api", endpoint = "registration/organisations/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn organisation_requests(
    state: RequestState,
    page: u64,
) -> Result<Page<OrganisationRequestView>, AppError> {
    crate::error::finish(requests::organisation_requests(state, page).await)
}

/// Approves (the organisation is created, its requester its representative) or refuses.
#[server(prefix = "/api", endpoint = "registration/organisations/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_organisation(id: i32, verdict: Verdict) -> Result<(), AppError> {
    crate::error::finish(requests::decide_organisation(id, verdict).await)
}

/// Organisations I may ask to join, by name or tax code.
#[server(prefix = "/api", endpoint = "registration/members/find", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn find_organisations(query: String) -> Result<Vec<OrganisationChoice>, AppError> {
    crate::error::finish(requests::find_organisations(query).await)
}

/// Asks to join an organisation as its staff.
#[server(prefix = "/api", endpoint = "registration/members/request", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn request_membership(organisation_id: i32) -> Result<i32, AppError> {
    crate::error::finish(requests::request_membership(organisation_id).await)
}

/// People asking to join the organisations I represent, oldest first, by state.
#[server(prefix = "/api", endpoint = "registration/members/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn membership_requests(
    state: RequestState,
    page: u64,
) -> Result<Page<MembershipRequestView>, AppError> {
    crate::error::finish(requests::membership_requests(state, page).await)
}

/// Approves (the person joins the organisation) or refuses.
#[server(prefix = "/api", endpoint = "registration/members/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_membership(id: i32, verdict: Verdict) -> Result<(), AppError> {
    crate::error::finish(requests::decide_membership(id, verdict).await)
}

#[cfg(feature = "ssr")]
use super::{requests, signup};
