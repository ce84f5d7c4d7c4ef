//! The server functions of a person's notifications.

use chrono::{DateTime, Utc};
use domain::notice::{Delivery, Kind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Notifications per page.
pub const NOTIFICATIONS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NotificationView {
    pub id: i32,
    pub kind: Kind,
    pub text_vi: String,
    pub text_en: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PreferenceView {
    pub kind: Kind,
    pub delivery: Delivery,
    /// The rules make this kind reach the person by mail: `Off` is refused.
    pub mandatory: bool,
}

/// My notifications, newest first.
#[server(prefix = "/api", endpoint = "notifications/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_notifications(page: u64) -> Result<Page<NotificationView>, AppError> {
    crate::error::finish(server::list(page).await)
}

/// How many of my notifications are unread.
#[server(prefix = "/api", endpoint = "notifications/unread", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn unread_notifications() -> Result<u64, AppError> {
    crate::error::finish(server::unread().await)
}

/// Marks one of my notifications read, or all of them (`id` empty); answers how many changed.
#[server(prefix = "/api", endpoint = "notifications/read", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn mark_notifications_read(id: Option<i32>) -> Result<u64, AppError> {
    crate::error::finish(server::mark_read(id).await)
}

/// How each kind of notification reaches me by mail.
#[server(prefix = "/api", endpoint = "notifications/preferences", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn notification_preferences() -> Result<Vec<PreferenceView>, AppError> {
    crate::error::finish(server::preferences().await)
}

/// Chooses how one kind of notification reaches me by mail.
#[server(prefix = "/api", endpoint = "notifications/prefer", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn set_notification_preference(kind: Kind, delivery: Delivery) -> Result<(), AppError> {
    crate::error::finish(server::prefer(kind, delivery).await)
}

#[cfg(feature = "ssr")]
use super::server;
