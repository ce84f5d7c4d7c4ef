//! Page arithmetic for lists paged in the database.

/// The requested page (at least 1) and the offset of its first row.
pub fn page_and_offset(page: u64, per_page: u64) -> (u64, u64) {
    let page = page.clamp(1, MAX_PAGE);
    (page, (page - 1).saturating_mul(per_page.min(MAX_PER_PAGE)))
}

/// The last page anyone may ask for: a million pages, far beyond any list the province keeps,
/// so that an offset always fits the databases' signed 64-bit integers.
pub const MAX_PAGE: u64 = 1_000_000;

/// The longest page a list may have.
pub const MAX_PER_PAGE: u64 = 1_000;

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
        assert_eq!(
            page_and_offset(u64::MAX, 20),
            (MAX_PAGE, (MAX_PAGE - 1) * 20)
        );
    }

    proptest::proptest! {
        /// Whatever page a client asks for, the offset fits a signed 64-bit integer (sqlx binds
        /// it as one; a larger one crashed the request).
        #[test]
        fn every_offset_fits_the_database(page: u64, per_page: u64) {
            let (p, offset) = page_and_offset(page, per_page);
            proptest::prop_assert!(i64::try_from(offset).is_ok());
            proptest::prop_assert!((1..=MAX_PAGE).contains(&p));
        }
    }
}
