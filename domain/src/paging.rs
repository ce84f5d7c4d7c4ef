//! Page arithmetic for lists paged in the database.

/// The requested page (at least 1) and the offset of its first row.
pub fn page_and_offset(page: u64, per_page: u64) -> (u64, u64) {
    let page = page.max(1);
    (page, (page - 1).saturating_mul(per_page))
}

/// How many pages `total` rows fill; an empty list still has its one (empty) page.
pub fn page_count(total: u64, per_page: u64) -> u64 {
    total.div_ceil(per_page.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_and_offsets_start_at_zero() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(5, 0), 5);
        assert_eq!(page_and_offset(0, 20), (1, 0));
        assert_eq!(page_and_offset(1, 20), (1, 0));
        assert_eq!(page_and_offset(3, 20), (3, 40));
        assert_eq!(page_and_offset(u64::MAX, 20).1, u64::MAX);
    }
}
