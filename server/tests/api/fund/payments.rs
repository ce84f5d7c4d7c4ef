//! Money out of the fund: signing commits the approved total from what is available; a tranche
//! is prepared by the accountant and paid once by a director, never by the one who prepared it;
//! reconciliation names any account a stray write corrupts.

use crate::world::{problem, World};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

#[tokio::test]
async fn signing_commits_the_approved_total_from_what_is_available() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let d = w.with_draft_contract(&f).await;
    w.with_receipt(&f, "rcpt-1", 4_000_000_000).await;
    let sign = |c: &reqwest::Client| {
        let body = json!({ "id": d.contract, "key": "sign-2" });
        let (w, c) = (&w, c.clone());
        async move { w.call(&c, "/api/contracts/sign", body).await }
    };
    assert_eq!(sign(&f.accountant).await.status, 403);
    let signed = sign(&f.leader).await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);
    assert_eq!(sign(&f.leader).await.status, 200, "replayed");
    let pos = w
        .call(&f.director, "/api/fund/position", json!({ "as_of": null }))
        .await;
    assert_eq!(
        pos.body["position"]["available_dong"],
        4_000_000_000i64 - d.total,
        "{:?}",
        pos.body
    );
    assert_eq!(pos.body["position"]["committed_dong"], d.total);
    // The statement of the available account: the commitment (newest first), the receipt.
    let st = w
        .call(
            &f.director,
            "/api/fund/transfers",
            json!({ "account": "available", "page": 1 }),
        )
        .await;
    assert_eq!(st.body["total"], 2, "{:?}", st.body);
    assert_eq!(st.body["items"][0]["amount_dong"], d.total);
}

#[tokio::test]
async fn a_tranche_is_paid_once_under_four_eyes_and_a_rejection_releases_it() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let d = w.with_signed_contract(&f).await;
    let (a, contract, total, half) = (d.a, d.contract, d.total, d.half);

    // The accountant prepares tranche 1; it waits for the director, its money reserved.
    assert_eq!(w.prepare(contract, &f.director, "p-0", 1).await.status, 403);
    let payment = w.prepare(contract, &f.accountant, "p-1", 1).await;
    assert_eq!(payment.status, 200, "{:?}", payment.body);
    assert_eq!(
        w.prepare(contract, &f.accountant, "p-1", 1).await.body,
        payment.body,
        "replayed"
    );
    assert_eq!(
        problem(&w.prepare(contract, &f.accountant, "p-2", 1).await),
        "TrancheAlreadyPaid"
    );
    let payment = payment.body.as_i64().unwrap();
    let queue = w
        .call(
            &f.director,
            "/api/payments/list",
            json!({ "status": "pending", "page": 1 }),
        )
        .await;
    assert_eq!(queue.body["total"], 1);
    assert_eq!(queue.body["items"][0]["may_decide"], true);

    // 32 approvals at once, from two directors with their own keys: paid exactly once.
    let mut calls = Vec::new();
    for i in 0..32 {
        let c = if i % 2 == 0 {
            &f.director
        } else {
            &f.director2
        };
        calls.push(w.call(
            c,
            "/api/payments/approve",
            json!({ "key": format!("ok-{i}"), "payment_id": payment }),
        ));
    }
    let replies = futures::future::join_all(calls).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        ok,
        1,
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.body.clone()))
            .collect::<Vec<_>>()
    );
    for r in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(problem(r)["Ledger"], "PendingAlreadyPosted", "{:?}", r.body);
    }
    let posted: i64 = w
        .app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            w.app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM fund_transfers WHERE flow = 'post'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap();
    assert_eq!(posted, 1);
    let c = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(c.body["disbursed_dong"], half);
    assert_eq!(c.body["payments"][0]["status"], "Posted");

    // The researcher sees the money on their task.
    let mine = w
        .as_researcher(
            "/api/contracts/of_application",
            json!({ "application_id": a }),
        )
        .await;
    assert_eq!(mine.body, json!(contract));
    let seen = w
        .as_researcher("/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(seen.body["disbursed_dong"], half);
    assert_eq!(
        w.call(
            &f.accountant,
            "/api/contracts/get",
            json!({ "id": contract })
        )
        .await
        .status,
        200
    );
    let other = w
        .app
        .call_with(&w.other, "/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(other.status, 404);

    // Whoever holds both roles never approves a payment they prepared; another director may
    // reject it, with a reason, and its reservation is released.
    let own = w.prepare(contract, &f.both, "p-3", 2).await;
    assert_eq!(own.status, 200, "{:?}", own.body);
    let own = own.body.as_i64().unwrap();
    let self_ok = w
        .call(
            &f.both,
            "/api/payments/approve",
            json!({ "key": "ok-self", "payment_id": own }),
        )
        .await;
    assert_eq!(problem(&self_ok)["Ledger"], "SamePersonCannotApprove");
    let no_reason = w
        .call(
            &f.director,
            "/api/payments/reject",
            json!({ "key": "no-1", "payment_id": own, "reason": "" }),
        )
        .await;
    assert_eq!(no_reason.body["Invalid"]["field"], "reason");
    assert_eq!(
        w.call(
            &f.director,
            "/api/payments/reject",
            json!({ "key": "no-2", "payment_id": own, "reason": "Thiếu chứng từ" })
        )
        .await
        .status,
        200
    );
    let c = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(c.body["pending_dong"], 0);
    assert_eq!(c.body["committed_dong"], total - half);
    // Tranche 2 may be prepared again once the rejected one is void.
    assert_eq!(
        w.prepare(contract, &f.accountant, "p-4", 2).await.status,
        200
    );
    counts_are_the_transfers(&w, &f.director, contract).await;
}

/// The journal's and each statement's count are kept on the accounts: the same as the transfers
/// they list, whatever the flows (posted, pending, posted or voided from pending).
async fn counts_are_the_transfers(w: &World, director: &reqwest::Client, contract: i64) {
    use app::db::entities::fund_transfer;
    use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter};
    let db = &w.app.db;
    let journal = w
        .call(
            director,
            "/api/fund/transfers",
            json!({ "account": null, "page": 1 }),
        )
        .await;
    assert_eq!(
        journal.body["total"],
        fund_transfer::Entity::find().count(db).await.unwrap()
    );
    for account in [
        format!("committed:{contract}"),
        format!("disbursed:{contract}"),
        "available".to_string(),
    ] {
        let st = w
            .call(
                director,
                "/api/fund/transfers",
                json!({ "account": account, "page": 1 }),
            )
            .await;
        let rows = fund_transfer::Entity::find()
            .filter(
                Condition::any()
                    .add(fund_transfer::Column::Debit.eq(&account))
                    .add(fund_transfer::Column::Credit.eq(&account)),
            )
            .count(db)
            .await
            .unwrap();
        assert!(rows > 1, "{account}");
        assert_eq!(st.body["total"], rows, "{account}");
    }
}

#[tokio::test]
async fn reconciliation_names_a_corrupted_account_and_the_year_report_is_the_funds() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let contract = w.with_signed_contract(&f).await.contract;
    let payment = w.prepare(contract, &f.accountant, "p-1", 1).await.body;
    let paid = w
        .call(
            &f.director,
            "/api/payments/approve",
            json!({ "key": "ok-1", "payment_id": payment }),
        )
        .await;
    assert_eq!(paid.status, 200, "{:?}", paid.body);

    // Reconciliation agrees, then names the account a stray write corrupts.
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.status, 200, "{:?}", rec.body);
    assert_eq!(rec.body["differences"], json!([]));
    assert_eq!(rec.body["broken"], Value::Null);
    w.app
        .db
        .execute_raw(sea_orm::Statement::from_string(
            w.app.db.get_database_backend(),
            format!("UPDATE fund_accounts SET credits_posted = credits_posted + 1 WHERE code = 'disbursed:{contract}'"),
        ))
        .await
        .unwrap();
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"][0]["account"]["Disbursed"], contract);

    // The fiscal-year report: a workbook for the fund's roles only.
    let year = chrono::Datelike::year(
        &chrono::Utc::now().with_timezone(&domain::format::vietnam_offset()),
    );
    let report = format!("/exports/fund/years/{year}/report.xlsx");
    let (status, xlsx, disposition) =
        crate::attachments::download(&w.app, &f.director, &report).await;
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK"));
    // The journal's kinds in Vietnamese, never the stored codes.
    let text = crate::attachments::xlsx_text(&xlsx);
    assert!(text.contains(">Ghi sổ<"), "{text}");
    assert!(
        !text.contains(">posted<") && !text.contains(">pending<"),
        "{text}"
    );
    assert!(
        disposition.contains(&format!("bao-cao-quy-{year}")),
        "{disposition}"
    );
    assert_eq!(
        crate::attachments::download(&w.app, &w.researcher, &report)
            .await
            .0,
        403
    );
}
