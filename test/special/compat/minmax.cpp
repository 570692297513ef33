// Item 5 in C++: min and max are macros after <windows.h>, as in the SDK,
// and the C++ standard headers still compile after it in any order (they
// are shielded, as MSVC's library is).  MINMAX_NOMINMAX: the program asks
// for none; then std::min is usable unparenthesised.
// COMPAT_VARIANTS: | -DMINMAX_NOMINMAX | -D_WIN32
#include <string>
#ifdef MINMAX_NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <winsock2.h>
#include <algorithm>
#include <limits>
#include <vector>
#include <map>
#include <chrono>
#include <thread>
#include <mutex>
#include <sstream>
#include <iostream>
#include <functional>
#include <memory>
#include <cmath>
#include <math.h>
#include <cstdlib>

int main()
{
    std::vector<int> v;
    v.push_back(3);
    v.push_back(1);
    std::sort(v.begin(), v.end());
    std::ostringstream os;
    os << v[0];
#ifdef MINMAX_NOMINMAX
#ifdef min
#error "NOMINMAX: no min macro"
#endif
    int lo = std::min(v[0], v[1]), hi = std::max(v[0], v[1]);
    int big = std::numeric_limits<int>::max();
#else
#ifndef min
#error "windows.h defines min unless NOMINMAX"
#endif
    int lo = min(v[0], v[1]), hi = max(v[0], v[1]);
    int big = (std::numeric_limits<int>::max)(); // the Windows idiom
    lo = (std::min)(lo, 5);
#endif
    std::mutex m;
    std::lock_guard<std::mutex> g(m);
    return (lo == 1 && hi == 3 && big > 0 && os.str() == "1" && std::abs(-1) == 1) ? 0 : 1;
}
