pub mod api;
pub mod pages;
pub mod science_fields;
