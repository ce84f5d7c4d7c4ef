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
    pub settings: Settings,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// Base address printed in the setup link, e.g. `https://khcn.example.gov.vn`.
    pub public_url: Option<String>,
    /// The system clock; tests use a fixed one.
    pub clock: Clock,
    /// The folder attachments are kept in.
    pub files_dir: std::path::PathBuf,
    /// Compress the built assets once at start (`STMS_PRECOMPRESS=1` or `0`; by default in
    /// release builds only).
    pub precompress: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} must be a whole number, got {value:?}")]
    NotANumber { name: &'static str, value: String },
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
        let secure_cookies = flag("COOKIE_SECURE")
            || public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"));
        Ok(Config {
            database_url: std::env::var("DATABASE_URL")
                .ok()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()),
            settings: Settings {
                demo: args.iter().any(|a| a == "--demo") || flag("STMS_DEMO"),
                secure_cookies,
                session,
                uploads: domain::attachment::UploadPolicy {
                    max_bytes: max_upload_mb * 1024 * 1024,
                    ..uploads
                },
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
            // Release builds by default: a debug build's WebAssembly is large and rebuilt often.
            precompress: std::env::var("STMS_PRECOMPRESS")
                .map_or(!cfg!(debug_assertions), |v| v.trim() != "0"),
        })
    }
}
