//! Planner tests on distinct person states.
