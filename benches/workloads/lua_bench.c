/* Lua 5.4 interpreter (Debian's liblua5.4.a) running a CPU-bound script.
 * argv[1]: scale (default 1). Prints the script's results. */
#include <stdio.h>
#include <stdlib.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static const char *script =
"local N = SCALE\n"
"local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\n"
"local f = 0\n"
"for i = 1, N do f = f + fib(24) end\n"
"-- tables: build, sort, sum\n"
"local t = {}\n"
"local x = 12345\n"
"for i = 1, 60000 * N do x = (x * 1103515245 + 12345) % 2147483648; t[i] = x end\n"
"table.sort(t)\n"
"local s = 0\n"
"for i = 1, #t, 7 do s = (s + t[i]) % 1000000007 end\n"
"-- strings: format, concat, gsub, hashing into a table\n"
"local words = {}\n"
"for i = 1, 40000 * N do\n"
"  local w = string.format('w%05d', (i * 7919) % 9973)\n"
"  words[w] = (words[w] or 0) + 1\n"
"end\n"
"local parts = {}\n"
"for k, v in pairs(words) do if v > 1 then parts[#parts + 1] = k end end\n"
"table.sort(parts)\n"
"local joined = table.concat(parts, ',')\n"
"local replaced = select(2, joined:gsub('w0', 'W'))\n"
"-- floating point\n"
"local acc = 0.0\n"
"for i = 1, 300000 * N do acc = acc + math.sin(i * 0.001) * math.sqrt(i) end\n"
"print(string.format('fib=%d sorted=%d words=%d dup=%d repl=%d len=%d acc=%.6f', f, s, #t, #parts, replaced, #joined, acc))\n";

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_pushinteger(L, scale);
    lua_setglobal(L, "SCALE");
    if (luaL_dostring(L, script) != LUA_OK) {
        fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
        return 1;
    }
    lua_close(L);
    return 0;
}
