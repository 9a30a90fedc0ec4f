//! The contract layer through its embedding API, with contracts built from source.

mod support;

use std::collections::BTreeMap;

use qvm_contract::address::sha3;
use qvm_contract::schedule::ContractSchedule;
use qvm_contract::state_root::{account_leaf, merkle, storage_leaf};
use qvm_contract::store::StateStore;
use qvm_contract::{
    Address, CallRequest, DeployRequest, Engine, MemoryStore, RedbStore, RevertKind, TestVm,
};

const PROBE: &str = "contract/tests/guests/probe.c";

macro_rules! code_or_skip {
    ($rel:expr) => {
        match support::code($rel) {
            Some(c) => c,
            None => return,
        }
    };
}

#[test]
fn register_user_in_c() {
    let code = code_or_skip!("examples/contracts/register_user.c");
    let mut vm = TestVm::new();
    let d = vm.deploy(&code, &[]).unwrap();
    assert!(d.receipt.success(), "{:?}", d.receipt);
    let c = d.address;
    vm.assert_state(c, "TOTAL_USERS", Some("0"));
    vm.assert_state(c, "QVM_INITIALIZED", Some("true"));
    let r = vm
        .call_reading(c, &["register", "alice"], &["TOTAL_USERS", "NAME_alice"])
        .unwrap();
    assert!(r.success(), "{r:?}");
    assert_eq!(r.output, "0\n");
    assert_eq!(r.events.len(), 1);
    assert!(r.events[0].data.starts_with("registered alice as 0 by "));
    vm.set_caller(vm.account("bob"));
    let r = vm
        .call_reading(c, &["register", "bob"], &["TOTAL_USERS", "NAME_bob"])
        .unwrap();
    assert_eq!(r.output, "1\n");
    vm.assert_state(c, "USER_1", Some("bob"));
    vm.assert_state(c, "TOTAL_USERS", Some("2"));
    // A duplicate reverts with the contract's reason; nothing is kept.
    let root = vm.engine.state_root().unwrap();
    let r = vm
        .call_reading(c, &["register", "bob"], &["TOTAL_USERS", "NAME_bob"])
        .unwrap();
    let rev = r.revert.as_ref().expect("reverted");
    assert_eq!(rev.kind, RevertKind::Exit(1));
    assert_eq!(rev.reason, "register: bob is already registered\n");
    assert_eq!(r.state_root, root);
    // Reading an undeclared key is a clear failure naming the key.
    let r = vm
        .call_reading(c, &["register", "carol"], &["NAME_carol"])
        .unwrap();
    assert!(r
        .revert
        .unwrap()
        .reason
        .contains("\"TOTAL_USERS\" was read but not declared"));
    let q = vm.query(c, &["getuser", "1"]).unwrap();
    assert_eq!(q.output, "bob\n");
}

#[test]
fn token_in_rust() {
    let code = code_or_skip!("examples/contracts/token.rs");
    let mut vm = TestVm::new();
    let (alice, bob, carol) = (vm.account("alice"), vm.account("bob"), vm.account("carol"));
    let d = vm.deploy(&code, &["1000"]).unwrap();
    assert!(d.receipt.success(), "{:?}", d.receipt);
    let t = d.address;
    let bal = |a: Address| format!("bal:{a}");
    vm.assert_state(t, &bal(alice), Some("1000"));
    // bal:bob has no value yet, but it must still be declared.
    let r = vm.call(t, &["transfer", &bob.to_hex(), "300"]).unwrap();
    assert!(r
        .revert
        .unwrap()
        .reason
        .contains(&format!("\"bal:{bob}\" was read but not declared")));
    let r = vm
        .call_reading(
            t,
            &["transfer", &bob.to_hex(), "300"],
            &[&bal(alice), &bal(bob)],
        )
        .unwrap();
    assert!(r.success(), "{r:?}");
    assert_eq!(r.events[0].data, format!("transfer {alice} {bob} 300"));
    vm.assert_state(t, &bal(alice), Some("700"));
    vm.assert_state(t, &bal(bob), Some("300"));
    // Overdraft reverts.
    vm.set_caller(bob);
    let r = vm
        .call_reading(
            t,
            &["transfer", &carol.to_hex(), "301"],
            &[&bal(bob), &bal(carol)],
        )
        .unwrap();
    assert!(r.revert.unwrap().reason.contains("insufficient balance"));
    // Allowances.
    let r = vm.call(t, &["approve", &carol.to_hex(), "100"]).unwrap();
    assert!(r.success());
    vm.set_caller(carol);
    let allow = format!("allow:{bob}:{carol}");
    let reads = [allow.as_str(), &bal(bob), &bal(carol)];
    let r = vm
        .call_reading(
            t,
            &["transfer_from", &bob.to_hex(), &carol.to_hex(), "60"],
            &reads,
        )
        .unwrap();
    assert!(r.success(), "{r:?}");
    vm.assert_state(t, &allow, Some("40"));
    vm.assert_state(t, &bal(carol), Some("60"));
    let r = vm
        .call_reading(
            t,
            &["transfer_from", &bob.to_hex(), &carol.to_hex(), "41"],
            &reads,
        )
        .unwrap();
    assert!(r.revert.unwrap().reason.contains("allowance exceeded"));
    let q = vm.query(t, &["balance", &bob.to_hex()]).unwrap();
    assert_eq!(q.output, "240\n");
}

#[test]
fn counter_in_cpp() {
    let code = code_or_skip!("examples/contracts/counter.cpp");
    let mut vm = TestVm::new();
    let c = vm.deploy(&code, &["5"]).unwrap().address;
    let r = vm.call(c, &["inc", "3"]).unwrap();
    assert!(r.success(), "{r:?}");
    assert_eq!(vm.query(c, &["get"]).unwrap().output, "8\n");
    let r = vm.call(c, &["inc", "x"]).unwrap();
    assert!(r.revert.unwrap().reason.contains("stoull"));
    vm.set_caller(vm.account("mallory"));
    let r = vm.call(c, &["reset"]).unwrap();
    assert_eq!(r.revert.unwrap().reason, "only the owner may reset\n");
    vm.set_caller(vm.account("alice"));
    assert!(vm.call(c, &["reset"]).unwrap().success());
    vm.assert_state(c, "count", None);
}

fn probe_vm() -> Option<(TestVm, Address)> {
    let code = support::code(PROBE)?;
    let mut vm = TestVm::new();
    let d = vm.deploy(&code, &["a", "1"]).unwrap();
    assert!(d.receipt.success(), "{:?}", d.receipt);
    Some((vm, d.address))
}

#[test]
fn reverts_keep_no_writes() {
    let Some((mut vm, c)) = probe_vm() else {
        return;
    };
    let before = vm.state(c);
    let root = vm.engine.state_root().unwrap();
    vm.gas_limit = 50_000_000;
    let big_key = "k".repeat(257);
    let big_value = (64 * 1024 + 1).to_string();
    let cases: Vec<(Vec<&str>, RevertKind, &str)> = vec![
        (vec!["stderr"], RevertKind::Stderr, "bad thing"),
        (
            vec!["exit", "3"],
            RevertKind::Exit(3),
            "exited with status 3",
        ),
        (vec!["fault"], RevertKind::Fault(11), "SIGSEGV"),
        (vec!["spin"], RevertKind::OutOfGas, "out of gas"),
        (
            vec!["raw", "DBW=novalue\n"],
            RevertKind::Protocol,
            "malformed DBW line",
        ),
        (
            vec!["raw", "DBW=x=1\nDBP=a,,b\n"],
            RevertKind::Protocol,
            "malformed DBP line",
        ),
        (
            vec!["raw", "DBW=QVM_INITIALIZED=no\n"],
            RevertKind::Protocol,
            "reserved",
        ),
        (
            vec!["big", &big_key, "1"],
            RevertKind::Protocol,
            "257 bytes exceeds the limit of 256",
        ),
        (
            vec!["big", "k", &big_value],
            RevertKind::Protocol,
            "65537 bytes exceeds the limit of 65536",
        ),
        (vec!["rawbyte"], RevertKind::Protocol, "not valid UTF-8"),
    ];
    for (args, kind, needle) in cases {
        let r = vm.call(c, &args).unwrap();
        let rev = r
            .revert
            .clone()
            .unwrap_or_else(|| panic!("{args:?} succeeded"));
        assert_eq!(rev.kind, kind, "{args:?}: {rev:?}");
        assert!(rev.reason.contains(needle), "{args:?}: {:?}", rev.reason);
        assert!(r.writes.is_empty() && r.events.is_empty(), "{args:?}");
        assert_eq!(r.state_root, root, "{args:?}");
        assert_eq!(vm.state(c), before, "{args:?}");
        if matches!(kind, RevertKind::OutOfGas | RevertKind::Fault(_)) {
            assert_eq!(r.gas_used, vm.gas_limit, "{args:?}");
        } else {
            assert!(r.gas_used < vm.gas_limit, "{args:?}");
        }
    }
    // The largest legal key and value are fine.
    let r = vm
        .call(c, &["big", &"k".repeat(256), &(64 * 1024).to_string()])
        .unwrap();
    assert!(r.success(), "{:?}", r.revert);
}

#[test]
fn out_of_gas_paying_for_storage() {
    let Some((mut vm, c)) = probe_vm() else {
        return;
    };
    let r = vm.call_reading(c, &["big", "k", "10"], &[]).unwrap();
    // Exactly enough for execution but not for the write: find the execution part.
    let exec = r.gas_used - r.storage_gas;
    vm.gas_limit = r.gas_used - 1;
    let r2 = vm.call_reading(c, &["big", "k", "10"], &[]).unwrap();
    assert_eq!(r2.revert.unwrap().kind, RevertKind::OutOfGas);
    assert_eq!(r2.gas_used, vm.gas_limit);
    assert!(exec < vm.gas_limit);
    vm.gas_limit = r.gas_used;
    assert!(vm
        .call_reading(c, &["big", "k", "10"], &[])
        .unwrap()
        .success());
}

#[test]
fn storage_gas_grows_with_bytes() {
    let Some((mut vm, c)) = probe_vm() else {
        return;
    };
    let s = ContractSchedule::V1;
    let small = vm.call_reading(c, &["big", "k", "100"], &[]).unwrap();
    let large = vm.call_reading(c, &["big", "k", "1100"], &[]).unwrap();
    assert_eq!(small.storage_gas, s.write_cost("k", Some(&"x".repeat(100))));
    assert_eq!(
        large.storage_gas - small.storage_gas,
        1000 * s.write_per_byte
    );
    assert!(large.gas_used - small.gas_used >= 1000 * s.write_per_byte);
    // Reads pay per byte too.
    let r1 = vm.call_reading(c, &["getenv", "none"], &["k"]).unwrap();
    assert_eq!(r1.storage_gas, s.read_cost("k", Some(&"x".repeat(1100))));
    // Events.
    let e = vm.call_reading(c, &["event", "hello"], &[]).unwrap();
    assert_eq!(e.storage_gas, s.event_cost(5));
    assert_eq!(e.events[0].data, "hello");
}

#[test]
fn environment_seen_by_the_contract() {
    let Some((mut vm, c)) = probe_vm() else {
        return;
    };
    let alice = vm.account("alice");
    vm.block.height = 42;
    vm.block.hash = [0xab; 32];
    let get = |vm: &mut TestVm, var: &str| {
        vm.call_reading(c, &["getenv", var], &["a", "missing"])
            .unwrap()
            .output
    };
    assert_eq!(get(&mut vm, "QVM_CALLER"), format!("{alice}\n"));
    assert_eq!(get(&mut vm, "QVM_CONTRACT"), format!("{c}\n"));
    assert_eq!(get(&mut vm, "QVM_BLOCK_HEIGHT"), "42\n");
    assert_eq!(get(&mut vm, "QVM_BLOCK_TIMESTAMP"), "1700000000\n");
    assert_eq!(
        get(&mut vm, "QVM_BLOCK_HASH"),
        format!("{}\n", "ab".repeat(32))
    );
    assert_eq!(get(&mut vm, "DB_QVM_INITIALIZED"), "true\n");
    assert_eq!(get(&mut vm, "DB_a"), "1\n");
    assert_eq!(get(&mut vm, "DB_missing"), "(unset)\n");
    assert_eq!(get(&mut vm, "QVM_READ_KEYS"), "a,missing\n");
    let r = vm
        .call_reading(c, &["get", "missing"], &["missing"])
        .unwrap();
    assert_eq!(r.output, "(none)\n");
    // Randomness differs per call index, repeats for the same one.
    let r1 = vm.engine.query(req(c, alice, &["rand"], 1)).unwrap().output;
    let r2 = vm.engine.query(req(c, alice, &["rand"], 2)).unwrap().output;
    assert_ne!(r1, r2);
    assert_eq!(
        r1,
        vm.engine.query(req(c, alice, &["rand"], 1)).unwrap().output
    );
    // Host calls reach the contract host (sha3_256 returns 0 on success).
    assert_eq!(
        vm.engine.query(req(c, alice, &["host"], 0)).unwrap().output,
        "0\n"
    );
}

fn req(contract: Address, caller: Address, args: &[&str], call_index: u64) -> CallRequest {
    CallRequest {
        contract,
        caller,
        args: args.iter().map(|s| s.to_string()).collect(),
        read_keys: vec![],
        gas_limit: 1_000_000_000,
        block: Default::default(),
        call_index,
    }
}

#[test]
fn deploy_addresses_and_failed_deploys() {
    let code = code_or_skip!(PROBE);
    let mut e = Engine::new(MemoryStore::new());
    let alice = Address::from_name("alice");
    let deploy = |args: &[&str]| DeployRequest {
        code: code.clone(),
        deployer: alice,
        args: args.iter().map(|s| s.to_string()).collect(),
        gas_limit: 1_000_000_000,
        block: Default::default(),
    };
    // A constructor that fails commits nothing, not even the nonce.
    let bad = e.deploy(deploy(&["QVM_x", "1"])).unwrap();
    assert!(!bad.receipt.success());
    assert!(e.store().contracts().unwrap().is_empty());
    assert_eq!(bad.receipt.state_root, [0; 32]);
    let d1 = e.deploy(deploy(&[])).unwrap();
    assert_eq!(d1.address, bad.address);
    assert_eq!(d1.address, Address::contract(&alice, 0, &sha3(&code)));
    let d2 = e.deploy(deploy(&[])).unwrap();
    assert_eq!(d2.address, Address::contract(&alice, 1, &sha3(&code)));
    assert_eq!(e.record(&d1.address).unwrap().vm_version, 1);
    // Not an ELF: an error, not a receipt.
    let mut not_elf = deploy(&[]);
    not_elf.code = b"hello".to_vec();
    assert!(e.deploy(not_elf).is_err());
    // Unknown contract.
    let err = e.query(req(Address::ZERO, alice, &[], 0)).unwrap_err();
    assert!(err.to_string().contains("no contract at address"), "{err}");
    // Bad read key.
    let mut r = req(d1.address, alice, &[], 0);
    r.read_keys = vec!["a=b".into()];
    assert!(e
        .query(r)
        .unwrap_err()
        .to_string()
        .contains("read key \"a=b\""));
}

#[test]
fn query_keeps_nothing() {
    let Some((vm, c)) = probe_vm() else { return };
    let root = vm.engine.state_root().unwrap();
    let r = vm.query(c, &["write", "q", "1"]).unwrap();
    assert!(r.success());
    assert_eq!(r.writes.get("q"), Some(&Some("1".to_string())));
    assert_eq!(r.state_root, root);
    vm.assert_state(c, "q", None);
}

/// The state root from the documented definition, computed here independently.
fn root_by_definition(contracts: &[(Address, Vec<u8>, BTreeMap<String, String>)]) -> [u8; 32] {
    let mut accounts: Vec<_> = contracts
        .iter()
        .map(|(a, code, state)| {
            let mut leaves: Vec<(Vec<u8>, [u8; 32])> = state
                .iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), storage_leaf(k, v)))
                .collect();
            leaves.sort();
            let sroot = merkle(&leaves.iter().map(|l| l.1).collect::<Vec<_>>());
            (a.0, account_leaf(a, 1, &sha3(code), &sroot))
        })
        .collect();
    accounts.sort();
    merkle(&accounts.iter().map(|a| a.1).collect::<Vec<_>>())
}

/// Runs a fixed scenario on `engine`; returns the roots after each step.
fn scenario<S: StateStore>(e: &mut Engine<S>, code: &[u8]) -> (Vec<[u8; 32]>, Vec<Address>) {
    let alice = Address::from_name("alice");
    let mut roots = vec![];
    let mut addrs = vec![];
    for i in 0..2 {
        let d = e
            .deploy(DeployRequest {
                code: code.to_vec(),
                deployer: alice,
                args: vec!["init".into(), format!("{i}")],
                gas_limit: 1_000_000_000,
                block: Default::default(),
            })
            .unwrap();
        roots.push(d.receipt.state_root);
        addrs.push(d.address);
    }
    for (i, args) in [
        &["write", "b", "2", "c", "3"][..],
        &["del", "init"],
        &["exit", "1"],
        &["write", "z", "9"],
    ]
    .iter()
    .enumerate()
    {
        let mut r = req(addrs[i % 2], alice, args, u64::try_from(i).unwrap());
        r.read_keys = vec!["b".into()];
        roots.push(e.call(r).unwrap().state_root);
    }
    (roots, addrs)
}

#[test]
fn state_root_is_deterministic_and_survives_reopening() {
    let code = code_or_skip!(PROBE);
    let (mem_roots, addrs) = scenario(&mut Engine::new(MemoryStore::new()), &code);
    let (mem_roots2, _) = scenario(&mut Engine::new(MemoryStore::new()), &code);
    assert_eq!(mem_roots, mem_roots2);
    // Every step changes the root except the reverted call.
    assert_ne!(mem_roots[0], mem_roots[1]);
    assert_eq!(mem_roots[4], mem_roots[3]);
    let dir = std::env::temp_dir().join(format!("qvm-contract-root-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.redb");
    let _ = std::fs::remove_file(&path);
    let mut e = Engine::new(RedbStore::open(&path).unwrap());
    let (redb_roots, _) = scenario(&mut e, &code);
    assert_eq!(redb_roots, mem_roots);
    let states: Vec<_> = addrs
        .iter()
        .map(|a| (*a, code.clone(), e.state(a).unwrap()))
        .collect();
    drop(e);
    let e = Engine::new(RedbStore::open(&path).unwrap());
    let root = e.state_root().unwrap();
    assert_eq!(root, *mem_roots.last().unwrap());
    assert_eq!(root, root_by_definition(&states));
    assert_eq!(states[1].2.get("z").map(String::as_str), Some("9"));
    // Proofs.
    let p = e.prove(&addrs[0], "b").unwrap().unwrap();
    assert!(p.verify(&root));
    let mut forged = p.clone();
    forged.value = "3".into();
    assert!(!forged.verify(&root));
    assert!(e.prove(&addrs[0], "nope").unwrap().is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn host_calls_reach_storage_events_and_hashes() {
    let code = code_or_skip!("contract/tests/guests/hostcalls.c");
    let mut vm = TestVm::new();
    let d = vm.deploy(&code, &[]).unwrap();
    assert!(d.receipt.success(), "{:?}", d.receipt);
    let c = d.address;
    vm.assert_state(c, "greeting", Some("hello"));
    // Reading through the host call needs no declared keys; a missing key is -ENOENT.
    let r = vm.call_reading(c, &["read"], &[]).unwrap();
    assert!(r.success(), "{r:?}");
    assert_eq!(r.output, "greeting=hello\nmissing=-2\n");
    let r = vm.call(c, &["write"]).unwrap();
    assert!(r.success(), "{r:?}");
    // SHA3-256("abc") starts with 3a985da7 (FIPS 202 test vector).
    assert_eq!(r.output, "3a985da7\n");
    assert_eq!(r.events.len(), 1, "{:?}", r.events);
    assert_eq!(r.events[0].topic.as_deref(), Some("topic-a"));
    vm.assert_state(c, "counter", Some("1"));
    vm.assert_state(c, "greeting", None);
    // A pointer into an unmapped page is -EFAULT, never a host access.
    let r = vm.call(c, &["badptr"]).unwrap();
    assert!(r.success(), "{r:?}");
    assert_eq!(r.output, "badptr=-14\n");
}

/// Calls through one engine reuse the contract's translated code (warm starts);
/// calls through a fresh engine each time start cold. Receipts — output, writes,
/// gas, state root — must be identical.
#[test]
fn warm_and_cold_calls_give_identical_receipts() {
    let code = code_or_skip!(PROBE);
    let alice = Address::from_name("alice");
    let deploy = || DeployRequest {
        code: code.clone(),
        deployer: alice,
        args: vec!["init".into(), "1".into()],
        gas_limit: 1_000_000_000,
        block: Default::default(),
    };
    let calls: [&[&str]; 5] = [
        &["write", "b", "2", "c", "3"],
        &["write", "b", "5"],
        &["del", "c"],
        &["exit", "1"],
        &["write", "z", "9"],
    ];
    let mut warm = Engine::new(MemoryStore::new());
    let addr = warm.deploy(deploy()).unwrap().address;
    let mut cold = Engine::new(MemoryStore::new());
    assert_eq!(cold.deploy(deploy()).unwrap().address, addr);
    for (i, args) in calls.iter().enumerate() {
        let idx = u64::try_from(i).unwrap();
        let w = warm.call(req(addr, alice, args, idx)).unwrap();
        // A fresh engine over the same store: no code kept from earlier calls.
        cold = Engine::new(cold.into_store());
        let c = cold.call(req(addr, alice, args, idx)).unwrap();
        assert_eq!(w, c, "call {i} ({args:?})");
    }
}
