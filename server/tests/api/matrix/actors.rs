//! The records the matrix's bodies name, and the people who call: no one, every role, the
//! records' own people, and people of the right role but the wrong scope.

use crate::helpers::{TestApp, PASSWORD};
use crate::world::{Fund, World};
use app::registry::Party;
use domain::roles::{Permission, Role, RoleGrant, Scope};
use serde_json::json;

pub struct Actor {
    pub name: &'static str,
    pub client: reqwest::Client,
    pub grants: Vec<(Role, Scope)>,
    pub parties: Vec<Party>,
}

impl Actor {
    pub fn anonymous(&self) -> bool {
        self.name == "anonymous"
    }

    /// Whether a grant confers one of `permissions` here: a scoped grant counts on the
    /// records' organisation, or when the call names no record (its own queue).
    pub fn holds(&self, permissions: &[Permission], record: bool) -> bool {
        self.grants.iter().any(|(role, scope)| {
            let in_scope = match scope {
                Scope::Global => true,
                Scope::Organisation(_) => !record || self.parties.contains(&Party::Host),
                Scope::Council(_) => false,
            };
            let grant = RoleGrant {
                role: *role,
                scope: *scope,
            };
            in_scope && permissions.iter().any(|p| grant.confers(*p))
        })
    }

    pub fn is(&self, party: Party) -> bool {
        self.parties.contains(&party)
    }
}

/// Real records in every state the bodies need: a funded task (its dossier passed by a closed
/// council of seven, its contract signed, tranche 1 paid, tranche 2 awaiting the director),
/// a progress report, a pending amendment, an evidence file, a conflict flag, a receipt, a
/// spare account with a grant, an API token, and a proposal round with the leader's proposal.
pub struct Records {
    pub w: World,
    pub contract: i64,
    pub application: i64,
    pub council: i64,
    pub member_ids: Vec<i64>,
    pub organisation: i64,
    pub payment: i64,
    pub transfer: i64,
    pub amendment: i64,
    pub report: i64,
    pub conflict: i64,
    pub attachment: i64,
    pub spare_user: i64,
    pub spare_grant: i64,
    pub token: i64,
    /// A notification for the administrator (the owner of the token too).
    pub notice: i64,
    /// An organisation waiting to be recognised, and a person asking to join the host's.
    pub org_request: i64,
    pub membership: i64,
    /// A letter to the dossier's researcher, on the call.
    pub letter: i64,
    /// An expert who registered themselves and waits.
    pub expert_application: i64,
    pub round: i64,
    pub proposal: i64,
    /// An identification council of five on the round, constituted (the selection council's
    /// chair, secretary and a member among them).
    pub identification: i64,
    /// A programme indicator the task's host answers for, and the figure it entered.
    pub indicator: i64,
    pub figure: i64,
    pub admin: reqwest::Client,
    pub actors: Vec<Actor>,
}

async fn organisation_of(w: &World, application: i64) -> i64 {
    use app::db::entities::application as dossier;
    use sea_orm::EntityTrait;
    let row = dossier::Entity::find_by_id(i32::try_from(application).unwrap())
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    row.organisation_id.unwrap().into()
}

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = app.new_client();
    assert_eq!(
        app.login_with(&c, email, PASSWORD).await.status,
        200,
        "{email}"
    );
    c
}

impl Records {
    pub async fn new() -> Records {
        let w = World::new().await;
        let f = w.with_fund_people().await;
        let t = w.with_funded_task(&f, false).await;
        let seen = w
            .as_researcher("/api/execution/get", json!({ "contract_id": t.contract }))
            .await;
        let application = seen.body["application_id"].as_i64().unwrap();
        let councils = w
            .call(
                &w.officer,
                "/api/councils/list",
                json!({ "call_id": w.call_id }),
            )
            .await;
        let council = councils.body[0]["id"].as_i64().unwrap();
        let view = w
            .call(&w.officer, "/api/councils/get", json!({ "id": council }))
            .await;
        let member_ids = view.body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["user_id"].as_i64().unwrap())
            .collect();
        let mut r = Records {
            contract: t.contract,
            application,
            council,
            member_ids,
            organisation: organisation_of(&w, application).await,
            payment: 0,
            transfer: 0,
            amendment: 0,
            report: 0,
            conflict: 0,
            attachment: 0,
            spare_user: 0,
            spare_grant: 0,
            token: 0,
            notice: 0,
            org_request: 0,
            membership: 0,
            letter: 0,
            expert_application: 0,
            round: 0,
            proposal: 0,
            identification: 0,
            indicator: 0,
            figure: 0,
            admin: reqwest::Client::new(),
            actors: Vec::new(),
            w,
        };
        r.running_records(&f).await;
        r.admin_records().await;
        let round = r.w.with_round().await;
        r.round = round.id;
        r.proposal =
            r.w.propose(&r.w.researcher, round.id, "Chế biến sâu cà phê")
                .await;
        r.identification = r.identification_council().await;
        r.indicator =
            crate::programme::assign(&r.w.app, "ocop_trademarks", r.organisation, true).await;
        let year = domain::format::year_in_vietnam(crate::world::t0()).to_string();
        let pdf = b"%PDF-1.7\n%%EOF\n";
        let entered = crate::programme::submit(
            &r.w.app,
            &t.host,
            r.indicator,
            &year,
            "72,5",
            Some(("OCOP.pdf", pdf)),
        )
        .await;
        assert_eq!(entered.status, 200, "{:?}", entered.body);
        r.figure = entered.body["id"].as_i64().unwrap();
        r.actors = actors(&r, &f, t.host).await;
        r
    }

    async fn running_records(&mut self, f: &Fund) {
        let w = &self.w;
        let c = self.contract;
        let pending = w.prepare(c, &f.accountant, "matrix-pay-2", 2).await;
        assert_eq!(pending.status, 200, "{:?}", pending.body);
        self.payment = pending.body.as_i64().unwrap();
        let receipt = json!({ "key": "matrix-rcpt", "source": "Interest", "amount_dong": 1_000_000, "document": "Sao kê lãi", "note": "" });
        self.transfer = w
            .call(&f.accountant, "/api/fund/receive", receipt)
            .await
            .body
            .as_i64()
            .unwrap();
        let report = json!({ "contract_id": c, "report": { "work_done": "Đã khảo sát", "products": [{ "name": "Báo cáo tổng hợp", "percent": 40, "note": "" }], "spent_dong": 1_000_000, "problems": "" } });
        let filed = w.as_researcher("/api/execution/report", report).await;
        assert_eq!(filed.status, 200, "{:?}", filed.body);
        let view = w
            .as_researcher("/api/execution/get", json!({ "contract_id": c }))
            .await;
        self.report = view.body["reports"][0]["id"].as_i64().unwrap();
        let contract = w
            .as_researcher("/api/contracts/get", json!({ "id": c }))
            .await;
        let lines: Vec<i64> = contract.body["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["fund_dong"].as_i64().unwrap())
            .collect();
        let request = json!({ "contract_id": c, "request": { "extension_months": 2, "lines_dong": lines, "other_changes": "", "reason": "Thời tiết" } });
        let asked = w
            .as_researcher("/api/execution/request_amendment", request)
            .await;
        assert_eq!(asked.status, 200, "{:?}", asked.body);
        self.amendment = asked.body.as_i64().unwrap();
        let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
        let evidence = domain::closeout::EVIDENCE_DOCUMENT;
        let up = crate::attachments::upload(
            w,
            &w.researcher,
            self.application,
            evidence,
            "Minh chứng.pdf",
            pdf,
        )
        .await;
        assert_eq!(up.status, 200, "{:?}", up.body);
        self.attachment = up.body["id"].as_i64().unwrap();
        self.conflict = self.flag_conflict().await;
    }

    /// The round's identification council, seated from the selection council's members.
    async fn identification_council(&self) -> i64 {
        let w = &self.w;
        let name = json!({ "round_id": self.round, "name": "Hội đồng tư vấn (ma trận)", "proposal_ids": [] });
        let formed = w.call(&w.officer, "/api/identification/create", name).await;
        let council = formed.body.as_i64().unwrap();
        let seats = ["Chair", "ViceChair", "Secretary", "Member", "Member"];
        for (i, role) in seats.iter().enumerate() {
            let email = format!("hd{i}@quy.vn");
            let seat = json!({ "council_id": council, "email": email, "role": role });
            let seated = w.call(&w.officer, "/api/identification/seat", seat).await;
            assert_eq!(seated.status, 200, "{:?}", seated.body);
            let yes = json!({ "council_id": council, "accept": true });
            let member = signed_in(&w.app, &email).await;
            assert_eq!(
                w.call(&member, "/api/identification/answer", yes)
                    .await
                    .status,
                200
            );
        }
        let made = w
            .call(
                &w.officer,
                "/api/identification/constitute",
                json!({ "id": council }),
            )
            .await;
        assert_eq!(made.status, 200, "{:?}", made.body);
        council
    }

    /// A conflict flag on the closed council (as the data check writes one).
    async fn flag_conflict(&self) -> i64 {
        use app::db::entities::conflict;
        use domain::council::ConflictReason;
        use sea_orm::{ActiveModelTrait, Set};
        let note = "Đồng tác giả".to_string();
        conflict::ActiveModel {
            council_id: Set(i32::try_from(self.council).unwrap()),
            application_id: Set(i32::try_from(self.application).unwrap()),
            user_id: Set(i32::try_from(self.member_ids[6]).unwrap()),
            reason: Set(app::db::json::Json(ConflictReason::Declared { note })),
            status: Set("flagged".into()),
            note: Set(String::new()),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&self.w.app.db)
        .await
        .unwrap()
        .id
        .into()
    }

    async fn admin_records(&mut self) {
        let app = &self.w.app;
        app.user("quantri@matran.vn", &[(Role::Admin, Scope::Global)])
            .await;
        self.admin = signed_in(app, "quantri@matran.vn").await;
        let token = app
            .call_with(
                &self.admin,
                "/api/tokens/create",
                json!({ "name": "Ma trận" }),
            )
            .await;
        self.token = token.body["id"].as_i64().unwrap();
        self.notice = admin_notice(app).await;
        (self.org_request, self.membership) = requests(app, self.organisation).await;
        self.letter = letter(app, self.w.call_id, self.application).await;
        self.expert_application = expert_application(app).await;
        self.spare_user = app
            .user("duphong@matran.vn", &[(Role::Researcher, Scope::Global)])
            .await
            .into();
        use app::db::entities::role_grant;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        self.spare_grant = role_grant::Entity::find()
            .filter(role_grant::Column::UserId.eq(i32::try_from(self.spare_user).unwrap()))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
            .into();
    }
}

/// Everyone who calls, each signed in on their own client.
async fn actors(r: &Records, f: &Fund, host: reqwest::Client) -> Vec<Actor> {
    let app = &r.w.app;
    let org = Scope::Organisation(r.organisation);
    let other_org = Scope::Organisation(app.db_org("Tổ chức khác").await.into());
    app.user(
        "chutri-khac@matran.vn",
        &[(Role::HostOrganisation, other_org)],
    )
    .await;
    app.user(
        "hoidong-khac@matran.vn",
        &[(Role::CouncilMember, Scope::Global)],
    )
    .await;
    // A managing unit's own staff: they run their unit's grassroots tasks, none of these.
    let unit = Scope::Organisation(app.db_unit("Trường Đại học (đơn vị quản lý)").await.into());
    app.user("cv-donvi@matran.vn", &[(Role::Officer, unit)])
        .await;
    app.user("ld-donvi@matran.vn", &[(Role::Leader, unit)])
        .await;
    let g = |role: Role| vec![(role, Scope::Global)];
    let member = |c: reqwest::Client, name, parties: Vec<Party>| Actor {
        name,
        client: c,
        grants: g(Role::CouncilMember),
        parties: [
            vec![Party::CouncilMember, Party::Invitee, Party::Assessor],
            parties,
        ]
        .concat(),
    };
    vec![
        Actor {
            name: "anonymous",
            client: app.new_client(),
            grants: vec![],
            parties: vec![],
        },
        Actor {
            name: "the task's leader (researcher)",
            client: r.w.researcher.clone(),
            grants: g(Role::Researcher),
            parties: vec![
                Party::Applicant,
                Party::DossierReaders,
                Party::TaskLeader,
                Party::TaskReaders,
                Party::Proposer,
                Party::ProposalReaders,
            ],
        },
        Actor {
            name: "another researcher",
            client: r.w.other.clone(),
            grants: g(Role::Researcher),
            parties: vec![],
        },
        Actor {
            name: "the task's host",
            client: host,
            grants: vec![(Role::HostOrganisation, org)],
            parties: vec![
                Party::Host,
                Party::DossierReaders,
                Party::TaskHost,
                Party::TaskReaders,
            ],
        },
        Actor {
            name: "another organisation's host",
            client: signed_in(app, "chutri-khac@matran.vn").await,
            grants: vec![(Role::HostOrganisation, other_org)],
            parties: vec![],
        },
        Actor {
            name: "officer",
            client: r.w.officer.clone(),
            grants: g(Role::Officer),
            parties: vec![],
        },
        Actor {
            name: "leader",
            client: f.leader.clone(),
            grants: g(Role::Leader),
            parties: vec![],
        },
        Actor {
            name: "fund accountant",
            client: f.accountant.clone(),
            grants: g(Role::FundAccountant),
            parties: vec![],
        },
        Actor {
            name: "fund director",
            client: f.director.clone(),
            grants: g(Role::FundDirector),
            parties: vec![],
        },
        Actor {
            name: "administrator",
            client: r.admin.clone(),
            grants: g(Role::Admin),
            parties: vec![Party::Owner],
        },
        member(
            signed_in(app, "hd0@quy.vn").await,
            "the council's chair",
            vec![Party::CouncilChair, Party::ChairOrSecretary],
        ),
        member(
            signed_in(app, "hd2@quy.vn").await,
            "the council's secretary",
            vec![Party::CouncilSecretary, Party::ChairOrSecretary],
        ),
        member(
            signed_in(app, "hd3@quy.vn").await,
            "a member of the council",
            vec![],
        ),
        Actor {
            name: "a managing unit's officer",
            client: signed_in(app, "cv-donvi@matran.vn").await,
            grants: vec![(Role::Officer, unit)],
            parties: vec![],
        },
        Actor {
            name: "a managing unit's leader",
            client: signed_in(app, "ld-donvi@matran.vn").await,
            grants: vec![(Role::Leader, unit)],
            parties: vec![],
        },
        Actor {
            name: "another council's member",
            client: signed_in(app, "hoidong-khac@matran.vn").await,
            grants: g(Role::CouncilMember),
            parties: vec![],
        },
    ]
}

/// A pending request to recognise an organisation, and a pending request to join `host`, each
/// by a researcher of no organisation.
async fn requests(app: &crate::helpers::TestApp, host: i64) -> (i64, i64) {
    use app::db::entities::{membership_request, organisation_request};
    use sea_orm::{ActiveModelTrait, Set};
    let researcher = [(Role::Researcher, Scope::Global)];
    let founder = app.user("sanglap@matran.vn", &researcher).await;
    let joiner = app.user("xinvao@matran.vn", &researcher).await;
    let now = chrono::Utc::now();
    let org = organisation_request::ActiveModel {
        user_id: Set(founder),
        tax_code: Set("0300588569".into()),
        name: Set("Công ty của ma trận".into()),
        short_name: Set(String::new()),
        address: Set("Huế".into()),
        representative_title: Set("Giám đốc".into()),
        phone: Set("0234 3822 123".into()),
        state: Set("pending".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let join = membership_request::ActiveModel {
        user_id: Set(joiner),
        organisation_id: Set(i32::try_from(host).unwrap()),
        state: Set("pending".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    (org.id.into(), join.id.into())
}

/// An expert entry waiting for the department, made by a researcher of its own.
async fn expert_application(app: &crate::helpers::TestApp) -> i64 {
    use app::db::entities::expert;
    use sea_orm::{ActiveModelTrait, Set};
    let who = app
        .user("chuyengia@matran.vn", &[(Role::Researcher, Scope::Global)])
        .await;
    let now = chrono::Utc::now();
    expert::ActiveModel {
        user_id: Set(Some(who)),
        name: Set("Chuyên gia của ma trận".into()),
        email: Set("chuyengia@matran.vn".into()),
        organisation: Set(String::new()),
        fields: Set(app::db::json::Json(vec!["Khoa học đất".into()])),
        degree: Set("TS.".into()),
        note: Set(String::new()),
        search_folded: Set("chuyen gia".into()),
        search_key: Set("chuyên gia".into()),
        active: Set(false),
        added_by: Set(who),
        created_at: Set(now),
        updated_at: Set(now),
        state: Set("pending".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
    .into()
}

/// A letter already sent to the dossier's researcher, to send again.
async fn letter(app: &crate::helpers::TestApp, call: i64, dossier: i64) -> i64 {
    use app::db::entities::{application, letter};
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let a = application::Entity::find_by_id(i32::try_from(dossier).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    letter::ActiveModel {
        call_id: Set(i32::try_from(call).unwrap()),
        application_id: Set(a.id),
        user_id: Set(a.applicant_id),
        to_address: Set("nkh@vien.vn".into()),
        subject: Set("Thư của ma trận".into()),
        body: Set("Nội dung".into()),
        sent_by: Set(a.applicant_id),
        sent_at: Set(now),
        resent: Set(0),
        last_sent_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
    .into()
}

/// A notification for the matrix's administrator, whose own it is to mark read.
async fn admin_notice(app: &crate::helpers::TestApp) -> i64 {
    use app::db::entities::{notification, user};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let admin = user::Entity::find()
        .filter(user::Column::Email.eq("quantri@matran.vn"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    notification::ActiveModel {
        user_id: Set(admin.id),
        kind: Set(domain::notice::Kind::CouncilInvitation.code().into()),
        text_vi: Set("Thông báo của ma trận".into()),
        text_en: Set("The matrix's notification".into()),
        link: Set("/".into()),
        created_at: Set(chrono::Utc::now()),
        read_at: Set(None),
        digest_pending: Set(false),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
    .into()
}
