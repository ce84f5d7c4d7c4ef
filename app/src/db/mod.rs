//! Database entities and the server state that reaches server functions through context.

pub mod accounts;
pub mod entities;

use std::sync::Arc;

use domain::password::PasswordPolicy;
use domain::rate_limit::LoginThrottle;
use domain::session::SessionPolicy;
use sea_orm::DatabaseConnection;

/// Settings the server functions need, read once from the environment at start.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub demo: bool,
    /// Mark cookies `Secure` (the site is served over https).
    pub secure_cookies: bool,
    pub session: SessionPolicy,
    pub throttle: LoginThrottle,
    pub password: PasswordPolicy,
}

/// What every request can reach: the database pool and the settings.
#[derive(Clone)]
pub struct ServerState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// A real argon2 hash of a random password, verified against when the account does not
    /// exist, so a failed sign-in takes as long whatever the cause.
    pub dummy_hash: Arc<str>,
}

/// The server state of the current request.
pub fn state() -> Result<ServerState, crate::error::AppError> {
    leptos::prelude::use_context::<ServerState>().ok_or_else(|| {
        tracing::error!("ServerState missing from context");
        crate::error::AppError::Internal
    })
}
