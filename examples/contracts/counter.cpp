// A counter in C++ with an owner and a history: shows std::string, std::map and
// exceptions (an exception that escapes is a revert).
//
//   construct [START]   -> owner = deployer, count = START
//   inc [N]             reads count            -> count += N, event
//   reset               reads owner            -> only the owner; deletes count
//   get                 reads count            -> prints count
//
// Build: g++ -static -O2 -I ../../sdk/c counter.cpp -o counter
#include "qvm.h"

#include <map>
#include <stdexcept>
#include <string>

static unsigned long long parse(const std::string &s) {
    size_t used = 0;
    unsigned long long n = std::stoull(s, &used);
    if (used != s.size()) throw std::invalid_argument("not a number: " + s);
    return n;
}

int main(int argc, char **argv) {
    try {
        std::string cmd = argc > 1 ? argv[1] : "";
        if (qvm_is_construct(argc, argv)) {
            qvm_set("owner", qvm_caller());
            qvm_set_u64("count", argc > 2 ? parse(argv[2]) : 0);
            return 0;
        }
        std::map<std::string, int> arity = {{"inc", 0}, {"reset", 0}, {"get", 0}};
        if (!arity.count(cmd)) throw std::runtime_error("unknown command '" + cmd + "'");
        if (cmd == "inc") {
            unsigned long long by = argc > 2 ? parse(argv[2]) : 1;
            unsigned long long n = qvm_get_u64("count") + by;
            qvm_set_u64("count", n);
            qvm_event("count %llu", n);
        } else if (cmd == "reset") {
            const char *owner = qvm_get("owner");
            if (!owner || std::string(owner) != qvm_caller()) throw std::runtime_error("only the owner may reset");
            qvm_del("count");
        } else {
            std::printf("%llu\n", qvm_get_u64("count"));
        }
    } catch (const std::exception &e) {
        qvm_revert("%s", e.what());
    }
    return 0;
}
