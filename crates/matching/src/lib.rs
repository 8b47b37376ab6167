//! Candidate index and explainable scoring.
