//! Backups while money moves (docs/backups.md): a backup taken in the middle of a stream of
//! payments restores into a fresh database whose ledger reconciles, with every file readable.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::helpers::{fresh_database_url, start_with, unique_name, PASSWORD};
use crate::world::World;

#[tokio::test]
async fn a_backup_taken_while_payments_flow_restores_reconciled_with_every_file() {
    let w = World::new().await;
    let a = w.with_passed_dossier().await;
    let f = w.with_fund_people().await;
    // Files: three attachments on a draft of the researcher's.
    let draft = w.draft("Hồ sơ có tệp").await;
    let mut files = Vec::new();
    for i in 0..3u8 {
        let bytes = format!("%PDF-1.7\n% tệp {i}\n%%EOF\n").into_bytes();
        let up = crate::attachments::upload(
            &w,
            &w.researcher,
            draft,
            "",
            &format!("t{i}.pdf"),
            bytes.clone(),
        )
        .await;
        assert_eq!(up.status, 200, "{:?}", up.body);
        files.push((up.body["id"].as_i64().unwrap(), bytes));
    }
    // A task of twelve tranches, signed, paid one tranche after another while the backup runs.
    w.with_approved_task(&f, a).await;
    let total = w
        .as_researcher("/api/applications/get", json!({ "id": a }))
        .await
        .body["totals"]["fund_dong"]
        .as_i64()
        .unwrap();
    let part = total / 12;
    let tranches: Vec<Value> = (0..12)
        .map(|i| json!({ "amount_dong": if i == 11 { total - part * 11 } else { part }, "due_at": format!("2027-{:02}-01T00:00:00Z", i + 1), "condition": "" }))
        .collect();
    let contract = w
        .call(
            &w.officer,
            "/api/contracts/create",
            json!({ "application_id": a, "tranches": tranches }),
        )
        .await
        .body
        .as_i64()
        .unwrap();
    w.with_receipt(&f, "r", total).await;
    let signed = w
        .call(
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "s" }),
        )
        .await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);

    let stop = Arc::new(AtomicBool::new(false));
    let approved_so_far = Arc::new(AtomicUsize::new(0));
    let stream = {
        let counter = approved_so_far.clone();
        let (stop, base, accountant, director) = (
            stop.clone(),
            w.app.base.clone(),
            f.accountant.clone(),
            f.director.clone(),
        );
        tokio::spawn(async move {
            let mut paid = 0;
            for seq in 1..=12 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let prepared: Value = accountant
                    .post(format!("{base}/api/payments/prepare"))
                    .json(&json!({ "key": format!("p{seq}"), "contract_id": contract, "tranche_seq": seq, "evidence": "Đề nghị" }))
                    .send().await.unwrap().json().await.unwrap();
                let payment = prepared["id"]
                    .as_i64()
                    .or_else(|| prepared.as_i64())
                    .unwrap();
                let approved = director
                    .post(format!("{base}/api/payments/approve"))
                    .json(&json!({ "key": format!("ok{seq}"), "payment_id": payment }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(approved.status(), 200);
                counter.fetch_add(1, Ordering::SeqCst);
                paid += 1;
            }
            paid
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(40)).await;
    let dir = std::env::temp_dir().join(unique_name());
    let before = approved_so_far.load(Ordering::SeqCst);
    let folder = server::backup::backup(&w.app.config, &dir).await.unwrap();
    let after = approved_so_far.load(Ordering::SeqCst);
    let paid = stream.await.unwrap();
    stop.store(true, Ordering::Relaxed);
    assert!(paid >= 1, "payments flowed");

    // Restored into a new database and files folder, served by a new server.
    let mut config = w.app.config.clone();
    config.database_url = fresh_database_url().await;
    config.files_dir = std::env::temp_dir().join(format!("{}-files", unique_name()));
    let restored = server::backup::restore(&config, &folder).await.unwrap();
    assert_eq!(restored, 3);
    // A second restore into the same (no longer empty) database is refused.
    let mut again = config.clone();
    again.files_dir = std::env::temp_dir().join(unique_name());
    assert!(server::backup::restore(&again, &folder).await.is_err());
    let back = start_with(config).await;
    // The snapshot is of one moment inside the backup: every payment approved before it began,
    // none approved after it ended.
    let in_backup = app::db::entities::payment::Entity::find()
        .filter(
            app::db::entities::payment::Column::Status
                .eq(domain::contract::PaymentStatus::Posted.code()),
        )
        .count(&back.db)
        .await
        .unwrap() as usize;
    eprintln!(
        "backup: {in_backup} of {paid} payments (approved {before} before it, {after} by its end)"
    );
    assert!(
        (before..=after).contains(&in_backup),
        "{before} ≤ {in_backup} ≤ {after}"
    );
    let director = back.new_client();
    assert_eq!(
        back.login_with(&director, "giamdoc@quy.vn", PASSWORD)
            .await
            .status,
        200
    );
    let rec = back
        .call_with(&director, "/api/fund/reconcile", json!({}))
        .await;
    assert_eq!(rec.status, 200, "{:?}", rec.body);
    assert_eq!(rec.body["differences"], json!([]), "{:?}", rec.body);
    assert!(rec.body["broken"].is_null(), "{:?}", rec.body);
    let researcher = back.new_client();
    assert_eq!(
        back.login_with(&researcher, "nkh@vien.vn", PASSWORD)
            .await
            .status,
        200
    );
    for (id, bytes) in files {
        let (status, got, _) =
            crate::attachments::download(&back, &researcher, &format!("/files/attachments/{id}"))
                .await;
        assert_eq!((status, got), (200, bytes));
    }
    std::fs::remove_dir_all(dir).ok();
}
