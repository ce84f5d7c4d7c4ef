//! Configuration from the environment (and `--demo` on the command line).

use app::db::{Clock, Settings};
use domain::session::SessionPolicy;

/// The embedded default: a SQLite file under `data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/stms.db?mode=rwc";
/// Where attachments are kept unless `STMS_FILES_DIR` says otherwise.
pub const DEFAULT_FILES_DIR: &str = "data/files";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// A PostgreSQL read replica (a hot standby of `database_url`) that the public portal and
    /// the open data read, `DATABASE_REPLICA_URL` (docs/performance.md, "Read replica"); none:
    /// they read the primary.
    pub replica_url: Option<String>,
    pub settings: Settings,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// Base address printed in the setup link, e.g. `https://khcn.example.gov.vn`.
    pub public_url: Option<String>,
    /// The system clock; tests use a fixed one.
    pub clock: Clock,
    /// The folder attachments are kept in.
    pub files_dir: std::path::PathBuf,
    /// Keep attachments in the database instead (`STMS_FILE_STORE=database`): for several
    /// instances behind a load balancer (docs/backups.md).
    pub files_in_database: bool,
    /// Compress the built assets once at start (`STMS_PRECOMPRESS=1` or `0`; by default in
    /// release builds only).
    pub precompress: bool,
    pub mail: MailConfig,
    /// Single sign-on by OpenID Connect, when `OIDC_ISSUER_URL` and `OIDC_CLIENT_ID` are set.
    pub sign_on: Option<crate::sign_on::SignOnConfig>,
}

/// Where mail goes (docs/notifications.md).
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `SMTP_URL`, e.g. `smtp://relay.example.gov.vn:587?tls=required` or
    /// `smtps://user:password@mail.example.gov.vn`; without it mail is written to the log.
    pub smtp_url: Option<String>,
    /// `MAIL_FROM`: the sender, e.g. `Sở KH&CN <khcn@example.gov.vn>`.
    pub from: String,
    /// How often the worker looks for mail to send (`STMS_MAIL_POLL_MS`).
    pub poll: std::time::Duration,
    /// How long a failed message waits before its next try, doubling (`STMS_MAIL_RETRY_SECONDS`
    /// for the first wait).
    pub retry: domain::mail::RetryPolicy,
    /// How often the worker looks for reminders due (`STMS_REMINDER_SECONDS`).
    pub reminders_every: std::time::Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} must be a whole number, got {value:?}")]
    NotANumber { name: &'static str, value: String },
    #[error("{name} must be one of {choices}, got {value:?}")]
    Unknown {
        name: &'static str,
        value: String,
        choices: &'static str,
    },
}

fn number(name: &'static str, default: i64) -> Result<i64, ConfigError> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map_err(|_| ConfigError::NotANumber { name, value: v }),
        _ => Ok(default),
    }
}

fn flag(name: &str) -> bool {
    matches!(
        std::env::var(name).as_deref().map(str::trim),
        Ok("1" | "true" | "yes" | "on")
    )
}

fn mail_config() -> Result<MailConfig, ConfigError> {
    let retry = domain::mail::RetryPolicy::default();
    Ok(MailConfig {
        smtp_url: std::env::var("SMTP_URL")
            .ok()
            .filter(|s| !s.trim().is_empty()),
        from: std::env::var("MAIL_FROM")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "Hệ thống quản lý nhiệm vụ KH&CN <no-reply@localhost>".into()),
        poll: std::time::Duration::from_millis(number("STMS_MAIL_POLL_MS", 1000)?.max(50) as u64),
        retry: domain::mail::RetryPolicy {
            first_seconds: number("STMS_MAIL_RETRY_SECONDS", retry.first_seconds)?.max(1),
            ..retry
        },
        reminders_every: std::time::Duration::from_secs(
            number("STMS_REMINDER_SECONDS", 300)?.clamp(1, 86_400) as u64,
        ),
    })
}

impl Config {
    pub fn from_env(args: &[String]) -> Result<Config, ConfigError> {
        let defaults = SessionPolicy::default();
        let session = SessionPolicy {
            idle_seconds: number("SESSION_IDLE_MINUTES", defaults.idle_seconds / 60)? * 60,
            absolute_seconds: number("SESSION_ABSOLUTE_HOURS", defaults.absolute_seconds / 3600)?
                * 3600,
            touch_every_seconds: defaults.touch_every_seconds,
        };
        let uploads = domain::attachment::UploadPolicy::default();
        let max_upload_mb = number(
            "STMS_MAX_UPLOAD_MB",
            (uploads.max_bytes / (1024 * 1024)) as i64,
        )?
        .clamp(1, 1024) as u64;
        let public_url = std::env::var("PUBLIC_URL").ok().filter(|s| !s.is_empty());
        let reset = domain::mail::LinkPolicy::RESET;
        let secure_cookies = flag("COOKIE_SECURE")
            || public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"));
        Ok(Config {
            database_url: std::env::var("DATABASE_URL")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            replica_url: std::env::var("DATABASE_REPLICA_URL")
                .ok()
                .filter(|s| !s.trim().is_empty()),
            settings: Settings {
                demo: args.iter().any(|a| a == "--demo") || flag("STMS_DEMO"),
                secure_cookies,
                session,
                uploads: domain::attachment::UploadPolicy {
                    max_bytes: max_upload_mb * 1024 * 1024,
                    ..uploads
                },
                reset: domain::mail::LinkPolicy {
                    link_minutes: number("RESET_LINK_MINUTES", reset.link_minutes)?
                        .clamp(5, 24 * 60),
                    ..reset
                },
                confirmation: domain::mail::LinkPolicy {
                    link_minutes: number("CONFIRM_LINK_HOURS", 24)?.clamp(1, 7 * 24) * 60,
                    ..domain::mail::LinkPolicy::CONFIRMATION
                },
                public_url: public_url.clone().unwrap_or_default(),
                ..Settings::default()
            },
            trust_proxy: flag("TRUST_PROXY"),
            public_url,
            clock: Clock::system(),
            files_dir: std::env::var("STMS_FILES_DIR")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| DEFAULT_FILES_DIR.to_string())
                .into(),
            files_in_database: match std::env::var("STMS_FILE_STORE").as_deref().map(str::trim) {
                Ok("database") => true,
                Ok("disk") | Ok("") | Err(_) => false,
                Ok(other) => {
                    return Err(ConfigError::Unknown {
                        name: "STMS_FILE_STORE",
                        value: other.into(),
                        choices: "disk, database",
                    })
                }
            },
            // Release builds by default: a debug build's WebAssembly is large and rebuilt often.
            precompress: std::env::var("STMS_PRECOMPRESS")
                .map_or(!cfg!(debug_assertions), |v| v.trim() != "0"),
            mail: mail_config()?,
            sign_on: crate::sign_on::SignOnConfig::from_env(),
        })
    }
}
