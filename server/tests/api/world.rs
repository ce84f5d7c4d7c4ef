//! The test world: a `TestApp` with its people and a published call, and the stages a scenario
//! starts from (`with_valid_dossier`, `with_passed_dossier`, `with_approved_task`, …). A stage is
//! a method that takes the world one step of the lifecycle further through the API, asserting
//! each step, so a test names where it starts and then proves one thing.

use crate::helpers::{Reply, TestApp, PASSWORD};
use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::application::*;
use domain::roles::{Role, Scope};
use domain::rulebook::Rulebook;
use serde_json::{json, Value};

/// 09:00 Hà Nội time on 1 December 2026.
pub(crate) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

pub(crate) fn complete_form(title: &str) -> Value {
    let rb = Rulebook::national_default();
    let team = vec![
        TeamMember {
            name: "Phạm Thị Hồng Nhung".into(),
            role: TeamRole::Leader,
            days: 100,
            email: String::new(),
        },
        TeamMember {
            name: "Lê Văn An".into(),
            role: TeamRole::ScientificSecretary,
            days: 60,
            email: String::new(),
        },
    ];
    let labour = team_labour_dong(&rb, &team).unwrap();
    let form = ApplicationForm {
        title: title.into(),
        field: "Nông nghiệp".into(),
        duration_months: 24,
        urgency: "Cấp thiết".into(),
        objectives: "Mục tiêu".into(),
        contents: vec![ContentItem {
            title: "Nội dung 1".into(),
            description: String::new(),
        }],
        methods: "Thực nghiệm".into(),
        products: vec![ExpectedProduct {
            kind: ProductKind::Report,
            name: "Báo cáo tổng hợp".into(),
            quantity: 1,
            quality_criterion: "Được hội đồng nghiệm thu đánh giá Đạt".into(),
        }],
        risk_plan: "Dự phòng".into(),
        team,
        budget: vec![
            BudgetLine {
                kind: BudgetLineKind::Labour,
                description: "Tiền công".into(),
                amount_dong: labour,
                fund_dong: labour,
                counterpart_dong: 0,
                lump_sum: true,
            },
            BudgetLine {
                kind: BudgetLineKind::MaterialsEnergy,
                description: "Vật tư".into(),
                amount_dong: 50_000_000,
                fund_dong: 40_000_000,
                counterpart_dong: 10_000_000,
                lump_sum: true,
            },
        ],
        departures: String::new(),
    };
    serde_json::to_value(form).unwrap()
}

/// A scientific CV that passes the check.
pub(crate) fn complete_cv() -> Value {
    use domain::cv::*;
    serde_json::to_value(ScientificCv {
        birth_year: 1980,
        academic_title: AcademicTitle::None,
        specialisation: "Khoa học đất".into(),
        degrees: vec![Degree {
            level: DegreeLevel::Doctor,
            field: "Khoa học đất".into(),
            institution: "Đại học Nông Lâm".into(),
            year: 2010,
        }],
        positions: vec![Position {
            title: "Nghiên cứu viên".into(),
            organisation: "Viện Nông nghiệp".into(),
            from_year: 2010,
            to_year: None,
        }],
        publications: vec![],
        past_tasks: vec![],
    })
    .unwrap()
}

pub(crate) struct World {
    pub app: TestApp,
    pub officer: reqwest::Client,
    pub researcher: reqwest::Client,
    pub other: reqwest::Client,
    pub call_id: i64,
    pub closes_at: DateTime<Utc>,
}

impl World {
    /// A published call open from t0 − 1 h until t0 + 1 h, an officer and two researchers.
    pub async fn new() -> World {
        World::with(TestApp::builder()).await
    }

    pub async fn with(builder: crate::helpers::Builder) -> World {
        let app = builder.fixed_clock(t0()).spawn().await;
        let mut clients = Vec::new();
        for (email, role) in [
            ("cv@sokhcn.vn", Role::Officer),
            ("nkh@vien.vn", Role::Researcher),
            ("khac@vien.vn", Role::Researcher),
        ] {
            app.user(email, &[(role, Scope::Global)]).await;
            let c = app.new_client();
            assert_eq!(app.login_with(&c, email, PASSWORD).await.status, 200);
            clients.push(c);
        }
        let closes_at = t0() + Duration::hours(1);
        let form = json!({
            "title": "Đợt thử", "summary": "Thử", "level": "Provincial", "formation": "Grant",
            "fields": ["Khoa học nông nghiệp"], "priority_areas": [],
            "opens_at": (t0() - Duration::hours(1)).to_rfc3339(), "closes_at": closes_at.to_rfc3339(),
            "budget_envelope_dong": 1_000_000_000i64, "required_documents": ["Thuyết minh"],
        });
        let call_id = app
            .call_with(&clients[0], "/api/calls/create", json!({ "form": form }))
            .await
            .body
            .as_i64()
            .unwrap();
        assert_eq!(
            app.call_with(&clients[0], "/api/calls/publish", json!({ "id": call_id }))
                .await
                .status,
            200
        );
        let other = clients.pop().unwrap();
        let researcher = clients.pop().unwrap();
        let officer = clients.pop().unwrap();
        // The first researcher's CV is complete; the other has none yet.
        let cv = app
            .call_with(&researcher, "/api/cv/save", json!({ "cv": complete_cv() }))
            .await;
        assert_eq!(cv.status, 200, "{:?}", cv.body);
        assert_eq!(cv.body, json!([]));
        World {
            app,
            officer,
            researcher,
            other,
            call_id,
            closes_at,
        }
    }

    pub async fn draft(&self, title: &str) -> i64 {
        let id = self
            .app
            .call_with(
                &self.researcher,
                "/api/applications/create",
                json!({ "call_id": self.call_id }),
            )
            .await;
        assert_eq!(id.status, 200, "{:?}", id.body);
        let id = id.body.as_i64().unwrap();
        let saved = self
            .app
            .call_with(
                &self.researcher,
                "/api/applications/save",
                json!({ "id": id, "form": complete_form(title) }),
            )
            .await;
        assert_eq!(saved.status, 200, "{:?}", saved.body);
        id
    }

    pub async fn as_researcher(&self, path: &str, body: Value) -> Reply {
        self.app.call_with(&self.researcher, path, body).await
    }
}

/// The stages: each takes the world one step further through the API.
impl World {
    /// `c` calls the server function at `path`.
    pub async fn call(&self, c: &reqwest::Client, path: &str, body: Value) -> Reply {
        self.app.call_with(c, path, body).await
    }

    /// A submitted dossier the officer declared valid (with a team member's e-mail if given).
    pub async fn with_valid_dossier(&self, title: &str, team_email: Option<&str>) -> i64 {
        let id = self.draft(title).await;
        if let Some(email) = team_email {
            let mut form = complete_form(title);
            form["team"][1]["email"] = json!(email);
            self.as_researcher("/api/applications/save", json!({ "id": id, "form": form }))
                .await;
        }
        let sub = self
            .as_researcher("/api/applications/submit", json!({ "id": id }))
            .await;
        assert_eq!(sub.status, 200, "{:?}", sub.body);
        let ok = self
            .app
            .call_with(
                &self.officer,
                "/api/applications/decide",
                json!({ "id": id, "decision": "Valid" }),
            )
            .await;
        assert_eq!(ok.status, 200, "{:?}", ok.body);
        id
    }

    /// A dossier that passed a closed council of seven.
    pub async fn with_passed_dossier(&self) -> i64 {
        let a = self.with_valid_dossier("Hồ sơ được tài trợ", None).await;
        self.pass(a).await;
        a
    }

    /// Takes the valid dossier `a` through a closed council of seven that passes it.
    pub async fn pass(&self, a: i64) {
        self.pass_all(&[a]).await;
    }

    /// Takes the call's valid dossiers `all` (every one not yet before a council) through one
    /// closed council of seven that passes each.
    pub async fn pass_all(&self, all: &[i64]) {
        let officer =
            |path: &'static str, body: Value| self.app.call_with(&self.officer, path, body);
        let council = officer(
            "/api/councils/create",
            json!({ "call_id": self.call_id, "name": "Hội đồng" }),
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
            self.app
                .user(&email, &[(Role::CouncilMember, Scope::Global)])
                .await;
            let c = self.app.new_client();
            assert_eq!(self.app.login_with(&c, &email, PASSWORD).await.status, 200);
            officer(
                "/api/councils/add_member",
                json!({ "council_id": council, "email": email, "role": role }),
            )
            .await;
            members.push(c);
        }
        officer("/api/councils/invite", json!({ "council_id": council })).await;
        for c in &members {
            self.app
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
            for a in all {
                self.app
                    .call_with(
                        c,
                        "/api/councils/certify",
                        json!({ "council_id": council, "application_id": a }),
                    )
                    .await;
                let sent = self
                    .app
                    .call_with(
                        c,
                        "/api/councils/save_sheet",
                        json!({ "council_id": council, "application_id": a, "entry": crate::councils::entry([13, 42, 30]), "review": "", "submit": true }),
                    )
                    .await;
                assert_eq!(sent.status, 200, "{:?}", sent.body);
            }
            let uid = &view.body["members"][i]["user_id"];
            officer(
                "/api/councils/attendance",
                json!({ "council_id": council, "user_id": uid, "present": true }),
            )
            .await;
        }
        let closed = self
            .app
            .call_with(&members[2], "/api/councils/close", json!({ "id": council }))
            .await;
        assert_eq!(closed.status, 200, "{:?}", closed.body);
    }

    /// The fund's people and the leader, signed in.
    pub async fn with_fund_people(&self) -> Fund {
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
            let grants: Vec<(Role, Scope)> =
                roles.into_iter().map(|r| (r, Scope::Global)).collect();
            self.app.user(email, &grants).await;
            let c = self.app.new_client();
            assert_eq!(self.app.login_with(&c, email, PASSWORD).await.status, 200);
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

    /// The officer appraises (no change) and the leader approves: the task may get its contract.
    pub async fn with_approved_task(&self, f: &Fund, a: i64) {
        let appraised = self
            .call(
                &self.officer,
                "/api/tasks/appraise",
                json!({ "application_id": a, "changes": [] }),
            )
            .await;
        assert_eq!(appraised.status, 200, "{:?}", appraised.body);
        let approved = self
            .call(
                &f.leader,
                "/api/tasks/decide",
                json!({ "application_id": a, "revision": 1, "approve": true, "reasons": "" }),
            )
            .await;
        assert_eq!(approved.status, 200, "{:?}", approved.body);
    }

    /// The accountant (or whoever `c` is) prepares tranche `seq` of `contract`.
    pub async fn prepare(
        &self,
        contract: i64,
        c: &reqwest::Client,
        key: &str,
        seq: i64,
    ) -> crate::helpers::Reply {
        self.call(c,
            "/api/payments/prepare",
            json!({ "key": key, "contract_id": contract, "tranche_seq": seq, "evidence": "Hợp đồng đã ký" }),
        )
        .await
    }
}

pub(crate) struct Fund {
    pub accountant: reqwest::Client,
    pub director: reqwest::Client,
    pub director2: reqwest::Client,
    pub leader: reqwest::Client,
    /// Holds both fund roles: may prepare, may approve, never the same payment.
    pub both: reqwest::Client,
}

pub(crate) fn problem(r: &crate::helpers::Reply) -> &Value {
    &r.body["Invalid"]["problem"]
}
