#include "core/model/base64.h"

#include <array>

namespace flowdeck {

bool base64Decode(std::string_view in, std::string &out)
{
    static const auto table = [] {
        std::array<int, 256> t{};
        t.fill(-1);
        const char *chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i)
            t[static_cast<unsigned char>(chars[i])] = i;
        return t;
    }();
    out.clear();
    if (in.size() % 4 != 0)
        return false;
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '=') // padding only at the end
            return i + 2 >= in.size() && (i + 1 == in.size() || in[i + 1] == '=');
        const int v = table[static_cast<unsigned char>(in[i])];
        if (v < 0)
            return false;
        buffer = (buffer << 6) | unsigned(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((buffer >> bits) & 0xFF));
        }
    }
    return true;
}

} // namespace flowdeck
