//! From a passed dossier to a draft contract: appraisal only lowers, with reasons; the leader
//! decides once; only an officer drafts, in tranches that add up to what was approved.

use super::two_tranches;
use crate::world::{problem, World};
use serde_json::json;

#[tokio::test]
async fn appraisal_only_lowers_with_reasons_and_the_leader_decides_once() {
    let w = World::new().await;
    let a = w.with_passed_dossier().await;
    let f = w.with_fund_people().await;

    // No contract before the leader approves the appraised task.
    let early = w
        .call(
            &w.officer,
            "/api/contracts/create",
            json!({ "application_id": a, "tranches": [] }),
        )
        .await;
    assert_eq!(problem(&early), "NotApproved");
    // Appraisal lowers the materials line (40.000.000 asked from the fund) with a reason; it
    // never raises one.
    let change = |amount: i64, reason: &str| json!({ "application_id": a, "changes": [{ "line": 1, "approved_fund_dong": amount, "reason": reason }] });
    let appraise = |body| w.call(&w.officer, "/api/tasks/appraise", body);
    let raise = appraise(change(50_000_000, "x")).await;
    assert_eq!(
        raise.body["Invalid"]["field"],
        "changes.0.approved_fund_dong"
    );
    let no_reason = appraise(change(30_000_000, " ")).await;
    assert_eq!(no_reason.body["Invalid"]["field"], "changes.0.reason");
    let decide = |c: &reqwest::Client, approve: bool, reasons: &str| {
        let body =
            json!({ "application_id": a, "revision": 2, "approve": approve, "reasons": reasons });
        let (w, c) = (&w, c.clone());
        async move { w.call(&c, "/api/tasks/decide", body).await }
    };
    assert_eq!(problem(&decide(&f.leader, true, "").await), "NotAppraised");
    // The leader decides on the appraisal shown: redone since, it is shown again.
    let first = appraise(change(25_000_000, "Định mức cũ")).await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    let shown = w
        .call(&f.leader, "/api/tasks/get", json!({ "application_id": a }))
        .await;
    assert_eq!(shown.body["revision"], 1);
    let lowered = appraise(change(30_000_000, "Định mức vật tư")).await;
    assert_eq!(lowered.status, 200, "{:?}", lowered.body);
    let stale = json!({ "application_id": a, "revision": 1, "approve": true, "reasons": "" });
    let stale = w.call(&f.leader, "/api/tasks/decide", stale).await;
    assert_eq!(problem(&stale), "ChangedSinceShown", "{:?}", stale.body);
    assert_eq!(stale.body["Invalid"]["field"], "revision");
    assert_eq!(decide(&f.accountant, true, "").await.status, 403);
    assert_eq!(decide(&f.leader, true, "").await.status, 200);
    assert_eq!(
        problem(&decide(&f.leader, false, "Đổi ý").await),
        "AlreadyDecided"
    );
    assert_eq!(
        problem(&appraise(change(20_000_000, "y")).await),
        "AlreadyDecided"
    );
    // The researcher reads the appraisal and its reasons; the leader prints the decision.
    let seen = w
        .as_researcher("/api/tasks/get", json!({ "application_id": a }))
        .await;
    assert_eq!(seen.body["approved"], true, "{:?}", seen.body);
    assert_eq!(seen.body["lines"][1]["reason"], "Định mức vật tư");
    let (status, pdf, _) = crate::attachments::download(
        &w.app,
        &f.leader,
        &format!("/exports/calls/{}/approval.pdf", w.call_id),
    )
    .await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    // The fund pays what was approved: the request less the 10.000.000 appraised away.
    let asked = w
        .as_researcher("/api/applications/get", json!({ "id": a }))
        .await
        .body["totals"]["fund_dong"]
        .as_i64()
        .unwrap();
    assert_eq!(seen.body["approved_fund_dong"], asked - 10_000_000);
}

#[tokio::test]
async fn only_an_officer_drafts_a_contract_whose_tranches_add_up_and_signing_needs_money() {
    let w = World::new().await;
    let a = w.with_passed_dossier().await;
    let f = w.with_fund_people().await;
    let total = w.with_lowered_approval(&f, a).await;
    let tranches = two_tranches(total);
    let create = |c: &reqwest::Client, tranches: serde_json::Value| {
        let body = json!({ "application_id": a, "tranches": tranches });
        let (w, c) = (&w, c.clone());
        async move { w.call(&c, "/api/contracts/create", body).await }
    };

    assert_eq!(create(&f.accountant, tranches.clone()).await.status, 403);
    let one = json!([{ "amount_dong": 1, "due_at": "2027-01-15T00:00:00Z", "condition": "" }]);
    let short = create(&w.officer, one).await;
    assert_eq!(
        short.body["Invalid"]["field"], "tranches",
        "{:?}",
        short.body
    );
    let contract = create(&w.officer, tranches.clone()).await;
    assert_eq!(contract.status, 200, "{:?}", contract.body);
    let contract = contract.body.as_i64().unwrap();
    assert_eq!(
        problem(&create(&w.officer, tranches).await),
        "ContractExists"
    );

    // Nothing in the fund yet: signing is refused with the figure, and nothing changes.
    let broke = w
        .call(
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "sign-1" }),
        )
        .await;
    assert_eq!(
        problem(&broke)["Ledger"]["InsufficientAvailable"]["free_dong"],
        0,
        "{:?}",
        broke.body
    );
    let draft = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": contract }))
        .await;
    assert_eq!(draft.body["status"], "Draft");
    // The contract carries the products and the appraised lines, lump-sum marked.
    assert_eq!(draft.body["lines"][1]["fund_dong"], 30_000_000);
    assert_eq!(draft.body["lines"][1]["lump_sum"], true);
    assert_eq!(draft.body["products"].as_array().map(Vec::len), Some(1));
}

/// The researcher who wrote the dossier is also an officer and a department leader: they may
/// not validate, appraise, approve or sign anything about it; others in those roles may.
#[tokio::test]
async fn nobody_decides_their_own_dossier() {
    use app::db::entities::user;
    use domain::roles::{Role, RoleGrant, Scope};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let w = World::new().await;
    let a = w.with_passed_dossier().await;
    let f = w.with_fund_people().await;
    let me = user::Entity::find()
        .filter(user::Column::Email.eq("nkh@vien.vn"))
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    for role in [Role::Officer, Role::Leader] {
        let grant = RoleGrant::new(role, Scope::Global).unwrap();
        app::db::accounts::insert_grant(&w.app.db, me.id, grant, me.id, chrono::Utc::now())
            .await
            .unwrap();
    }
    let own = |path: &'static str, body: serde_json::Value| {
        let w = &w;
        async move {
            let r = w.as_researcher(path, body).await;
            assert_eq!(problem(&r), "OwnCase", "{path}: {:?}", r.body);
        }
    };
    own(
        "/api/applications/decide",
        json!({ "id": a, "decision": "Valid" }),
    )
    .await;
    own(
        "/api/tasks/appraise",
        json!({ "application_id": a, "changes": [] }),
    )
    .await;
    let appraised = w
        .call(
            &w.officer,
            "/api/tasks/appraise",
            json!({ "application_id": a, "changes": [] }),
        )
        .await;
    assert_eq!(appraised.status, 200, "{:?}", appraised.body);
    own(
        "/api/tasks/decide",
        json!({ "application_id": a, "revision": 1, "approve": true, "reasons": "" }),
    )
    .await;
    let approved = w
        .call(
            &f.leader,
            "/api/tasks/decide",
            json!({ "application_id": a, "revision": 1, "approve": true, "reasons": "" }),
        )
        .await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
    let total = w
        .as_researcher("/api/tasks/get", json!({ "application_id": a }))
        .await
        .body["approved_fund_dong"]
        .as_i64()
        .unwrap();
    let contract = w
        .call(
            &w.officer,
            "/api/contracts/create",
            json!({ "application_id": a, "tranches": super::two_tranches(total) }),
        )
        .await
        .body;
    w.with_receipt(&f, "rcpt-1", 5_000_000_000).await;
    own(
        "/api/contracts/sign",
        json!({ "id": contract, "key": "sign-own" }),
    )
    .await;
    let signed = w
        .call(
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "sign" }),
        )
        .await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);
}
