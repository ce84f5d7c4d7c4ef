//! Registering oneself, and the requests to be recognised as an organisation or to join one.

use super::{endpoint, Access, Endpoint};
use crate::registration::api as r;
use domain::registration::{OrganisationApplication, RequestState, Verdict};
use domain::roles::Permission;
use domain::Lang;

pub fn endpoints() -> Vec<Endpoint> {
    [accounts(), organisations(), members()]
        .into_iter()
        .flatten()
        .collect()
}

fn accounts() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Public,
            (
                "Nhà khoa học tự đăng ký; thư xác nhận gửi tới địa chỉ (trả lời như nhau dù địa chỉ đã có tài khoản hay chưa)",
                "A researcher registers; a confirmation mail goes to the address (the same answer whether it has an account or not)",
            ),
            r::Register {
                display_name: "Nguyễn Thị Mai".into(),
                email: "mai@vien.vn".into(),
                password: "Mật-khẩu-đủ-dài-2026".into(),
                repeat: "Mật-khẩu-đủ-dài-2026".into(),
                lang: Lang::Vi,
            },
        ),
        endpoint(
            Access::Public,
            (
                "Xác nhận địa chỉ bằng liên kết trong thư; tài khoản được kích hoạt",
                "Confirm the address from the mail's link; the account is activated",
            ),
            r::ConfirmEmail {
                token: "mã-trong-liên-kết".into(),
            },
        ),
        endpoint(
            Access::SignedIn,
            (
                "Tổ chức của tôi và các yêu cầu đăng ký, gia nhập của tôi",
                "My organisation and my requests to register or join one",
            ),
            r::MyStanding {},
        ),
    ]
}

fn organisations() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::SignedIn,
            (
                "Đăng ký một tổ chức theo mã số thuế, mình là người đại diện",
                "Register an organisation by its tax code, oneself its representative",
            ),
            r::RequestOrganisation {
                application: OrganisationApplication {
                    tax_code: "0300588569".into(),
                    name: "Công ty Cổ phần Công nghệ Sinh học Miền Trung".into(),
                    short_name: "CNSH MT".into(),
                    address: "12 Lê Lợi, Huế".into(),
                    representative_title: "Giám đốc".into(),
                    phone: "0234 3822 123".into(),
                },
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveRegistrations]),
            (
                "Các tổ chức đăng ký, theo trạng thái",
                "Organisations registering, by state",
            ),
            r::OrganisationRequests {
                state: RequestState::Pending,
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveRegistrations]),
            (
                "Duyệt (tạo tổ chức, người đăng ký là người đại diện) hoặc không duyệt, có lý do",
                "Approve (the organisation is created, its requester its representative) or refuse with a reason",
            ),
            r::DecideOrganisation {
                id: 1,
                verdict: Verdict::Approve,
            },
        ),
    ]
}

fn members() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::SignedIn,
            (
                "Tìm tổ chức để xin gia nhập, theo tên hoặc mã số thuế",
                "Find an organisation to join, by name or tax code",
            ),
            r::FindOrganisations {
                query: "Nông Lâm".into(),
            },
        ),
        endpoint(
            Access::SignedIn,
            ("Xin gia nhập một tổ chức", "Ask to join an organisation"),
            r::RequestMembership { organisation_id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveStaff]),
            (
                "Người xin gia nhập tổ chức mình đại diện, theo trạng thái",
                "People asking to join the organisations I represent, by state",
            ),
            r::MembershipRequests {
                state: RequestState::Pending,
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ApproveStaff]),
            (
                "Duyệt hoặc không duyệt người xin gia nhập",
                "Approve or refuse a request to join",
            ),
            r::DecideMembership {
                id: 1,
                verdict: Verdict::Approve,
            },
        ),
    ]
}
