//! Sessions, tokens, the first administrator, accounts, organisations, CVs and to-dos.

use super::{endpoint, Access, Endpoint, Party};
use domain::cv::ScientificCv;
use domain::organisation::OrganisationDetails;
use domain::roles::Permission;
use domain::roles::Role;
use domain::Lang;

pub fn endpoints() -> Vec<Endpoint> {
    [
        sessions(),
        tokens(),
        notifications(),
        accounts(),
        organisations(),
        records(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn sessions() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Public,
            (
                "Người đang dùng và vai trò",
                "Who is signed in and their roles",
            ),
            crate::auth::api::GetSession {},
        ),
        endpoint(
            Access::Public,
            ("Đăng nhập bằng mật khẩu", "Sign in with a password"),
            crate::auth::api::Login {
                email: "nkh@vien.vn".into(),
                password: "Mật-khẩu-đủ-dài-2026".into(),
            },
        ),
        endpoint(
            Access::Public,
            (
                "Đăng xuất, hủy phiên trên máy chủ",
                "Sign out, ending the session on the server",
            ),
            crate::auth::api::Logout {},
        ),
        endpoint(
            Access::SignedIn,
            (
                "Đổi mật khẩu; kết thúc các phiên khác",
                "Change password; ends other sessions",
            ),
            crate::auth::api::ChangePassword {
                current: "Mật-khẩu-cũ-2025".into(),
                new_password: "Mật-khẩu-mới-2026".into(),
            },
        ),
        endpoint(
            Access::Public,
            (
                "Xin liên kết đặt lại mật khẩu qua thư điện tử (trả lời như nhau dù địa chỉ có tài khoản hay không)",
                "Ask for a password-reset link by e-mail (the same answer whether the address has an account or not)",
            ),
            crate::auth::api::RequestReset {
                email: "nkh@vien.vn".into(),
            },
        ),
        endpoint(
            Access::Public,
            (
                "Đặt mật khẩu mới bằng liên kết; hủy mọi phiên và mã truy cập API",
                "Set a new password from a reset link; ends every session and API token",
            ),
            crate::auth::api::ResetPassword {
                token: "mã-trong-liên-kết".into(),
                new_password: "Mật-khẩu-mới-2026".into(),
                repeat: "Mật-khẩu-mới-2026".into(),
            },
        ),
        endpoint(
            Access::Public,
            (
                "Ghi nhớ ngôn ngữ giao diện",
                "Remember the interface language",
            ),
            crate::auth::api::SetLanguage { lang: Lang::En },
        ),
    ]
}

fn notifications() -> Vec<Endpoint> {
    use crate::notifications::api as n;
    use domain::notice::{Delivery, Kind};
    vec![
        endpoint(
            Access::SignedIn,
            (
                "Thông báo của tôi, mới nhất trước",
                "My notifications, newest first",
            ),
            n::ListNotifications { page: 1 },
        ),
        endpoint(
            Access::SignedIn,
            ("Số thông báo chưa đọc", "How many notifications are unread"),
            n::UnreadNotifications {},
        ),
        endpoint(
            Access::Parties(Party::Owner, &[]),
            (
                "Đánh dấu đã đọc một thông báo của mình (hoặc tất cả)",
                "Mark one notification (or all) as read",
            ),
            n::MarkNotificationsRead { id: Some(1) },
        ),
        endpoint(
            Access::SignedIn,
            (
                "Cách nhận từng loại thông báo qua thư",
                "How each kind of notification is mailed",
            ),
            n::NotificationPreferences {},
        ),
        endpoint(
            Access::SignedIn,
            (
                "Chọn cách nhận một loại thông báo qua thư",
                "Choose how one kind of notification is mailed",
            ),
            n::SetNotificationPreference {
                kind: Kind::CouncilInvitation,
                delivery: Delivery::DailyDigest,
            },
        ),
    ]
}

fn tokens() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::SignedIn,
            ("Mã truy cập API của tôi", "My API tokens"),
            crate::auth::api::ListTokens {},
        ),
        endpoint(
            Access::SignedIn,
            ("Tạo mã truy cập API", "Create an API token"),
            crate::auth::api::CreateToken {
                name: "Máy chủ báo cáo".into(),
            },
        ),
        endpoint(
            Access::Parties(Party::Owner, &[]),
            ("Thu hồi mã truy cập", "Revoke a token"),
            crate::auth::api::RevokeToken { id: 1 },
        ),
        endpoint(
            Access::Public,
            (
                "Tạo quản trị viên đầu tiên",
                "Create the first administrator",
            ),
            crate::setup::api::CompleteSetup {
                token: "liên-kết-thiết-lập".into(),
                display_name: "Nguyễn Văn An".into(),
                email: "nkh@vien.vn".into(),
                password: "Mật-khẩu-đủ-dài-2026".into(),
            },
        ),
        endpoint(
            Access::SignedIn,
            ("Việc cần làm của tôi", "My to-do list"),
            crate::home::api::MyTodos {},
        ),
    ]
}

fn accounts() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ManageUsers]),
            ("Danh sách người dùng", "List users"),
            crate::admin::api::ListUsers {
                query: "nông nghiệp".into(),
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageUsers]),
            ("Chi tiết người dùng và vai trò", "A user and their roles"),
            crate::admin::api::GetUser { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageUsers]),
            (
                "Tạo tài khoản với mật khẩu tạm thời",
                "Create an account with a temporary password",
            ),
            crate::admin::api::CreateUser {
                email: "nkh@vien.vn".into(),
                display_name: "Nguyễn Văn An".into(),
                organisation_id: None,
                role: None,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageUsers]),
            (
                "Khóa hoặc mở khóa tài khoản",
                "Disable or enable an account",
            ),
            crate::admin::api::SetUserActive {
                id: 1,
                active: true,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageUsers]),
            (
                "Gán vai trò (có thể theo phạm vi)",
                "Grant a role (optionally scoped)",
            ),
            crate::admin::api::GrantRole {
                user_id: 1,
                role: Role::Officer,
                organisation_id: None,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageUsers]),
            ("Gỡ vai trò", "Revoke a role"),
            crate::admin::api::RevokeRole { grant_id: 1 },
        ),
    ]
}

fn organisations() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::Holds(&[Permission::ManageOrganisations, Permission::ManageCalls]),
            (
                "Danh sách tổ chức (cả để chỉ định tổ chức được giao trực tiếp)",
                "List organisations (also to designate a direct assignment's host)",
            ),
            crate::admin::api::ListOrganisations {
                query: "nông nghiệp".into(),
                page: 1,
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageOrganisations]),
            ("Thêm tổ chức", "Add an organisation"),
            crate::admin::api::CreateOrganisation {
                name: "Máy chủ báo cáo".into(),
                short_name: "VNN".into(),
                tax_code: "4400123451".into(),
                address: "12 Lê Lợi, Quảng Ngãi".into(),
            },
        ),
        endpoint(
            Access::Holds(&[Permission::ManageOrganisations]),
            (
                "Đánh dấu đơn vị quản lý nhiệm vụ cấp cơ sở",
                "Mark a managing unit of grassroots tasks",
            ),
            crate::admin::units::SetManagingUnit {
                organisation_id: 1,
                manages: true,
            },
        ),
    ]
}

fn records() -> Vec<Endpoint> {
    vec![
        endpoint(
            Access::SignedIn,
            (
                "Thông tin pháp lý của tổ chức",
                "An organisation's legal details",
            ),
            crate::organisations::api::GetOrganisation { id: 1 },
        ),
        endpoint(
            Access::Holds(&[Permission::EditOrganisationDetails]),
            ("Cập nhật thông tin pháp lý", "Update the legal details"),
            crate::organisations::api::UpdateOrganisation {
                id: 1,
                details: OrganisationDetails::default(),
            },
        ),
        endpoint(
            Access::SignedIn,
            ("Lý lịch khoa học của tôi", "My scientific CV"),
            crate::cv::api::MyCv {},
        ),
        endpoint(
            Access::SignedIn,
            (
                "Lưu lý lịch khoa học (dùng cho mọi hồ sơ; bắt buộc đủ khi nộp)",
                "Save the scientific CV (used by every application; must be complete to submit)",
            ),
            crate::cv::api::SaveCv {
                cv: ScientificCv {
                    birth_year: 1980,
                    specialisation: "Khoa học đất".into(),
                    ..ScientificCv::default()
                },
            },
        ),
    ]
}
