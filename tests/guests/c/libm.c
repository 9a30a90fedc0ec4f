/* libm (double): sin cos tan exp log log10 log2 pow sqrt cbrt atan2 asin acos atan sinh
 * cosh tanh hypot fmod remainder floor ceil round trunc rint nearbyint lrint llround
 * frexp ldexp modf expm1 log1p erf tgamma at many arguments, printed with %.17g. */
#include <stdio.h>
#include <math.h>
#include <fenv.h>
#include <float.h>

static const double args[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, 2.0, 2.5, -2.5, 3.0, 3.5,
    0.1, 0.7853981633974483, 1.5707963267948966, 3.141592653589793, 6.283185307179586, 10.0,
    -10.0, 100.0, 1e-10, 1e-300, 5e-324, 1e10, 1e22, 1e300, 710.0, -745.0, 0.999999, 1.000001,
    123.456, -7.25, 1e6 + 0.5, 4503599627370495.5, 9007199254740991.0, INFINITY, -INFINITY, NAN};
#define N (sizeof args / sizeof *args)

typedef double (*f1)(double);
static const struct { const char *name; f1 f; } fns[] = {
    {"sin", sin}, {"cos", cos}, {"tan", tan}, {"exp", exp}, {"exp2", exp2}, {"expm1", expm1},
    {"log", log}, {"log10", log10}, {"log2", log2}, {"log1p", log1p}, {"sqrt", sqrt},
    {"cbrt", cbrt}, {"asin", asin}, {"acos", acos}, {"atan", atan}, {"sinh", sinh},
    {"cosh", cosh}, {"tanh", tanh}, {"floor", floor}, {"ceil", ceil}, {"round", round},
    {"trunc", trunc}, {"rint", rint}, {"nearbyint", nearbyint}, {"fabs", fabs}, {"erf", erf},
    {"tgamma", tgamma}, {"lgamma", lgamma}, {"asinh", asinh}, {"atanh", atanh}, {"logb", logb},
};

int main(void) {
    for (size_t k = 0; k < sizeof fns / sizeof *fns; k++) {
        printf("%s:", fns[k].name);
        for (size_t i = 0; i < N; i++) printf(" %.17g", fns[k].f(args[i]));
        printf("\n");
    }
    for (size_t i = 0; i < N; i += 2)
        for (size_t j = 1; j < N; j += 3)
            printf("%.17g,%.17g: pow %.17g atan2 %.17g fmod %.17g rem %.17g hypot %.17g fmin %.17g copysign %.17g\n",
                   args[i], args[j], pow(args[i], args[j]), atan2(args[i], args[j]),
                   fmod(args[i], args[j]), remainder(args[i], args[j]), hypot(args[i], args[j]),
                   fmin(args[i], args[j]), copysign(args[i], args[j]));
    for (size_t i = 0; i < N; i++) {
        if (!isfinite(args[i]) || fabs(args[i]) > 1e18) continue;
        int e; double ip;
        double m = frexp(args[i], &e);
        double fr = modf(args[i], &ip);
        printf("%.17g: frexp %.17g %d ldexp %.17g modf %.17g %.17g lrint %ld llround %lld ilogb %d\n",
               args[i], m, e, ldexp(args[i], 7), fr, ip, lrint(args[i]), llround(args[i]), ilogb(args[i]));
    }
    /* a dense sweep */
    double acc = 0;
    for (int i = -2000; i <= 2000; i++) {
        double x = i * 0.01237;
        acc += sin(x) * 3 + cos(x) * 5 + exp(x / 100) + log(fabs(x) + 1) + atan(x) + sqrt(fabs(x)) + pow(fabs(x), 0.37);
    }
    printf("sweep %.17g\n", acc);
    /* rounding modes */
    int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    const char *mn[] = {"nearest", "up", "down", "zero"};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 1.0, b = 3.0;
        printf("%s: 1/3 %.17g rint(2.5) %.17g rint(-2.5) %.17g lrint(-1.5) %ld sqrt2 %.17g\n", mn[m], a / b,
               rint(2.5), rint(-2.5), lrint(-1.5), sqrt(2.0 * a));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0, one = 1.0;
    volatile double r = one / z;
    printf("1/0 = %g divbyzero flag %d\n", r, fetestexcept(FE_DIVBYZERO) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = z / z;
    printf("0/0 = %g invalid flag %d\n", r, fetestexcept(FE_INVALID) != 0);
    feclearexcept(FE_ALL_EXCEPT);
    r = DBL_MAX * (one + one);
    printf("overflow %g flag %d inexact %d\n", r, fetestexcept(FE_OVERFLOW) != 0, fetestexcept(FE_INEXACT) != 0);
    return 0;
}
