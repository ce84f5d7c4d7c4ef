//! The demo's funded task: made on first start by the demo people through the same server
//! functions the pages call (applying, validity, a council of seven, appraisal and approval,
//! the contract, money in, signing, the first tranche paid under four eyes, a progress report
//! accepted), so a newcomer finds a running task on every screen, the public portal included.

use std::future::Future;

use app::applications::api::Decision;
use app::auth::server::{resolve, ClientIp, SESSION_COOKIE};
use app::db::entities::{session, user};
use app::db::ServerState;
use app::error::AppError;
use chrono::Duration;
use domain::application::*;
use domain::contract::Tranche;
use domain::council::CouncilRole;
use domain::execution::{ProductProgress, ProgressReport};
use domain::ledger::Source;
use domain::scoring::SheetEntry;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{files::in_context, BoxError, RequestContext};

pub const TITLE: &str = "Tái canh cà phê bền vững trên đất bazan tỉnh Sông Lam";

const MEMBERS: [(&str, CouncilRole); 7] = [
    ("hoidong@demo.test", CouncilRole::Chair),
    ("hoidong2@demo.test", CouncilRole::ViceChair),
    ("hoidong3@demo.test", CouncilRole::Secretary),
    ("hoidong4@demo.test", CouncilRole::Reviewer),
    ("hoidong5@demo.test", CouncilRole::Reviewer),
    ("hoidong6@demo.test", CouncilRole::Member),
    ("hoidong7@demo.test", CouncilRole::Member),
];

/// Runs `f` as the demo account `email`, with a session made for the purpose.
pub(crate) async fn as_person<T, Fut>(
    server: &ServerState,
    email: &str,
    f: impl FnOnce() -> Fut,
) -> Result<T, BoxError>
where
    Fut: Future<Output = Result<T, AppError>>,
{
    let db = &server.db;
    let now = server.clock.now();
    let id = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| format!("demo account {email} missing"))?
        .id;
    let token = app::auth::server::start_session(db, id, now)
        .await
        .map_err(|e| e.to_string())?;
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::COOKIE,
        format!("{SESSION_COOKIE}={token}").parse()?,
    );
    let principal = resolve(server, &headers, now)
        .await
        .map_err(|e| e.to_string())?;
    let ctx = RequestContext {
        server: server.clone(),
        principal,
        ip: ClientIp("127.0.0.1".into()),
        nonce: None,
    };
    let out = in_context(ctx, f()).await;
    out.map_err(|e| format!("demo task as {email}: {e:?}").into())
}

pub(crate) fn form(labour_dong: i64) -> ApplicationForm {
    ApplicationForm {
        title: TITLE.into(),
        field: "Khoa học nông nghiệp".into(),
        duration_months: 24,
        urgency:
            "Nhiều vườn cà phê trên 20 năm tuổi, năng suất giảm, tái canh thất bại do tuyến trùng."
                .into(),
        objectives:
            "Quy trình tái canh cà phê đạt năng suất từ 3,5 tấn nhân/ha, giảm 30% phân hóa học."
                .into(),
        contents: vec![
            ContentItem {
                title: "Đánh giá hiện trạng vườn cà phê già cỗi".into(),
                description: "Khảo sát 3 huyện trọng điểm.".into(),
            },
            ContentItem {
                title: "Xây dựng mô hình tái canh 5 ha".into(),
                description: "Luân canh, xử lý đất, giống ghép.".into(),
            },
        ],
        methods: "Thí nghiệm đồng ruộng, mô hình trình diễn, phân tích đất.".into(),
        products: vec![ExpectedProduct {
            kind: ProductKind::ProcessOrModel,
            name: "Quy trình tái canh cà phê".into(),
            quantity: 1,
            quality_criterion: "Được Hội đồng KH&CN tỉnh công nhận là tiến bộ kỹ thuật".into(),
        }],
        risk_plan: "Dự phòng giống và lịch thời vụ thứ hai nếu hạn hán.".into(),
        team: vec![
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
        ],
        budget: vec![
            BudgetLine {
                kind: BudgetLineKind::Labour,
                description: "Tiền công thực hiện".into(),
                amount_dong: labour_dong,
                fund_dong: labour_dong,
                counterpart_dong: 0,
                lump_sum: true,
            },
            BudgetLine {
                kind: BudgetLineKind::MaterialsEnergy,
                description: "Giống, phân bón, vật tư mô hình".into(),
                amount_dong: 60_000_000,
                fund_dong: 45_000_000,
                counterpart_dong: 15_000_000,
                lump_sum: false,
            },
        ],
        departures: String::new(),
    }
}

/// Seats `members` on `council` (every invitation accepted), has each certify and score the
/// dossier `id` from `base` (a point less for each next member, by threes), records everyone
/// present, and the secretary closes scoring: the council passes the dossier.
pub(crate) async fn council_passes(
    server: &ServerState,
    officer: &str,
    council: i32,
    id: i32,
    members: &[(&str, CouncilRole)],
    base: [u32; 3],
) -> Result<(), BoxError> {
    use app::councils::api as councils;
    for (email, role) in members {
        as_person(server, officer, || {
            councils::add_member(council, (*email).into(), *role)
        })
        .await?;
    }
    as_person(server, officer, || councils::invite_members(council)).await?;
    for (email, _) in members {
        as_person(server, email, || councils::answer_invitation(council, true)).await?;
    }
    as_person(server, officer, || councils::constitute(council)).await?;
    let view = as_person(server, officer, || councils::get_council(council)).await?;
    for (n, (email, _)) in members.iter().enumerate() {
        as_person(server, email, || councils::certify(council, id)).await?;
        let entry = SheetEntry {
            scores: base.map(|s| Some(s - (n as u32 % 3))).to_vec(),
            comments: vec![String::new(); 3],
        };
        as_person(server, email, || {
            councils::save_sheet(council, id, entry, String::new(), true)
        })
        .await?;
    }
    for m in &view.members {
        as_person(server, officer, || {
            councils::set_attendance(council, m.user_id, true)
        })
        .await?;
    }
    let secretary = members
        .iter()
        .find(|(_, role)| *role == CouncilRole::Secretary)
        .ok_or("a demo council without a secretary")?
        .0;
    as_person(server, secretary, || councils::close_scoring(council)).await?;
    Ok(())
}

/// Seeds the task; the demo call must exist (`demo::seed_if_empty`).
#[expect(
    clippy::too_many_lines,
    reason = "the demo task's life through the server functions, in order"
)]
pub async fn seed(server: &ServerState, call_id: i32) -> Result<(), BoxError> {
    use app::applications::api as applications;
    use app::councils::api as councils;
    use app::execution::api as execution;
    use app::fund::api as fund;
    use app::tasks::api as tasks;
    let researcher = "nhakhoahoc@demo.test";
    let officer = "chuyenvien@demo.test";
    let leader = "lanhdao@demo.test";
    // 1,0 × 100 days + 0,3 × 60 days at the rulebook's 500.000 đ.
    let labour = 59_000_000;
    let id = as_person(server, researcher, || {
        applications::create_application(call_id)
    })
    .await?;
    as_person(server, researcher, || {
        applications::save_application(id, form(labour))
    })
    .await?;
    as_person(server, researcher, || applications::submit_application(id)).await?;
    as_person(server, officer, || {
        applications::decide_application(id, Decision::Valid)
    })
    .await?;
    let code = as_person(server, officer, || applications::get_application(id))
        .await?
        .receipt_code
        .unwrap_or_default();
    let council = as_person(server, officer, || {
        councils::create_council(
            call_id,
            "Hội đồng tuyển chọn đợt 1".into(),
            Some(vec![code]),
        )
    })
    .await?;
    council_passes(server, officer, council, id, &MEMBERS, [26, 84, 60]).await?;
    as_person(server, officer, || tasks::appraise_task(id, Vec::new())).await?;
    as_person(server, leader, || {
        tasks::decide_task(id, 1, true, String::new())
    })
    .await?;
    let now = server.clock.now();
    let tranches = vec![
        Tranche {
            amount_dong: labour,
            due_at: now,
            condition: "Khi ký hợp đồng".into(),
        },
        Tranche {
            amount_dong: 45_000_000,
            due_at: now + Duration::days(270),
            condition: "Sau báo cáo tiến độ kỳ 1".into(),
        },
    ];
    let contract = as_person(server, officer, || fund::create_contract(id, tranches)).await?;
    as_person(server, "ketoan@demo.test", || {
        fund::record_receipt(
            "demo-receipt-1".into(),
            Source::StateBudget,
            5_000_000_000,
            "QĐ 125/QĐ-UBND cấp vốn điều lệ Quỹ".into(),
            String::new(),
            None,
        )
    })
    .await?;
    as_person(server, leader, || {
        fund::sign_contract(contract, "demo-sign-1".into())
    })
    .await?;
    let payment = as_person(server, "ketoan@demo.test", || {
        fund::prepare_payment(
            "demo-pay-1".into(),
            contract,
            1,
            "Hợp đồng đã ký; giấy đề nghị tạm ứng".into(),
        )
    })
    .await?;
    as_person(server, "giamdoc@demo.test", || {
        fund::approve_payment("demo-approve-1".into(), payment)
    })
    .await?;
    let report = ProgressReport {
        work_done: "Đã khảo sát 3 huyện, chọn điểm và chuẩn bị đất cho mô hình 5 ha.".into(),
        products: vec![ProductProgress {
            name: "Quy trình tái canh cà phê".into(),
            percent: 20,
            note: "Dự thảo phần xử lý đất".into(),
        }],
        spent_dong: 12_000_000,
        problems: String::new(),
    };
    as_person(server, researcher, || {
        execution::file_report(contract, report)
    })
    .await?;
    let view = as_person(server, officer, || execution::get_execution(contract)).await?;
    for r in view.reports {
        as_person(server, officer, || {
            execution::review_report(r.id, true, "Đúng tiến độ".into())
        })
        .await?;
    }
    // The sessions were the seeder's: nobody signs in with them.
    session::Entity::delete_many().exec(&server.db).await?;
    tracing::info!("demo funded task seeded");
    Ok(())
}
