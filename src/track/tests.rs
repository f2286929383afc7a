//! Tracker lifecycle tests.
