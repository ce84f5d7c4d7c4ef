//! Backups while the server runs, and restoring them (docs/backups.md).
//!
//! `server backup DIR` writes one consistent copy of the database and the files into a new
//! folder under DIR; `server restore FOLDER` brings one back into an empty database and files
//! folder. Both read the same configuration as the server (`DATABASE_URL`, `STMS_FILES_DIR`).
//!
//! Consistency: the database is copied first, as one snapshot (SQLite's `VACUUM INTO`, a
//! transaction of its own beside the server's writers; PostgreSQL's `pg_dump`, one repeatable-read
//! transaction). The files are copied after it. Attachments are content-addressed, written before
//! the row that names them is committed and never changed or removed, so every file the snapshot
//! names is already there when the files are copied; later files are harmless extras.

use std::path::{Path, PathBuf};

use sea_orm::{ConnectionTrait, Database};

use crate::{BoxError, Config};

/// The database's copy inside a backup folder.
const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.dump";
const FILES: &str = "files";

/// What a backup holds, written last: a folder without it is incomplete.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Manifest {
    database: String,
    files: u64,
    taken_at: chrono::DateTime<chrono::Utc>,
}

fn sqlite_path(url: &str) -> Option<&str> {
    url.strip_prefix("sqlite://")
        .map(|p| p.split('?').next().unwrap_or_default())
}

/// Backs up into a new folder under `dir` (named by the time, UTC); answers its path.
pub async fn backup(config: &Config, dir: &Path) -> Result<PathBuf, BoxError> {
    let now = chrono::Utc::now();
    let folder = dir.join(format!("stms-{}", now.format("%Y%m%dT%H%M%S%.3fZ")));
    std::fs::create_dir_all(&folder)?;
    let database = if sqlite_path(&config.database_url).is_some() {
        let target = folder.join(SQLITE_FILE);
        let db = Database::connect(&config.database_url).await?;
        let quoted = target.to_string_lossy().replace('\'', "''");
        db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
            .await?;
        db.close().await?;
        SQLITE_FILE
    } else {
        run(std::process::Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(folder.join(PG_FILE))
            .arg(&config.database_url))?;
        PG_FILE
    };
    let files = copy_files(&config.files_dir, &folder.join(FILES))?;
    let manifest = Manifest {
        database: database.into(),
        files,
        taken_at: now,
    };
    std::fs::write(
        folder.join("manifest.json"),
        serde_json::to_vec_pretty(&manifest)?,
    )?;
    Ok(folder)
}

/// Restores the backup in `folder` into the configured database, which must be empty (a new
/// SQLite file, or a PostgreSQL database without tables), and the configured files folder.
pub async fn restore(config: &Config, folder: &Path) -> Result<u64, BoxError> {
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).map_err(|e| {
            format!(
                "{} is not a complete backup (no manifest.json): {e}",
                folder.display()
            )
        })?)?;
    if let Some(path) = sqlite_path(&config.database_url) {
        if manifest.database != SQLITE_FILE {
            return Err(
                "this backup is of a PostgreSQL database; DATABASE_URL names SQLite".into(),
            );
        }
        if Path::new(path).exists() {
            return Err(format!("{path} exists: restore into a new database file").into());
        }
        if let Some(parent) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(folder.join(SQLITE_FILE), path)?;
    } else {
        if manifest.database != PG_FILE {
            return Err(
                "this backup is of a SQLite database; DATABASE_URL names PostgreSQL".into(),
            );
        }
        ensure_empty_pg(&config.database_url).await?;
        run(std::process::Command::new("pg_restore")
            .args(["--no-owner", "--exit-on-error", "--dbname"])
            .arg(&config.database_url)
            .arg(folder.join(PG_FILE)))?;
    }
    copy_files(&folder.join(FILES), &config.files_dir)
}

async fn ensure_empty_pg(url: &str) -> Result<(), BoxError> {
    let db = Database::connect(url).await?;
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
        ))
        .await?;
    db.close().await?;
    let tables: i64 = row.map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
    if tables > 0 {
        return Err("the PostgreSQL database is not empty: restore into a new one".into());
    }
    Ok(())
}

/// Copies every file of `from` missing in `to` (files never change once written); answers how
/// many files `to` holds from `from`.
fn copy_files(from: &Path, to: &Path) -> Result<u64, BoxError> {
    std::fs::create_dir_all(to)?;
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(0); // No file was ever uploaded.
    };
    let mut n = 0;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            n += copy_files(&entry.path(), &target)?;
            continue;
        }
        // A half-written upload (its temporary name) is not a file yet.
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if !target.exists() {
            // Under a temporary name first: an interrupted copy is never taken for the file.
            let part = to.join(format!(".{}.part", name.to_string_lossy()));
            std::fs::copy(entry.path(), &part)?;
            std::fs::rename(&part, &target)?;
        }
        n += 1;
    }
    Ok(n)
}

fn run(cmd: &mut std::process::Command) -> Result<(), BoxError> {
    let out = cmd
        .output()
        .map_err(|e| format!("{cmd:?} did not start: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{:?} failed: {}",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stderr).trim()
        )
        .into())
    }
}
