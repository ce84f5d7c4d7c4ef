//! Database entities and the server state that reaches server functions through context.

pub mod accounts;
pub mod entities;
pub mod json;
pub mod ledger;
pub mod retry;
pub mod rulebooks;
pub mod storage;

use std::sync::Arc;

use domain::password::PasswordPolicy;
use domain::rate_limit::LoginThrottle;
use domain::session::SessionPolicy;
use sea_orm::DatabaseConnection;

/// Starts a write transaction. On SQLite it takes the write lock at `BEGIN IMMEDIATE`: a
/// transaction that reads before it writes then waits its turn (the busy timeout) instead of
/// failing at once to upgrade its lock ("database is locked", which concurrent writers met when
/// both read first). PostgreSQL ignores the mode.
pub async fn begin(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Settings the server functions need, read once from the environment at start.
#[derive(Clone, Debug)]
pub struct Settings {
    pub demo: bool,
    /// Mark cookies `Secure` (the site is served over https).
    pub secure_cookies: bool,
    pub session: SessionPolicy,
    pub throttle: LoginThrottle,
    pub password: PasswordPolicy,
    pub uploads: domain::attachment::UploadPolicy,
    pub reset: domain::mail::LinkPolicy,
    /// A registration's confirmation link (docs/registration.md).
    pub confirmation: domain::mail::LinkPolicy,
    /// The address the site is reached at, for links in mails (`PUBLIC_URL`, else the address
    /// the server listens on); never taken from a request's Host header.
    pub public_url: String,
    /// The name of the single sign-on provider shown on the sign-in page, when one is
    /// configured (docs/sign-on.md).
    pub sign_on_label: Option<String>,
    pub sign_on_attempts: domain::sign_on::AttemptPolicy,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            demo: false,
            secure_cookies: false,
            session: SessionPolicy::default(),
            throttle: LoginThrottle::default(),
            password: PasswordPolicy::default(),
            uploads: domain::attachment::UploadPolicy::default(),
            reset: domain::mail::LinkPolicy::RESET,
            confirmation: domain::mail::LinkPolicy::CONFIRMATION,
            public_url: String::new(),
            sign_on_label: None,
            sign_on_attempts: domain::sign_on::AttemptPolicy::default(),
        }
    }
}

/// The server's clock. Server functions read it once per request and pass `now` down; tests
/// hold it still to check deadlines to the second.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<std::sync::RwLock<chrono::DateTime<chrono::Utc>>>>);

impl Clock {
    pub fn system() -> Clock {
        Clock(None)
    }

    pub fn fixed(at: chrono::DateTime<chrono::Utc>) -> Clock {
        Clock(Some(Arc::new(std::sync::RwLock::new(at))))
    }

    /// Moves a fixed clock (a system clock ignores it).
    pub fn set(&self, at: chrono::DateTime<chrono::Utc>) {
        if let Some(t) = &self.0 {
            *t.write().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        match &self.0 {
            None => chrono::Utc::now(),
            Some(t) => *t.read().unwrap_or_else(|e| e.into_inner()),
        }
    }
}

/// What every request can reach: the database pool, the settings and the clock.
#[derive(Clone)]
pub struct ServerState {
    pub db: DatabaseConnection,
    /// What the public portal and the open data read: the read replica when one is configured,
    /// else `db` (docs/performance.md, "Read replica"). Never written.
    pub reader: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    /// A real argon2 hash of a random password, verified against when the account does not
    /// exist, so a failed sign-in takes as long whatever the cause.
    pub dummy_hash: Arc<str>,
    /// Where attachment content is kept.
    pub files: Arc<dyn storage::FileStore>,
    /// The programme's computed figures, kept while the records are unchanged.
    pub tallies: Arc<crate::programme::server::metrics::Tallies>,
}

/// The server state of the current request.
pub fn state() -> Result<ServerState, crate::error::AppError> {
    leptos::prelude::use_context::<ServerState>().ok_or_else(|| {
        tracing::error!("ServerState missing from context");
        crate::error::AppError::Internal
    })
}
