//! Many hands at once and a process that dies: never more than committed, nothing lost.

use crate::world::{problem, World};
use serde_json::{json, Value};

#[tokio::test]
async fn concurrent_payments_never_exceed_the_commitment() {
    let w = World::new().await;
    let a = w.with_passed_dossier().await;
    let f = w.with_fund_people().await;
    w.with_approved_task(&f, a).await;
    let total = w
        .as_researcher("/api/applications/get", json!({ "id": a }))
        .await
        .body["totals"]["fund_dong"]
        .as_i64()
        .unwrap();
    // Twelve tranches.
    let part = total / 12;
    let tranches: Vec<Value> = (0..12)
        .map(|i| {
            json!({
                "amount_dong": if i == 11 { total - part * 11 } else { part },
                "due_at": format!("2027-{:02}-01T00:00:00Z", i + 1),
                "condition": ""
            })
        })
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
    w.call(&f.accountant, "/api/fund/receive", json!({ "key": "r", "source": "Contribution", "amount_dong": total, "document": "HĐ tài trợ 01", "note": "" })).await;
    assert_eq!(
        w.call(
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "s" })
        )
        .await
        .status,
        200
    );
    // 32 preparations at once over the twelve tranches: one live payment per tranche at most,
    // and never more reserved than committed.
    let calls: Vec<_> = (0..32)
        .map(|i| {
            w.call(&f.accountant,
                "/api/payments/prepare",
                json!({ "key": format!("p{i}"), "contract_id": contract, "tranche_seq": i % 12 + 1, "evidence": "Đề nghị" }),
            )
        })
        .collect();
    let replies = futures::future::join_all(calls).await;
    assert!(
        replies.iter().all(|r| r.status == 200 || r.status == 422),
        "{:?}",
        replies.iter().map(|r| r.body.clone()).collect::<Vec<_>>()
    );
    assert_eq!(replies.iter().filter(|r| r.status == 200).count(), 12);
    let c = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(c.body["pending_dong"], total);
    assert_eq!(c.body["committed_dong"], total);
    // The fund is all committed: no second contract could be signed, and reconciliation holds.
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
    assert_eq!(rec.body["position"]["available_dong"], 0);
}

#[tokio::test]
async fn a_crash_between_preparing_and_approving_loses_nothing() {
    let mut w = World::new().await;
    let a = w.with_passed_dossier().await;
    let f = w.with_fund_people().await;
    w.with_approved_task(&f, a).await;
    let total = w
        .as_researcher("/api/applications/get", json!({ "id": a }))
        .await
        .body["totals"]["fund_dong"]
        .as_i64()
        .unwrap();
    let tranches =
        json!([{ "amount_dong": total, "due_at": "2027-01-15T00:00:00Z", "condition": "" }]);
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
    w.call(&f.accountant, "/api/fund/receive", json!({ "key": "r", "source": "Interest", "amount_dong": total, "document": "Sao kê", "note": "" })).await;
    assert_eq!(
        w.call(
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "s" })
        )
        .await
        .status,
        200
    );
    let payment = w
        .prepare(contract, &f.accountant, "p", 1)
        .await
        .body
        .as_i64()
        .unwrap();

    // Approvals in flight when the server is killed.
    let base = w.app.base.clone();
    let inflight: Vec<_> = (0..8)
        .map(|i| {
            let c = if i % 2 == 0 {
                f.director.clone()
            } else {
                f.director2.clone()
            };
            let url = format!("{base}/api/payments/approve");
            tokio::spawn(async move {
                c.post(url)
                    .json(&json!({ "key": format!("k{i}"), "payment_id": payment }))
                    .send()
                    .await
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    w.app = w.app.restart().await;
    for h in inflight {
        let _ = h.await;
    }

    // What was committed survived whole; what was not left no trace.
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.status, 200, "{:?}", rec.body);
    assert_eq!(rec.body["differences"], json!([]));
    assert_eq!(rec.body["broken"], Value::Null);
    // The director (signed in still: sessions are in the database) finishes the job; the
    // payment is paid exactly once whichever way the crash fell.
    let again = w
        .call(
            &f.director,
            "/api/payments/approve",
            json!({ "key": "after", "payment_id": payment }),
        )
        .await;
    assert!(
        again.status == 200 || problem(&again)["Ledger"] == "PendingAlreadyPosted",
        "{:?}",
        again.body
    );
    let c = w
        .call(&f.director, "/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(c.body["disbursed_dong"], total);
    assert_eq!(c.body["payments"][0]["status"], "Posted");
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
}
