//! Seeds a province at scale through the project's own code: accounts and grants with
//! `db::accounts`, dossiers shaped as `applications::server` writes them (folded titles, receipt
//! codes from `domain::lifecycle`), every transfer through `db::ledger::write` (the guarded
//! write the fund's commands use), the portal's search text through `portal::search::refresh`.

use std::time::Instant;

use app::db::accounts::{insert_grant, insert_user, NewUser};
use app::db::entities::{
    application, call, contract, contract_tranche, council, council_application, council_member,
    organisation, payment,
};
use app::db::ledger::{self, Meta};
use app::db::retry::Attempt;
use chrono::{DateTime, Duration, Utc};
use domain::application::ApplicationForm;
use domain::ledger::{Account, Flow, Request, Source};
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};

pub const PASSWORD: &str = "Mật khẩu đo hiệu năng";
pub const ORGANISATIONS: usize = 64;
pub const RESEARCHERS: usize = 800;
pub const EXPERTS: usize = 100;
pub const CALLS: usize = 10;
pub const APPLICATIONS: usize = 10_000;
pub const COUNCILS_PER_CALL: usize = 20;
pub const MEMBERS: usize = 7;
/// Every fifth dossier is funded: 2,000 contracts.
pub const FUNDED_EVERY: usize = 5;
pub const TRANCHES: i32 = 24;
pub const TRANCHE_DONG: i64 = 25_000_000;

/// The staff accounts beside researchers and experts: (prefix, role, how many).
const STAFF: [(&str, Role, usize); 5] = [
    ("cv", Role::Officer, 20),
    ("ld", Role::Leader, 5),
    ("kt", Role::FundAccountant, 5),
    ("gd", Role::FundDirector, 5),
    ("qt", Role::Admin, 1),
];

const FIELDS: [&str; 5] = [
    "Nông nghiệp",
    "Y dược",
    "Kỹ thuật và công nghệ",
    "Khoa học xã hội",
    "Khoa học tự nhiên",
];

/// What the measurement needs to address: records to open and accounts to sign in with.
pub struct Province {
    pub call: i32,
    pub council: i32,
    pub council_member: String,
    pub application: i32,
    pub contract: i32,
    pub users: usize,
    pub transfers: u64,
}

pub fn email(prefix: &str, i: usize) -> String {
    format!("{prefix}{i}@bench.vn")
}

pub async fn province(db: &DatabaseConnection, now: DateTime<Utc>) -> Province {
    let t = Instant::now();
    let orgs = organisations(db, now).await;
    let (ids, users) = accounts(db, &orgs, now).await;
    let calls = calls(db, ids.officer, now).await;
    let apps = applications(db, &calls, &ids.researchers, &orgs, now).await;
    let (first_council, first_member) = councils(db, &calls, &apps, &ids, now).await;
    println!(
        "  seeded {users} users, {} calls, {APPLICATIONS} applications, {} councils in {:.1} s",
        calls.len(),
        calls.len() * COUNCILS_PER_CALL,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let contracts = contracts(db, &apps, &ids, now).await;
    let transfers = fund(db, &contracts, &ids, now).await;
    println!(
        "  seeded {} contracts and {transfers} transfers (each through the ledger's guarded write) in {:.1} s",
        contracts.len(),
        t.elapsed().as_secs_f64()
    );
    Province {
        call: calls[CALLS - 1].0,
        council: first_council,
        council_member: first_member,
        application: apps[1].0,
        contract: contracts[0].0,
        users,
        transfers,
    }
}

async fn organisations(db: &DatabaseConnection, now: DateTime<Utc>) -> Vec<i32> {
    let kinds = [
        "Viện Nghiên cứu",
        "Trường Đại học",
        "Trung tâm Ứng dụng",
        "Công ty Cổ phần",
    ];
    let rows = (0..ORGANISATIONS).map(|i| organisation::ActiveModel {
        name: Set(format!("{} số {i} tỉnh Sông Lam", kinds[i % kinds.len()])),
        short_name: Set(None),
        tax_code: Set(Some(format!("29{i:08}"))),
        address: Set(Some("Thành phố Vinh".into())),
        created_at: Set(now),
        representative: Set(Some("Trần Văn Bình".into())),
        representative_title: Set(Some("Viện trưởng".into())),
        phone: Set(None),
        email: Set(None),
        bank_account: Set(None),
        bank_name: Set(None),
        manages_tasks: Set(false),
        ..Default::default()
    });
    organisation::Entity::insert_many(rows)
        .exec(db)
        .await
        .unwrap();
    organisation::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect()
}

/// The people who act in the seeded records.
pub struct Ids {
    pub officer: i32,
    pub leader: i32,
    pub accountant: i32,
    pub director: i32,
    pub researchers: Vec<i32>,
    pub experts: Vec<i32>,
}

async fn accounts(db: &DatabaseConnection, orgs: &[i32], now: DateTime<Utc>) -> (Ids, usize) {
    let hash = app::auth::server::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let txn = db.begin().await.unwrap();
    let add = async |email: String, org: Option<i32>, grant: Option<RoleGrant>| {
        let u = insert_user(
            &txn,
            NewUser {
                display_name: email.clone(),
                email,
                password_hash: hash.clone(),
                organisation_id: org,
                must_change_password: false,
            },
            now,
        )
        .await
        .unwrap();
        if let Some(g) = grant {
            insert_grant(&txn, u.id, g, u.id, now).await.unwrap();
        }
        u.id
    };
    let mut staff = Vec::new();
    for (prefix, role, n) in STAFF {
        for i in 0..n {
            let grant = RoleGrant::new(role, Scope::Global).unwrap();
            staff.push(add(email(prefix, i), None, Some(grant)).await);
        }
    }
    for (i, org) in orgs.iter().enumerate() {
        let grant = RoleGrant::new(Role::HostOrganisation, Scope::Organisation((*org).into()));
        add(email("dv", i), Some(*org), Some(grant.unwrap())).await;
    }
    let mut researchers = Vec::new();
    for i in 0..RESEARCHERS {
        let grant = RoleGrant::new(Role::Researcher, Scope::Global).unwrap();
        researchers.push(add(email("nkh", i), Some(orgs[i % orgs.len()]), Some(grant)).await);
    }
    // Experts hold their council grants once the councils exist.
    let mut experts = Vec::new();
    for i in 0..EXPERTS {
        experts.push(add(email("hd", i), None, None).await);
    }
    txn.commit().await.unwrap();
    let users = staff.len() + orgs.len() + researchers.len() + experts.len();
    let ids = Ids {
        officer: staff[0],
        leader: staff[20],
        accountant: staff[25],
        director: staff[30],
        researchers,
        experts,
    };
    (ids, users)
}

/// Ten calls over three years; every fourth runs at the grassroots level.
async fn calls(db: &DatabaseConnection, officer: i32, now: DateTime<Utc>) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for i in 0..CALLS {
        let year = 2024 + (i * 3 / CALLS) as i32;
        let title = format!(
            "Đặt hàng nhiệm vụ khoa học và công nghệ đợt {} năm {year}",
            i + 1
        );
        let opens = now - Duration::days(((CALLS - i) * 90) as i64);
        let c = call::ActiveModel {
            code: Set(format!("ĐỢT-{year}-{:02}", i + 1)),
            year: Set(year),
            sequence: Set(i as i32 + 1),
            title_folded: Set(domain::text::fold(&title)),
            title_key: Set(domain::text::exact_key(&title)),
            title: Set(title),
            summary: Set("Đợt tuyển chọn tổ chức, cá nhân chủ trì nhiệm vụ.".into()),
            level: Set(if i % 4 == 3 {
                "grassroots"
            } else {
                "provincial"
            }
            .into()),
            formation: Set("grant".into()),
            fields: Set(app::db::json::Json(FIELDS.map(String::from).to_vec())),
            priority_areas: Set(app::db::json::Json::default()),
            required_documents: Set(app::db::json::Json::default()),
            opens_at: Set(opens),
            closes_at: Set(opens + Duration::days(60)),
            budget_dong: Set(200_000_000_000),
            rulebook_version: Set(Some(1)),
            status: Set("published".into()),
            published_at: Set(Some(opens)),
            created_by: Set(Some(officer)),
            created_at: Set(opens),
            updated_at: Set(opens),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        out.push((c.id, year));
    }
    out
}

fn form(i: usize) -> ApplicationForm {
    let field = FIELDS[i % FIELDS.len()];
    let title = format!(
        "Nghiên cứu ứng dụng công nghệ số {i} trong {} tỉnh",
        field.to_lowercase()
    );
    crate::common::form(title, field, format!("Nguyễn Văn {i}"))
}

/// The dossiers, a thousand per call: (id, title, host) in order.
async fn applications(
    db: &DatabaseConnection,
    calls: &[(i32, i32)],
    researchers: &[i32],
    orgs: &[i32],
    now: DateTime<Utc>,
) -> Vec<(i32, String, i32)> {
    let per_call = APPLICATIONS / calls.len();
    let states = ["valid", "submitted", "valid", "invalid", "withdrawn"];
    for chunk in (0..APPLICATIONS).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|&i| {
            let f = form(i);
            let (call_id, year) = calls[i / per_call];
            let applicant = i % researchers.len();
            let at = now - Duration::minutes((APPLICATIONS - i) as i64);
            application::ActiveModel {
                call_id: Set(call_id),
                applicant_id: Set(researchers[applicant]),
                organisation_id: Set(Some(orgs[applicant % orgs.len()])),
                title_folded: Set(domain::text::fold(&f.title)),
                title_key: Set(domain::text::exact_key(&f.title)),
                title: Set(f.title.clone()),
                form: Set(app::db::json::Json(f)),
                status: Set(states[i % FUNDED_EVERY].into()),
                correction_deadline: Set(None),
                receipt_code: Set(Some(domain::lifecycle::receipt_code(year, i as u32 + 1))),
                receipt_year: Set(Some(year)),
                receipt_sequence: Set(Some(i as i32 + 1)),
                version: Set(1),
                submitted_at: Set(Some(at)),
                received_at: Set(Some(at)),
                created_at: Set(at),
                updated_at: Set(at),
                ..Default::default()
            }
        });
        application::Entity::insert_many(rows)
            .exec(db)
            .await
            .unwrap();
    }
    application::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.title, a.organisation_id.unwrap_or_default()))
        .collect()
}

/// Twenty councils per call, fifty dossiers and seven experts each; every member holds the
/// council's grant. Answers the first council and one of its members.
async fn councils(
    db: &DatabaseConnection,
    calls: &[(i32, i32)],
    apps: &[(i32, String, i32)],
    ids: &Ids,
    now: DateTime<Utc>,
) -> (i32, String) {
    let per_council = APPLICATIONS / (calls.len() * COUNCILS_PER_CALL);
    let roles = [
        "chair",
        "vice_chair",
        "secretary",
        "reviewer",
        "reviewer",
        "member",
        "member",
    ];
    let txn = db.begin().await.unwrap();
    let mut first = None;
    for (k, dossiers) in apps.chunks(per_council).enumerate() {
        let (call_id, _) = calls[k / COUNCILS_PER_CALL];
        let c = council::ActiveModel {
            call_id: Set(call_id),
            name: Set(format!("Hội đồng tư vấn tuyển chọn số {}", k + 1)),
            status: Set("scoring".into()),
            rulebook_version: Set(1),
            created_by: Set(ids.officer),
            created_at: Set(now),
            closed_at: Set(None),
            scoring_opened_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        let members: Vec<usize> = (0..MEMBERS).map(|j| (k * MEMBERS + j) % EXPERTS).collect();
        first.get_or_insert((c.id, email("hd", members[0])));
        council_member::Entity::insert_many(members.iter().zip(roles).map(|(&m, role)| {
            council_member::ActiveModel {
                council_id: Set(c.id),
                user_id: Set(ids.experts[m]),
                role: Set(role.into()),
                invitation: Set("accepted".into()),
                present: Set(false),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await
        .unwrap();
        for &m in &members {
            let grant = RoleGrant::new(Role::CouncilMember, Scope::Council(c.id.into())).unwrap();
            insert_grant(&txn, ids.experts[m], grant, ids.officer, now)
                .await
                .unwrap();
        }
        council_application::Entity::insert_many(dossiers.iter().map(|(id, _, _)| {
            council_application::ActiveModel {
                council_id: Set(c.id),
                application_id: Set(*id),
            }
        }))
        .exec(&txn)
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    first.unwrap()
}

/// Every fifth dossier's contract, signed, with its tranches: (id, code) in order.
async fn contracts(
    db: &DatabaseConnection,
    apps: &[(i32, String, i32)],
    ids: &Ids,
    now: DateTime<Utc>,
) -> Vec<(i32, String)> {
    let txn = db.begin().await.unwrap();
    let mut out = Vec::new();
    for (n, (app_id, title, org)) in apps.iter().step_by(FUNDED_EVERY).enumerate() {
        let code = format!("HĐ-{:04}/2026", n + 1);
        let c = contract::ActiveModel {
            application_id: Set(*app_id),
            code: Set(code.clone()),
            title: Set(title.clone()),
            organisation_id: Set(Some(*org)),
            leader_name: Set(format!("Nguyễn Văn {}", n * FUNDED_EVERY)),
            total_dong: Set(i64::from(TRANCHES) * TRANCHE_DONG),
            status: Set("active".into()),
            terms: Set(app::db::json::Json::default()),
            created_by: Set(ids.officer),
            created_at: Set(now),
            signed_by: Set(Some(ids.leader)),
            signed_at: Set(Some(now - Duration::days((n % 900) as i64))),
            next_report_due_at: Set(None),
            payer_unit_id: Set(None),
            search_folded: Set(String::new()),
            search_key: Set(String::new()),
            field: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        contract_tranche::Entity::insert_many((1..=TRANCHES).map(|s| {
            contract_tranche::ActiveModel {
                contract_id: Set(c.id),
                seq: Set(s),
                amount_dong: Set(TRANCHE_DONG),
                due_at: Set(now),
                condition: Set(String::new()),
            }
        }))
        .exec(&txn)
        .await
        .unwrap();
        out.push((c.id, code));
    }
    txn.commit().await.unwrap();
    let all: Vec<i32> = out.iter().map(|(id, _)| *id).collect();
    for chunk in all.chunks(500) {
        app::portal::search::refresh(db, chunk).await.unwrap();
    }
    out
}

async fn write(
    txn: &impl sea_orm::ConnectionTrait,
    r: Request,
    meta: Meta,
    now: DateTime<Utc>,
) -> i64 {
    match ledger::write(txn, &r, &meta, now).await {
        Ok((id, true)) => id,
        Ok((_, false)) => panic!("{}: a replay", r.key),
        Err(Attempt::Raced) => panic!("{}: raced", r.key),
        Err(Attempt::Failed(e)) => panic!("{}: {e:?}", r.key),
    }
}

/// Per contract, one transaction: the allocation received, the commitment at signing, then
/// each tranche's payment prepared (pending) and approved (posted), with its payment row.
async fn fund(
    db: &DatabaseConnection,
    contracts: &[(i32, String)],
    ids: &Ids,
    now: DateTime<Utc>,
) -> u64 {
    let total = i64::from(TRANCHES) * TRANCHE_DONG;
    let mut transfers = 0;
    for (id, code) in contracts {
        let txn = db.begin().await.unwrap();
        let cid = i64::from(*id);
        let meta = |note: &str| Meta {
            contract_id: Some(*id),
            document: code.clone(),
            note: note.into(),
        };
        let request = |key: String, debit, credit, amount_dong, flow, by: i32| Request {
            key,
            debit,
            credit,
            amount_dong,
            flow,
            by: by.into(),
            corrects: None,
        };
        let receipt = request(
            format!("nhan-{id}"),
            Account::Source(Source::StateBudget),
            Account::Available,
            total,
            Flow::Posted,
            ids.accountant,
        );
        write(
            &txn,
            receipt,
            Meta {
                contract_id: None,
                ..meta("Dự toán giao")
            },
            now,
        )
        .await;
        let commit = request(
            format!("ky-{id}"),
            Account::Available,
            Account::Committed(cid),
            total,
            Flow::Posted,
            ids.leader,
        );
        write(&txn, commit, meta("Cam kết kinh phí khi ký hợp đồng"), now).await;
        let mut rows = Vec::new();
        for seq in 1..=TRANCHES {
            let at = now - Duration::days(i64::from(TRANCHES - seq) * 30);
            let pending = request(
                format!("chi-{id}-{seq}"),
                Account::Committed(cid),
                Account::Disbursed(cid),
                TRANCHE_DONG,
                Flow::Pending,
                ids.accountant,
            );
            let p = write(&txn, pending.clone(), meta("Đề nghị tạm ứng"), at).await;
            let post = Request {
                key: format!("duyet-{id}-{seq}"),
                flow: Flow::PostPending(p),
                by: ids.director.into(),
                ..pending
            };
            write(&txn, post, meta(""), at).await;
            rows.push(payment::ActiveModel {
                contract_id: Set(*id),
                tranche_seq: Set(seq),
                pending_transfer_id: Set(p),
                status: Set("posted".into()),
                live: Set(Some(true)),
                prepared_by: Set(ids.accountant),
                prepared_at: Set(at),
                evidence: Set("Đề nghị tạm ứng".into()),
                decided_by: Set(Some(ids.director)),
                decided_at: Set(Some(at)),
                reason: Set(String::new()),
                ..Default::default()
            });
        }
        payment::Entity::insert_many(rows).exec(&txn).await.unwrap();
        txn.commit().await.unwrap();
        transfers += 2 + 2 * TRANCHES as u64;
    }
    transfers
}
