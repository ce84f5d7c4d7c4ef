//! After an accepted verdict: settlement, refund, registration, closing, the public portal.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

/// After an accepted verdict: settlement by products and documents in the ledger, the
/// refund, registration, closing, and the public portal.
#[tokio::test]
async fn an_accepted_task_is_settled_registered_closed_and_published() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    let c = t.contract;
    let get = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move {
            w.call(&who, "/api/execution/get", json!({ "contract_id": c }))
                .await
        }
    };
    w.with_accepted_task(&t).await;

    // Settlement: the labour line (lump sum) by the accepted product; materials by documents.
    let declare = |documented: Value, documents: &str| json!({ "contract_id": c, "declaration": { "documented_dong": documented, "documents": documents, "spent_dong": 0 } });
    assert_eq!(
        w.call(
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
            &w.call(
                &f.leader,
                "/api/execution/settle",
                json!({ "contract_id": c, "key": "s0", "shown": { "settled_dong": 0, "refund_dong": 0, "release_dong": 0 } })
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
        json!({ "settled_dong": 89_000_000, "refund_dong": 10_000_000, "release_dong": 0, "final_payment_dong": 0 })
    );
    assert!(
        todos(&w.call(&f.leader, "/api/home/todos", json!({})).await).contains("DecideCloseouts")
    );
    // The leader approves the figures shown; declared again since, they are shown again.
    let shown = w
        .call(&f.leader, "/api/execution/get", json!({ "contract_id": c }))
        .await;
    assert_eq!(shown.body["declared_statement"], declared.body);
    let redeclared = w
        .as_researcher(
            "/api/execution/declare",
            declare(json!([0, 20_000_000]), "HĐ mua vật tư số 5"),
        )
        .await;
    assert_eq!(redeclared.status, 200, "{:?}", redeclared.body);
    let stale = json!({ "contract_id": c, "key": "stale", "shown": declared.body });
    let stale = w.call(&f.leader, "/api/execution/settle", stale).await;
    assert_eq!(problem(&stale), "ChangedSinceShown", "{:?}", stale.body);
    let declared = w
        .as_researcher(
            "/api/execution/declare",
            declare(json!([0, 30_000_000]), "HĐ mua vật tư số 5"),
        )
        .await;
    assert_eq!(declared.status, 200, "{:?}", declared.body);
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s1", "shown": declared.body })
        )
        .await
        .status,
        403
    );
    let settled = w
        .call(
            &f.leader,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s1", "shown": declared.body }),
        )
        .await;
    assert_eq!(settled.status, 200, "{:?}", settled.body);
    assert_eq!(
        w.call(
            &f.leader,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s1", "shown": declared.body })
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
    let pos = w
        .call(&f.director, "/api/fund/position", json!({ "as_of": null }))
        .await;
    assert_eq!(
        pos.body["position"]["settled_dong"], 89_000_000,
        "{:?}",
        pos.body
    );
    assert_eq!(pos.body["position"]["refund_due_dong"], 10_000_000);
    assert_eq!(pos.body["position"]["disbursed_dong"], 0);
    assert!(
        todos(&w.call(&f.accountant, "/api/home/todos", json!({})).await).contains("RecordRefunds")
    );
    refunds_counted_by_book(&w, &f, c).await;

    // Closing waits for the refund and the registration.
    let close = || {
        w.call(
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
        w.call(&w.officer, "/api/execution/refund", refund("r1", 1))
            .await
            .status,
        403
    );
    assert_eq!(
        problem(
            &w.call(
                &f.accountant,
                "/api/execution/refund",
                refund("r1", 10_000_001)
            )
            .await
        )["Ledger"]["ExceedsOutstanding"]["free_dong"],
        10_000_000
    );
    assert_eq!(
        w.call(
            &f.accountant,
            "/api/execution/refund",
            refund("r2", 4_000_000)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        w.call(
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
        w.call(
            &f.accountant,
            "/api/execution/refund",
            refund("r3", 6_000_000)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &w.call(&f.accountant, "/api/execution/refund", refund("r4", 1))
                .await
        ),
        "NoRefundDue"
    );
    assert_eq!(blocked(&close().await)["Closing"], "NotRegistered");
    let register = |number: &str| json!({ "contract_id": c, "certificate_number": number, "registration": { "summary": "Quy trình canh tác cà phê", "application": "Sở Nông nghiệp", "keywords": "cà phê" } });
    assert_eq!(
        w.call(
            &w.researcher,
            "/api/execution/register",
            register("GCN-01/2028")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &w.call(&w.officer, "/api/execution/register", register(" "))
                .await
        ),
        "certificate_number"
    );
    assert_eq!(
        w.call(
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
            &w.call(
                &w.officer,
                "/api/execution/register",
                register("GCN-02/2028")
            )
            .await
        ),
        "AlreadyRegistered"
    );
    assert_eq!(
        w.call(
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
    let contract = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": c }))
        .await;
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
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]), "{:?}", rec.body);
    assert!(rec.body["broken"].is_null());
    assert_eq!(
        rec.body["position"]["available_dong"],
        500_000_000 - 89_000_000
    );

    // The public portal: anyone, no e-mails, the amounts and the registered result.
    let public = w
        .call(
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
        w.call(
            &w.app.new_client(),
            "/api/public/tasks",
            json!({ "page": 1, "status": "draft" })
        )
        .await
        .status,
        422
    );
    // Found by its registered result, without diacritics, and by its rating; its own page says
    // what was settled.
    let found = w
        .call(
            &w.app.new_client(),
            "/api/public/tasks",
            json!({ "page": 1, "status": null, "q": "quy trinh canh tac", "rating": "excellent" }),
        )
        .await;
    assert_eq!(found.body["total"], 1, "{:?}", found.body);
    let passed_only = w
        .call(
            &w.app.new_client(),
            "/api/public/tasks",
            json!({ "page": 1, "status": null, "rating": "pass" }),
        )
        .await;
    assert_eq!(passed_only.body["total"], 0);
    let own = w
        .call(&w.app.new_client(), "/api/public/task", json!({ "id": c }))
        .await;
    assert_eq!(own.status, 200, "{:?}", own.body);
    assert_eq!(own.body["settled_dong"], 89_000_000);
    assert_eq!(own.body["keywords"], "cà phê");
    let closed_only = w
        .call(
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
        csv.starts_with("\u{feff}Số,Mã hợp đồng,Tên nhiệm vụ,Tổ chức chủ trì,Chủ nhiệm,"),
        "{csv}"
    );
    assert!(csv.contains("GCN-01/2028") && !csv.contains('@'));
    assert!(
        csv.contains(",Xuất sắc,") && !csv.contains("Excellent"),
        "{csv}"
    );
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

/// A refund due is counted for the accountant of the book that paid: the fund's refund for the
/// fund's accountant and not a unit's; moved into a unit's book (its account row names the
/// unit, as for a task the unit pays), for the unit's accountant and not the fund's.
async fn refunds_counted_by_book(w: &World, f: &Fund, contract: i64) {
    use domain::roles::{Role, Scope};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let unit = w.app.db_unit("Trường Đại học Hồng Đức").await;
    let grant = [(Role::FundAccountant, Scope::Organisation(unit.into()))];
    w.app.user("ketoan@dh.vn", &grant).await;
    let unit_accountant = crate::grassroots::signed_in(&w.app, "ketoan@dh.vn").await;
    let due = |c: &reqwest::Client| {
        let (w, c) = (w, c.clone());
        async move { todos(&w.call(&c, "/api/home/todos", json!({})).await).contains("RecordRefunds") }
    };
    assert!(!due(&unit_accountant).await);
    let move_to = |u: Option<i32>| {
        use app::db::entities::fund_account;
        fund_account::Entity::update_many()
            .col_expr(fund_account::Column::UnitId, Expr::value(u))
            .filter(fund_account::Column::Code.eq(format!("refund:{contract}")))
            .exec(&w.app.db)
    };
    move_to(Some(unit)).await.unwrap();
    assert!(due(&unit_accountant).await);
    assert!(!due(&f.accountant).await);
    move_to(None).await.unwrap();
    assert!(due(&f.accountant).await);
}
