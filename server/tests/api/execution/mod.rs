//! A funded task from signing to closing: progress reports and overdue flags, acceptance by a
//! council's ballots, settlement posted in the ledger with its refund, registration, closing,
//! the public portal; and a task terminated, its cause recorded and exempted, settled on what
//! was spent. Every step checks who asks.

mod acceptance;
mod amendments;
mod closeout;
mod eligibility;
mod payments;
mod running;
mod termination;
mod unit_register;

use crate::helpers::{Reply, PASSWORD};
use crate::world::{complete_form, problem, t0, Fund, World};
use chrono::Duration;
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

pub(crate) struct Task {
    pub contract: i64,
    pub host: reqwest::Client,
    /// The fund's payments so far.
    paid: i64,
}

/// The stages of a funded task.
impl World {
    /// A valid dossier whose materials line is settled by documents, hosted by an organisation with
    /// its own account, passed, approved, contracted in two equal tranches, signed, and paid the
    /// first tranche (or both).
    pub async fn with_funded_task(&self, f: &Fund, both_tranches: bool) -> Task {
        use app::db::entities::user;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let org = self.app.db_org("Viện Nông nghiệp Tây Nguyên").await;
        user::Entity::update_many()
            .col_expr(user::Column::OrganisationId, Expr::value(Some(org)))
            .filter(user::Column::Email.eq("nkh@vien.vn"))
            .exec(&self.app.db)
            .await
            .unwrap();
        self.app
            .user(
                "chutri@vien.vn",
                &[(Role::HostOrganisation, Scope::Organisation(org.into()))],
            )
            .await;
        let host = self.app.new_client();
        assert_eq!(
            self.app
                .login_with(&host, "chutri@vien.vn", PASSWORD)
                .await
                .status,
            200
        );

        let a = self.draft("Nhiệm vụ được tài trợ").await;
        let mut form = complete_form("Nhiệm vụ được tài trợ");
        form["budget"][1]["lump_sum"] = json!(false);
        let saved = self
            .as_researcher("/api/applications/save", json!({ "id": a, "form": form }))
            .await;
        assert_eq!(saved.status, 200, "{:?}", saved.body);
        assert_eq!(
            self.as_researcher("/api/applications/submit", json!({ "id": a }))
                .await
                .status,
            200
        );
        let ok = self
            .call(
                &self.officer,
                "/api/applications/decide",
                json!({ "id": a, "decision": "Valid" }),
            )
            .await;
        assert_eq!(ok.status, 200, "{:?}", ok.body);
        self.pass(a).await;
        self.with_approved_task(f, a).await;
        let total = 99_000_000i64;
        let half = total / 2;
        let tranches = json!([
            { "amount_dong": half, "due_at": "2027-01-15T00:00:00Z", "condition": "Khi ký hợp đồng" },
            { "amount_dong": total - half, "due_at": "2027-09-15T00:00:00Z", "condition": "Sau báo cáo giữa kỳ" },
        ]);
        let contract = self
            .call(
                &self.officer,
                "/api/contracts/create",
                json!({ "application_id": a, "tranches": tranches }),
            )
            .await;
        assert_eq!(contract.status, 200, "{:?}", contract.body);
        let contract = contract.body.as_i64().unwrap();
        let receipt = json!({ "key": "rcpt", "source": "StateBudget", "amount_dong": 500_000_000i64, "document": "QĐ 1/QĐ-UBND", "note": "" });
        assert_eq!(
            self.call(&f.accountant, "/api/fund/receive", receipt)
                .await
                .status,
            200
        );
        let signed = self
            .call(
                &f.leader,
                "/api/contracts/sign",
                json!({ "id": contract, "key": "sign" }),
            )
            .await;
        assert_eq!(signed.status, 200, "{:?}", signed.body);
        let mut paid = 0;
        for seq in if both_tranches { vec![1, 2] } else { vec![1] } {
            let p = self
                .prepare(contract, &f.accountant, &format!("pay-{seq}"), seq)
                .await;
            assert_eq!(p.status, 200, "{:?}", p.body);
            let ok = self
                .call(
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

    pub async fn council_members(&self, n: usize) -> Vec<(String, reqwest::Client)> {
        let mut out = Vec::new();
        for i in 0..n {
            let email = format!("nt{i}@hd.vn");
            self.app
                .user(&email, &[(Role::CouncilMember, Scope::Global)])
                .await;
            let c = self.app.new_client();
            assert_eq!(self.app.login_with(&c, &email, PASSWORD).await.status, 200);
            out.push((email, c));
        }
        out
    }

    /// The leader puts an evidence file on the task's dossier; its address.
    pub async fn evidence_on_the_dossier(&self, seen: &Reply) -> String {
        let app_id = seen.body["application_id"].as_i64().unwrap();
        let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
        let document = domain::closeout::EVIDENCE_DOCUMENT;
        let up = crate::attachments::upload(
            self,
            &self.researcher,
            app_id,
            document,
            "Quy trình.pdf",
            pdf,
        )
        .await;
        assert_eq!(up.status, 200, "{:?}", up.body);
        format!("/files/attachments/{}", up.body["id"])
    }

    /// Stage: the task accepted. The final report is in, the host evaluated it, a council of five
    /// voted (three Excellent, one Pass) and the officer concluded: Excellent.
    pub async fn with_accepted_task(&self, t: &Task) {
        self.with_verdict(t, false).await;
    }

    /// Stage: the council's verdict, Excellent (as above) or, when `fail`, Fail by four votes.
    pub async fn with_verdict(&self, t: &Task, fail: bool) {
        let c = t.contract;
        let ok = |r: Reply| assert_eq!(r.status, 200, "{:?}", r.body);
        ok(self.as_researcher(
            "/api/execution/submit_final",
            json!({ "contract_id": c, "final_report": "Báo cáo tổng hợp kết quả", "evidence": ["Báo cáo số 12/2028, lưu tại Viện"] }),
        )
        .await);
        let self_eval = json!({ "contract_id": c, "ballot": { "products": ["Pass"], "task": "Pass", "comment": "Hoàn thành" } });
        ok(self
            .call(&t.host, "/api/execution/self_evaluate", self_eval)
            .await);
        let people = self.council_members(5).await;
        let emails: Vec<&str> = people.iter().map(|(e, _)| e.as_str()).collect();
        let council = json!({ "contract_id": c, "emails": emails });
        ok(self
            .call(&self.officer, "/api/execution/name_council", council)
            .await);
        for (i, (_, m)) in people[..4].iter().enumerate() {
            let rating = match (fail, i < 3) {
                (true, _) => "Fail",
                (false, true) => "Excellent",
                (false, false) => "Pass",
            };
            let ballot = json!({ "contract_id": c, "ballot": { "products": [rating], "task": rating, "comment": "" } });
            ok(self.call(m, "/api/execution/vote", ballot).await);
        }
        let verdict = self
            .call(
                &self.officer,
                "/api/execution/conclude",
                json!({ "contract_id": c }),
            )
            .await;
        assert_eq!(verdict.body, if fail { "Fail" } else { "Excellent" });
    }
}

fn field(r: &Reply) -> &Value {
    &r.body["Invalid"]["field"]
}

fn blocked(r: &Reply) -> &Value {
    &r.body["Invalid"]["problem"]["Closeout"]
}

fn todos(r: &Reply) -> String {
    r.body.to_string()
}
