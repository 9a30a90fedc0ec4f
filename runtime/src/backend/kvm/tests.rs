//! Tests of the kvm backend (skipped when /dev/kvm is missing).
