//! Tranches follow the close-out (domain::closeout::check_payment): none after a Fail verdict or
//! once the settlement is declared, and none pending when it is.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

#[tokio::test]
async fn no_tranche_is_paid_after_a_fail_verdict() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let pending = w
        .prepare(t.contract, &f.accountant, "before-verdict", 2)
        .await;
    assert_eq!(pending.status, 200, "{:?}", pending.body);
    w.with_verdict(&t, true).await;
    let approve = json!({ "key": "after-fail", "payment_id": pending.body });
    let refused = w.call(&f.director, "/api/payments/approve", approve).await;
    assert_eq!(blocked(&refused), "FailedVerdict", "{:?}", refused.body);
    // Rejecting it stays possible, and nothing new can be prepared.
    let reject = json!({ "key": "no", "payment_id": pending.body, "reason": "Không đạt" });
    assert_eq!(
        w.call(&f.director, "/api/payments/reject", reject)
            .await
            .status,
        200
    );
    let again = w.prepare(t.contract, &f.accountant, "after-fail", 2).await;
    assert_eq!(blocked(&again), "FailedVerdict", "{:?}", again.body);
    let c = w
        .call(
            &f.director,
            "/api/contracts/get",
            json!({ "id": t.contract }),
        )
        .await;
    assert_eq!(c.body["disbursed_dong"], t.paid);
}

#[tokio::test]
async fn the_tranche_due_on_acceptance_is_paid_before_the_settlement_and_not_after() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    w.with_accepted_task(&t).await;
    let declare = json!({ "contract_id": t.contract, "declaration": { "documented_dong": [0, 30_000_000], "documents": "HĐ mua vật tư", "spent_dong": 0 } });
    // A pending payment holds the declaration back: it would change what is settled.
    let pending = w
        .prepare(t.contract, &f.accountant, "on-acceptance", 2)
        .await;
    assert_eq!(pending.status, 200, "{:?}", pending.body);
    let early = w
        .as_researcher("/api/execution/declare", declare.clone())
        .await;
    assert_eq!(blocked(&early), "PaymentsAwaitDecision", "{:?}", early.body);
    let reject = json!({ "key": "no", "payment_id": pending.body, "reason": "Chờ quyết toán" });
    assert_eq!(
        w.call(&f.director, "/api/payments/reject", reject)
            .await
            .status,
        200
    );
    let declared = w.as_researcher("/api/execution/declare", declare).await;
    assert_eq!(declared.status, 200, "{:?}", declared.body);
    let late = w
        .prepare(t.contract, &f.accountant, "after-declaration", 2)
        .await;
    assert_eq!(blocked(&late), "SettlementUnderway", "{:?}", late.body);
}

#[tokio::test]
async fn a_termination_and_a_preparation_at_once_never_leave_a_payment_pending_on_a_terminated_task(
) {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let terminate = json!({ "contract_id": t.contract, "reason": "Chủ nhiệm chuyển công tác" });
    let (ended, prepared) = tokio::join!(
        w.call(&f.leader, "/api/execution/terminate", terminate),
        w.prepare(t.contract, &f.accountant, "racing", 2),
    );
    assert!(
        !(ended.status == 200 && prepared.status == 200),
        "terminated with a payment pending: {:?} {:?}",
        ended.body,
        prepared.body
    );
    assert!(
        ended.status == 200 || prepared.status == 200,
        "one of them goes through"
    );
}

/// Earned more than was paid: the settlement owes the host the rest as a final payment, under
/// four eyes, releases only what is left of the commitment, and the task closes once it is paid.
#[tokio::test]
async fn a_task_that_earned_more_than_it_was_paid_gets_a_final_payment() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let c = t.contract;
    w.with_accepted_task(&t).await;
    // The council judged the evidence that was there: none is added after its verdict, while
    // the settlement's documents still come.
    let a = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": c }))
        .await
        .body["application_id"]
        .as_i64()
        .unwrap();
    let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
    let late = domain::closeout::EVIDENCE_DOCUMENT;
    let late =
        crate::attachments::upload(&w, &w.researcher, a, late, "Muộn.pdf", pdf.clone()).await;
    assert_eq!(blocked(&late), "AlreadyConcluded", "{:?}", late.body);
    let bill = domain::closeout::SETTLEMENT_DOCUMENT;
    let bill = crate::attachments::upload(&w, &w.researcher, a, bill, "Hóa đơn.pdf", pdf).await;
    assert_eq!(bill.status, 200, "{:?}", bill.body);
    // The lump-sum labour line (59.000.000) by the accepted product, materials by 30.000.000
    // of documents: 89.000.000 earned, 49.500.000 paid.
    let declare = json!({ "contract_id": c, "declaration": { "documented_dong": [0, 30_000_000], "documents": "HĐ mua vật tư số 5", "spent_dong": 0 } });
    let declared = w.as_researcher("/api/execution/declare", declare).await;
    assert_eq!(
        declared.body,
        json!({ "settled_dong": 89_000_000, "refund_dong": 0, "release_dong": 10_000_000, "final_payment_dong": 89_000_000 - t.paid }),
        "{:?}",
        declared.body
    );
    let settle = json!({ "contract_id": c, "key": "s", "shown": declared.body });
    let settled = w.call(&f.leader, "/api/execution/settle", settle).await;
    assert_eq!(settled.status, 200, "{:?}", settled.body);
    // The unpaid second tranche is not paid any more; the settlement's own tranche is.
    let old = w.prepare(c, &f.accountant, "old-tranche", 2).await;
    assert_eq!(blocked(&old), "SettlementUnderway", "{:?}", old.body);
    let register = json!({ "contract_id": c, "certificate_number": "GCN-7", "registration": { "summary": "Quy trình", "application": "Sở Nông nghiệp", "keywords": "cà phê" } });
    assert_eq!(
        w.call(&w.officer, "/api/execution/register", register)
            .await
            .status,
        200
    );
    let close = || {
        w.call(
            &w.officer,
            "/api/execution/close",
            json!({ "contract_id": c }),
        )
    };
    assert_eq!(blocked(&close().await), "FinalPaymentDue");
    let last = w.prepare(c, &f.accountant, "final", 3).await;
    assert_eq!(last.status, 200, "{:?}", last.body);
    // Under four eyes: the accountant who prepared it does not approve it.
    let approve = json!({ "key": "final-ok", "payment_id": last.body });
    assert_eq!(
        w.call(&f.accountant, "/api/payments/approve", approve.clone())
            .await
            .status,
        403
    );
    let paid = w.call(&f.director, "/api/payments/approve", approve).await;
    assert_eq!(paid.status, 200, "{:?}", paid.body);
    // Everything earned is paid and settled, the rest released; nothing stays committed.
    let contract = w
        .call(&f.director, "/api/contracts/get", json!({ "id": c }))
        .await;
    assert_eq!(
        contract.body["disbursed_dong"], 89_000_000,
        "{:?}",
        contract.body
    );
    let pos = w
        .call(&f.director, "/api/fund/position", json!({ "as_of": null }))
        .await;
    assert_eq!(
        pos.body["position"]["settled_dong"], 89_000_000,
        "{:?}",
        pos.body
    );
    assert_eq!(pos.body["position"]["committed_dong"], 0);
    assert_eq!(pos.body["position"]["disbursed_dong"], 0);
    let rec = w.call(&f.director, "/api/fund/reconcile", json!({})).await;
    assert_eq!(rec.body["differences"], json!([]));
    assert_eq!(close().await.status, 200);
}
