//! Money into the fund: a receipt is recorded once per key, by the accountant only, with its
//! document; a wrong one is corrected by a new transfer naming it, never beyond it.

use crate::world::{problem, World};
use serde_json::json;

#[tokio::test]
async fn receipts_are_recorded_once_per_key_and_corrected_never_beyond_them() {
    let w = World::new().await;
    let f = w.with_fund_people().await;

    let receipt = json!({ "key": "rcpt-1", "source": "StateBudget", "amount_dong": 5_000_000_000i64, "document": "QĐ 123/QĐ-UBND", "note": "" });
    let receive = |c: &reqwest::Client, body: serde_json::Value| {
        let (w, c) = (&w, c.clone());
        async move { w.call(&c, "/api/fund/receive", body).await }
    };
    assert_eq!(receive(&f.director, receipt.clone()).await.status, 403);
    let no_doc = json!({ "key": "rcpt-0", "source": "Interest", "amount_dong": 5, "document": " ", "note": "" });
    assert_eq!(
        receive(&f.accountant, no_doc).await.body["Invalid"]["field"],
        "document"
    );
    let r1 = receive(&f.accountant, receipt.clone()).await;
    assert_eq!(r1.status, 200, "{:?}", r1.body);
    assert_eq!(receive(&f.accountant, receipt.clone()).await.body, r1.body);

    let fix = |key: &str, amount: i64| json!({ "key": key, "transfer_id": r1.body, "amount_dong": amount, "note": "Nhập thừa" });
    let correct = |c: &reqwest::Client, body: serde_json::Value| {
        let (w, c) = (&w, c.clone());
        async move { w.call(&c, "/api/fund/correct_receipt", body).await }
    };
    assert_eq!(correct(&f.director, fix("fix-0", 1)).await.status, 403);
    let too_much = correct(&f.accountant, fix("fix-1", 5_000_000_001)).await;
    assert_eq!(
        problem(&too_much)["Ledger"]["CorrectionExceedsOriginal"]["left_dong"],
        5_000_000_000i64,
        "{:?}",
        too_much.body
    );
    let fixed = correct(&f.accountant, fix("fix-2", 1_000_000_000)).await;
    assert_eq!(fixed.status, 200, "{:?}", fixed.body);
    assert_eq!(
        correct(&f.accountant, fix("fix-2", 1_000_000_000))
            .await
            .body,
        fixed.body,
        "replayed, not corrected twice"
    );
    let pos = w
        .call(&f.director, "/api/fund/position", json!({ "as_of": null }))
        .await;
    assert_eq!(pos.body["position"]["received_dong"], 4_000_000_000i64);
    let mut changed = receipt.clone();
    changed["amount_dong"] = json!(1);
    assert_eq!(
        problem(&receive(&f.accountant, changed).await)["Ledger"],
        "KeyReusedDifferently"
    );

    // The statement of the available account lists the correction (newest first) and the
    // receipt it names; only the fund's roles read it.
    let st = w
        .call(
            &f.director,
            "/api/fund/transfers",
            json!({ "account": "available", "page": 1 }),
        )
        .await;
    assert_eq!(st.body["total"], 2, "{:?}", st.body);
    assert_eq!(st.body["items"][0]["corrects"], r1.body);
    assert_eq!(
        w.as_researcher("/api/fund/transfers", json!({ "account": null, "page": 1 }))
            .await
            .status,
        403
    );
}

/// Sixteen corrections of one receipt at once, each taking back a fifth of it: never more than
/// the receipt brought in, however they interleave (the receipt's row is locked while its
/// corrections are summed).
#[tokio::test]
async fn concurrent_corrections_never_take_back_more_than_the_receipt() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    // More money in the fund than this receipt: only the cap on the receipt stops them.
    w.with_receipt(&f, "rcpt-0", 10_000_000_000).await;
    let receipt = w.with_receipt(&f, "rcpt-1", 5_000_000_000).await;
    let fixes = (0..16).map(|i| {
        let body = json!({ "key": format!("fix-{i}"), "transfer_id": receipt, "amount_dong": 1_000_000_000i64, "note": "Nhập thừa" });
        w.call(&f.accountant, "/api/fund/correct_receipt", body)
    });
    let replies = futures::future::join_all(fixes).await;
    let done = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        done,
        5,
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.body.clone()))
            .collect::<Vec<_>>()
    );
    for r in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(
            problem(r)["Ledger"]["CorrectionExceedsOriginal"]["left_dong"],
            0,
            "{:?}",
            r.body
        );
    }
    let pos = w
        .call(&f.director, "/api/fund/position", json!({ "as_of": null }))
        .await;
    assert_eq!(pos.body["position"]["received_dong"], 10_000_000_000i64);
}
