// STL containers and algorithms: map, unordered_map (printed sorted), set, vector sort,
// string building, std::function, lambdas.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

int main() {
    uint64_t s = 7;
    auto rnd = [&s] { s = s * 6364136223846793005ULL + 1442695040888963407ULL; return s >> 33; };
    std::map<std::string, int> m;
    std::unordered_map<uint64_t, int> um;
    std::set<int> st;
    std::vector<int> v;
    for (int i = 0; i < 20000; i++) {
        uint64_t r = rnd();
        m["k" + std::to_string(r % 500)] += 1;
        um[r % 777]++;
        st.insert((int)(r % 10000));
        v.push_back((int)(r % 100000) - 50000);
    }
    std::sort(v.begin(), v.end());
    std::vector<std::pair<uint64_t, int>> items(um.begin(), um.end());
    std::sort(items.begin(), items.end());
    long long acc = std::accumulate(v.begin(), v.end(), 0LL);
    std::printf("map %zu first %s=%d last %s=%d\n", m.size(), m.begin()->first.c_str(), m.begin()->second,
                m.rbegin()->first.c_str(), m.rbegin()->second);
    std::printf("umap %zu item0 %llu=%d set %zu min %d max %d\n", um.size(), (unsigned long long)items[0].first,
                items[0].second, st.size(), *st.begin(), *st.rbegin());
    std::printf("vector sum %lld median %d unique %td\n", acc, v[v.size() / 2],
                std::unique(v.begin(), v.end()) - v.begin());
    std::ostringstream os;
    for (int i = 0; i < 10; i++) os << i * i << (i < 9 ? "," : "");
    std::printf("%s\n", os.str().c_str());
    std::function<long(int)> fib = [&](int n) -> long { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
    std::printf("fib(22) %ld\n", fib(22));
    std::string text = "the quick brown fox jumps over the lazy dog the end";
    std::istringstream is(text);
    std::map<std::string, int> wc;
    for (std::string w; is >> w;) wc[w]++;
    for (auto &kv : wc) std::printf("%s:%d ", kv.first.c_str(), kv.second);
    std::printf("\n");
    return 0;
}
