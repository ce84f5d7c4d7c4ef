//! The demo's managing unit (docs/roles.md): the university runs its own grassroots tasks. The
//! administrator's marks and grants are written directly; the task itself is made by the
//! unit's people through the same server functions the pages call (its call, the validity
//! check, a council of three, appraisal, the unit leader's approval, its budget put into its own
//! book, the contract signed, the first tranche paid by its own accountant and account holder),
//! so the department finds a grassroots task under way that it sees and
//! does not run.

use app::applications::api::Decision;
use app::auth::server::hash_password;
use app::db::accounts::{insert_grant, insert_user, NewUser};
use app::db::entities::{organisation, researcher_cv, user};
use app::db::json::Json;
use app::db::ServerState;
use chrono::Duration;
use domain::call::{CallForm, Formation, TaskLevel};
use domain::contract::Tranche;
use domain::council::CouncilRole;
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::demo::DEMO_PASSWORD;
use crate::demo_task::as_person;
use crate::BoxError;

/// The unit's science office and its vice-rector for science.
pub const UNIT_OFFICER: (&str, &str) = ("khcn.dhnl@demo.test", "Lương Thị Thanh Tâm");
pub const UNIT_LEADER: (&str, &str) = ("lanhdao.dhnl@demo.test", "Nguyễn Đình Khang");
/// The unit's accountant and its account holder (the rector), who keep its own book.
pub const UNIT_ACCOUNTANT: (&str, &str) = ("ketoan.dhnl@demo.test", "Phạm Thị Hồng Nhung");
pub const UNIT_ACCOUNT_HOLDER: (&str, &str) = ("hieutruong.dhnl@demo.test", "Võ Văn Thành");
/// A lecturer who leads the unit's grassroots task (the demo researcher leads the province's).
pub const LECTURER: (&str, &str) = ("giangvien.dhnl@demo.test", "Trần Minh Quân");

pub const TITLE: &str = "Tuyển chọn đề tài KH&CN cấp cơ sở của Trường năm 2027";
const TASK_TITLE: &str = "Chế phẩm vi sinh xử lý vỏ cà phê làm phân bón hữu cơ";

const COUNCIL: [(&str, CouncilRole); 3] = [
    ("hoidong@demo.test", CouncilRole::Chair),
    ("hoidong3@demo.test", CouncilRole::Secretary),
    ("hoidong4@demo.test", CouncilRole::Reviewer),
];

/// Marks `university` a managing unit and gives it its officer and leader.
async fn unit_staff(server: &ServerState, university: i32) -> Result<(), BoxError> {
    let db = &server.db;
    let now = server.clock.now();
    let admin = user::Entity::find()
        .filter(user::Column::Email.eq("quantri@demo.test"))
        .one(db)
        .await?
        .ok_or("demo administrator missing")?
        .id;
    let txn = app::db::begin(db).await?;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::ManagesTasks, Expr::value(true))
        .filter(organisation::Column::Id.eq(university))
        .exec(&txn)
        .await?;
    let people = [
        (
            UNIT_OFFICER,
            Role::Officer,
            Scope::Organisation(university.into()),
        ),
        (
            UNIT_LEADER,
            Role::Leader,
            Scope::Organisation(university.into()),
        ),
        (
            UNIT_ACCOUNTANT,
            Role::FundAccountant,
            Scope::Organisation(university.into()),
        ),
        (
            UNIT_ACCOUNT_HOLDER,
            Role::FundDirector,
            Scope::Organisation(university.into()),
        ),
        (LECTURER, Role::Researcher, Scope::Global),
    ];
    for ((email, name), role, scope) in people {
        let hash = hash_password(DEMO_PASSWORD.into())
            .await
            .map_err(|e| e.to_string())?;
        let person = NewUser {
            email: email.into(),
            display_name: name.into(),
            password_hash: hash,
            organisation_id: Some(university),
            must_change_password: false,
        };
        let row = insert_user(&txn, person, now)
            .await
            .map_err(|e| e.to_string())?;
        let grant = RoleGrant::new(role, scope).map_err(|e| e.to_string())?;
        insert_grant(&txn, row.id, grant, admin, now)
            .await
            .map_err(|e| e.to_string())?;
        if role == Role::Researcher {
            researcher_cv::ActiveModel {
                user_id: Set(row.id),
                content: Set(Json(crate::demo::demo_cv())),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

fn call_form(now: chrono::DateTime<chrono::Utc>) -> CallForm {
    CallForm {
        title: TITLE.into(),
        summary: "Đề tài cấp trường phục vụ nông nghiệp tuần hoàn của tỉnh.".into(),
        level: TaskLevel::Grassroots,
        formation: Formation::Grant,
        kind: domain::call::TaskKind::Topic,
        fields: vec!["Khoa học nông nghiệp".into()],
        priority_areas: vec![domain::call::PriorityArea::DeepProcessing],
        opens_at: now - Duration::hours(2),
        closes_at: now + Duration::days(30),
        budget_envelope_dong: 600_000_000,
        required_documents: vec!["Thuyết minh đề tài cấp cơ sở".into()],
        designated_organisation_id: None,
    }
}

/// Seeds the unit and its task, paid from the unit's own book (the grassroots default).
pub async fn seed(server: &ServerState, university: i32) -> Result<(), BoxError> {
    use app::applications::api as applications;
    use app::calls::api as calls;
    use app::councils::api as councils;
    use app::tasks::api as tasks;
    unit_staff(server, university).await?;
    let (officer, leader) = (UNIT_OFFICER.0, UNIT_LEADER.0);
    let researcher = LECTURER.0;
    let now = server.clock.now();
    let call = as_person(server, officer, || calls::create_call(call_form(now))).await?;
    as_person(server, officer, || calls::publish_call(call)).await?;
    let labour = 59_000_000;
    let mut form = crate::demo_task::form(labour);
    form.title = TASK_TITLE.into();
    form.team[0].name = LECTURER.1.into();
    let id = as_person(server, researcher, || {
        applications::create_application(call)
    })
    .await?;
    as_person(server, researcher, || {
        applications::save_application(id, form)
    })
    .await?;
    as_person(server, researcher, || applications::submit_application(id)).await?;
    as_person(server, officer, || {
        applications::decide_application(id, Decision::Valid)
    })
    .await?;
    let council = as_person(server, officer, || {
        councils::create_council(call, "Hội đồng KH&CN cấp trường".into(), None)
    })
    .await?;
    crate::demo_task::council_passes(server, officer, council, id, &COUNCIL, [25, 80, 58]).await?;
    as_person(server, officer, || tasks::appraise_task(id, Vec::new())).await?;
    as_person(server, leader, || {
        tasks::decide_task(id, 1, true, String::new())
    })
    .await?;
    contract_paid(server, university, id, labour).await?;
    app::db::entities::session::Entity::delete_many()
        .exec(&server.db)
        .await?;
    tracing::info!("demo managing unit and its grassroots task seeded");
    Ok(())
}

/// The task's contract, drafted by the unit's officer, its total committed from the unit's own
/// book once its accountant put the unit's budget in, signed by its leader, its first tranche
/// prepared by the accountant and approved by the account holder.
async fn contract_paid(
    server: &ServerState,
    university: i32,
    id: i32,
    labour: i64,
) -> Result<(), BoxError> {
    use app::fund::api as fund;
    let now = server.clock.now();
    let tranches = vec![
        Tranche {
            amount_dong: labour,
            due_at: now,
            condition: "Khi ký hợp đồng".into(),
        },
        Tranche {
            amount_dong: 45_000_000,
            due_at: now + Duration::days(240),
            condition: "Sau báo cáo tiến độ kỳ 1".into(),
        },
    ];
    let contract = as_person(server, UNIT_OFFICER.0, || {
        fund::create_contract(id, tranches)
    })
    .await?;
    let (accountant, holder) = (UNIT_ACCOUNTANT.0, UNIT_ACCOUNT_HOLDER.0);
    as_person(server, accountant, || {
        fund::record_receipt(
            "demo-unit-budget-1".into(),
            domain::ledger::Source::StateBudget,
            400_000_000,
            "QĐ 215/QĐ-ĐHNL giao dự toán kinh phí KH&CN năm 2027".into(),
            "Kinh phí sự nghiệp KH&CN của Trường".into(),
            Some(university),
        )
    })
    .await?;
    as_person(server, UNIT_LEADER.0, || {
        fund::sign_contract(contract, "demo-unit-sign-1".into())
    })
    .await?;
    let payment = as_person(server, accountant, || {
        fund::prepare_payment(
            "demo-unit-pay-1".into(),
            contract,
            1,
            "Hợp đồng cấp cơ sở đã ký; giấy đề nghị tạm ứng".into(),
        )
    })
    .await?;
    as_person(server, holder, || {
        fund::approve_payment("demo-unit-approve-1".into(), payment)
    })
    .await?;
    Ok(())
}
