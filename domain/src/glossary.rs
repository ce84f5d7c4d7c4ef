//! The terms that recur in the interface, each written once with its one English rendering, so
//! that a term reads the same on every page, sheet and document. Texts used in one place stay
//! beside their markup as `t("…", "…")` pairs.

use crate::Lang;

/// A Vietnamese term and its English rendering. Vietnamese nouns do not inflect, so a term
/// has one Vietnamese form and an English plural for headings over several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub vi: &'static str,
    pub en: &'static str,
    pub en_plural: &'static str,
}

impl Term {
    pub fn pick(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }

    /// The heading over several (a list of roles, a table of members).
    pub fn plural(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en_plural)
    }
}

const fn term(vi: &'static str, en: &'static str) -> Term {
    Term {
        vi,
        en,
        en_plural: en,
    }
}

const fn noun(vi: &'static str, en: &'static str, en_plural: &'static str) -> Term {
    Term { vi, en, en_plural }
}

pub const FULL_NAME: Term = term("Họ và tên", "Full name");
pub const TITLE_AND_DEGREE: Term = term("Học hàm, học vị", "Title and degree");
pub const SPECIALISATION: Term = noun("Chuyên ngành", "Specialisation", "Specialisations");
pub const FIELD: Term = noun("Lĩnh vực", "Field", "Fields");
pub const DEADLINE: Term = term("Hạn nộp", "Deadline");
pub const HOST_ORGANISATION: Term = term("Tổ chức chủ trì", "Host organisation");
pub const STATUS: Term = term("Tình trạng", "Status");
pub const BUDGET: Term = term("Kinh phí", "Budget");
pub const ORGANISATION: Term = noun("Tổ chức", "Organisation", "Organisations");
pub const ROLE: Term = noun("Vai trò", "Role", "Roles");
pub const MEMBER: Term = noun("Thành viên", "Member", "Members");
pub const PRODUCT: Term = noun("Sản phẩm", "Product", "Products");

pub const VERDICT: Term = term("Kết luận", "Verdict");
pub const COMMENT: Term = term("Ý kiến", "Comment");
pub const REQUESTED: Term = term("Đề nghị", "Requested");
pub const WHERE_APPLIED: Term = term("Địa chỉ ứng dụng", "Where the results are applied");
pub const RESULTS_SUMMARY: Term = term("Tóm tắt kết quả", "Summary of the results");
pub const CREATE_ACCOUNT: Term = term("Tạo tài khoản", "Create an account");
pub const PUBLISH_VERSION: Term = term("Ban hành phiên bản mới", "Publish a new version");
pub const OTHER_DOCUMENTS: Term = term("Tài liệu khác", "Other documents");
pub const FORMATION: Term = term("Phương thức", "Formation");
pub const EMAIL: Term = term("Thư điện tử", "E-mail");
pub const TASK_TITLE: Term = term("Tên nhiệm vụ", "Title");
pub const AMOUNT: Term = term("Số tiền", "Amount");
pub const TOTAL: Term = term("Tổng", "Total");
pub const REASON: Term = noun("Lý do", "Reason", "Reasons");
pub const RESULT: Term = noun("Kết quả", "Result", "Results");
pub const CONTENT: Term = noun("Nội dung", "Content", "Contents");
pub const BUDGET_LINE: Term = noun("Khoản chi", "Budget line", "Budget lines");
pub const SETTLEMENT: Term = term("Quyết toán", "Settlement");
pub const AMENDMENT: Term = noun(
    "Điều chỉnh hợp đồng",
    "Contract amendment",
    "Contract amendments",
);
pub const AWAITING_APPROVAL: Term = term("Chờ duyệt", "Awaiting approval");
pub const DISBURSED: Term = term("Đã cấp", "Paid");
pub const SPENT: Term = term("Đã chi", "Spent");
pub const CALL: Term = noun("Đợt tuyển chọn", "Call", "Calls");
pub const CONTRACT: Term = noun("Hợp đồng", "Contract", "Contracts");
pub const TASK: Term = noun("Nhiệm vụ", "Task", "Tasks");

/// Every term, for the test that keeps them distinct.
pub const ALL: [Term; 37] = [
    FULL_NAME,
    TITLE_AND_DEGREE,
    SPECIALISATION,
    FIELD,
    DEADLINE,
    HOST_ORGANISATION,
    STATUS,
    BUDGET,
    ORGANISATION,
    ROLE,
    MEMBER,
    PRODUCT,
    VERDICT,
    COMMENT,
    REQUESTED,
    WHERE_APPLIED,
    RESULTS_SUMMARY,
    CREATE_ACCOUNT,
    PUBLISH_VERSION,
    OTHER_DOCUMENTS,
    FORMATION,
    EMAIL,
    TASK_TITLE,
    AMOUNT,
    TOTAL,
    REASON,
    RESULT,
    CONTENT,
    BUDGET_LINE,
    SETTLEMENT,
    AMENDMENT,
    AWAITING_APPROVAL,
    DISBURSED,
    SPENT,
    CALL,
    CONTRACT,
    TASK,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_has_one_rendering_and_no_two_terms_share_one() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(!a.vi.is_empty() && !a.en.is_empty());
            for b in &ALL[i + 1..] {
                assert_ne!(a.vi, b.vi, "{} is listed twice", a.vi);
                assert_ne!(a.en, b.en, "{} renders two terms", a.en);
                assert_ne!(
                    a.en_plural, b.en_plural,
                    "{} renders two terms",
                    a.en_plural
                );
            }
        }
        assert_eq!(FULL_NAME.pick(Lang::Vi), "Họ và tên");
        assert_eq!(FULL_NAME.pick(Lang::En), "Full name");
        assert_eq!(ROLE.plural(Lang::En), "Roles");
        assert_eq!(ROLE.plural(Lang::Vi), "Vai trò");
    }
}
