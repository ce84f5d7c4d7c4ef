//! The Vietnamese (and English) message of each refusal a user can cause, shown beside its
//! cause.

use super::Problem;
use domain::Lang;

impl Problem {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per problem: the table of messages a translator reads"
    )]
    pub fn message(&self, lang: Lang) -> String {
        let pick = |vi: &str, en: &str| lang.pick(vi, en).to_string();
        match self {
            Problem::Field(p) => p.message(lang),
            Problem::Password(p) => p.message(lang),
            Problem::Grant(p) => p.message(lang),
            Problem::Form(p) => p.message(lang),
            Problem::File(p) => p.message(lang),
            Problem::Detail(p) => p.message(lang),
            Problem::Transition(e) => e.message(lang),
            Problem::PublishedCallRulesFixed => pick(
                "Đợt đã công bố: chỉ được sửa lời văn và gia hạn thời điểm đóng; cấp, phương thức, hồ sơ yêu cầu, thời điểm mở và kinh phí không đổi được.",
                "The call is published: only wording and a later closing time may change; level, formation, required documents, opening time and budget are fixed.",
            ),
            Problem::Composition(p) => p.message(lang),
            Problem::Score(p) => p.message(lang),
            Problem::ConflictsUnresolved => pick(
                "Còn cảnh báo xung đột lợi ích chưa được xác nhận hoặc bác bỏ.",
                "Conflict-of-interest flags still await a decision.",
            ),
            Problem::Conflicted => pick(
                "Bạn có xung đột lợi ích với hồ sơ này nên không được chấm.",
                "You have a conflict of interest with this dossier and may not score it.",
            ),
            Problem::Council(e) => e.message(lang),
            Problem::NotAccepted { count } => match lang {
                Lang::Vi => format!("Còn {count} thành viên chưa nhận lời mời: hội đồng chỉ thành lập khi mọi thành viên đã nhận lời."),
                Lang::En => format!("{count} members have not accepted their invitation: a council is constituted once all have."),
            },
            Problem::NotInvited => pick(
                "Chưa có lời mời nào được gửi cho vị trí này.",
                "No invitation has been sent for this seat.",
            ),
            Problem::SheetNotSubmitted => pick(
                "Phiếu này chưa nộp nên không cần mở lại.",
                "This sheet is not submitted, so there is nothing to reopen.",
            ),
            Problem::NotCertified => pick(
                "Hãy cam kết không có xung đột lợi ích với hồ sơ này trước khi mở phiếu chấm.",
                "Certify that you have no conflict with this dossier before opening its sheet.",
            ),
            Problem::SheetLocked => pick(
                "Phiếu đã nộp và bị khóa; chỉ Chủ tịch mở lại được.",
                "The sheet is submitted and locked; only the chair can reopen it.",
            ),
            Problem::OwnCase => pick(
                "Bạn là chủ nhiệm hoặc thành viên của hồ sơ này nên không được quyết định về nó; một người khác cùng vai trò sẽ xử lý.",
                "You wrote this dossier or are on its team, so you may not decide on it; someone else in your role will.",
            ),
            Problem::OnlineSheetBegun => pick(
                "Thành viên đã bắt đầu (hoặc được mở lại) phiếu trực tuyến; thành viên tự hoàn tất phiếu đó, thư ký không nhập đè phiếu giấy.",
                "The member has begun (or had reopened) the sheet online; they finish it themselves, the secretary does not enter paper over it.",
            ),
            Problem::Quorum(p) => p.message(lang),
            Problem::Closeout(b) => b.message(lang),
            Problem::Ineligible(i) => i.message(lang),
            Problem::Proposal(n) => n.message(lang),
            Problem::Revision(r) => r.message(lang).to_string(),
            Problem::ListIssued => pick(
                "Danh mục nhiệm vụ đặt hàng của đợt này đã được ban hành; không thay đổi được.",
                "This round's ordered list has been issued; it cannot change.",
            ),
            Problem::ListNotIssued => pick(
                "Danh mục nhiệm vụ đặt hàng chưa được ban hành: chưa tạo đợt tuyển chọn hoặc giao trực tiếp được.",
                "The ordered list is not issued yet: no call can be made from it.",
            ),
            Problem::ItemsUndecided { count } => match lang {
                Lang::Vi => format!("Còn {count} nhiệm vụ hội đồng đề nghị đặt hàng chưa được quyết định."),
                Lang::En => format!("{count} recommended items still await a decision."),
            },
            Problem::NoProposalsToJudge => pick(
                "Không còn đề xuất đã nộp nào của đợt chờ hội đồng xem xét.",
                "No submitted proposal of the round is waiting for a council.",
            ),
            Problem::ConflictedProposal => pick(
                "Bạn đã khai có xung đột lợi ích (hoặc là người đề xuất, cùng tổ chức đề xuất) nên không bỏ phiếu cho đề xuất này.",
                "You have a conflict of interest with this proposal (declared, or you proposed it or work for its proposer) and do not vote on it.",
            ),
            Problem::BallotSubmitted => pick(
                "Phiếu đã nộp, không sửa được nữa.",
                "The ballot is submitted and can no longer change.",
            ),
            Problem::BallotsMissing { count } => match lang {
                Lang::Vi => format!("Còn {count} phiếu của thành viên có mặt chưa nộp: chưa kết thúc được phiên họp."),
                Lang::En => format!("{count} ballots of present members are not submitted yet: the meeting cannot close."),
            },
            Problem::NotJudged => pick(
                "Đề xuất chưa được hội đồng tư vấn xác định nhiệm vụ xem xét xong: hãy thành lập hội đồng và kết thúc phiên họp trước.",
                "No identification council has closed on this proposal yet: form one and close its meeting first.",
            ),
            Problem::AgainstCouncil { order } => pick(
                if *order {
                    "Hội đồng đã bỏ phiếu đề nghị đặt hàng nhiệm vụ này: kết luận phải theo kết quả bỏ phiếu."
                } else {
                    "Hội đồng đã bỏ phiếu không đề nghị đặt hàng nhiệm vụ này: kết luận phải theo kết quả bỏ phiếu."
                },
                if *order {
                    "The council voted to order this task: the conclusion follows the vote."
                } else {
                    "The council voted not to order this task: the conclusion follows the vote."
                },
            ),
            Problem::NothingOrdered => pick(
                "Chưa có nhiệm vụ nào được phê duyệt đặt hàng: không có danh mục để ban hành.",
                "No item has been approved: there is no list to issue.",
            ),
            Problem::RoundClosed => pick(
                "Đợt đề xuất không nhận đề xuất lúc này (chưa mở hoặc đã hết hạn).",
                "The proposal round is not taking proposals now (not yet open, or past its deadline).",
            ),
            Problem::Acceptance(p) => p.message(lang),
            Problem::Exemption(p) => p.message(lang).into(),
            Problem::Settlement(p) => p.message(lang).into(),
            Problem::NoReportDue => pick(
                "Không có kỳ báo cáo nào đang mở: các kỳ đã nộp đủ, hoặc kỳ tiếp theo chưa bắt đầu.",
                "No reporting period is open: all are filed, or the next has not begun.",
            ),
            Problem::AlreadyReviewed => pick(
                "Báo cáo này đã được xem xét.",
                "This report was already reviewed.",
            ),
            Problem::Amendment(p) => p.message(lang),
            Problem::PaymentsPending => domain::closeout::Blocked::PaymentsPending.message(lang),
            Problem::AmendmentPending => pick(
                "Hợp đồng đang có một đề nghị điều chỉnh chờ duyệt.",
                "Another amendment of this contract awaits a decision.",
            ),
            Problem::InspectionDate => pick(
                "Ngày kiểm tra phải từ ngày ký hợp đồng đến hôm nay.",
                "The inspection's date must be between the signing day and today.",
            ),
            Problem::CertificateTaken => pick(
                "Số giấy chứng nhận này đã được cấp cho kết quả khác; mỗi kết quả một số riêng.",
                "This certificate number is already given to another result.",
            ),
            Problem::NoSuchAccount => pick(
                "Không có tài khoản đang hoạt động với địa chỉ thư điện tử này.",
                "No active account has this e-mail address.",
            ),
            Problem::Ledger(r) => r.message(lang),
            Problem::NotRecommended => pick(
                "Hồ sơ chưa được hội đồng đánh giá đạt (hoặc hội đồng chưa kết thúc chấm): chưa lập hợp đồng được.",
                "The dossier has not passed a closed council: no contract yet.",
            ),
            Problem::NotApproved => pick(
                "Nhiệm vụ chưa được lãnh đạo phê duyệt: chưa lập hợp đồng được.",
                "The task is not approved by the leader yet: no contract.",
            ),
            Problem::NotAppraised => pick(
                "Kinh phí của nhiệm vụ chưa được thẩm định.",
                "The task's budget has not been appraised yet.",
            ),
            Problem::NotDesignatedHost => pick(
                "Đợt này giao trực tiếp cho một tổ chức chủ trì đã được chỉ định; chỉ nhà khoa học của tổ chức đó được nộp hồ sơ.",
                "This call is a direct assignment to a designated host organisation; only its researchers may apply.",
            ),
            Problem::NotManagingUnit => pick(
                "Tổ chức này chưa được đánh dấu là đơn vị quản lý nhiệm vụ cấp cơ sở; hãy đánh dấu trước khi giao vai trò của đơn vị.",
                "This organisation is not marked as a managing unit of grassroots tasks; mark it before granting a unit's role.",
            ),
            Problem::UnitRunsGrassroots => pick(
                "Đơn vị quản lý chỉ tổ chức nhiệm vụ cấp cơ sở; nhiệm vụ cấp tỉnh do Sở KH&CN quản lý.",
                "A managing unit runs grassroots tasks only; provincial tasks are the department's.",
            ),
            Problem::UnitInUse => pick(
                "Đơn vị đã có đợt tuyển chọn hoặc cán bộ được giao vai trò của đơn vị; không thể bỏ đánh dấu đơn vị quản lý.",
                "The unit already has calls or staff granted its roles; it cannot stop being a managing unit.",
            ),
            Problem::ChangedSinceShown => pick(
                "Nội dung đã thay đổi kể từ khi bạn xem (có người vừa cập nhật). Hãy xem lại rồi quyết định.",
                "This changed since you saw it (someone has just updated it). Look again, then decide.",
            ),
            Problem::AlreadyDecided => pick(
                "Lãnh đạo đã quyết định về nhiệm vụ này; không thay đổi được.",
                "The leader has already decided on this task; it cannot change.",
            ),
            Problem::ContractExists => pick(
                "Hồ sơ này đã có hợp đồng.",
                "This dossier already has a contract.",
            ),
            Problem::ContractNotDraft => pick(
                "Hợp đồng không còn ở dạng dự thảo: không ký lại được.",
                "The contract is no longer a draft: it cannot be signed again.",
            ),
            Problem::TrancheAlreadyPaid => pick(
                "Đợt cấp này đã có khoản chi đang chờ duyệt hoặc đã chi.",
                "This tranche already has a payment pending or paid.",
            ),
            Problem::DossierNotAvailable(code) => match lang {
                Lang::Vi => format!("Hồ sơ {code} không thuộc đợt này, chưa được xác nhận hợp lệ hoặc đã có hội đồng."),
                Lang::En => format!("Dossier {code} is not in this call, not found valid, or already before a council."),
            },
            Problem::AlreadyExpert => pick(
                "Người này đã có trong cơ sở dữ liệu chuyên gia.",
                "This person is already in the expert database.",
            ),
            Problem::NoCv => pick(
                "Nhà khoa học này chưa khai lý lịch khoa học.",
                "This researcher has not written a scientific CV yet.",
            ),
            Problem::AlreadyOnCouncil => pick(
                "Người này đã có trong hội đồng.",
                "This person is already on the council.",
            ),
            Problem::NotANumber => pick(
                "Nhập một số, ví dụ 0,3 hoặc 500.000.",
                "Enter a number, e.g. 0.3 or 500,000.",
            ),
            Problem::RulebookChanged => pick(
                "Đã có phiên bản quy định mới hơn được ban hành trong lúc bạn sửa. Tải lại trang để xem và sửa từ phiên bản đó.",
                "A newer rulebook version was published while you were editing. Reload to edit from it.",
            ),
            Problem::UnknownChoice => pick(
                "Giá trị này không nằm trong các lựa chọn được phép.",
                "This value is not one of the allowed choices.",
            ),
            Problem::AlreadyPublished => pick("Đợt này đã được công bố.", "This call is already published."),
            Problem::EmailTaken => pick(
                "Địa chỉ thư điện tử này đã có tài khoản.",
                "An account with this e-mail already exists.",
            ),
            Problem::OrganisationNameTaken => pick(
                "Đã có tổ chức mang tên này.",
                "An organisation with this name already exists.",
            ),
            Problem::RoleAlreadyGranted => pick(
                "Người dùng đã có vai trò này trong phạm vi này.",
                "The user already holds this role in this scope.",
            ),
            Problem::WrongCurrentPassword => pick(
                "Mật khẩu hiện tại không đúng.",
                "The current password is wrong.",
            ),
            Problem::ResetLinkInvalid => pick(
                "Liên kết đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.",
                "This password-reset link is invalid, used or expired. Ask for a new one.",
            ),
            Problem::Preference(p) => p.message(lang).into(),
            Problem::PasswordsDiffer => pick(
                "Hai mật khẩu mới không giống nhau.",
                "The two new passwords differ.",
            ),
            Problem::ConfirmLinkInvalid => pick(
                "Liên kết xác nhận không hợp lệ, đã dùng hoặc đã hết hạn. Hãy đăng ký lại.",
                "This confirmation link is invalid, used or expired. Please register again.",
            ),
            Problem::AlreadyInOrganisation => pick(
                "Tài khoản này đã thuộc một tổ chức.",
                "This account already belongs to an organisation.",
            ),
            Problem::RequestPending => pick(
                "Bạn đang có một yêu cầu chờ duyệt; hãy chờ kết quả trước khi gửi yêu cầu khác.",
                "A request of yours is still waiting; wait for its answer before sending another.",
            ),
            Problem::TaxCodeTaken => pick(
                "Đã có tổ chức, hoặc yêu cầu đang chờ duyệt, với mã số thuế này.",
                "An organisation, or a waiting request, already has this tax code.",
            ),
            Problem::Decide(p) => p.message(lang).into(),
            Problem::Letter(p) => p.message(lang),
            Problem::Figure(p) => p.message(lang),
            Problem::NoApplicants => pick(
                "Đợt này chưa có hồ sơ nào đã nộp để gửi thư.",
                "This call has no submitted dossier to write to.",
            ),
            Problem::UnknownOrganisation => pick(
                "Không tìm thấy tổ chức đã chọn.",
                "The chosen organisation does not exist.",
            ),
            Problem::LastAdministrator => pick(
                "Không thể gỡ vai trò quản trị của quản trị viên cuối cùng.",
                "The last administrator's role cannot be removed.",
            ),
            Problem::TooManyTokens => pick(
                "Bạn đã có quá nhiều mã truy cập còn hiệu lực; hãy thu hồi mã không dùng.",
                "You have too many live tokens; revoke the ones you no longer use.",
            ),
            Problem::NotYourself => pick(
                "Bạn không thể tự khóa tài khoản của mình.",
                "You cannot deactivate your own account.",
            ),
        }
    }
}
