//! The fields of science and technology a call names: the first two levels of the
//! classification of research fields (Bảng phân loại lĩnh vực nghiên cứu khoa học và công
//! nghệ, QĐ 12/2008/QĐ-BKHCN, built on the OECD's fields of science) — six fields with
//! one-digit codes, each with its subfields, whose three-digit codes begin with the field's. The
//! national S&T information system files tasks under these codes (docs/portal.md). A call keeps
//! the names; the codes travel with them in exports.

/// One field or subfield.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScienceField {
    pub code: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

const fn f(code: &'static str, vi: &'static str, en: &'static str) -> ScienceField {
    ScienceField { code, vi, en }
}

/// Fields then their subfields, in the classification's order.
pub const FIELDS: [ScienceField; 52] = [
    f("1", "Khoa học tự nhiên", "Natural sciences"),
    f("101", "Toán học và thống kê", "Mathematics and statistics"),
    f(
        "102",
        "Khoa học máy tính và thông tin",
        "Computer and information sciences",
    ),
    f("103", "Vật lý", "Physical sciences"),
    f("104", "Hóa học", "Chemical sciences"),
    f(
        "105",
        "Các khoa học trái đất và môi trường liên quan",
        "Earth and related environmental sciences",
    ),
    f("106", "Sinh học", "Biological sciences"),
    f("199", "Khoa học tự nhiên khác", "Other natural sciences"),
    f(
        "2",
        "Khoa học kỹ thuật và công nghệ",
        "Engineering and technology",
    ),
    f("201", "Kỹ thuật dân dụng", "Civil engineering"),
    f(
        "202",
        "Kỹ thuật điện, kỹ thuật điện tử, kỹ thuật thông tin",
        "Electrical, electronic and information engineering",
    ),
    f("203", "Kỹ thuật cơ khí", "Mechanical engineering"),
    f("204", "Kỹ thuật hóa học", "Chemical engineering"),
    f(
        "205",
        "Kỹ thuật vật liệu và luyện kim",
        "Materials engineering",
    ),
    f("206", "Kỹ thuật y học", "Medical engineering"),
    f("207", "Kỹ thuật môi trường", "Environmental engineering"),
    f(
        "208",
        "Công nghệ sinh học môi trường",
        "Environmental biotechnology",
    ),
    f(
        "209",
        "Công nghệ sinh học công nghiệp",
        "Industrial biotechnology",
    ),
    f("210", "Công nghệ nano", "Nanotechnology"),
    f(
        "211",
        "Kỹ thuật thực phẩm và đồ uống",
        "Food and beverage engineering",
    ),
    f(
        "299",
        "Khoa học kỹ thuật và công nghệ khác",
        "Other engineering and technologies",
    ),
    f("3", "Khoa học y, dược", "Medical and health sciences"),
    f("301", "Y học cơ sở", "Basic medicine"),
    f("302", "Y học lâm sàng", "Clinical medicine"),
    f("303", "Dược học", "Pharmacy"),
    f(
        "304",
        "Công nghệ sinh học trong y học",
        "Medical biotechnology",
    ),
    f("305", "Khoa học sức khỏe", "Health sciences"),
    f("399", "Khoa học y, dược khác", "Other medical sciences"),
    f("4", "Khoa học nông nghiệp", "Agricultural sciences"),
    f("401", "Trồng trọt", "Crop science"),
    f("402", "Chăn nuôi", "Animal husbandry"),
    f("403", "Thú y", "Veterinary science"),
    f("404", "Lâm nghiệp", "Forestry"),
    f("405", "Thủy sản", "Fisheries"),
    f(
        "406",
        "Công nghệ sinh học trong nông nghiệp",
        "Agricultural biotechnology",
    ),
    f(
        "499",
        "Khoa học nông nghiệp khác",
        "Other agricultural sciences",
    ),
    f("5", "Khoa học xã hội", "Social sciences"),
    f("501", "Tâm lý học", "Psychology"),
    f("502", "Kinh tế và kinh doanh", "Economics and business"),
    f("503", "Khoa học giáo dục", "Educational sciences"),
    f("504", "Xã hội học", "Sociology"),
    f("505", "Pháp luật", "Law"),
    f("506", "Khoa học chính trị", "Political science"),
    f(
        "507",
        "Địa lý kinh tế và xã hội",
        "Social and economic geography",
    ),
    f(
        "508",
        "Thông tin đại chúng và truyền thông",
        "Media and communications",
    ),
    f("599", "Khoa học xã hội khác", "Other social sciences"),
    f("6", "Khoa học nhân văn", "Humanities"),
    f("601", "Lịch sử và khảo cổ học", "History and archaeology"),
    f("602", "Ngôn ngữ học và văn học", "Languages and literature"),
    f(
        "603",
        "Triết học, đạo đức học và tôn giáo",
        "Philosophy, ethics and religion",
    ),
    f("604", "Nghệ thuật", "Arts"),
    f("699", "Khoa học nhân văn khác", "Other humanities"),
];

impl ScienceField {
    pub fn name(&self, lang: crate::Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }

    /// Whether this is one of the six fields (else a subfield).
    pub fn is_top(&self) -> bool {
        self.code.len() == 1
    }

    /// The subfields of a field, in order.
    pub fn subfields(&self) -> impl Iterator<Item = &'static ScienceField> + '_ {
        FIELDS
            .iter()
            .filter(move |s| !s.is_top() && s.code.starts_with(self.code))
    }
}

/// The six fields, in order.
pub fn top() -> impl Iterator<Item = &'static ScienceField> {
    FIELDS.iter().filter(|f| f.is_top())
}

/// The field or subfield of a Vietnamese name as a call keeps it (spacing and letter case
/// aside); none for a name the classification does not have.
pub fn by_name(name: &str) -> Option<&'static ScienceField> {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = key(name);
    FIELDS.iter().find(|f| key(f.vi) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_each_once_and_subfields_sit_under_their_field() {
        let codes: HashSet<_> = FIELDS.iter().map(|f| f.code).collect();
        let names: HashSet<_> = FIELDS.iter().map(|f| f.vi).collect();
        assert_eq!(codes.len(), FIELDS.len());
        assert_eq!(names.len(), FIELDS.len());
        assert_eq!(top().count(), 6);
        for f in FIELDS.iter().filter(|f| !f.is_top()) {
            assert_eq!(f.code.len(), 3, "{}", f.code);
            assert!(codes.contains(&f.code[..1]), "{} has no field", f.code);
        }
        // Every subfield listed under its field, and after it.
        let listed: usize = top().map(|t| t.subfields().count()).sum();
        assert_eq!(listed + 6, FIELDS.len());
    }

    #[test]
    fn a_name_is_found_whatever_its_spacing_and_case() {
        assert_eq!(by_name("Khoa học nông nghiệp").map(|f| f.code), Some("4"));
        assert_eq!(by_name("  trồng   trọt ").map(|f| f.code), Some("401"));
        assert_eq!(by_name("Nông nghiệp"), None);
        assert_eq!(by_name(""), None);
        let crops = by_name("Trồng trọt").unwrap();
        assert!(!crops.is_top());
        let agri = by_name("Khoa học nông nghiệp").unwrap();
        assert!(agri.subfields().any(|s| s == crops));
    }
}
