//! The demo's proposals (docs/lifecycle.md "Where tasks come from"), made by the demo people
//! through the server functions the pages call: last year's round with its ordered list issued
//! (its proposals judged by an identification council of five) and one item made a direct
//! assignment, published; this year's round open, with a commune's
//! proposal in it.

use app::db::ServerState;
use app::proposals::api::{self as proposals, RoundForm};
use chrono::Duration;
use domain::call::PriorityArea;
use domain::council::CouncilRole;
use domain::identification::Ballot;
use domain::proposal::{ExpectedProduct, HostMethod, ProposalForm, Recommendation, Wording};
use domain::scoring::SheetEntry;

use crate::demo_task::as_person;
use crate::BoxError;

const OFFICER: &str = "chuyenvien@demo.test";
const LEADER: &str = "lanhdao@demo.test";
const COMMUNE: &str = "xa@demo.test";
const ENTERPRISE: &str = "doanhnghiep@demo.test";

fn form(title: &str, keywords: &str, objectives: &str, product: (&str, &str)) -> ProposalForm {
    ProposalForm {
        wording: Wording {
            title: title.into(),
            objectives: objectives.into(),
            products: vec![ExpectedProduct {
                name: product.0.into(),
                target: product.1.into(),
            }],
            method: HostMethod::OpenSelection,
            designated_organisation_id: None,
            method_reason: String::new(),
        },
        problem: "Nông dân trong vùng bán sản phẩm thô, giá trị gia tăng thấp, thiếu quy trình phù hợp quy mô hộ và hợp tác xã.".into(),
        keywords: keywords.into(),
        field: "Khoa học nông nghiệp".into(),
        priority_area: Some(PriorityArea::DeepProcessing),
        duration_months: 24,
        budget_dong: 1_800_000_000,
        other_resources: "Hợp tác xã đối ứng nhà xưởng và 300.000.000 đ.".into(),
    }
}

/// A council of five judges the round's proposals, each member voting to order every one; the
/// meeting closes with everyone present.
async fn identify(server: &ServerState, round: i32, ids: &[i32]) -> Result<(), BoxError> {
    use app::identification::api as ident;
    let seats = [
        ("hoidong@demo.test", CouncilRole::Chair),
        ("hoidong2@demo.test", CouncilRole::ViceChair),
        ("hoidong3@demo.test", CouncilRole::Secretary),
        ("hoidong6@demo.test", CouncilRole::Member),
        ("hoidong7@demo.test", CouncilRole::Member),
    ];
    let name = "Hội đồng tư vấn xác định nhiệm vụ lĩnh vực nông nghiệp".to_string();
    let council = as_person(server, OFFICER, || {
        ident::create_identification(round, name, ids.to_vec())
    })
    .await?;
    for (email, role) in seats {
        let email = email.to_string();
        as_person(server, OFFICER, || {
            ident::seat_assessor(council, email, role)
        })
        .await?;
    }
    for (email, _) in seats {
        as_person(server, email, || ident::answer_seat(council, true)).await?;
    }
    as_person(server, OFFICER, || {
        ident::constitute_identification(council)
    })
    .await?;
    for (n, (email, _)) in seats.iter().enumerate() {
        for id in ids {
            let ballot = Ballot {
                entry: SheetEntry {
                    scores: [42, 32, 32, 22, 34]
                        .map(|h| Some(h - (n as u32 % 3) * 2))
                        .to_vec(),
                    comments: Vec::new(),
                },
                order: Some(true),
                note: "Cấp thiết, không trùng lặp, khả thi.".into(),
            };
            as_person(server, email, || {
                ident::save_ballot(council, *id, ballot, true, true)
            })
            .await?;
        }
    }
    let view = as_person(server, OFFICER, || ident::get_identification(council)).await?;
    for m in view.members {
        as_person(server, OFFICER, || {
            ident::identification_attendance(council, m.user_id, true)
        })
        .await?;
    }
    as_person(server, OFFICER, || ident::close_identification(council)).await?;
    Ok(())
}

/// `who` drafts and submits a proposal in `round`; answers its id.
async fn propose(
    server: &ServerState,
    who: &str,
    round: i32,
    form: ProposalForm,
) -> Result<i32, BoxError> {
    let id = as_person(server, who, || proposals::save_proposal(None, round, form)).await?;
    as_person(server, who, || proposals::submit_proposal(id)).await?;
    Ok(id)
}

pub async fn seed(server: &ServerState, host_id: i32) -> Result<(), BoxError> {
    let now = server.clock.now();
    let round = |title: &str| RoundForm {
        title: title.into(),
        opens_at: now - Duration::days(1),
        closes_at: now + Duration::days(60),
    };
    let last = round("Đề xuất nhiệm vụ KH&CN cấp tỉnh năm 2026");
    let last_id = as_person(server, OFFICER, || {
        proposals::save_round(None, last.clone())
    })
    .await?;
    let drying = form(
        "Chế biến sâu cà phê đặc sản vùng Hòa Thắng",
        "cà phê; chế biến sâu; hợp tác xã",
        "Quy trình lên men và sấy cà phê đặc sản cho hợp tác xã",
        (
            "Quy trình chế biến cà phê đặc sản",
            "01 quy trình; điểm cúp ≥ 80",
        ),
    );
    let first = propose(server, COMMUNE, last_id, drying.clone()).await?;
    let label = form(
        "Xây dựng chỉ dẫn địa lý cho cà phê Sông Lam",
        "chỉ dẫn địa lý; cà phê; sở hữu trí tuệ",
        "Hồ sơ đăng ký chỉ dẫn địa lý cà phê Sông Lam",
        (
            "Hồ sơ chỉ dẫn địa lý",
            "01 bộ hồ sơ được Cục SHTT chấp nhận đơn",
        ),
    );
    let second = propose(server, ENTERPRISE, last_id, label.clone()).await?;
    identify(server, last_id, &[first, second]).await?;
    // The council rewords the first and assigns it to the institute that holds the equipment.
    let mut wording = drying.wording.clone();
    wording.title = "Chế biến sâu cà phê đặc sản vùng Hòa Thắng quy mô hợp tác xã".into();
    wording.method = HostMethod::DirectAssignment;
    wording.designated_organisation_id = Some(host_id.into());
    wording.method_reason = "Đơn vị duy nhất trong tỉnh có dây chuyền lên men thử nghiệm.".into();
    for (id, wording) in [(first, wording), (second, label.wording)] {
        let rec = Recommendation {
            order: true,
            wording,
            note: "Cấp thiết, không trùng lặp, khả thi.".into(),
        };
        as_person(server, OFFICER, || proposals::recommend_proposal(id, rec)).await?;
        as_person(server, LEADER, || {
            proposals::decide_proposal(id, true, String::new())
        })
        .await?;
    }
    as_person(server, LEADER, || {
        proposals::issue_list(last_id, "45/QĐ-SKHCN".into())
    })
    .await?;
    let call = as_person(server, OFFICER, || proposals::open_call(first)).await?;
    as_person(server, OFFICER, || app::calls::api::publish_call(call)).await?;
    // Last year's round, closed now that its work is done.
    let closed = RoundForm {
        opens_at: now - Duration::days(120),
        closes_at: now - Duration::days(90),
        ..last
    };
    as_person(server, OFFICER, || {
        proposals::save_round(Some(last_id), closed)
    })
    .await?;
    let this = round("Đề xuất nhiệm vụ KH&CN cấp tỉnh năm 2027");
    let this_id = as_person(server, OFFICER, || proposals::save_round(None, this)).await?;
    let watering = form(
        "Ứng dụng IoT tưới tiết kiệm nước cho cà phê",
        "IoT; tưới tiết kiệm; cà phê",
        "Hệ thống tưới tự động theo độ ẩm đất cho 50 ha cà phê",
        ("Mô hình tưới thông minh", "50 ha; tiết kiệm ≥ 30% nước"),
    );
    propose(server, COMMUNE, this_id, watering).await?;
    Ok(())
}
