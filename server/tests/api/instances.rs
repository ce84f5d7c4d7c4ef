//! Several server instances on one database (docs/backups.md, "Several instances"): with the
//! attachments in the database, a file uploaded through one instance is read through another,
//! and a backup of the database alone holds it.

use crate::helpers::{fresh_database_url, start_with, unique_name, TestApp, PASSWORD};
use crate::world::World;

#[tokio::test]
async fn a_file_uploaded_through_one_instance_is_read_through_another_and_backed_up() {
    let w = World::with(TestApp::builder().files_in_database()).await;
    let draft = w.draft("Hồ sơ trên hai máy chủ").await;
    let bytes = b"%PDF-1.7\n% hai may chu\n%%EOF\n".to_vec();
    let up =
        crate::attachments::upload(&w, &w.researcher, draft, "", "tm.pdf", bytes.clone()).await;
    assert_eq!(up.status, 200, "{:?}", up.body);
    let id = up.body["id"].as_i64().unwrap();
    // Nothing on the first instance's disk: the second, with a folder of its own, reads it.
    assert!(!w.app.config.files_dir.exists());
    let mut second = w.app.config.clone();
    second.files_dir = std::env::temp_dir().join(unique_name());
    let other = start_with(second).await;
    let researcher = other.new_client();
    assert_eq!(
        other
            .login_with(&researcher, "nkh@vien.vn", PASSWORD)
            .await
            .status,
        200
    );
    let path = format!("/files/attachments/{id}");
    let (status, got, _) = crate::attachments::download(&other, &researcher, &path).await;
    assert_eq!((status, got), (200, bytes.clone()));

    // The database's backup alone brings it back.
    let dir = std::env::temp_dir().join(unique_name());
    let folder = server::backup::backup(&w.app.config, &dir).await.unwrap();
    let mut config = w.app.config.clone();
    config.database_url = fresh_database_url().await;
    config.files_dir = std::env::temp_dir().join(unique_name());
    assert_eq!(server::backup::restore(&config, &folder).await.unwrap(), 0);
    let back = start_with(config).await;
    let researcher = back.new_client();
    assert_eq!(
        back.login_with(&researcher, "nkh@vien.vn", PASSWORD)
            .await
            .status,
        200
    );
    let (status, got, _) = crate::attachments::download(&back, &researcher, &path).await;
    assert_eq!((status, got), (200, bytes));
    std::fs::remove_dir_all(dir).ok();
}
