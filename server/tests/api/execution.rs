//! A funded task from signing to closing: progress reports and overdue flags, acceptance by a
//! council's ballots, settlement posted in the ledger with its refund, registration, closing,
//! the public portal; and a task terminated, its cause recorded and exempted, settled on what
//! was spent. Every step checks who asks.

use crate::applications::{complete_form, t0, world, World};
use crate::fund::{approve, call, fund_people, pass, prepare, problem, Fund};
use crate::helpers::{Reply, PASSWORD};
use chrono::Duration;
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

struct Task {
    contract: i64,
    host: reqwest::Client,
    /// The fund's payments so far.
    paid: i64,
}

/// A valid dossier whose materials line is settled by documents, hosted by an organisation with
/// its own account, passed, approved, contracted in two equal tranches, signed, and paid the
/// first tranche (or both).
async fn funded(w: &World, f: &Fund, both_tranches: bool) -> Task {
    use app::db::entities::user;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let org = w.app.db_org("Viện Nông nghiệp Tây Nguyên").await;
    user::Entity::update_many()
        .col_expr(user::Column::OrganisationId, Expr::value(Some(org)))
        .filter(user::Column::Email.eq("nkh@vien.vn"))
        .exec(&w.app.db)
        .await
        .unwrap();
    w.app
        .user(
            "chutri@vien.vn",
            &[(Role::HostOrganisation, Scope::Organisation(org.into()))],
        )
        .await;
    let host = w.app.new_client();
    assert_eq!(
        w.app
            .login_with(&host, "chutri@vien.vn", PASSWORD)
            .await
            .status,
        200
    );

    let a = w.draft("Nhiệm vụ được tài trợ").await;
    let mut form = complete_form("Nhiệm vụ được tài trợ");
    form["budget"][1]["lump_sum"] = json!(false);
    let saved = w
        .as_researcher("/api/applications/save", json!({ "id": a, "form": form }))
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    assert_eq!(
        w.as_researcher("/api/applications/submit", json!({ "id": a }))
            .await
            .status,
        200
    );
    let ok = call(
        w,
        &w.officer,
        "/api/applications/decide",
        json!({ "id": a, "decision": "Valid" }),
    )
    .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    pass(w, a).await;
    approve(w, f, a).await;
    let total = 99_000_000i64;
    let half = total / 2;
    let tranches = json!([
        { "amount_dong": half, "due_at": "2027-01-15T00:00:00Z", "condition": "Khi ký hợp đồng" },
        { "amount_dong": total - half, "due_at": "2027-09-15T00:00:00Z", "condition": "Sau báo cáo giữa kỳ" },
    ]);
    let contract = call(
        w,
        &w.officer,
        "/api/contracts/create",
        json!({ "application_id": a, "tranches": tranches }),
    )
    .await;
    assert_eq!(contract.status, 200, "{:?}", contract.body);
    let contract = contract.body.as_i64().unwrap();
    let receipt = json!({ "key": "rcpt", "source": "StateBudget", "amount_dong": 500_000_000i64, "document": "QĐ 1/QĐ-UBND", "note": "" });
    assert_eq!(
        call(w, &f.accountant, "/api/fund/receive", receipt)
            .await
            .status,
        200
    );
    let signed = call(
        w,
        &f.leader,
        "/api/contracts/sign",
        json!({ "id": contract, "key": "sign" }),
    )
    .await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);
    let mut paid = 0;
    for seq in if both_tranches { vec![1, 2] } else { vec![1] } {
        let p = prepare(w, contract, &f.accountant, &format!("pay-{seq}"), seq).await;
        assert_eq!(p.status, 200, "{:?}", p.body);
        let ok = call(
            w,
            &f.director,
            "/api/payments/approve",
            json!({ "key": format!("ok-{seq}"), "payment_id": p.body }),
        )
        .await;
        assert_eq!(ok.status, 200, "{:?}", ok.body);
        paid += if seq == 1 { half } else { total - half };
    }
    Task {
        contract,
        host,
        paid,
    }
}

fn field(r: &Reply) -> &Value {
    &r.body["Invalid"]["field"]
}

fn blocked(r: &Reply) -> &Value {
    &r.body["Invalid"]["problem"]["Closeout"]
}

async fn members(w: &World, n: usize) -> Vec<(String, reqwest::Client)> {
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("nt{i}@hd.vn");
        w.app
            .user(&email, &[(Role::CouncilMember, Scope::Global)])
            .await;
        let c = w.app.new_client();
        assert_eq!(w.app.login_with(&c, &email, PASSWORD).await.status, 200);
        out.push((email, c));
    }
    out
}

fn todos(r: &Reply) -> String {
    r.body.to_string()
}

/// The leader puts an evidence file on the task's dossier; its address.
async fn evidence_on_the_dossier(w: &World, seen: &Reply) -> String {
    let app_id = seen.body["application_id"].as_i64().unwrap();
    let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
    let document = domain::closeout::EVIDENCE_DOCUMENT;
    let up =
        crate::attachments::upload(w, &w.researcher, app_id, document, "Quy trình.pdf", pdf).await;
    assert_eq!(up.status, 200, "{:?}", up.body);
    format!("/files/attachments/{}", up.body["id"])
}

/// Stage: the task accepted. The final report is in, the host evaluated it, a council of five
/// voted (three Excellent, one Pass) and the officer concluded: Excellent.
async fn accepted(w: &World, t: &Task) {
    let c = t.contract;
    let ok = |r: Reply| assert_eq!(r.status, 200, "{:?}", r.body);
    ok(w.as_researcher(
        "/api/execution/submit_final",
        json!({ "contract_id": c, "final_report": "Báo cáo tổng hợp kết quả", "evidence": ["Báo cáo số 12/2028, lưu tại Viện"] }),
    )
    .await);
    let self_eval = json!({ "contract_id": c, "ballot": { "products": ["Pass"], "task": "Pass", "comment": "Hoàn thành" } });
    ok(call(w, &t.host, "/api/execution/self_evaluate", self_eval).await);
    let people = members(w, 5).await;
    let emails: Vec<&str> = people.iter().map(|(e, _)| e.as_str()).collect();
    let council = json!({ "contract_id": c, "emails": emails });
    ok(call(w, &w.officer, "/api/execution/name_council", council).await);
    for (i, (_, m)) in people[..4].iter().enumerate() {
        let rating = if i < 3 { "Excellent" } else { "Pass" };
        let ballot = json!({ "contract_id": c, "ballot": { "products": [rating], "task": rating, "comment": "" } });
        ok(call(w, m, "/api/execution/vote", ballot).await);
    }
    let verdict = call(
        w,
        &w.officer,
        "/api/execution/conclude",
        json!({ "contract_id": c }),
    )
    .await;
    assert_eq!(verdict.body, "Excellent");
}

/// Who reads a running task and puts files on it; progress reports against the contract's
/// products; inspections; a report past due on both to-do lists.
#[tokio::test]
async fn a_running_task_is_read_reported_inspected_and_flagged_overdue_by_its_people() {
    let w = world().await;
    let f = fund_people(&w).await;
    let t = funded(&w, &f, true).await;
    let c = t.contract;
    let get = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move { call(w, &who, "/api/execution/get", json!({ "contract_id": c })).await }
    };

    // Who reads: the task's leader, officers, fund roles, the host; not another researcher.
    let seen = get(&w.researcher).await;
    assert_eq!(seen.status, 200, "{:?}", seen.body);
    assert_eq!(seen.body["paid_dong"], t.paid);
    assert_eq!(seen.body["next_period"], 1);
    assert_eq!(
        seen.body["periods"].as_array().unwrap().len(),
        4,
        "24 months in 6-month periods"
    );
    assert_eq!(get(&w.other).await.status, 404);
    assert_eq!(get(&t.host).await.status, 200);

    // Evidence and settlement documents go on the dossier while the task runs, by its leader
    // only; the submitted dossier's own documents stay as they were.
    let app_id = seen.body["application_id"].as_i64().unwrap();
    let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
    let attach = |who: &reqwest::Client, document: &str| {
        let (w, who, document, pdf) = (&w, who.clone(), document.to_string(), pdf.clone());
        async move {
            crate::attachments::upload(w, &who, app_id, &document, "Quy trình.pdf", pdf).await
        }
    };
    let evidence = attach(&w.researcher, domain::closeout::EVIDENCE_DOCUMENT).await;
    assert_eq!(evidence.status, 200, "{:?}", evidence.body);
    assert_eq!(attach(&w.researcher, "").await.status, 422);
    assert_eq!(
        attach(&w.officer, domain::closeout::SETTLEMENT_DOCUMENT)
            .await
            .status,
        403
    );
    assert_eq!(
        get(&w.researcher).await.body["files"][0]["file_name"],
        "Quy trình.pdf"
    );
    let evidence_url = format!("/files/attachments/{}", evidence.body["id"]);
    let read = |who: &reqwest::Client| {
        let (w, who, url) = (&w, who.clone(), evidence_url.clone());
        async move { crate::attachments::download(&w.app, &who, &url).await.0 }
    };
    assert_eq!(read(&w.researcher).await, 200);
    assert_eq!(read(&w.other).await, 404);

    // Progress reports: products by their contract names, spending within what was paid.
    let report = |name: &str, spent: i64| json!({ "contract_id": c, "report": { "work_done": "Đã khảo sát 3 huyện", "products": [{ "name": name, "percent": 40, "note": "" }], "spent_dong": spent, "problems": "" } });
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/report",
            report("Báo cáo tổng hợp", 1)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &w.as_researcher("/api/execution/report", report("Sản phẩm lạ", 1))
                .await
        ),
        "products.0.name"
    );
    assert_eq!(
        field(
            &w.as_researcher(
                "/api/execution/report",
                report("Báo cáo tổng hợp", t.paid + 1)
            )
            .await
        ),
        "spent_dong"
    );
    let filed = w
        .as_researcher(
            "/api/execution/report",
            report("Báo cáo tổng hợp", 20_000_000),
        )
        .await;
    assert_eq!(filed.status, 200, "{:?}", filed.body);
    assert_eq!(filed.body, 1);
    // Period 2 has not begun.
    assert_eq!(
        problem(
            &w.as_researcher("/api/execution/report", report("Báo cáo tổng hợp", 1))
                .await
        ),
        "NoReportDue"
    );
    let rid = get(&w.officer).await.body["reports"][0]["id"].clone();
    assert_eq!(
        call(
            &w,
            &w.researcher,
            "/api/execution/review",
            json!({ "report_id": rid, "accept": true, "note": "" })
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &call(
                &w,
                &w.officer,
                "/api/execution/review",
                json!({ "report_id": rid, "accept": false, "note": " " })
            )
            .await
        ),
        "note"
    );
    let back = call(
        &w,
        &w.officer,
        "/api/execution/review",
        json!({ "report_id": rid, "accept": false, "note": "Bổ sung số liệu" }),
    )
    .await;
    assert_eq!(back.status, 200, "{:?}", back.body);
    assert_eq!(
        problem(
            &call(
                &w,
                &w.officer,
                "/api/execution/review",
                json!({ "report_id": rid, "accept": true, "note": "" })
            )
            .await
        ),
        "AlreadyReviewed"
    );
    // Sent back: filed again for the same period, then accepted.
    assert_eq!(
        w.as_researcher(
            "/api/execution/report",
            report("Báo cáo tổng hợp", 25_000_000)
        )
        .await
        .body,
        1
    );
    let rid = get(&w.officer).await.body["reports"][1]["id"].clone();
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/review",
            json!({ "report_id": rid, "accept": true, "note": "" })
        )
        .await
        .status,
        200
    );

    // Inspections: officers only, never in the future.
    let inspect =
        |on: &str| json!({ "contract_id": c, "inspected_on": on, "findings": "Đúng tiến độ" });
    assert_eq!(
        call(
            &w,
            &w.researcher,
            "/api/execution/inspect",
            inspect("2026-12-01")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &call(
                &w,
                &w.officer,
                "/api/execution/inspect",
                inspect("2030-01-01")
            )
            .await
        ),
        "inspected_on"
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/inspect",
            inspect("2026-12-01")
        )
        .await
        .status,
        200
    );

    // Period 2 is due 6 months and 15 days after signing: a second later it is overdue on both
    // to-do lists.
    let due = seen.body["periods"][1]["due_at"]
        .as_str()
        .unwrap()
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap();
    w.app.clock().set(due);
    // Half a year on, everyone signs in again.
    for (c, email) in [
        (&w.officer, "cv@sokhcn.vn"),
        (&w.researcher, "nkh@vien.vn"),
        (&w.other, "khac@vien.vn"),
        (&t.host, "chutri@vien.vn"),
        (&f.leader, "lanhdao@so.vn"),
        (&f.accountant, "ketoan@quy.vn"),
        (&f.director, "giamdoc@quy.vn"),
    ] {
        assert_eq!(w.app.login_with(c, email, PASSWORD).await.status, 200);
    }
    assert!(
        !todos(&call(&w, &w.officer, "/api/home/todos", json!({})).await)
            .contains("OverdueReports")
    );
    w.app.clock().set(due + Duration::seconds(1));
    let officer_todos = call(&w, &w.officer, "/api/home/todos", json!({})).await;
    assert!(
        todos(&officer_todos).contains("OverdueReports"),
        "{:?}",
        officer_todos.body
    );
    assert!(todos(&w.as_researcher("/api/home/todos", json!({})).await).contains("OverdueReports"));
    assert!(
        !todos(&call(&w, &w.other, "/api/home/todos", json!({})).await).contains("OverdueReports")
    );
    assert_eq!(get(&w.officer).await.body["periods"][1]["overdue"], true);
    assert_eq!(
        w.as_researcher(
            "/api/execution/report",
            report("Báo cáo tổng hợp", 30_000_000)
        )
        .await
        .body,
        2
    );
    assert!(
        !todos(&call(&w, &w.officer, "/api/home/todos", json!({})).await)
            .contains("OverdueReports")
    );
}

/// Acceptance: the final report and the host's self-evaluation, a council sized by the
/// rulebook without the task's own people, hidden ballots, the quorum, the 3/4 rule, the
/// minutes.
#[tokio::test]
async fn acceptance_needs_the_final_report_a_council_without_conflicts_and_a_quorum() {
    let w = world().await;
    let f = fund_people(&w).await;
    let t = funded(&w, &f, true).await;
    let c = t.contract;
    let get = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move { call(w, &who, "/api/execution/get", json!({ "contract_id": c })).await }
    };
    let evidence_url = evidence_on_the_dossier(&w, &get(&w.researcher).await).await;

    // Acceptance: the final report with evidence for each product; the host evaluates itself.
    let final_report = |evidence: Value| json!({ "contract_id": c, "final_report": "Báo cáo tổng hợp kết quả", "evidence": evidence });
    assert_eq!(call(&w, &t.host, "/api/execution/self_evaluate", json!({ "contract_id": c, "ballot": { "products": ["Pass"], "task": "Pass", "comment": "" } })).await.body["Invalid"]["problem"]["Closeout"], "FinalReportMissing");
    assert_eq!(
        field(
            &w.as_researcher("/api/execution/submit_final", final_report(json!([])))
                .await
        ),
        "evidence"
    );
    assert_eq!(
        field(
            &w.as_researcher("/api/execution/submit_final", final_report(json!([" "])))
                .await
        ),
        "evidence.0"
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/submit_final",
            final_report(json!(["BC số 12"]))
        )
        .await
        .status,
        403
    );
    assert_eq!(
        w.as_researcher(
            "/api/execution/submit_final",
            final_report(json!(["Báo cáo số 12/2028, lưu tại Viện"]))
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &w.as_researcher("/api/execution/submit_final", final_report(json!(["x"])))
                .await
        ),
        "FinalReportAlreadySubmitted"
    );
    let self_eval = |task: &str| json!({ "contract_id": c, "ballot": { "products": ["Pass"], "task": task, "comment": "Hoàn thành" } });
    assert_eq!(
        call(
            &w,
            &w.researcher,
            "/api/execution/self_evaluate",
            self_eval("Pass")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call(
            &w,
            &t.host,
            "/api/execution/self_evaluate",
            self_eval("Excellent")
        )
        .await
        .body["Invalid"]["problem"]["Acceptance"],
        "ExcellentNeedsExcellentProducts"
    );
    assert_eq!(
        call(
            &w,
            &t.host,
            "/api/execution/self_evaluate",
            self_eval("Pass")
        )
        .await
        .status,
        200
    );

    // The council: sized by the rulebook (5 to 9), never the task's own leader.
    let people = members(&w, 5).await;
    let emails: Vec<&str> = people.iter().map(|(e, _)| e.as_str()).collect();
    let name = |list: Value| json!({ "contract_id": c, "emails": list });
    assert_eq!(
        call(
            &w,
            &w.researcher,
            "/api/execution/name_council",
            name(json!(emails))
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/name_council",
            name(json!(emails[..4]))
        )
        .await
        .body["Invalid"]["problem"]["Acceptance"]["MembersOutOfRange"]["min"],
        5
    );
    let mut with_leader = emails.clone();
    with_leader[4] = "nkh@vien.vn";
    assert_eq!(
        problem(
            &call(
                &w,
                &w.officer,
                "/api/execution/name_council",
                name(json!(with_leader))
            )
            .await
        ),
        "Conflicted"
    );
    // Nor anyone of its host organisation.
    let mut with_host = emails.clone();
    with_host[0] = "chutri@vien.vn";
    let host_seat = call(
        &w,
        &w.officer,
        "/api/execution/name_council",
        name(json!(with_host)),
    )
    .await;
    assert_eq!(problem(&host_seat), "Conflicted");
    assert_eq!(field(&host_seat), "emails.0");
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/name_council",
            name(json!(emails))
        )
        .await
        .status,
        200
    );
    // The council reads the evidence; others still do not.
    assert_eq!(
        crate::attachments::download(&w.app, &people[0].1, &evidence_url)
            .await
            .0,
        200
    );
    assert_eq!(
        crate::attachments::download(&w.app, &w.other, &evidence_url)
            .await
            .0,
        404
    );
    let ballot = |product: &str, task: &str| json!({ "contract_id": c, "ballot": { "products": [product], "task": task, "comment": "" } });
    assert_eq!(
        call(&w, &w.other, "/api/execution/vote", ballot("Pass", "Pass"))
            .await
            .status,
        404
    );
    assert!(
        todos(&call(&w, &people[0].1, "/api/home/todos", json!({})).await).contains("CastBallots")
    );
    // Three ballots are below the quorum of 4 (2/3 of 5, rounded up).
    for (_, m) in &people[..3] {
        assert_eq!(
            call(
                &w,
                m,
                "/api/execution/vote",
                ballot("Excellent", "Excellent")
            )
            .await
            .status,
            200
        );
    }
    let early = call(
        &w,
        &w.officer,
        "/api/execution/conclude",
        json!({ "contract_id": c }),
    )
    .await;
    assert_eq!(
        early.body["Invalid"]["problem"]["Acceptance"]["NoQuorum"]["needed"], 4,
        "{:?}",
        early.body
    );
    assert_eq!(
        call(
            &w,
            &people[3].1,
            "/api/execution/vote",
            ballot("Pass", "Pass")
        )
        .await
        .status,
        200
    );
    assert_eq!(
        problem(
            &call(
                &w,
                &w.officer,
                "/api/execution/name_council",
                name(json!(emails))
            )
            .await
        )["Closeout"],
        "AlreadyConcluded"
    );
    // Ratings stay hidden until the verdict.
    assert!(get(&people[0].1).await.body["verdict"].is_null());
    let verdict = call(
        &w,
        &w.officer,
        "/api/execution/conclude",
        json!({ "contract_id": c }),
    )
    .await;
    assert_eq!(verdict.status, 200, "{:?}", verdict.body);
    // 3 of 4 rated Excellent: exactly the 3/4 rule.
    assert_eq!(verdict.body, "Excellent");
    // The minutes: the tally per product and for the task, as a PDF for whoever reads the
    // contract.
    let seen = get(&w.officer).await;
    assert_eq!(seen.body["tally"], json!([[3, 1, 0], [3, 1, 0]]));
    let minutes = format!("/exports/contracts/{c}/acceptance.pdf");
    let (status, pdf, _) = crate::attachments::download(&w.app, &people[0].1, &minutes).await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        crate::attachments::download(&w.app, &w.other, &minutes)
            .await
            .0,
        404
    );
    assert_eq!(
        blocked(
            &call(
                &w,
                &people[4].1,
                "/api/execution/vote",
                ballot("Pass", "Pass")
            )
            .await
        ),
        "AlreadyConcluded"
    );
    assert_eq!(blocked(&call(&w, &w.officer, "/api/execution/record_cause", json!({ "contract_id": c, "cause": "ForceMajeure", "compliance": { "procedures_followed": true, "no_fraud": true, "no_intentional_violation": true, "funds_used_on_purpose": true }, "evidence": "x" })).await), "NotFailed");
}

/// After an accepted verdict: settlement by products and documents in the ledger, the
/// refund, registration, closing, and the public portal.
#[tokio::test]
async fn an_accepted_task_is_settled_registered_closed_and_published() {
    let w = world().await;
    let f = fund_people(&w).await;
    let t = funded(&w, &f, true).await;
    let c = t.contract;
    let get = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move { call(w, &who, "/api/execution/get", json!({ "contract_id": c })).await }
    };
    accepted(&w, &t).await;

    // Settlement: the labour line (lump sum) by the accepted product; materials by documents.
    let declare = |documented: Value, documents: &str| json!({ "contract_id": c, "declaration": { "documented_dong": documented, "documents": documents, "spent_dong": 0 } });
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/declare",
            declare(json!([0, 30_000_000]), "HĐ mua vật tư")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &w.as_researcher(
                "/api/execution/declare",
                declare(json!([0, 30_000_000]), "")
            )
            .await
        ),
        "documents"
    );
    assert_eq!(
        blocked(
            &call(
                &w,
                &f.leader,
                "/api/execution/settle",
                json!({ "contract_id": c, "key": "s0" })
            )
            .await
        ),
        "DeclarationMissing"
    );
    let declared = w
        .as_researcher(
            "/api/execution/declare",
            declare(json!([0, 30_000_000]), "HĐ mua vật tư số 5"),
        )
        .await;
    assert_eq!(declared.status, 200, "{:?}", declared.body);
    assert_eq!(
        declared.body,
        json!({ "settled_dong": 89_000_000, "refund_dong": 10_000_000, "release_dong": 0 })
    );
    assert!(
        todos(&call(&w, &f.leader, "/api/home/todos", json!({})).await).contains("DecideCloseouts")
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s1" })
        )
        .await
        .status,
        403
    );
    let settled = call(
        &w,
        &f.leader,
        "/api/execution/settle",
        json!({ "contract_id": c, "key": "s1" }),
    )
    .await;
    assert_eq!(settled.status, 200, "{:?}", settled.body);
    assert_eq!(
        call(
            &w,
            &f.leader,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s1" })
        )
        .await
        .body,
        settled.body,
        "replayed"
    );
    assert_eq!(
        blocked(
            &w.as_researcher("/api/execution/declare", declare(json!([0, 1]), "x"))
                .await
        ),
        "AlreadySettled"
    );

    // The ledger: paid money settled or due back, the fund's figures add up, reconciliation clean.
    let pos = call(
        &w,
        &f.director,
        "/api/fund/position",
        json!({ "as_of": null }),
    )
    .await;
    assert_eq!(
        pos.body["position"]["settled_dong"], 89_000_000,
        "{:?}",
        pos.body
    );
    assert_eq!(pos.body["position"]["refund_due_dong"], 10_000_000);
    assert_eq!(pos.body["position"]["disbursed_dong"], 0);
    assert!(
        todos(&call(&w, &f.accountant, "/api/home/todos", json!({})).await)
            .contains("RecordRefunds")
    );

    // Closing waits for the refund and the registration.
    let close = || {
        call(
            &w,
            &w.officer,
            "/api/execution/close",
            json!({ "contract_id": c }),
        )
    };
    assert_eq!(
        blocked(&close().await)["Closing"]["RefundOutstanding"]["due_dong"],
        10_000_000
    );
    let refund = |key: &str, amount: i64| json!({ "contract_id": c, "key": key, "amount_dong": amount, "document": "Giấy nộp tiền số 7" });
    assert_eq!(
        call(&w, &w.officer, "/api/execution/refund", refund("r1", 1))
            .await
            .status,
        403
    );
    assert_eq!(
        problem(
            &call(
                &w,
                &f.accountant,
                "/api/execution/refund",
                refund("r1", 10_000_001)
            )
            .await
        )["Ledger"]["ExceedsOutstanding"]["free_dong"],
        10_000_000
    );
    assert_eq!(
        call(
            &w,
            &f.accountant,
            "/api/execution/refund",
            refund("r2", 4_000_000)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        call(
            &w,
            &f.accountant,
            "/api/execution/refund",
            refund("r2", 4_000_000)
        )
        .await
        .status,
        200,
        "replayed once"
    );
    assert_eq!(
        call(
            &w,
            &f.accountant,
            "/api/execution/refund",
            refund("r3", 6_000_000)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(&call(&w, &f.accountant, "/api/execution/refund", refund("r4", 1)).await),
        "NoRefundDue"
    );
    assert_eq!(blocked(&close().await)["Closing"], "NotRegistered");
    let register = |number: &str| json!({ "contract_id": c, "certificate_number": number, "registration": { "summary": "Quy trình canh tác cà phê", "application": "Sở Nông nghiệp", "keywords": "cà phê" } });
    assert_eq!(
        call(
            &w,
            &w.researcher,
            "/api/execution/register",
            register("GCN-01/2028")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(&call(&w, &w.officer, "/api/execution/register", register(" ")).await),
        "certificate_number"
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/register",
            register("GCN-01/2028")
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &call(
                &w,
                &w.officer,
                "/api/execution/register",
                register("GCN-02/2028")
            )
            .await
        ),
        "AlreadyRegistered"
    );
    assert_eq!(
        call(
            &w,
            &w.researcher,
            "/api/execution/close",
            json!({ "contract_id": c })
        )
        .await
        .status,
        403
    );
    assert_eq!(close().await.status, 200);
    assert_eq!(blocked(&close().await), "AlreadyClosed");
    let contract = call(&w, &f.leader, "/api/contracts/get", json!({ "id": c })).await;
    assert_eq!(contract.body["status"], "Closed");
    // Nothing more goes on a closed task's dossier.
    let app_id = get(&w.researcher).await.body["application_id"]
        .as_i64()
        .unwrap();
    let late = crate::attachments::upload(
        &w,
        &w.researcher,
        app_id,
        domain::closeout::EVIDENCE_DOCUMENT,
        "Quy trình.pdf",
        b"%PDF-1.7\n%%EOF\n".to_vec(),
    )
    .await;
    assert_eq!(blocked(&late), "AlreadyClosed");
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]), "{:?}", rec.body);
    assert!(rec.body["broken"].is_null());
    assert_eq!(
        rec.body["position"]["available_dong"],
        500_000_000 - 89_000_000
    );

    // The public portal: anyone, no e-mails, the amounts and the registered result.
    let public = call(
        &w,
        &w.app.new_client(),
        "/api/public/tasks",
        json!({ "page": 1, "status": null }),
    )
    .await;
    assert_eq!(public.status, 200, "{:?}", public.body);
    let task = &public.body["items"][0];
    assert_eq!(task["granted_dong"], 99_000_000);
    assert_eq!(task["paid_dong"], 99_000_000);
    assert_eq!(task["status"], "Closed");
    assert_eq!(task["rating"], "Excellent");
    assert_eq!(task["certificate_number"], "GCN-01/2028");
    assert_eq!(task["organisation"], "Viện Nông nghiệp Tây Nguyên");
    assert!(
        !public.body.to_string().contains('@'),
        "no e-mail on the portal"
    );
    assert_eq!(
        call(
            &w,
            &w.app.new_client(),
            "/api/public/tasks",
            json!({ "page": 1, "status": "draft" })
        )
        .await
        .status,
        422
    );
    let closed_only = call(
        &w,
        &w.app.new_client(),
        "/api/public/tasks",
        json!({ "page": 1, "status": "active" }),
    )
    .await;
    assert_eq!(closed_only.body["total"], 0);
    let (status, csv, _) =
        crate::attachments::download(&w.app, &w.app.new_client(), "/open-data/tasks.csv").await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with("\u{feff}code,title,organisation,leader_name,granted_dong"),
        "{csv}"
    );
    assert!(csv.contains("GCN-01/2028") && !csv.contains('@'));
    let (status, body, _) =
        crate::attachments::download(&w.app, &w.app.new_client(), "/open-data/tasks.json").await;
    assert_eq!(status, 200);
    let rows: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(rows[0]["code"], task["code"]);
    let (status, schema, _) =
        crate::attachments::download(&w.app, &w.app.new_client(), "/open-data/schema.json").await;
    assert_eq!(status, 200);
    let schema: Value = serde_json::from_slice(&schema).unwrap();
    // Every field of a record is described.
    for key in rows[0].as_object().unwrap().keys() {
        assert!(
            schema["items"]["properties"].get(key).is_some(),
            "{key} undocumented"
        );
    }
    let _ = t0();
}

#[tokio::test]
async fn a_terminated_task_is_exempted_and_refunds_only_what_it_did_not_spend() {
    let w = world().await;
    let f = fund_people(&w).await;
    let t = funded(&w, &f, false).await;
    let c = t.contract;
    let terminate = |who: &reqwest::Client, reason: &str| {
        let (w, who, body) = (
            &w,
            who.clone(),
            json!({ "contract_id": c, "reason": reason }),
        );
        async move { call(w, &who, "/api/execution/terminate", body).await }
    };
    assert_eq!(terminate(&w.officer, "Thiên tai").await.status, 403);
    // Not while a payment awaits the director; rejected, it no longer holds the contract.
    let pending = prepare(&w, c, &f.accountant, "pay-pending", 2).await;
    assert_eq!(
        problem(&terminate(&f.leader, "Thiên tai").await),
        "PaymentsPending"
    );
    let voided = call(
        &w,
        &f.director,
        "/api/payments/reject",
        json!({ "key": "no-2", "payment_id": pending.body, "reason": "Chấm dứt" }),
    )
    .await;
    assert_eq!(voided.status, 200, "{:?}", voided.body);
    assert_eq!(field(&terminate(&f.leader, " ").await), "reason");
    assert_eq!(
        terminate(&f.leader, "Lũ quét phá hủy khu thí nghiệm")
            .await
            .status,
        200
    );
    assert_eq!(
        blocked(&terminate(&f.leader, "Lần nữa").await),
        "NotRunning"
    );
    // No more payments on a terminated contract.
    let late = prepare(&w, c, &f.accountant, "pay-late", 2).await;
    assert_eq!(
        problem(&late)["Ledger"],
        "ContractNotActive",
        "{:?}",
        late.body
    );

    // Settlement waits for the cause and the leader's decision.
    let declare = json!({ "contract_id": c, "declaration": { "documented_dong": [0, 0], "documents": "", "spent_dong": 40_000_000 } });
    assert_eq!(
        blocked(
            &w.as_researcher("/api/execution/declare", declare.clone())
                .await
        ),
        "NotReadyToSettle"
    );
    assert_eq!(
        blocked(
            &call(
                &w,
                &f.leader,
                "/api/execution/decide_exemption",
                json!({ "contract_id": c, "grant": true, "reason": "x" })
            )
            .await
        ),
        "CauseMissing"
    );
    let cause = |cause: &str, all: bool| json!({ "contract_id": c, "cause": cause, "compliance": { "procedures_followed": true, "no_fraud": all, "no_intentional_violation": true, "funds_used_on_purpose": true }, "evidence": "Biên bản thiên tai của UBND huyện" });
    assert_eq!(
        call(
            &w,
            &f.leader,
            "/api/execution/record_cause",
            cause("ForceMajeure", true)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/record_cause",
            cause("Subjective", true)
        )
        .await
        .status,
        200
    );
    let grant = json!({ "contract_id": c, "grant": true, "reason": "Bất khả kháng" });
    assert_eq!(
        problem(
            &call(
                &w,
                &f.leader,
                "/api/execution/decide_exemption",
                grant.clone()
            )
            .await
        )["Exemption"],
        "CauseNotObjective"
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/record_cause",
            cause("ForceMajeure", false)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        problem(
            &call(
                &w,
                &f.leader,
                "/api/execution/decide_exemption",
                grant.clone()
            )
            .await
        )["Exemption"],
        "ComplianceIncomplete"
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/record_cause",
            cause("ForceMajeure", true)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/decide_exemption",
            grant.clone()
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call(
            &w,
            &f.leader,
            "/api/execution/decide_exemption",
            grant.clone()
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &call(
                &w,
                &w.officer,
                "/api/execution/record_cause",
                cause("Subjective", true)
            )
            .await
        ),
        "ExemptionAlreadyDecided"
    );
    // The researcher sees the decision and its reason.
    let seen = w
        .as_researcher("/api/execution/get", json!({ "contract_id": c }))
        .await;
    assert_eq!(seen.body["exemption"], true);
    assert_eq!(seen.body["exemption_reason"], "Bất khả kháng");
    assert_eq!(seen.body["failure_cause"], "ForceMajeure");

    // Exempted: only the unspent money comes back; the unpaid commitment is released.
    let over = json!({ "contract_id": c, "declaration": { "documented_dong": [0, 0], "documents": "", "spent_dong": t.paid + 1 } });
    assert_eq!(
        field(&w.as_researcher("/api/execution/declare", over).await),
        "spent_dong"
    );
    let declared = w.as_researcher("/api/execution/declare", declare).await;
    assert_eq!(
        declared.body,
        json!({ "settled_dong": 40_000_000, "refund_dong": t.paid - 40_000_000, "release_dong": 99_000_000 - t.paid }),
        "{:?}",
        declared.body
    );
    assert_eq!(
        call(
            &w,
            &f.leader,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s" })
        )
        .await
        .status,
        200
    );
    assert_eq!(call(&w, &f.accountant, "/api/execution/refund", json!({ "contract_id": c, "key": "r", "amount_dong": t.paid - 40_000_000, "document": "GNT 9" })).await.status, 200);
    // Not accepted: nothing to register, and closing needs no registration.
    assert_eq!(blocked(&call(&w, &w.officer, "/api/execution/register", json!({ "contract_id": c, "certificate_number": "GCN-9", "registration": { "summary": "x", "application": "", "keywords": "" } })).await), "NotAccepted");
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/close",
            json!({ "contract_id": c })
        )
        .await
        .status,
        200
    );
    let rec = call(&w, &f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
    assert!(rec.body["broken"].is_null(), "{:?}", rec.body);
    assert_eq!(
        rec.body["position"]["available_dong"],
        500_000_000 - 40_000_000
    );
    let _ = &t.host;
}

#[tokio::test]
async fn amendments_are_approved_by_their_size_and_make_a_new_version() {
    let w = world().await;
    let f = fund_people(&w).await;
    let t = funded(&w, &f, false).await;
    let c = t.contract;
    let request = |ext: u32, lines: [i64; 2], others: &str| json!({ "contract_id": c, "request": { "extension_months": ext, "lines_dong": lines, "other_changes": others, "reason": "Mùa mưa đến sớm" } });
    let labour = 59_000_000i64;
    assert_eq!(
        call(
            &w,
            &w.officer,
            "/api/execution/request_amendment",
            request(3, [labour, 40_000_000], "")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        call(
            &w,
            &w.other,
            "/api/execution/request_amendment",
            request(3, [labour, 40_000_000], "")
        )
        .await
        .status,
        404
    );
    let more = w
        .as_researcher(
            "/api/execution/request_amendment",
            request(0, [labour, 40_000_001], ""),
        )
        .await;
    assert_eq!(
        problem(&more)["Amendment"]["TotalChanged"]["sum_dong"],
        99_000_001,
        "{:?}",
        more.body
    );
    assert_eq!(
        field(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(13, [labour, 40_000_000], "")
            )
            .await
        ),
        "extension_months"
    );
    assert_eq!(
        problem(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(0, [labour, 40_000_000], "")
            )
            .await
        )["Amendment"],
        "NoChange"
    );
    // 5 million of 99 moved and three months more: small, an officer decides.
    let small = w
        .as_researcher(
            "/api/execution/request_amendment",
            request(3, [labour - 5_000_000, 45_000_000], ""),
        )
        .await;
    assert_eq!(small.status, 200, "{:?}", small.body);
    assert_eq!(
        problem(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(1, [labour, 40_000_000], "")
            )
            .await
        ),
        "AmendmentPending"
    );
    assert!(
        todos(&call(&w, &w.officer, "/api/home/todos", json!({})).await)
            .contains("DecideAmendments")
    );
    let seen = w
        .as_researcher("/api/execution/get", json!({ "contract_id": c }))
        .await;
    assert_eq!(seen.body["amendments"][0]["size"], "Small");
    assert_eq!(
        seen.body["amendments"][0]["baseline"]["duration_months"],
        24
    );
    assert_eq!(seen.body["amendments"][0]["may_decide"], false);
    let decide = |who: &reqwest::Client, id: &Value, approve: bool, note: &str| {
        let (w, who, body) = (
            &w,
            who.clone(),
            json!({ "amendment_id": id, "approve": approve, "note": note }),
        );
        async move { call(w, &who, "/api/execution/decide_amendment", body).await }
    };
    assert_eq!(
        decide(&w.researcher, &small.body, true, "").await.status,
        403
    );
    assert_eq!(
        field(&decide(&w.officer, &small.body, false, "").await),
        "note"
    );
    assert_eq!(
        decide(&w.officer, &small.body, true, "Hợp lý").await.status,
        200
    );
    assert_eq!(
        problem(&decide(&f.leader, &small.body, false, "Không").await),
        "AlreadyDecided"
    );
    let after = w
        .as_researcher("/api/execution/get", json!({ "contract_id": c }))
        .await;
    assert_eq!(after.body["version"], 2);
    assert_eq!(after.body["duration_months"], 27);
    assert_eq!(after.body["lines"][1]["fund_dong"], 45_000_000);
    assert_eq!(after.body["periods"].as_array().unwrap().len(), 5);
    // The unpaid second tranche moves by the extension; the paid first stays.
    let contract = call(&w, &f.leader, "/api/contracts/get", json!({ "id": c })).await;
    assert_eq!(
        contract.body["tranches"][0][1]["due_at"],
        "2027-01-15T00:00:00Z"
    );
    assert_eq!(
        contract.body["tranches"][1][1]["due_at"],
        "2027-12-15T00:00:00Z"
    );
    // Seven months and a change of product: large, the leader decides.
    let large = w
        .as_researcher(
            "/api/execution/request_amendment",
            request(7, [labour - 5_000_000, 45_000_000], "Thêm 1 bài báo"),
        )
        .await;
    assert_eq!(large.status, 200, "{:?}", large.body);
    assert_eq!(decide(&w.officer, &large.body, true, "").await.status, 403);
    assert!(
        !todos(&call(&w, &w.officer, "/api/home/todos", json!({})).await)
            .contains("DecideAmendments")
    );
    assert_eq!(decide(&f.leader, &large.body, true, "").await.status, 200);
    assert_eq!(
        w.as_researcher("/api/execution/get", json!({ "contract_id": c }))
            .await
            .body["version"],
        3
    );
    // Once the final report is in, the contract no longer changes.
    assert_eq!(
        w.as_researcher(
            "/api/execution/submit_final",
            json!({ "contract_id": c, "final_report": "Xong", "evidence": ["BC 1"] })
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(1, [labour, 40_000_000], "")
            )
            .await
        ),
        "FinalReportAlreadySubmitted"
    );
    let _ = &t.host;
}
