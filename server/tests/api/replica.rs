//! Read-heavy public pages from a PostgreSQL read replica (docs/performance.md, "Read
//! replica"): with `DATABASE_REPLICA_URL` the portal and the open data read the standby, so
//! what it has not replayed yet is not on them, while the department's lists read the primary.
//! Runs where the test command started a standby (`TEST_REPLICA_URL`, scripts/replica/); without
//! one it says so and passes.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};
use serde_json::json;

use crate::helpers::TestApp;
use crate::world::World;

async fn portal_total(w: &World) -> i64 {
    let r = w
        .call(
            &w.app.new_client(),
            "/api/public/tasks",
            json!({ "page": 1, "status": null }),
        )
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body["total"].as_i64().unwrap()
}

async fn replay(standby: &sea_orm::DatabaseConnection, what: &str) {
    standby
        .execute_unprepared(&format!("SELECT pg_wal_replay_{what}()"))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_portal_reads_the_replica_and_the_department_the_primary() {
    let Ok(replica) = std::env::var("TEST_REPLICA_URL") else {
        eprintln!("no TEST_REPLICA_URL: the read replica is not tried here");
        return;
    };
    let w = World::with(TestApp::builder().replica(&replica)).await;
    let url = w.app.config.replica_url.clone().unwrap();
    let standby = Database::connect(url).await.unwrap();
    let in_recovery = standby
        .query_one_raw(sea_orm::Statement::from_string(
            standby.get_database_backend(),
            "SELECT pg_is_in_recovery()::text AS r",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "r")
        .unwrap();
    assert_eq!(in_recovery, "true", "the replica is a standby");

    // A task the standby has replayed is on the portal.
    let now = crate::world::t0();
    crate::portal::old_task(&w, "Chế phẩm vi sinh xử lý rơm rạ", None, 1, now).await;
    app::portal::search::index_missing(&w.app.db).await.unwrap();
    let t = Instant::now();
    while portal_total(&w).await != 1 {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "the standby never caught up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Replay paused, a second task signed on the primary: the department's list has it, the
    // portal and its open data (read from the standby) not yet.
    replay(&standby, "pause").await;
    crate::portal::old_task(&w, "Giống lúa chịu mặn", None, 1, now).await;
    app::portal::search::index_missing(&w.app.db).await.unwrap();
    let primary = w
        .call(&w.officer, "/api/contracts/list", json!({ "page": 1 }))
        .await;
    let portal = portal_total(&w).await;
    let (status, csv, _) =
        crate::attachments::download(&w.app, &w.app.new_client(), "/open-data/tasks.csv").await;
    replay(&standby, "resume").await;
    assert_eq!(primary.body["total"], 2, "{:?}", primary.body);
    assert_eq!(portal, 1, "the portal read the primary");
    assert_eq!(status, 200);
    assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 2);

    // Replayed, it is there.
    let t = Instant::now();
    while portal_total(&w).await != 2 {
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "the standby never replayed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
