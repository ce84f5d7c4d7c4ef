//! The fund: receipts, contracts committed at signing, payments under four eyes, paid once
//! however often and however concurrently approved; reconciliation names any account whose
//! stored balance differs from its transfers.

mod approval;
mod concurrency;
mod payments;
mod receipts;

use crate::world::{Fund, World};
use serde_json::json;

/// A contract drafted for an approved task: its id, the dossier, the approved total and the
/// first of its two tranches.
pub(crate) struct Drafted {
    pub a: i64,
    pub contract: i64,
    pub total: i64,
    pub half: i64,
}

/// The fund's stages.
impl World {
    /// Appraisal lowers the materials line by 10.000.000 đ with a reason and the leader approves.
    /// Returns the approved total the fund pays.
    pub async fn with_lowered_approval(&self, f: &Fund, a: i64) -> i64 {
        let change = json!({ "application_id": a, "changes": [{ "line": 1, "approved_fund_dong": 30_000_000, "reason": "Định mức vật tư" }] });
        let lowered = self
            .call(&self.officer, "/api/tasks/appraise", change)
            .await;
        assert_eq!(lowered.status, 200, "{:?}", lowered.body);
        let decision =
            json!({ "application_id": a, "revision": 1, "approve": true, "reasons": "" });
        let approved = self.call(&f.leader, "/api/tasks/decide", decision).await;
        assert_eq!(approved.status, 200, "{:?}", approved.body);
        let seen = self
            .as_researcher("/api/tasks/get", json!({ "application_id": a }))
            .await;
        seen.body["approved_fund_dong"].as_i64().unwrap()
    }

    /// A passed dossier, approved lower, with a draft contract in two tranches.
    pub async fn with_draft_contract(&self, f: &Fund) -> Drafted {
        let a = self.with_passed_dossier().await;
        let total = self.with_lowered_approval(f, a).await;
        let half = total / 2;
        let contract = self
            .call(
                &self.officer,
                "/api/contracts/create",
                json!({ "application_id": a, "tranches": two_tranches(total) }),
            )
            .await;
        assert_eq!(contract.status, 200, "{:?}", contract.body);
        Drafted {
            a,
            contract: contract.body.as_i64().unwrap(),
            total,
            half,
        }
    }

    /// The accountant records a receipt from the province's budget.
    pub async fn with_receipt(&self, f: &Fund, key: &str, amount_dong: i64) -> serde_json::Value {
        let receipt = json!({ "key": key, "source": "StateBudget", "amount_dong": amount_dong, "document": "QĐ 123/QĐ-UBND", "note": "" });
        let r = self.call(&f.accountant, "/api/fund/receive", receipt).await;
        assert_eq!(r.status, 200, "{:?}", r.body);
        r.body
    }

    /// A draft contract, money received, signed by the leader: its total committed.
    pub async fn with_signed_contract(&self, f: &Fund) -> Drafted {
        let d = self.with_draft_contract(f).await;
        self.with_receipt(f, "rcpt-1", 5_000_000_000).await;
        let signed = self
            .call(
                &f.leader,
                "/api/contracts/sign",
                json!({ "id": d.contract, "key": "sign" }),
            )
            .await;
        assert_eq!(signed.status, 200, "{:?}", signed.body);
        d
    }
}

/// Two tranches adding up to `total`, the first at signing.
pub(crate) fn two_tranches(total: i64) -> serde_json::Value {
    let half = total / 2;
    json!([
        { "amount_dong": half, "due_at": "2027-01-15T00:00:00Z", "condition": "Khi ký hợp đồng" },
        { "amount_dong": total - half, "due_at": "2027-09-15T00:00:00Z", "condition": "Sau báo cáo giữa kỳ" },
    ])
}
