//! The database connections and the state every request shares: the primary (migrated, its
//! audit events numbered, older contracts indexed for the portal), a read replica when one is
//! configured, the file store and the programme's kept figures.

use std::sync::Arc;
use std::time::Duration;

use app::db::ServerState;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use crate::{BoxError, Config};

/// Connects and brings the schema up to date. For SQLite the file's folder is created.
pub async fn connect(url: &str) -> Result<DatabaseConnection, BoxError> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or_default();
        if let Some(dir) = std::path::Path::new(file).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
    }
    let mut opts = ConnectOptions::new(url.to_string());
    // 2 cores: a few connections keep both busy without queueing on locks.
    opts.max_connections(if url.starts_with("sqlite") { 8 } else { 16 })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(opts).await?;
    if url.starts_with("sqlite") {
        // WAL lets readers run while one writer writes.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            .await?;
    }
    Migrator::up(&db, None).await?;
    let sealed = app::audit::server::seal(&db).await?;
    if sealed > 0 {
        tracing::info!(
            events = sealed,
            "numbered the audit events written before the chain"
        );
    }
    let indexed = app::portal::search::index_missing(&db).await?;
    if indexed > 0 {
        tracing::info!(contracts = indexed, "indexed the portal's search text");
    }
    Ok(db)
}

/// A read replica, connected as it is: a standby refuses writes, and the primary migrates.
async fn connect_replica(url: &str) -> Result<DatabaseConnection, BoxError> {
    if !url.starts_with("postgres") {
        return Err("DATABASE_REPLICA_URL must name a PostgreSQL standby (postgres://…)".into());
    }
    let mut opts = ConnectOptions::new(url.to_string());
    opts.max_connections(16)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    Ok(Database::connect(opts).await?)
}

/// Builds the state shared by every request.
pub async fn state(db: DatabaseConnection, config: &Config) -> Result<ServerState, BoxError> {
    let (random, _) = app::auth::server::new_token("").map_err(|e| e.to_string())?;
    let dummy_hash = app::auth::server::hash_password(random)
        .await
        .map_err(|e| e.to_string())?;
    // Attachments on this machine's disk by default, or in the database for several instances.
    let files: Arc<dyn app::db::storage::FileStore> = if config.files_in_database {
        Arc::new(app::db::storage::DbStore::new(db.clone()))
    } else {
        Arc::new(app::db::storage::DiskStore::new(&config.files_dir))
    };
    let reader = match &config.replica_url {
        Some(url) => connect_replica(url).await?,
        None => db.clone(),
    };
    Ok(ServerState {
        db,
        reader,
        clock: config.clock.clone(),
        settings: Arc::new(config.settings.clone()),
        dummy_hash: dummy_hash.into(),
        files,
        tallies: Arc::default(),
    })
}
