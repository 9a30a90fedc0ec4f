//! Run reports (stub).
