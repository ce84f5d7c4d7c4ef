//! Each page's own title (the browser's tab, history and bookmarks; issue: "every page has the
//! same <title>"): the page's name, then the system's, read from the address so the server's
//! shell and the browser agree before and after hydration.

use domain::Lang;

/// The system's name, after every page's.
pub fn app_title(lang: Lang) -> &'static str {
    lang.pick(
        "Quản lý nhiệm vụ KH&CN và Quỹ phát triển KH&CN",
        "S&T tasks and fund management",
    )
}

/// The page's name for an address, by its segments (`*` is any id).
fn page_name(path: &str) -> Option<(&'static str, &'static str)> {
    let segments: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect();
    Some(match segments.as_slice() {
        ["login"] => ("Đăng nhập", "Sign in"),
        ["profile"] => ("Tài khoản của tôi", "My account"),
        ["notifications"] => ("Thông báo", "Notifications"),
        ["forgot-password"] => ("Quên mật khẩu", "Forgotten password"),
        ["reset-password"] => ("Đặt mật khẩu mới", "Choose a new password"),
        ["register"] => ("Đăng ký tài khoản", "Register"),
        ["confirm-email"] => ("Xác nhận địa chỉ thư điện tử", "Confirm your e-mail"),
        ["my-organisation"] => ("Tổ chức của tôi", "My organisation"),
        ["registrations"] => ("Tổ chức đăng ký", "Organisations registering"),
        ["registrations", "staff"] => ("Xin gia nhập tổ chức", "Requests to join"),
        ["profile", "cv"] => ("Lý lịch khoa học", "Scientific CV"),
        ["setup"] => ("Thiết lập ban đầu", "First setup"),
        ["admin", "users", ..] => ("Tài khoản người dùng", "User accounts"),
        ["admin", "organisations"] | ["organisations", ..] => ("Tổ chức", "Organisations"),
        ["admin", "rulebook"] => ("Quy định áp dụng", "Rules in force"),
        ["admin", "audit"] => ("Nhật ký kiểm toán", "Audit trail"),
        ["calls", "new"] => ("Tạo đợt mới", "New call"),
        ["calls", _, "letters"] => ("Thư gửi người nộp hồ sơ", "Letters to the applicants"),
        ["calls", ..] => ("Đợt tuyển chọn, giao trực tiếp", "Calls"),
        ["applications"] => ("Hồ sơ của tôi", "My dossiers"),
        ["applications", "review"] => ("Hồ sơ chờ kiểm tra", "Dossiers to check"),
        ["applications", "host"] => ("Hồ sơ chờ tổ chức chủ trì xác nhận", "Dossiers to confirm"),
        ["applications", ..] => ("Hồ sơ đăng ký", "Dossier"),
        ["api"] => ("Tài liệu API", "API reference"),
        ["public", "tasks"] => ("Nhiệm vụ được tài trợ", "Funded tasks"),
        ["public", "tasks", "*"] => ("Nhiệm vụ được tài trợ", "Funded task"),
        ["councils", _, "minutes"] | ["proposals", "councils", _, "minutes"] => {
            ("Biên bản họp hội đồng", "Council minutes")
        }
        ["councils", _, "sheets", ..] | ["councils", _, "paper", ..] => {
            ("Phiếu đánh giá", "Score sheet")
        }
        ["councils", _, "results"] => ("Kết quả đánh giá", "Council results"),
        ["councils", ..] => ("Hội đồng tuyển chọn", "Selection councils"),
        ["experts"] => ("Cơ sở dữ liệu chuyên gia", "Expert database"),
        ["experts", "apply"] => ("Đăng ký làm chuyên gia", "Register as an expert"),
        ["fund", "reconcile"] => ("Đối chiếu sổ Quỹ", "Fund reconciliation"),
        ["fund"] => ("Quỹ phát triển KH&CN", "The S&T fund"),
        ["contracts", _, "acceptance"] => ("Biên bản nghiệm thu", "Acceptance minutes"),
        ["contracts", ..] => (
            "Hợp đồng, thực hiện nhiệm vụ",
            "Contracts and running tasks",
        ),
        ["payments"] => ("Chi trả kinh phí", "Payments"),
        ["tasks"] => ("Thẩm định, phê duyệt nhiệm vụ", "Appraisal and approval"),
        ["proposals", "councils", _, "ballots", _] => {
            ("Phiếu đánh giá đề xuất", "Ballot on a proposal")
        }
        ["proposals", "councils", ..] => (
            "Hội đồng tư vấn xác định nhiệm vụ",
            "Identification council",
        ),
        ["proposals", "rounds", ..] => ("Đợt đề xuất nhiệm vụ", "Proposal round"),
        ["proposals", "new"] => ("Đề xuất nhiệm vụ mới", "New proposal"),
        ["proposals", ..] => ("Đề xuất đặt hàng nhiệm vụ", "Proposals for ordered tasks"),
        _ => return None,
    })
}

/// The document's title for an address: "page · system", the home page the system's alone.
pub fn title_for(path: &str, lang: Lang) -> String {
    match page_name(path) {
        Some((vi, en)) => format!("{} · {}", lang.pick(vi, en), app_title(lang)),
        None => app_title(lang).to_string(),
    }
}

/// The title as the shell writes it: escaped once, with no hydration marker inside <title>
/// (whose content is text: a marker would show in the tab until the page wakes).
pub fn escaped(title: &str) -> String {
    title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_has_its_own_title_and_ids_do_not_matter() {
        assert_eq!(title_for("/", Lang::Vi), app_title(Lang::Vi));
        assert_eq!(
            title_for("/calls/12/edit", Lang::Vi),
            format!("Đợt tuyển chọn, giao trực tiếp · {}", app_title(Lang::Vi))
        );
        assert!(title_for("/councils/3/minutes", Lang::En).starts_with("Council minutes · "));
        assert!(title_for("/proposals/councils/3/ballots/9", Lang::Vi)
            .starts_with("Phiếu đánh giá đề xuất"));
        assert_ne!(
            title_for("/fund", Lang::Vi),
            title_for("/payments", Lang::Vi)
        );
    }
}
