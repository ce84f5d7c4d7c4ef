//! A small flowing-document PDF writer (server only): A4 pages with the margins of Decree
//! 30/2020 on administrative documents, centred and bold lines, wrapped paragraphs, tables whose
//! cells wrap and whose header repeats on each page, and "Trang i/n" footers. DejaVu Serif is
//! embedded (subset by krilla), so Vietnamese prints with its diacritics anywhere.
//!
//! Layout happens first (text is measured with the font's advance widths), drawing after, so
//! the page count is known for the footers.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif-Bold.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 85.0;
const RIGHT: f32 = 57.0;
const TOP: f32 = 57.0;
const BOTTOM: f32 = 64.0;
const CELL_PAD: f32 = 3.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Left,
    Centre,
}

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

pub struct Pdf {
    title: String,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    y: f32,
}

fn width_of(text: &str, size: f32, bold: bool) -> f32 {
    let data = if bold { BOLD } else { REGULAR };
    let Ok(font) = skrifa::FontRef::new(data) else {
        return 0.0;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size * 0.5)
        })
        .sum()
}

/// Splits `text` into lines no wider than `width`, breaking between words (a word wider than
/// the line is broken between characters). Explicit newlines are kept.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width_of(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: break it if it still does not fit.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && width_of(&next, size, bold) > width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        lines.push(line);
    }
    lines
}

impl Pdf {
    pub fn new(title: &str) -> Pdf {
        Pdf {
            title: title.to_string(),
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn content_width() -> f32 {
        PAGE_W - LEFT - RIGHT
    }

    fn line_height(size: f32) -> f32 {
        size * 1.35
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Makes room for `height` points, starting a new page when the current one is full.
    fn room(&mut self, height: f32) {
        if self.y + height > PAGE_H - BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    pub fn space(&mut self, points: f32) {
        self.y += points;
    }

    /// A wrapped block of text.
    pub fn text(&mut self, text: &str, size: f32, bold: bool, align: Align) {
        let width = Self::content_width();
        let lh = Self::line_height(size);
        for line in wrap(text, size, bold, width) {
            self.room(lh);
            let x = match align {
                Align::Left => LEFT,
                Align::Centre => LEFT + (width - width_of(&line, size, bold)) / 2.0,
            };
            let y = self.y + size;
            self.ops().push(Op::Text {
                x,
                y,
                size,
                bold,
                text: line,
            });
            self.y += lh;
        }
    }

    pub fn paragraph(&mut self, text: &str) {
        self.text(text, 12.0, false, Align::Left);
        self.space(3.0);
    }

    pub fn heading(&mut self, text: &str) {
        self.space(6.0);
        self.room(40.0);
        self.text(text, 12.5, true, Align::Left);
        self.space(2.0);
    }

    /// A table: `widths` are shares of the line (they need not add up to one), the header is
    /// bold and repeated on every page the table runs onto.
    pub fn table(&mut self, widths: &[f32], header: &[String], rows: &[Vec<String>]) {
        let size = 10.0;
        let lh = Self::line_height(size);
        let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
        let cols: Vec<f32> = widths
            .iter()
            .map(|w| w / total * Self::content_width())
            .collect();
        let layout = |cells: &[String], bold: bool| -> (Vec<Vec<String>>, f32) {
            let wrapped: Vec<Vec<String>> = cols
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    wrap(
                        cells.get(i).map(String::as_str).unwrap_or(""),
                        size,
                        bold,
                        w - 2.0 * CELL_PAD,
                    )
                })
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (wrapped, lines as f32 * lh + 2.0 * CELL_PAD)
        };
        let head = layout(header, true);
        self.room(head.1 + lh * 2.0);
        self.row(&cols, &head.0, head.1, true, size);
        for r in rows {
            let (cells, height) = layout(r, false);
            if self.y + height > PAGE_H - BOTTOM {
                self.new_page();
                self.row(&cols, &head.0, head.1, true, size);
            }
            self.row(&cols, &cells, height, false, size);
        }
        self.space(6.0);
    }

    fn row(&mut self, cols: &[f32], cells: &[Vec<String>], height: f32, bold: bool, size: f32) {
        let lh = Self::line_height(size);
        let top = self.y;
        let mut x = LEFT;
        let right = LEFT + cols.iter().sum::<f32>();
        let ops = self.pages.last_mut().expect("a page");
        ops.push(Op::Line {
            x1: LEFT,
            y1: top,
            x2: right,
            y2: top,
        });
        ops.push(Op::Line {
            x1: LEFT,
            y1: top + height,
            x2: right,
            y2: top + height,
        });
        ops.push(Op::Line {
            x1: LEFT,
            y1: top,
            x2: LEFT,
            y2: top + height,
        });
        for (w, lines) in cols.iter().zip(cells) {
            for (i, line) in lines.iter().enumerate() {
                ops.push(Op::Text {
                    x: x + CELL_PAD,
                    y: top + CELL_PAD + size + i as f32 * lh,
                    size,
                    bold,
                    text: line.clone(),
                });
            }
            x += w;
            ops.push(Op::Line {
                x1: x,
                y1: top,
                x2: x,
                y2: top + height,
            });
        }
        self.y = top + height;
    }

    /// Two signature blocks side by side: (title, name) left and right.
    pub fn signatures(&mut self, left: (&str, &str), right: (&str, &str)) {
        self.room(110.0);
        self.space(12.0);
        let half = Self::content_width() / 2.0;
        let top = self.y;
        for (i, (title, name)) in [left, right].into_iter().enumerate() {
            let x0 = LEFT + half * i as f32;
            for (k, (text, bold, dy)) in [(title, true, 0.0), (name, true, 80.0)]
                .into_iter()
                .enumerate()
            {
                let _ = k;
                let w = width_of(text, 12.0, bold);
                self.ops().push(Op::Text {
                    x: x0 + (half - w) / 2.0,
                    y: top + 12.0 + dy,
                    size: 12.0,
                    bold,
                    text: text.to_string(),
                });
            }
        }
        self.y = top + 100.0;
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn finish(self) -> Result<Vec<u8>, String> {
        let regular = Font::new(REGULAR.into(), 0).ok_or("unreadable font")?;
        let bold = Font::new(BOLD.into(), 0).ok_or("unreadable font")?;
        let mut doc = Document::new();
        doc.set_metadata(
            krilla::metadata::Metadata::new()
                .title(self.title.clone())
                .language("vi".into())
                .creator("STMS".into()),
        );
        let count = self.pages.len();
        for (n, ops) in self.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(0, 0, 0).into(),
                ..Default::default()
            }));
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold: b,
                        text,
                    } => surface.draw_text(
                        Point::from_xy(x, y),
                        if b { bold.clone() } else { regular.clone() },
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    ),
                    Op::Line { x1, y1, x2, y2 } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(x1, y1);
                        pb.line_to(x2, y2);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(0, 0, 0).into(),
                                width: 0.6,
                                ..Default::default()
                            }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                            surface.set_fill(Some(Fill {
                                paint: rgb::Color::new(0, 0, 0).into(),
                                ..Default::default()
                            }));
                        }
                    }
                }
            }
            let footer = format!("Trang {}/{}", n + 1, count);
            let w = width_of(&footer, 9.0, false);
            surface.draw_text(
                Point::from_xy(PAGE_W - RIGHT - w, PAGE_H - BOTTOM / 2.0),
                regular.clone(),
                9.0,
                &footer,
                false,
                TextDirection::Auto,
            );
            surface.finish();
            page.finish();
        }
        doc.finish().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_between_words_and_keep_every_word() {
        let text = "Hội đồng tư vấn tuyển chọn tổ chức và cá nhân chủ trì thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh";
        let lines = wrap(text, 12.0, false, 200.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| width_of(l, 12.0, false) <= 200.0));
        assert_eq!(lines.join(" "), text);
        // A word wider than the line is split, not lost.
        let long = "x".repeat(200);
        assert_eq!(wrap(&long, 12.0, false, 100.0).concat(), long);
    }

    #[test]
    fn a_document_with_vietnamese_text_renders() {
        let mut pdf = Pdf::new("Biên bản");
        pdf.text("BIÊN BẢN HỌP HỘI ĐỒNG", 14.0, true, Align::Centre);
        pdf.paragraph("Điểm trung bình: 80,93 — Đạt.");
        let rows: Vec<Vec<String>> = (0..80)
            .map(|i| vec![i.to_string(), "Nguyễn Thị Ánh Tuyết".into(), "85,5".into()])
            .collect();
        pdf.table(
            &[1.0, 4.0, 2.0],
            &["STT".into(), "Thành viên".into(), "Tổng".into()],
            &rows,
        );
        pdf.signatures(
            ("CHỦ TỊCH", "Vũ Thị Lan Anh"),
            ("THƯ KÝ", "Ngô Thị Bích Ngọc"),
        );
        // 80 rows run over more than one page.
        assert!(pdf.page_count() >= 3, "{} pages", pdf.page_count());
        let bytes = pdf.finish().unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        // The fonts are subset, not embedded whole (each is over 350 KB).
        assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
    }
}
