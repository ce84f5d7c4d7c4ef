//! The demo province: a few organisations, one account per role and an open call, seeded into
//! an empty database when the server starts with `--demo`.

use app::auth::server::hash_password;
use app::db::accounts::{insert_grant, insert_user, NewUser};
use app::db::entities::{call, expert, organisation, researcher_cv, user};
use app::db::json::Json;
use chrono::{DateTime, Datelike, Duration, Utc};
use domain::call::{CallStatus, Formation, PriorityArea, TaskLevel};
use domain::expert::ExpertForm;
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::BoxError;

/// Every demo account's password (also in the README).
pub const DEMO_PASSWORD: &str = "demo-Khcn-2026";

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
}

pub const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "quantri@demo.test",
        name: "Nguyễn Văn Quản",
        role: Role::Admin,
    },
    DemoAccount {
        email: "chuyenvien@demo.test",
        name: "Trần Thị Thu Hà",
        role: Role::Officer,
    },
    DemoAccount {
        email: "lanhdao@demo.test",
        name: "Lê Quang Minh",
        role: Role::Leader,
    },
    DemoAccount {
        email: "nhakhoahoc@demo.test",
        name: "Phạm Thị Hồng Nhung",
        role: Role::Researcher,
    },
    DemoAccount {
        email: "chutri@demo.test",
        name: "Hoàng Văn Đức",
        role: Role::HostOrganisation,
    },
    DemoAccount {
        email: "hoidong@demo.test",
        name: "Vũ Thị Lan Anh",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "hoidong2@demo.test",
        name: "Trịnh Minh Khoa",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "hoidong3@demo.test",
        name: "Ngô Thị Bích Ngọc",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "hoidong4@demo.test",
        name: "Đỗ Văn Thành",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "hoidong5@demo.test",
        name: "Phan Thu Hương",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "hoidong6@demo.test",
        name: "Lý Quốc Bảo",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "hoidong7@demo.test",
        name: "Hà Thị Mai",
        role: Role::CouncilMember,
    },
    DemoAccount {
        email: "ketoan@demo.test",
        name: "Đặng Thu Trang",
        role: Role::FundAccountant,
    },
    DemoAccount {
        email: "giamdoc@demo.test",
        name: "Bùi Quốc Hùng",
        role: Role::FundDirector,
    },
    // Proposers of ordered tasks: a commune's and an enterprise's representatives.
    DemoAccount {
        email: "xa@demo.test",
        name: "Y Bhăm Niê",
        role: Role::HostOrganisation,
    },
    DemoAccount {
        email: "doanhnghiep@demo.test",
        name: "Nguyễn Thị Kim Oanh",
        role: Role::HostOrganisation,
    },
];

/// The university, which hosts the demo's tasks and runs its own grassroots ones.
pub const UNIVERSITY: &str = "Trường Đại học Nông Lâm Sông Lam";

/// The institute the demo's direct assignment goes to.
pub const INSTITUTE: &str = "Viện Nghiên cứu Công nghệ sinh học và Môi trường";

const ORGANISATIONS: &[(&str, &str)] = &[
    ("Sở Khoa học và Công nghệ tỉnh Sông Lam", "SKHCN"),
    (
        "Quỹ phát triển KH, CN, ĐMST và CĐS tỉnh Sông Lam",
        "QPTKHCN",
    ),
    (UNIVERSITY, "ĐHNL"),
    (INSTITUTE, "VCNSH"),
    ("UBND xã Hòa Thắng", "UBND-HT"),
    ("Công ty Cổ phần Cà phê Sông Lam", "CFSL"),
];

/// The organisation a demo account works for: the proposers their commune or enterprise.
fn organisation_of(account: &DemoAccount, org_ids: &[i32]) -> i32 {
    match (account.email, account.role) {
        ("xa@demo.test", _) => org_ids[4],
        ("doanhnghiep@demo.test", _) => org_ids[5],
        (_, Role::Researcher | Role::HostOrganisation) => org_ids[2],
        (_, Role::FundAccountant | Role::FundDirector) => org_ids[1],
        (_, Role::CouncilMember) => org_ids[3],
        _ => org_ids[0],
    }
}

/// A demo organisation's id, by name.
pub async fn organisation_id(db: &DatabaseConnection, name: &str) -> Result<i32, BoxError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(db)
        .await?
        .ok_or_else(|| format!("demo organisation {name} missing"))?
        .id)
}

pub fn print_accounts() {
    println!("\nDEMO — tài khoản mẫu / demo accounts (mật khẩu / password: {DEMO_PASSWORD}):");
    for a in ACCOUNTS {
        println!("  {:<24} {}", a.email, a.role.label(domain::Lang::Vi));
    }
    println!();
}

/// 17:00 Hà Nội time (10:00 UTC), sixty days on: a deadline as an officer would set it.
fn closing_time(now: DateTime<Utc>) -> DateTime<Utc> {
    let day = (now + Duration::days(60)).date_naive();
    day.and_hms_opt(10, 0, 0)
        .map_or(now + Duration::days(60), |t| t.and_utc())
}

/// The demo researcher's CV: complete, so her dossiers can be submitted.
pub(crate) fn demo_cv() -> domain::cv::ScientificCv {
    use domain::cv::*;
    ScientificCv {
        birth_year: 1982,
        academic_title: AcademicTitle::None,
        specialisation: "Khoa học đất".into(),
        degrees: vec![Degree {
            level: DegreeLevel::Doctor,
            field: "Khoa học đất".into(),
            institution: "Trường Đại học Nông Lâm Sông Lam".into(),
            year: 2014,
        }],
        positions: vec![Position {
            title: "Giảng viên chính".into(),
            organisation: "Trường Đại học Nông Lâm Sông Lam".into(),
            from_year: 2014,
            to_year: None,
        }],
        publications: vec![Publication {
            citation: "Phạm T. H. Nhung và cộng sự, Cải tạo đất phèn bằng chế phẩm vi sinh, Tạp chí Khoa học Đất".into(),
            year: 2021,
        }],
        past_tasks: vec![],
    }
}

/// Seeds the demo province unless the database already has accounts.
/// The council members' degrees and fields, in turn.
const DEMO_EXPERTISE: &[(&str, &[&str])] = &[
    (
        "Giáo sư, Tiến sĩ",
        &["Khoa học đất", "Nông nghiệp công nghệ cao"],
    ),
    ("Phó Giáo sư, Tiến sĩ", &["Công nghệ sinh học"]),
    ("Tiến sĩ", &["Kinh tế nông nghiệp"]),
    ("Tiến sĩ", &["Công nghệ thực phẩm", "Chế biến nông sản"]),
    ("Thạc sĩ", &["Môi trường"]),
    ("Tiến sĩ", &["Y tế công cộng"]),
    ("Phó Giáo sư, Tiến sĩ", &["Di sản văn hóa", "Du lịch"]),
];

async fn demo_expert(
    txn: &impl sea_orm::ConnectionTrait,
    form: ExpertForm,
    user_id: Option<i32>,
    added_by: i32,
    now: DateTime<Utc>,
) -> Result<(), BoxError> {
    let text = form.search_text();
    expert::ActiveModel {
        user_id: Set(user_id),
        name: Set(form.name),
        email: Set(form.email),
        organisation: Set(form.organisation),
        fields: Set(Json(form.fields.clone())),
        degree: Set(form.degree),
        note: Set(form.note),
        search_folded: Set(domain::text::fold(&text)),
        search_key: Set(domain::text::exact_key(&text)),
        active: Set(true),
        added_by: Set(added_by),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Seeds the demo province into an empty database; returns the demo call's id if it did.
#[expect(clippy::too_many_lines, reason = "the demo province's data, in order")]
pub async fn seed_if_empty(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<i32>, BoxError> {
    if user::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let mut hashes = Vec::with_capacity(ACCOUNTS.len());
    for _ in ACCOUNTS {
        hashes.push(
            hash_password(DEMO_PASSWORD.to_string())
                .await
                .map_err(|e| e.to_string())?,
        );
    }
    let txn = app::db::begin(db).await?;
    let mut org_ids = Vec::new();
    for (name, short) in ORGANISATIONS {
        let row = organisation::ActiveModel {
            name: Set(name.to_string()),
            short_name: Set(Some(short.to_string())),
            tax_code: Set(None),
            address: Set(Some("Thành phố Sông Lam".into())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        org_ids.push(row.id);
    }
    let university = org_ids[2];
    let mut admin_id = None;
    let mut experts_added = 0usize;
    for (account, hash) in ACCOUNTS.iter().zip(hashes) {
        let organisation_id = organisation_of(account, &org_ids);
        let row = insert_user(
            &txn,
            NewUser {
                email: account.email.to_string(),
                display_name: account.name.to_string(),
                password_hash: hash,
                organisation_id: Some(organisation_id),
                must_change_password: false,
            },
            now,
        )
        .await
        .map_err(|e| e.to_string())?;
        let granted_by = *admin_id.get_or_insert(row.id);
        let scope = match account.role {
            Role::HostOrganisation => Scope::Organisation(organisation_id.into()),
            _ => Scope::Global,
        };
        let grant = RoleGrant::new(account.role, scope).map_err(|e| e.to_string())?;
        insert_grant(&txn, row.id, grant, granted_by, now)
            .await
            .map_err(|e| e.to_string())?;
        if account.role == Role::CouncilMember {
            let n = experts_added;
            experts_added += 1;
            let (degree, fields) = DEMO_EXPERTISE[n % DEMO_EXPERTISE.len()];
            demo_expert(
                &txn,
                ExpertForm {
                    name: account.name.into(),
                    email: account.email.into(),
                    organisation: ORGANISATIONS[3].0.into(),
                    fields: fields.iter().map(|f| f.to_string()).collect(),
                    degree: degree.into(),
                    note: String::new(),
                },
                Some(row.id),
                granted_by,
                now,
            )
            .await?;
        }
        if account.role == Role::Researcher {
            researcher_cv::ActiveModel {
                user_id: Set(row.id),
                content: Set(Json(demo_cv())),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    // Experts without an account yet: found in the database, seated once they have one.
    for (name, degree, org, fields) in [
        (
            "Nguyễn Hữu Phước",
            "Phó Giáo sư, Tiến sĩ",
            "Học viện Nông nghiệp Việt Nam",
            &["Bảo vệ thực vật", "Vi sinh vật học"][..],
        ),
        (
            "Trần Ngọc Diệp",
            "Tiến sĩ",
            "Đại học Bách khoa Hà Nội",
            &["Công nghệ thông tin", "Chuyển đổi số"][..],
        ),
    ] {
        demo_expert(
            &txn,
            ExpertForm {
                name: name.into(),
                email: String::new(),
                organisation: org.into(),
                fields: fields.iter().map(|f| f.to_string()).collect(),
                degree: degree.into(),
                note: String::new(),
            },
            None,
            admin_id.unwrap_or_default(),
            now,
        )
        .await?;
    }
    let mut host: organisation::ActiveModel = organisation::Entity::find_by_id(university)
        .one(&txn)
        .await?
        .ok_or("demo university missing")?
        .into();
    host.tax_code = Set(Some("3301234568".into()));
    host.representative = Set(Some("Hoàng Văn Đức".into()));
    host.representative_title = Set(Some("Hiệu trưởng".into()));
    host.phone = Set(Some("0234 3822 123".into()));
    host.email = Set(Some("vanthu@dhnl.edu.vn".into()));
    host.bank_account = Set(Some("3713 0100 1234".into()));
    host.bank_name = Set(Some("Kho bạc Nhà nước tỉnh Sông Lam".into()));
    host.update(&txn).await?;
    let title = "Tuyển chọn nhiệm vụ KH&CN cấp tỉnh thực hiện từ năm 2027";
    let year = now.with_timezone(&domain::format::vietnam_offset()).year();
    let demo_call = call::ActiveModel {
        code: Set(domain::call::call_code(year, 1)),
        year: Set(year),
        sequence: Set(1),
        title: Set(title.into()),
        title_folded: Set(domain::text::fold(title)),
        title_key: Set(domain::text::exact_key(title)),
        summary: Set(
            "Nông nghiệp công nghệ cao, chế biến sâu nông lâm sản, số hóa di sản phục vụ du lịch, y tế và chuyển đổi số."
                .into(),
        ),
        level: Set(TaskLevel::Provincial.code().into()),
        formation: Set(Formation::OrderOpenSelection.code().into()),
        fields: Set(Json(strings(&[
            "Khoa học nông nghiệp",
            "Khoa học kỹ thuật và công nghệ",
            "Khoa học y, dược",
        ]))),
        priority_areas: Set(Json(strings(&[
            PriorityArea::HighTechAgricultureForestry.code(),
            PriorityArea::DeepProcessing.code(),
            PriorityArea::TourismHeritageDigitisation.code(),
            PriorityArea::Health.code(),
            PriorityArea::DigitalTransformation.code(),
        ]))),
        required_documents: Set(Json(strings(&[
            "Đơn đăng ký chủ trì (B1-1-ĐON)",
            "Thuyết minh nhiệm vụ (B1-2a-TMĐTCN)",
            "Lý lịch khoa học của chủ nhiệm và thành viên chính (B1-4-LLCN)",
            "Văn bản xác nhận phối hợp (B1-5-PHNC), nếu có",
        ]))),
        opens_at: Set(now - Duration::days(1)),
        closes_at: Set(closing_time(now)),
        budget_dong: Set(12_000_000_000),
        rulebook_version: Set(Some(1)),
        status: Set(CallStatus::Published.code().into()),
        published_at: Set(Some(now - Duration::days(1))),
        created_by: Set(admin_id),
        created_at: Set(now - Duration::days(2)),
        updated_at: Set(now - Duration::days(1)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!("demo province seeded");
    Ok(Some(demo_call.id))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}
