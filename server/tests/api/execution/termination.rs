//! A terminated task: its cause recorded, exempted, settled on what was spent.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

#[tokio::test]
async fn a_terminated_task_is_exempted_and_refunds_only_what_it_did_not_spend() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let c = t.contract;
    let terminate = |who: &reqwest::Client, reason: &str| {
        let (w, who, body) = (
            &w,
            who.clone(),
            json!({ "contract_id": c, "reason": reason }),
        );
        async move { w.call(&who, "/api/execution/terminate", body).await }
    };
    assert_eq!(terminate(&w.officer, "Thiên tai").await.status, 403);
    // Not while a payment awaits the director; rejected, it no longer holds the contract.
    let pending = w.prepare(c, &f.accountant, "pay-pending", 2).await;
    assert_eq!(
        problem(&terminate(&f.leader, "Thiên tai").await),
        "PaymentsPending"
    );
    let voided = w
        .call(
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
    let late = w.prepare(c, &f.accountant, "pay-late", 2).await;
    assert_eq!(blocked(&late), "NotRunning", "{:?}", late.body);

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
            &w.call(
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
        w.call(
            &f.leader,
            "/api/execution/record_cause",
            cause("ForceMajeure", true)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        w.call(
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
            &w.call(&f.leader, "/api/execution/decide_exemption", grant.clone())
                .await
        )["Exemption"],
        "CauseNotObjective"
    );
    assert_eq!(
        w.call(
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
            &w.call(&f.leader, "/api/execution/decide_exemption", grant.clone())
                .await
        )["Exemption"],
        "ComplianceIncomplete"
    );
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/record_cause",
            cause("ForceMajeure", true)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        w.call(&w.officer, "/api/execution/decide_exemption", grant.clone())
            .await
            .status,
        403
    );
    assert_eq!(
        w.call(&f.leader, "/api/execution/decide_exemption", grant.clone())
            .await
            .status,
        200
    );
    assert_eq!(
        blocked(
            &w.call(
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
        json!({ "settled_dong": 40_000_000, "refund_dong": t.paid - 40_000_000, "release_dong": 99_000_000 - t.paid, "final_payment_dong": 0 }),
        "{:?}",
        declared.body
    );
    assert_eq!(
        w.call(
            &f.leader,
            "/api/execution/settle",
            json!({ "contract_id": c, "key": "s", "shown": declared.body })
        )
        .await
        .status,
        200
    );
    assert_eq!(w.call(&f.accountant, "/api/execution/refund", json!({ "contract_id": c, "key": "r", "amount_dong": t.paid - 40_000_000, "document": "GNT 9" })).await.status, 200);
    // Not accepted: nothing to register, and closing needs no registration.
    assert_eq!(blocked(&w.call(&w.officer, "/api/execution/register", json!({ "contract_id": c, "certificate_number": "GCN-9", "registration": { "summary": "x", "application": "", "keywords": "" } })).await), "NotAccepted");
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/close",
            json!({ "contract_id": c })
        )
        .await
        .status,
        200
    );
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
    assert!(rec.body["broken"].is_null(), "{:?}", rec.body);
    assert_eq!(
        rec.body["position"]["available_dong"],
        500_000_000 - 40_000_000
    );
    let _ = &t.host;
}
