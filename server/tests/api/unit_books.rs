//! A managing unit pays its grassroots task from its own book (docs/ledger.md, "Books"): the
//! grassroots rulebook line has the unit pay, so the contract names the unit as its payer; the
//! unit's accountant puts its budget into its book and prepares the payment, its account holder
//! approves; the fund's people keep nothing in it, the fund's money is never touched, and each
//! book reconciles on its own.

use crate::fund::two_tranches;
use crate::grassroots::{checked, council, people, signed_in, submitted, unit_call, People};
use crate::helpers::TestApp;
use crate::world::{problem, t0};
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

/// The unit's dossier, appraised by its officer and approved by its leader.
async fn approved_task(app: &TestApp, p: &People) -> Value {
    let call = unit_call(app, p).await;
    let dossier = submitted(app, p, &call).await;
    checked(app, p, &dossier).await;
    council(app, p, &call, &dossier).await;
    let appraise = json!({ "application_id": dossier, "changes": [] });
    let appraised = app
        .call_with(&p.unit_officer, "/api/tasks/appraise", appraise)
        .await;
    assert_eq!(appraised.status, 200, "{:?}", appraised.body);
    let decide =
        json!({ "application_id": dossier, "revision": 1, "approve": true, "reasons": "" });
    let approved = app
        .call_with(&p.unit_leader, "/api/tasks/decide", decide)
        .await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
    dossier
}

/// The unit's accountant and account holder, granted by the administrator through the API.
async fn unit_money_people(app: &TestApp, p: &People) -> (reqwest::Client, reqwest::Client) {
    // Only for a managing unit: a plain organisation keeps no book.
    let plain = app.db_org("Công ty TNHH Nông sản Hòa Thắng").await;
    let someone = app.user("ketoan@congty.vn", &[]).await;
    let body = json!({ "user_id": someone, "role": "FundAccountant", "organisation_id": plain });
    let refused = app
        .call_with(&p.admin, "/api/admin/roles/grant", body)
        .await;
    assert_eq!(
        refused.body["Invalid"]["problem"], "NotManagingUnit",
        "{:?}",
        refused.body
    );
    let mut out = Vec::new();
    for (email, role) in [
        ("ketoan@dh.vn", "FundAccountant"),
        ("hieutruong2@dh.vn", "FundDirector"),
    ] {
        let user = app.user(email, &[]).await;
        let body = json!({ "user_id": user, "role": role, "organisation_id": p.university });
        let granted = app
            .call_with(&p.admin, "/api/admin/roles/grant", body)
            .await;
        assert_eq!(granted.status, 200, "{:?}", granted.body);
        out.push(signed_in(app, email).await);
    }
    let holder = out.pop().unwrap();
    (out.pop().unwrap(), holder)
}

fn receipt(key: &str, amount: i64, unit: Option<i32>) -> Value {
    json!({ "key": key, "source": "StateBudget", "amount_dong": amount,
            "document": "QĐ giao dự toán", "note": "", "unit": unit })
}

#[tokio::test]
async fn a_unit_pays_its_grassroots_task_from_its_own_book() {
    let app = TestApp::builder().fixed_clock(t0()).spawn().await;
    let p = people(&app).await;
    let dossier = approved_task(&app, &p).await;
    let g = |role| [(role, Scope::Global)];
    app.user("ketoan@quy.vn", &g(Role::FundAccountant)).await;
    app.user("giamdoc@quy.vn", &g(Role::FundDirector)).await;
    let (fund_accountant, fund_director) = (
        signed_in(&app, "ketoan@quy.vn").await,
        signed_in(&app, "giamdoc@quy.vn").await,
    );
    let (accountant, holder) = unit_money_people(&app, &p).await;
    let call = |c: &reqwest::Client, path: &'static str, body: Value| {
        let (app, c) = (&app, c.clone());
        async move { app.call_with(&c, path, body).await }
    };
    let fund_in = call(
        &fund_accountant,
        "/api/fund/receive",
        receipt("f1", 1_000_000_000, None),
    )
    .await;
    assert_eq!(fund_in.status, 200, "{:?}", fund_in.body);

    // The contract names the unit as its payer: its call pinned the grassroots line.
    let draft = json!({ "application_id": dossier, "tranches": two_tranches(99_000_000) });
    let contract = call(&p.unit_officer, "/api/contracts/create", draft).await;
    assert_eq!(contract.status, 200, "{:?}", contract.body);
    let id = contract.body;
    let read = call(&p.unit_officer, "/api/contracts/get", json!({ "id": id })).await;
    assert_eq!(read.body["payer_unit"], p.university);
    assert_eq!(read.body["payer"], "Trường Đại học Hồng Đức");

    // Signing commits from the unit's book, empty yet: the fund's billion does not pay it.
    let sign = json!({ "id": id, "key": "sign-1" });
    let empty = call(&p.unit_leader, "/api/contracts/sign", sign.clone()).await;
    assert_eq!(
        problem(&empty)["Ledger"]["InsufficientAvailable"]["free_dong"],
        0,
        "{:?}",
        empty.body
    );

    // Only the unit's accountant puts money in its book; an unknown unit does not exist.
    let unit = Some(p.university);
    let refused = call(
        &fund_accountant,
        "/api/fund/receive",
        receipt("u0", 5, unit),
    )
    .await;
    assert_eq!(refused.status, 403, "the fund does not keep a unit's book");
    let not_unit = call(
        &accountant,
        "/api/fund/receive",
        receipt("u9", 5, Some(999_999)),
    )
    .await;
    assert_eq!(not_unit.status, 404);
    let budget = call(
        &accountant,
        "/api/fund/receive",
        receipt("u1", 150_000_000, unit),
    )
    .await;
    assert_eq!(budget.status, 200, "{:?}", budget.body);
    let signed = call(&p.unit_leader, "/api/contracts/sign", sign).await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);

    // The unit's accountant prepares, its account holder approves; the fund's people cannot.
    let prepare = json!({ "key": "pay-1", "contract_id": id, "tranche_seq": 1, "evidence": "Giấy đề nghị tạm ứng" });
    let by_fund = call(&fund_accountant, "/api/payments/prepare", prepare.clone()).await;
    assert_eq!(by_fund.status, 403);
    let payment = call(&accountant, "/api/payments/prepare", prepare).await;
    assert_eq!(payment.status, 200, "{:?}", payment.body);
    let approve = json!({ "key": "ok-1", "payment_id": payment.body });
    for c in [&fund_director, &accountant] {
        let r = call(c, "/api/payments/approve", approve.clone()).await;
        assert_eq!(r.status, 403, "{:?}", r.body);
    }
    let paid = call(&holder, "/api/payments/approve", approve).await;
    assert_eq!(paid.status, 200, "{:?}", paid.body);

    // Each book's figures are its own.
    let position = |c: &reqwest::Client, unit: Option<i32>| {
        let body = json!({ "as_of": null, "unit": unit });
        call(c, "/api/fund/position", body)
    };
    let own = position(&accountant, None).await;
    assert_eq!(
        own.body["unit"], p.university,
        "a unit's accountant lands in its book"
    );
    let figures = |r: &crate::helpers::Reply| {
        let p = &r.body["position"];
        [
            &p["received_dong"],
            &p["available_dong"],
            &p["committed_dong"],
            &p["disbursed_dong"],
        ]
        .map(|v| v.as_i64().unwrap())
    };
    let half = 99_000_000 / 2;
    assert_eq!(
        figures(&own),
        [150_000_000, 51_000_000, 99_000_000 - half, half]
    );
    let fund = position(&fund_director, None).await;
    assert_eq!(figures(&fund), [1_000_000_000, 1_000_000_000, 0, 0]);
    // The department reads the unit's book; another unit does not.
    let seen = position(&p.officer, unit).await;
    assert_eq!(figures(&seen), figures(&own));
    assert_eq!(position(&p.other_unit, unit).await.status, 403);
    assert_eq!(position(&accountant, Some(999_999)).await.status, 404);

    // Lists and statements hold the book's own; each book reconciles on its own.
    let pending = |c: &reqwest::Client, unit: Option<i32>| {
        call(
            c,
            "/api/payments/list",
            json!({ "status": null, "page": 1, "unit": unit }),
        )
    };
    assert_eq!(pending(&holder, None).await.body["total"], 1);
    assert_eq!(pending(&fund_director, None).await.body["total"], 0);
    let transfers = |unit: Option<i32>| {
        call(
            &p.officer,
            "/api/fund/transfers",
            json!({ "account": null, "page": 1, "unit": unit }),
        )
    };
    assert_eq!(
        transfers(unit).await.body["total"],
        4,
        "budget, commitment, pending, approval"
    );
    assert_eq!(transfers(None).await.body["total"], 1);
    for unit in [None, unit] {
        let r = call(&p.officer, "/api/fund/reconcile", json!({ "unit": unit })).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        assert_eq!(r.body["differences"], json!([]));
        assert_eq!(r.body["broken"], Value::Null, "{unit:?}");
    }
}
