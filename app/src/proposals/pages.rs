//! Proposal pages.
