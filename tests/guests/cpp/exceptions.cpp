// C++ exceptions (throw through frames, catch by base, rethrow, destructors run),
// RTTI and dynamic_cast, std::string and iostream output.
#include <iostream>
#include <stdexcept>
#include <string>
#include <memory>
#include <vector>

struct Tracer {
    std::string name;
    explicit Tracer(std::string n) : name(std::move(n)) { std::cout << "ctor " << name << "\n"; }
    ~Tracer() { std::cout << "dtor " << name << "\n"; }
};
struct MyError : std::runtime_error { int code; MyError(const std::string &m, int c) : std::runtime_error(m), code(c) {} };
struct Base { virtual ~Base() = default; virtual int f() const { return 1; } };
struct Derived : Base { int f() const override { return 2; } };

__attribute__((noinline)) static int thrower(int depth) {
    Tracer t("frame" + std::to_string(depth));
    if (depth == 0) throw MyError("bottom reached", 7);
    return thrower(depth - 1) + 1;
}

int main() {
    try { thrower(3); } catch (const std::exception &e) {
        std::cout << "caught: " << e.what() << " code " << dynamic_cast<const MyError &>(e).code << "\n";
    }
    int caught = 0;
    for (int i = 0; i < 1000; i++) {
        try { if (i % 3 == 0) throw i; if (i % 3 == 1) throw std::string("s"); throw 1.5; }
        catch (int v) { caught += v; } catch (const std::string &s) { caught += (int)s.size(); } catch (...) { caught -= 1; }
    }
    std::cout << "caught sum " << caught << "\n";
    try { try { throw std::out_of_range("inner"); } catch (const std::logic_error &) { std::cout << "rethrowing\n"; throw; } }
    catch (const std::out_of_range &e) { std::cout << "outer got " << e.what() << "\n"; }
    std::vector<std::unique_ptr<Base>> v;
    for (int i = 0; i < 10; i++) v.push_back(i % 2 ? std::unique_ptr<Base>(new Derived) : std::make_unique<Base>());
    int s = 0, d = 0;
    for (auto &p : v) { s += p->f(); d += dynamic_cast<Derived *>(p.get()) != nullptr; }
    std::cout << "virtual sum " << s << " derived " << d << " " << typeid(*v[1]).name() << "\n";
    try { std::vector<int> x(3); (void)x.at(5); } catch (const std::out_of_range &) { std::cout << "at() threw\n"; }
    std::cout << 3.25 << " " << 1e100 << " " << -0.0 << " " << std::hex << 255 << std::dec << " " << 42 << std::endl;
    return 0;
}
