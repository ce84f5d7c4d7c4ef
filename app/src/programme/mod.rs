//! The action programme's dashboard (docs/programme.md): the indicator catalogue with its
//! targets, the figures responsible units enter and officers approve, the figures computed from
//! the records, drawn as charts; a public subset on the portal.

pub mod api;
pub mod catalogue;
pub mod chart;
pub mod durations;
pub mod entry;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
