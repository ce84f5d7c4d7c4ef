//! Attachments to a dossier: which files are accepted (PDF and office documents, judged by their
//! content, not their name), how large, under what name they are kept, and what changed between
//! two submitted versions.
//!
//! Reading a file's content to learn its type happens on the server; the rule here takes what
//! was found and decides.

use serde::{Deserialize, Serialize};

use crate::application::Change;
use crate::Lang;

/// The document kinds a dossier may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    /// Word 97–2003.
    Doc,
    /// Excel 97–2003.
    Xls,
    Odt,
    Ods,
}

impl FileKind {
    pub const ALL: [FileKind; 8] = [
        FileKind::Pdf,
        FileKind::Docx,
        FileKind::Xlsx,
        FileKind::Pptx,
        FileKind::Doc,
        FileKind::Xls,
        FileKind::Odt,
        FileKind::Ods,
    ];

    /// The media type sent when the file is downloaded.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileKind::Doc => "application/msword",
            FileKind::Xls => "application/vnd.ms-excel",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    pub fn from_mime(mime: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.mime() == mime)
    }

    /// The file-name endings that may carry this kind.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Docx => &["docx"],
            FileKind::Xlsx => &["xlsx"],
            FileKind::Pptx => &["pptx"],
            FileKind::Doc => &["doc"],
            FileKind::Xls => &["xls"],
            FileKind::Odt => &["odt"],
            FileKind::Ods => &["ods"],
        }
    }
}

/// How large and how many files a dossier may carry (configurable at start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UploadPolicy {
    pub max_bytes: u64,
    pub max_files: usize,
}

impl Default for UploadPolicy {
    /// 20 MB a file (a scanned, signed form runs to a few MB), 30 files a dossier.
    fn default() -> Self {
        UploadPolicy {
            max_bytes: 20 * 1024 * 1024,
            max_files: 30,
        }
    }
}

/// Why a file is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum FileProblem {
    Empty,
    TooLarge {
        max_bytes: u64,
    },
    /// The content is not one of the accepted kinds (whatever the name says).
    NotAccepted,
    /// The name's ending promises a different kind than the content is.
    NameDoesNotMatchContent {
        content: FileKind,
    },
    TooManyFiles {
        max_files: usize,
    },
}

impl FileProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileProblem::Empty, Lang::Vi) => "Tệp rỗng.".into(),
            (FileProblem::Empty, Lang::En) => "The file is empty.".into(),
            (FileProblem::TooLarge { max_bytes }, Lang::Vi) => {
                format!("Tệp lớn hơn giới hạn {}.", format_size(*max_bytes))
            }
            (FileProblem::TooLarge { max_bytes }, Lang::En) => {
                format!("The file exceeds the {} limit.", format_size(*max_bytes))
            }
            (FileProblem::NotAccepted, Lang::Vi) => {
                "Chỉ nhận tệp PDF, Word, Excel, PowerPoint hoặc OpenDocument (kiểm tra theo nội dung tệp).".into()
            }
            (FileProblem::NotAccepted, Lang::En) => {
                "Only PDF, Word, Excel, PowerPoint or OpenDocument files are accepted (checked by content).".into()
            }
            (FileProblem::NameDoesNotMatchContent { content }, Lang::Vi) => format!(
                "Tên tệp không khớp nội dung: nội dung là tệp .{}.",
                content.extensions()[0]
            ),
            (FileProblem::NameDoesNotMatchContent { content }, Lang::En) => format!(
                "The file name does not match its content, which is a .{} file.",
                content.extensions()[0]
            ),
            (FileProblem::TooManyFiles { max_files }, Lang::Vi) => {
                format!("Mỗi hồ sơ đính kèm tối đa {max_files} tệp.")
            }
            (FileProblem::TooManyFiles { max_files }, Lang::En) => {
                format!("A dossier carries at most {max_files} files.")
            }
        }
    }
}

/// `1.048.576` bytes → "1 MB"; below a megabyte, in KB (rounded up, so a 1-byte file is 1 KB).
pub fn format_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Decides on one upload: `detected` is the kind its content was recognised as (`None` when
/// it is none of the accepted kinds), `size` its length in bytes.
pub fn accept(
    file_name: &str,
    detected: Option<FileKind>,
    size: u64,
    max_bytes: u64,
) -> Result<FileKind, FileProblem> {
    if size == 0 {
        return Err(FileProblem::Empty);
    }
    if size > max_bytes {
        return Err(FileProblem::TooLarge { max_bytes });
    }
    let kind = detected.ok_or(FileProblem::NotAccepted)?;
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if !kind.extensions().contains(&ext.as_str()) {
        return Err(FileProblem::NameDoesNotMatchContent { content: kind });
    }
    Ok(kind)
}

/// Longest kept file name, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 150;

/// The name a file is kept and offered under: the last path component only, without control
/// characters or characters that break a download header, trimmed, at most
/// [`MAX_FILE_NAME_CHARS`] characters with its ending kept.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';' | '<' | '>' | '|' | '*' | '?' | ':'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    let cleaned = if cleaned.is_empty() {
        "tep".to_string()
    } else {
        cleaned
    };
    if cleaned.chars().count() <= MAX_FILE_NAME_CHARS {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((s, e)) if e.chars().count() <= 10 => (s.to_string(), format!(".{e}")),
        _ => (cleaned.clone(), String::new()),
    };
    let keep = MAX_FILE_NAME_CHARS - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

/// A file as a submitted version records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttachedFile {
    /// Which required document it answers ("" for other documents).
    pub document: String,
    pub file_name: String,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

impl AttachedFile {
    fn describe(&self) -> String {
        if self.document.is_empty() {
            self.file_name.clone()
        } else {
            format!("{}: {}", self.document, self.file_name)
        }
    }
}

/// Files added and removed between two versions (the same content under the same document and
/// name is the same file), as changes under the path `attachments`: added files first, in the
/// newer version's order, then removed ones.
pub fn diff_files(before: &[AttachedFile], after: &[AttachedFile]) -> Vec<Change> {
    let added = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|f| Change {
            path: "attachments".into(),
            before: None,
            after: Some(f.describe()),
        });
    let removed = before
        .iter()
        .filter(|f| !after.contains(f))
        .map(|f| Change {
            path: "attachments".into(),
            before: Some(f.describe()),
            after: None,
        });
    added.chain(removed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1024 * 1024;

    #[test]
    fn accepts_by_content_and_name_together() {
        assert_eq!(
            accept("Thuyết minh.PDF", Some(FileKind::Pdf), 10, MB),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            accept("du-toan.xlsx", Some(FileKind::Xlsx), 10, MB),
            Ok(FileKind::Xlsx)
        );
        // An executable renamed to .pdf is recognised as nothing accepted.
        assert_eq!(
            accept("hoa-don.pdf", None, 10, MB),
            Err(FileProblem::NotAccepted)
        );
        // A real PDF named .docx is refused too: the name would mislead whoever opens it.
        assert_eq!(
            accept("thuyet-minh.docx", Some(FileKind::Pdf), 10, MB),
            Err(FileProblem::NameDoesNotMatchContent {
                content: FileKind::Pdf
            })
        );
        assert_eq!(
            accept("khong-duoi", Some(FileKind::Pdf), 10, MB),
            Err(FileProblem::NameDoesNotMatchContent {
                content: FileKind::Pdf
            })
        );
    }

    #[test]
    fn size_bounds_hold_at_the_byte() {
        assert_eq!(
            accept("a.pdf", Some(FileKind::Pdf), 0, MB),
            Err(FileProblem::Empty)
        );
        assert_eq!(
            accept("a.pdf", Some(FileKind::Pdf), MB, MB),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            accept("a.pdf", Some(FileKind::Pdf), MB + 1, MB),
            Err(FileProblem::TooLarge { max_bytes: MB })
        );
        assert_eq!(
            FileProblem::TooLarge { max_bytes: 20 * MB }.message(Lang::Vi),
            "Tệp lớn hơn giới hạn 20 MB."
        );
        assert_eq!(format_size(1), "1 KB");
        assert_eq!(format_size(1536 * 1024), "1,5 MB");
    }

    #[test]
    fn kinds_round_trip_through_their_media_type() {
        for k in FileKind::ALL {
            assert_eq!(FileKind::from_mime(k.mime()), Some(k));
        }
        assert_eq!(FileKind::from_mime("application/x-msdownload"), None);
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(
            clean_file_name("C:\\Users\\an\\Đơn đăng ký.pdf"),
            "Đơn đăng ký.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"; b\r\n.pdf"), "a b.pdf");
        assert_eq!(clean_file_name(".."), "tep");
        let long = format!("{}.docx", "x".repeat(400));
        let kept = clean_file_name(&long);
        assert_eq!(kept.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(kept.ends_with(".docx"));
    }

    #[test]
    fn version_differences_list_added_then_removed_files() {
        let f = |d: &str, n: &str, h: &str| AttachedFile {
            document: d.into(),
            file_name: n.into(),
            sha256: h.into(),
        };
        let before = vec![f("Đơn", "don.pdf", "1"), f("", "anh.pdf", "2")];
        let after = vec![f("Đơn", "don.pdf", "3"), f("", "anh.pdf", "2")];
        let changes = diff_files(&before, &after);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].after.as_deref(), Some("Đơn: don.pdf"));
        assert_eq!(changes[1].before.as_deref(), Some("Đơn: don.pdf"));
        assert!(diff_files(&after, &after).is_empty());
    }
}
