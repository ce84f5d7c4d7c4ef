//! Many hands at once: never more than committed. (A process that dies: `crash/`.)

use crate::world::World;
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
