//! A fungible token in Rust: balances, transfer, allowances.
//!
//! ```text
//! construct SUPPLY                               -> bal:<deployer> = supply = SUPPLY
//! transfer TO AMOUNT            reads bal:<caller>, bal:<TO>
//! approve SPENDER AMOUNT        (no reads)       -> allow:<caller>:<SPENDER>
//! transfer_from FROM TO AMOUNT  reads allow:<FROM>:<caller>, bal:<FROM>, bal:<TO>
//! balance ADDR                  reads bal:<ADDR>
//! ```
//!
//! Build: rustc --edition 2021 -O -C target-feature=+crt-static token.rs -o token

#[path = "../../sdk/rust/src/lib.rs"]
#[allow(dead_code)]
mod qvm;

fn amount(s: &str) -> u128 {
    s.parse().unwrap_or_else(|_| qvm::revert(&format!("{s:?} is not an amount")))
}

fn address(s: &str) -> String {
    let s = s.strip_prefix("0x").unwrap_or(s).to_ascii_lowercase();
    if s.len() != 40 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        qvm::revert(&format!("{s:?} is not an address"));
    }
    s
}

fn bal(who: &str) -> String {
    format!("bal:{who}")
}

fn move_tokens(from: &str, to: &str, n: u128) {
    let from_bal = qvm::get_u128(&bal(from));
    if from_bal < n {
        qvm::revert(&format!("insufficient balance: {from} has {from_bal}, needs {n}"));
    }
    if from == to {
        return;
    }
    let to_bal = qvm::get_u128(&bal(to));
    qvm::set(&bal(from), &(from_bal - n).to_string());
    qvm::set(&bal(to), &(to_bal.checked_add(n).unwrap_or_else(|| qvm::revert("overflow"))).to_string());
    qvm::event(&format!("transfer {from} {to} {n}"));
}

fn main() {
    let args = qvm::args();
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let caller = qvm::caller();
    if qvm::is_construct() {
        let supply = amount(a.get(1).copied().unwrap_or("0"));
        qvm::set("supply", &supply.to_string());
        qvm::set(&bal(&caller), &supply.to_string());
        return;
    }
    match a.as_slice() {
        ["transfer", to, n] => move_tokens(&caller, &address(to), amount(n)),
        ["approve", spender, n] => {
            let spender = address(spender);
            qvm::set(&format!("allow:{caller}:{spender}"), &amount(n).to_string());
            qvm::event(&format!("approve {caller} {spender} {}", amount(n)));
        }
        ["transfer_from", from, to, n] => {
            let (from, to, n) = (address(from), address(to), amount(n));
            let key = format!("allow:{from}:{caller}");
            let allowed = qvm::get_u128(&key);
            if allowed < n {
                qvm::revert(&format!("allowance exceeded: {allowed} < {n}"));
            }
            qvm::set(&key, &(allowed - n).to_string());
            move_tokens(&from, &to, n);
        }
        ["balance", who] => qvm::output(&qvm::get_u128(&bal(&address(who))).to_string()),
        ["supply"] => qvm::output(&qvm::get_u128("supply").to_string()),
        _ => qvm::revert("usage: transfer TO N | approve SPENDER N | transfer_from FROM TO N | balance ADDR | supply"),
    }
}
