//! The fund: receipts, contracts committed at signing, payments under four eyes, paid once
//! however often and however concurrently approved; reconciliation names any account whose
//! stored balance differs from its transfers.

use crate::applications::{world, World};
use crate::councils::{entry, valid_dossier};
use crate::helpers::PASSWORD;
use domain::roles::{Role, Scope};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

/// A dossier that passed a closed council of seven.
pub(crate) async fn passed_dossier(w: &World) -> i64 {
    let a = valid_dossier(w, "Hồ sơ được tài trợ", None).await;
    pass(w, a).await;
    a
}

/// Takes the valid dossier `a` through a closed council of seven that passes it.
pub(crate) async fn pass(w: &World, a: i64) {
    let officer = |path: &'static str, body: Value| w.app.call_with(&w.officer, path, body);
    let council = officer(
        "/api/councils/create",
        json!({ "call_id": w.call_id, "name": "Hội đồng" }),
    )
    .await
    .body
    .as_i64()
    .unwrap();
    let roles = [
        "Chair",
        "ViceChair",
        "Secretary",
        "Reviewer",
        "Reviewer",
        "Member",
        "Member",
    ];
    let mut members = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        let email = format!("hd{i}@quy.vn");
        w.app
            .user(&email, &[(Role::CouncilMember, Scope::Global)])
            .await;
        let c = w.app.new_client();
        assert_eq!(w.app.login_with(&c, &email, PASSWORD).await.status, 200);
        officer(
            "/api/councils/add_member",
            json!({ "council_id": council, "email": email, "role": role }),
        )
        .await;
        members.push(c);
    }
    officer("/api/councils/invite", json!({ "council_id": council })).await;
    for c in &members {
        w.app
            .call_with(
                c,
                "/api/councils/answer_invitation",
                json!({ "council_id": council, "accept": true }),
            )
            .await;
    }
    assert_eq!(
        officer("/api/councils/constitute", json!({ "id": council }))
            .await
            .status,
        200
    );
    let view = officer("/api/councils/get", json!({ "id": council })).await;
    for (i, c) in members.iter().enumerate() {
        w.app
            .call_with(
                c,
                "/api/councils/certify",
                json!({ "council_id": council, "application_id": a }),
            )
            .await;
        let sent = w
            .app
            .call_with(
                c,
                "/api/councils/save_sheet",
                json!({ "council_id": council, "application_id": a, "entry": entry([13, 42, 30]), "review": "", "submit": true }),
            )
            .await;
        assert_eq!(sent.status, 200, "{:?}", sent.body);
        let uid = &view.body["members"][i]["user_id"];
        officer(
            "/api/councils/attendance",
            json!({ "council_id": council, "user_id": uid, "present": true }),
        )
        .await;
    }
    let closed = w
        .app
        .call_with(&members[2], "/api/councils/close", json!({ "id": council }))
        .await;
    assert_eq!(closed.status, 200, "{:?}", closed.body);
}

pub(crate) struct Fund {
    pub accountant: reqwest::Client,
    pub director: reqwest::Client,
    pub director2: reqwest::Client,
    pub leader: reqwest::Client,
    /// Holds both fund roles: may prepare, may approve, never the same payment.
    pub both: reqwest::Client,
}

pub(crate) async fn fund_people(w: &World) -> Fund {
    let mut clients = Vec::new();
    for (email, roles) in [
        ("ketoan@quy.vn", vec![Role::FundAccountant]),
        ("giamdoc@quy.vn", vec![Role::FundDirector]),
        ("phogiamdoc@quy.vn", vec![Role::FundDirector]),
        ("lanhdao@so.vn", vec![Role::Leader]),
        (
            "kiemnhiem@quy.vn",
            vec![Role::FundAccountant, Role::FundDirector],
        ),
    ] {
        let grants: Vec<(Role, Scope)> = roles.into_iter().map(|r| (r, Scope::Global)).collect();
        w.app.user(email, &grants).await;
        let c = w.app.new_client();
        assert_eq!(w.app.login_with(&c, email, PASSWORD).await.status, 200);
        clients.push(c);
    }
    let both = clients.pop().unwrap();
    let leader = clients.pop().unwrap();
    let director2 = clients.pop().unwrap();
    let director = clients.pop().unwrap();
    let accountant = clients.pop().unwrap();
    Fund {
        accountant,
        director,
        director2,
        leader,
        both,
    }
}

pub(crate) async fn call(
    w: &World,
    c: &reqwest::Client,
    path: &str,
    body: Value,
) -> crate::helpers::Reply {
    w.app.call_with(c, path, body).await
}

pub(crate) async fn prepare(
    w: &World,
    contract: i64,
    c: &reqwest::Client,
    key: &str,
    seq: i64,
) -> crate::helpers::Reply {
    call(
        w,
        c,
        "/api/payments/prepare",
        json!({ "key": key, "contract_id": contract, "tranche_seq": seq, "evidence": "Hợp đồng đã ký" }),
    )
    .await
}

/// The officer appraises (no change) and the leader approves: the task may get its contract.
pub(crate) async fn approve(w: &World, f: &Fund, a: i64) {
    let appraised = call(
        w,
        &w.officer,
        "/api/tasks/appraise",
        json!({ "application_id": a, "changes": [] }),
    )
    .await;
    assert_eq!(appraised.status, 200, "{:?}", appraised.body);
    let approved = call(
        w,
        &f.leader,
        "/api/tasks/decide",
        json!({ "application_id": a, "approve": true, "reasons": "" }),
    )
    .await;
    assert_eq!(approved.status, 200, "{:?}", approved.body);
}

pub(crate) fn problem(r: &crate::helpers::Reply) -> &Value {
    &r.body["Invalid"]["problem"]
}

#[tokio::test]
async fn money_is_committed_at_signing_and_paid_once_under_four_eyes() {
    let w = world().await;
    let a = passed_dossier(&w).await;
    let f = fund_people(&w).await;

    // No contract before the leader approves the appraised task.
    let early = call(
        &w,
        &w.officer,
        "/api/contracts/create",
        json!({ "application_id": a, "tranches": [] }),
    )
    .await;
    assert_eq!(problem(&early), "NotApproved");
    // Appraisal lowers the materials line (40.000.000 asked from the fund) with a reason; it
    // never raises one.
    let change = |amount: i64, reason: &str| json!({ "application_id": a, "changes": [{ "line": 1, "approved_fund_dong": amount, "reason": reason }] });
    let raise = call(
        &w,
        &w.officer,
        "/api/tasks/appraise",
        change(50_000_000, "x"),
    )
    .await;
    assert_eq!(
        raise.body["Invalid"]["field"],
        "changes.0.approved_fund_dong"
    );
    let no_reason = call(
        &w,
        &w.officer,
        "/api/tasks/appraise",
        change(30_000_000, " "),
    )
    .await;
    assert_eq!(no_reason.body["Invalid"]["field"], "changes.0.reason");
    let decide = |c: &reqwest::Client, approve: bool, reasons: &str| {
        let body = json!({ "application_id": a, "approve": approve, "reasons": reasons });
        let (w, c) = (&w, c.clone());
        async move { call(w, &c, "/api/tasks/decide", body).await }
    };
    assert_eq!(problem(&decide(&f.leader, true, "").await), "NotAppraised");
    let lowered = call(
        &w,
        &w.officer,
        "/api/tasks/appraise",
        change(30_000_000, "Định mức vật tư"),
    )
    .await;
    assert_eq!(lowered.status, 200, "{:?}", lowered.body);
    assert_eq!(decide(&f.accountant, true, "").await.status, 403);
    assert_eq!(decide(&f.leader, true, "").await.status, 200);
    assert_eq!(
        problem(&decide(&f.leader, false, "Đổi ý").await),
        "AlreadyDecided"
    );
    assert_eq!(
        problem(
            &call(
                &w,
                &w.officer,
                "/api/tasks/appraise",
                change(20_000_000, "y")
            )
            .await
        ),
        "AlreadyDecided"
    );
    // The researcher reads the appraisal and its reasons.
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
    let total = seen.body["approved_fund_dong"].as_i64().unwrap();
    assert_eq!(total, asked - 10_000_000);
    let half = total / 2;
    let tranches = json!([
        { "amount_dong": half, "due_at": "2027-01-15T00:00:00Z", "condition": "Khi ký hợp đồng" },
        { "amount_dong": total - half, "due_at": "2027-09-15T00:00:00Z", "condition": "Sau báo cáo giữa kỳ" },
    ]);

    // Only an officer drafts; the tranches add up exactly.
    assert_eq!(
        call(
            &w,
            &f.accountant,
            "/api/contracts/create",
            json!({ "application_id": a, "tranches": tranches })
        )
        .await
        .status,
        403
    );
    let short = call(&w,
        &w.officer,
        "/api/contracts/create",
        json!({ "application_id": a, "tranches": [{ "amount_dong": 1, "due_at": "2027-01-15T00:00:00Z", "condition": "" }] }),
    )
    .await;
    assert_eq!(
        short.body["Invalid"]["field"], "tranches",
        "{:?}",
        short.body
    );
    let contract = call(
        &w,
        &w.officer,
        "/api/contracts/create",
        json!({ "application_id": a, "tranches": tranches }),
    )
    .await;
    assert_eq!(contract.status, 200, "{:?}", contract.body);
    let contract = contract.body.as_i64().unwrap();
    assert_eq!(
        problem(
            &call(
                &w,
                &w.officer,
                "/api/contracts/create",
                json!({ "application_id": a, "tranches": tranches })
            )
            .await
        ),
        "ContractExists"
    );

    // Nothing in the fund yet: signing is refused with the figure, and nothing changes.
    let broke = call(
        &w,
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
    let draft = call(
        &w,
        &f.leader,
        "/api/contracts/get",
        json!({ "id": contract }),
    )
    .await;
    assert_eq!(draft.body["status"], "Draft");
    // The contract carries the products and the appraised lines, lump-sum marked.
    assert_eq!(draft.body["lines"][1]["fund_dong"], 30_000_000);
    assert_eq!(draft.body["lines"][1]["lump_sum"], true);
    assert_eq!(draft.body["products"].as_array().map(Vec::len), Some(1));

    // The accountant records the province's allocation; the same key twice is one receipt.
    let receipt = json!({ "key": "rcpt-1", "source": "StateBudget", "amount_dong": 5_000_000_000i64, "document": "QĐ 123/QĐ-UBND", "note": "" });
    assert_eq!(
        call(&w, &f.director, "/api/fund/receive", receipt.clone())
            .await
            .status,
        403
    );
    let no_doc = call(&w, &f.accountant, "/api/fund/receive", json!({ "key": "rcpt-0", "source": "Interest", "amount_dong": 5, "document": " ", "note": "" })).await;
    assert_eq!(no_doc.body["Invalid"]["field"], "document");
    let r1 = call(&w, &f.accountant, "/api/fund/receive", receipt.clone()).await;
    assert_eq!(r1.status, 200, "{:?}", r1.body);
    assert_eq!(
        call(&w, &f.accountant, "/api/fund/receive", receipt.clone())
            .await
            .body,
        r1.body
    );
    // A receipt entered wrongly is corrected by a new transfer naming it, never beyond it.
    let fix = |key: &str, amount: i64| json!({ "key": key, "transfer_id": r1.body, "amount_dong": amount, "note": "Nhập thừa" });
    assert_eq!(
        call(
            &w,
            &f.director,
            "/api/fund/correct_receipt",
            fix("fix-0", 1)
        )
        .await
        .status,
        403
    );
    let too_much = call(
        &w,
        &f.accountant,
        "/api/fund/correct_receipt",
        fix("fix-1", 5_000_000_001),
    )
    .await;
    assert_eq!(
        problem(&too_much)["Ledger"]["CorrectionExceedsOriginal"]["left_dong"],
        5_000_000_000i64,
        "{:?}",
        too_much.body
    );
    let fixed = call(
        &w,
        &f.accountant,
        "/api/fund/correct_receipt",
        fix("fix-2", 1_000_000_000),
    )
    .await;
    assert_eq!(fixed.status, 200, "{:?}", fixed.body);
    assert_eq!(
        call(
            &w,
            &f.accountant,
            "/api/fund/correct_receipt",
            fix("fix-2", 1_000_000_000)
        )
        .await
        .body,
        fixed.body,
        "replayed, not corrected twice"
    );
    let pos = call(
        &w,
        &f.director,
        "/api/fund/position",
        json!({ "as_of": null }),
    )
    .await;
    assert_eq!(pos.body["position"]["received_dong"], 4_000_000_000i64);
    let mut changed = receipt.clone();
    changed["amount_dong"] = json!(1);
    assert_eq!(
        problem(&call(&w, &f.accountant, "/api/fund/receive", changed).await)["Ledger"],
        "KeyReusedDifferently"
    );

    // Signed: the total is committed from what is available.
    assert_eq!(
        call(
            &w,
            &f.accountant,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "sign-2" })
        )
        .await
        .status,
        403
    );
    let signed = call(
        &w,
        &f.leader,
        "/api/contracts/sign",
        json!({ "id": contract, "key": "sign-2" }),
    )
    .await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);
    assert_eq!(
        call(
            &w,
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "sign-2" })
        )
        .await
        .status,
        200
    );
    let pos = call(
        &w,
        &f.director,
        "/api/fund/position",
        json!({ "as_of": null }),
    )
    .await;
    assert_eq!(
        pos.body["position"]["available_dong"],
        4_000_000_000i64 - total,
        "{:?}",
        pos.body
    );
    assert_eq!(pos.body["position"]["committed_dong"], total);

    // The accountant prepares tranche 1; it waits for the director, its money reserved.
    assert_eq!(
        prepare(&w, contract, &f.director, "p-0", 1).await.status,
        403
    );
    let payment = prepare(&w, contract, &f.accountant, "p-1", 1).await;
    assert_eq!(payment.status, 200, "{:?}", payment.body);
    assert_eq!(
        prepare(&w, contract, &f.accountant, "p-1", 1).await.body,
        payment.body,
        "replayed"
    );
    assert_eq!(
        problem(&prepare(&w, contract, &f.accountant, "p-2", 1).await),
        "TrancheAlreadyPaid"
    );
    let payment = payment.body.as_i64().unwrap();
    let queue = call(
        &w,
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
        calls.push(call(
            &w,
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
    let c = call(
        &w,
        &f.leader,
        "/api/contracts/get",
        json!({ "id": contract }),
    )
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
        call(
            &w,
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
    let own = prepare(&w, contract, &f.both, "p-3", 2).await;
    assert_eq!(own.status, 200, "{:?}", own.body);
    let own = own.body.as_i64().unwrap();
    let self_ok = call(
        &w,
        &f.both,
        "/api/payments/approve",
        json!({ "key": "ok-self", "payment_id": own }),
    )
    .await;
    assert_eq!(problem(&self_ok)["Ledger"], "SamePersonCannotApprove");
    let no_reason = call(
        &w,
        &f.director,
        "/api/payments/reject",
        json!({ "key": "no-1", "payment_id": own, "reason": "" }),
    )
    .await;
    assert_eq!(no_reason.body["Invalid"]["field"], "reason");
    assert_eq!(
        call(
            &w,
            &f.director,
            "/api/payments/reject",
            json!({ "key": "no-2", "payment_id": own, "reason": "Thiếu chứng từ" })
        )
        .await
        .status,
        200
    );
    let c = call(
        &w,
        &f.leader,
        "/api/contracts/get",
        json!({ "id": contract }),
    )
    .await;
    assert_eq!(c.body["pending_dong"], 0);
    assert_eq!(c.body["committed_dong"], total - half);
    // Tranche 2 may be prepared again once the rejected one is void.
    assert_eq!(
        prepare(&w, contract, &f.accountant, "p-4", 2).await.status,
        200
    );

    // Reconciliation agrees, then names the account a stray write corrupts.
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
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
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
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

    // The statement of the available account lists the receipt, its correction and the
    // commitment.
    let st = call(
        &w,
        &f.director,
        "/api/fund/transfers",
        json!({ "account": "available", "page": 1 }),
    )
    .await;
    assert_eq!(st.body["total"], 3, "{:?}", st.body);
    assert_eq!(st.body["items"][1]["corrects"], r1.body);
    assert_eq!(
        w.as_researcher("/api/fund/transfers", json!({ "account": null, "page": 1 }))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn concurrent_payments_never_exceed_the_commitment() {
    let w = world().await;
    let a = passed_dossier(&w).await;
    let f = fund_people(&w).await;
    approve(&w, &f, a).await;
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
    let contract = call(
        &w,
        &w.officer,
        "/api/contracts/create",
        json!({ "application_id": a, "tranches": tranches }),
    )
    .await
    .body
    .as_i64()
    .unwrap();
    call(&w, &f.accountant, "/api/fund/receive", json!({ "key": "r", "source": "Contribution", "amount_dong": total, "document": "HĐ tài trợ 01", "note": "" })).await;
    assert_eq!(
        call(
            &w,
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
            call(&w,
                &f.accountant,
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
    let c = call(
        &w,
        &f.leader,
        "/api/contracts/get",
        json!({ "id": contract }),
    )
    .await;
    assert_eq!(c.body["pending_dong"], total);
    assert_eq!(c.body["committed_dong"], total);
    // The fund is all committed: no second contract could be signed, and reconciliation holds.
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
    assert_eq!(rec.body["position"]["available_dong"], 0);
}

#[tokio::test]
async fn a_crash_between_preparing_and_approving_loses_nothing() {
    let mut w = world().await;
    let a = passed_dossier(&w).await;
    let f = fund_people(&w).await;
    approve(&w, &f, a).await;
    let total = w
        .as_researcher("/api/applications/get", json!({ "id": a }))
        .await
        .body["totals"]["fund_dong"]
        .as_i64()
        .unwrap();
    let tranches =
        json!([{ "amount_dong": total, "due_at": "2027-01-15T00:00:00Z", "condition": "" }]);
    let contract = call(
        &w,
        &w.officer,
        "/api/contracts/create",
        json!({ "application_id": a, "tranches": tranches }),
    )
    .await
    .body
    .as_i64()
    .unwrap();
    call(&w, &f.accountant, "/api/fund/receive", json!({ "key": "r", "source": "Interest", "amount_dong": total, "document": "Sao kê", "note": "" })).await;
    assert_eq!(
        call(
            &w,
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": contract, "key": "s" })
        )
        .await
        .status,
        200
    );
    let payment = prepare(&w, contract, &f.accountant, "p", 1)
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
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.status, 200, "{:?}", rec.body);
    assert_eq!(rec.body["differences"], json!([]));
    assert_eq!(rec.body["broken"], Value::Null);
    // The director (signed in still: sessions are in the database) finishes the job; the
    // payment is paid exactly once whichever way the crash fell.
    let again = call(
        &w,
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
    let c = call(
        &w,
        &f.director,
        "/api/contracts/get",
        json!({ "id": contract }),
    )
    .await;
    assert_eq!(c.body["disbursed_dong"], total);
    assert_eq!(c.body["payments"][0]["status"], "Posted");
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
}
