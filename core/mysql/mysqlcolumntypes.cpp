#include "core/mysql/mysqlcolumntypes.h"

#include <arpa/inet.h>

#include <array>

namespace flowdeck {

bool isSpatialDataType(std::string_view t)
{
    return t == "geometry" || t == "point" || t == "linestring" || t == "polygon" || t == "multipoint"
        || t == "multilinestring" || t == "multipolygon" || t == "geometrycollection";
}

bool isBinaryDataType(std::string_view t)
{
    return t == "binary" || t == "varbinary" || t.ends_with("blob") || isSpatialDataType(t);
}

namespace {

std::string inet6Text(const std::string &bytes)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(AF_INET6, bytes.data(), text, sizeof text))
        return bytes;
    return text;
}

std::string uuidText(const std::string &rec)
{
    const auto *s = reinterpret_cast<const unsigned char *>(rec.data());
    // Record form of a swapped (time-based) UUID: node(6) clock_seq(2) time_hi(2) time_mid(2)
    // time_low(4); its variant byte is at 6 and its version byte at 8.
    std::array<unsigned char, 16> mem{};
    const bool swapped = (s[6] & 0x80) && s[8] > 0 && s[8] < 0x60;
    if (swapped) {
        std::copy(s + 12, s + 16, mem.begin());
        std::copy(s + 10, s + 12, mem.begin() + 4);
        std::copy(s + 8, s + 10, mem.begin() + 6);
        std::copy(s + 6, s + 8, mem.begin() + 8);
        std::copy(s, s + 6, mem.begin() + 10);
    } else {
        std::copy(s, s + 16, mem.begin());
    }
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += kDigits[mem[std::size_t(i)] >> 4];
        out += kDigits[mem[std::size_t(i)] & 15];
    }
    return out;
}

} // namespace

bool hasFixedBinaryTextTypes(const TableInfo &info)
{
    for (const ColumnInfo &c : info.columns)
        if (c.dataType == "inet6" || c.dataType == "uuid")
            return true;
    return false;
}

void textifyFixedBinaryTypes(const TableInfo &info, std::vector<Value> &values)
{
    for (std::size_t i = 0; i < values.size() && i < info.columns.size(); ++i) {
        const std::string &type = info.columns[i].dataType;
        if (type != "inet6" && type != "uuid")
            continue;
        Value &v = values[i];
        if (!v.isStringLike() || v.str().size() != 16)
            continue;
        v = Value::text(type == "inet6" ? inet6Text(v.str()) : uuidText(v.str()));
    }
}

std::string quoteMember(std::string_view member)
{
    std::string out = "'";
    for (char c : member) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    return out + '\'';
}

} // namespace flowdeck
