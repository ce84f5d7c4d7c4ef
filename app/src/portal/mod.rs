//! The public portal: funded tasks and open data.

pub mod api;
pub mod pages;
