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
