//! Where attachment content is kept: one interface, so the disk store used by default can be
//! swapped for an object store without touching the server functions. Content is addressed by
//! its SHA-256, so a file uploaded twice is kept once and a key never changes meaning.

use std::future::Future;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};

/// The key content is kept under: its SHA-256, lowercase hex.
pub fn content_key(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

pub trait FileStore: Send + Sync {
    /// Keeps `bytes` under `key` (a lowercase hex SHA-256); keeping the same key again is a
    /// no-op.
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> StoreFuture<'a, ()>;
    /// The content kept under `key`.
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Vec<u8>>;
}

/// Files in a folder, spread over 256 sub-folders by the key's first two characters; written to
/// a temporary name and renamed, so a reader never sees half a file.
pub struct DiskStore {
    root: PathBuf,
    counter: AtomicU64,
}

impl DiskStore {
    pub fn new(root: impl Into<PathBuf>) -> DiskStore {
        DiskStore {
            root: root.into(),
            counter: AtomicU64::new(0),
        }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let valid = key.len() == 64 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !valid {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a SHA-256 key",
            ));
        }
        Ok(self.root.join(&key[..2]).join(key))
    }
}

impl FileStore for DiskStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            if tokio::fs::try_exists(&path).await? {
                return Ok(());
            }
            let dir = path.parent().unwrap_or(&self.root).to_path_buf();
            tokio::fs::create_dir_all(&dir).await?;
            let n = self.counter.fetch_add(1, Ordering::Relaxed);
            let tmp = dir.join(format!(".{key}.{}.{n}.part", std::process::id()));
            // On disk before the row naming it commits (the caller inserts the row after this
            // returns): the content, then the rename, are synced, so a power cut after the
            // commit never leaves a row without its file.
            let mut file = tokio::fs::File::create(&tmp).await?;
            tokio::io::AsyncWriteExt::write_all(&mut file, bytes).await?;
            file.sync_all().await?;
            drop(file);
            tokio::fs::rename(&tmp, &path).await?;
            tokio::fs::File::open(&dir).await?.sync_all().await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Vec<u8>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }
}

/// Files in the database's `stored_files` table (`STMS_FILE_STORE=database`): every server
/// instance on the database reads what any other stored, and a database backup holds them.
pub struct DbStore {
    db: sea_orm::DatabaseConnection,
}

impl DbStore {
    pub fn new(db: sea_orm::DatabaseConnection) -> DbStore {
        DbStore { db }
    }
}

fn db_error(e: sea_orm::DbErr) -> io::Error {
    io::Error::other(e)
}

impl FileStore for DbStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> StoreFuture<'a, ()> {
        use crate::db::entities::stored_file;
        use sea_orm::sea_query::OnConflict;
        use sea_orm::{EntityTrait, Set};
        Box::pin(async move {
            let row = stored_file::ActiveModel {
                key: Set(key.to_string()),
                bytes: Set(bytes.to_vec()),
                created_at: Set(chrono::Utc::now()),
            };
            // The same content stored twice (or by two instances at once) is kept once.
            stored_file::Entity::insert(row)
                .on_conflict(
                    OnConflict::column(stored_file::Column::Key)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await
                .map_err(db_error)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Vec<u8>> {
        use crate::db::entities::stored_file;
        use sea_orm::EntityTrait;
        Box::pin(async move {
            stored_file::Entity::find_by_id(key.to_string())
                .one(&self.db)
                .await
                .map_err(db_error)?
                .map(|f| f.bytes)
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no stored file"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keeps_content_under_its_key() {
        let dir = std::env::temp_dir().join(format!("stms-store-{}", std::process::id()));
        let store = DiskStore::new(&dir);
        let key = "a".repeat(64);
        store.put(&key, b"%PDF-1.7").await.unwrap();
        store.put(&key, b"%PDF-1.7").await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), b"%PDF-1.7");
        assert!(store.put("../x", b"").await.is_err());
        assert!(store.get(&"b".repeat(64)).await.is_err());
        std::fs::remove_dir_all(dir).ok();
    }
}
