#include "core/mysql/binlog/binlogrowdecoder.h"

#include "core/model/errors.h"
#include "core/mysql/binlog/binlogjson.h"

#include <cstring>

namespace flowdeck {

namespace {

using namespace binlogtype;

std::uint64_t bigEndian(const std::uint8_t *p, std::size_t n)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v = v << 8 | p[i];
    return v;
}

const int kDigitBytes[10] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

// Appends `v` in decimal, zero-padded to at least `width` digits (printf is too slow here).
void appendNumber(std::string &out, std::uint64_t v, int width)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        buf[n++] = '0';
    while (n)
        out += buf[--n];
}

// NEWDECIMAL: big-endian groups of 9 digits in 4 bytes (a partial group in fewer bytes), the sign
// in the inverted top bit, negative numbers with all bytes inverted.
Value decodeDecimal(std::uint16_t meta, BinlogCursor &c)
{
    const int precision = meta >> 8, scale = meta & 0xff;
    // The metadata comes from the TABLE_MAP event: a scale above the precision (or beyond MySQL's
    // 65/38) would index the digit tables out of bounds.
    if (precision < 1 || precision > 65 || scale > 38 || scale > precision)
        c.fail("bad DECIMAL precision " + std::to_string(precision) + "," + std::to_string(scale));
    const int intg = precision - scale;
    const int intg0 = intg / 9, intg0x = intg % 9, frac0 = scale / 9, frac0x = scale % 9;
    const std::size_t size = std::size_t(intg0 * 4 + kDigitBytes[intg0x] + frac0 * 4 + kDigitBytes[frac0x]);
    std::uint8_t buf[80];
    if (size == 0 || size > sizeof buf)
        c.fail("bad DECIMAL precision");
    std::memcpy(buf, c.take(size), size);
    const bool negative = !(buf[0] & 0x80);
    buf[0] ^= 0x80;
    if (negative)
        for (std::size_t i = 0; i < size; ++i)
            buf[i] = std::uint8_t(~buf[i]);
    const std::uint8_t *p = buf;
    std::string digits;
    if (intg0x) {
        appendNumber(digits, bigEndian(p, std::size_t(kDigitBytes[intg0x])), 0);
        p += kDigitBytes[intg0x];
    }
    for (int i = 0; i < intg0; ++i, p += 4)
        appendNumber(digits, bigEndian(p, 4), 9);
    const std::size_t firstDigit = digits.find_first_not_of('0');
    std::string out = firstDigit == std::string::npos ? std::string("0") : digits.substr(firstDigit);
    if (scale) {
        out += '.';
        for (int i = 0; i < frac0; ++i, p += 4)
            appendNumber(out, bigEndian(p, 4), 9);
        if (frac0x)
            appendNumber(out, bigEndian(p, std::size_t(kDigitBytes[frac0x])), frac0x);
    }
    if (negative && out.find_first_not_of("0.") != std::string::npos)
        out.insert(out.begin(), '-');
    return Value::decimal(std::move(out));
}

// Fractional seconds of DATETIME2/TIMESTAMP2 as microseconds.
std::uint32_t readFraction(int fsp, BinlogCursor &c)
{
    const int bytes = (fsp + 1) / 2;
    if (bytes == 0)
        return 0;
    const std::uint64_t v = bigEndian(c.take(std::size_t(bytes)), std::size_t(bytes));
    return std::uint32_t(bytes == 1 ? v * 10000 : bytes == 2 ? v * 100 : v);
}

void appendFraction(std::string &out, int fsp, std::uint32_t micros)
{
    if (fsp <= 0)
        return;
    const int digits = fsp > 6 ? 6 : fsp;
    static const std::uint32_t kScale[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};
    out += '.';
    appendNumber(out, micros / kScale[digits], digits);
}

std::string dateTimeText(long long year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                         unsigned second, int fsp, std::uint32_t micros)
{
    std::string out;
    out.reserve(26);
    appendNumber(out, std::uint64_t(year < 0 ? 0 : year), 4);
    out += '-';
    appendNumber(out, month, 2);
    out += '-';
    appendNumber(out, day, 2);
    out += ' ';
    appendNumber(out, hour, 2);
    out += ':';
    appendNumber(out, minute, 2);
    out += ':';
    appendNumber(out, second, 2);
    appendFraction(out, fsp, micros);
    return out;
}

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
void civilFromDays(long long z, long long &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

Value decodeTime2(int fsp, BinlogCursor &c)
{
    constexpr std::int64_t kIntOffset = 0x800000;
    std::int64_t packed = 0;
    if (fsp >= 5) {
        packed = std::int64_t(bigEndian(c.take(6), 6)) - 0x800000000000LL;
    } else {
        std::int64_t intPart = std::int64_t(bigEndian(c.take(3), 3)) - kIntOffset;
        std::int64_t frac = 0;
        if (fsp >= 3) {
            frac = std::int64_t(bigEndian(c.take(2), 2));
            if (intPart < 0 && frac) {
                ++intPart;
                frac -= 0x10000;
            }
            frac *= 100;
        } else if (fsp >= 1) {
            frac = *c.take(1);
            if (intPart < 0 && frac) {
                ++intPart;
                frac -= 0x100;
            }
            frac *= 10000;
        }
        packed = intPart * (1LL << 24) + frac;
    }
    const bool negative = packed < 0;
    if (negative)
        packed = -packed;
    const std::uint64_t hms = std::uint64_t(packed) >> 24;
    const std::uint32_t micros = std::uint32_t(packed % (1LL << 24));
    std::string out;
    if (negative)
        out += '-';
    appendNumber(out, (hms >> 12) % 1024, 2);
    out += ':';
    appendNumber(out, (hms >> 6) % 64, 2);
    out += ':';
    appendNumber(out, hms % 64, 2);
    appendFraction(out, fsp, micros);
    return Value::time(std::move(out));
}

bool isLatin1(int charsetId)
{
    switch (charsetId) {
    case 5: case 8: case 15: case 31: case 47: case 48: case 49: case 94:
        return true;
    default:
        return false;
    }
}

Value textValue(const BinlogColumn &column, const std::uint8_t *p, std::size_t n)
{
    if (column.charsetId == 63)
        return Value::bytes(std::string(reinterpret_cast<const char *>(p), n));
    if (!isLatin1(column.charsetId))
        return Value::text(std::string(reinterpret_cast<const char *>(p), n));
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (p[i] < 0x80) {
            out += char(p[i]);
        } else {
            out += char(0xC0 | (p[i] >> 6));
            out += char(0x80 | (p[i] & 0x3F));
        }
    }
    return Value::text(std::move(out));
}

Value integerValue(const BinlogColumn &column, std::uint64_t raw, int bytes)
{
    if (column.isUnsigned)
        return Value::unsignedInteger(raw);
    const int shift = 64 - 8 * bytes;
    return Value::integer(static_cast<std::int64_t>(raw << shift) >> shift);
}

} // namespace

Value BinlogRowDecoder::decodeValue(const BinlogColumn &column, BinlogCursor &c)
{
    switch (column.type) {
    case Tiny: return integerValue(column, c.uint(1), 1);
    case Short: return integerValue(column, c.uint(2), 2);
    case Int24: return integerValue(column, c.uint(3), 3);
    case Long: return integerValue(column, c.uint(4), 4);
    case LongLong: return integerValue(column, c.uint(8), 8);
    case Year: {
        const std::uint64_t y = c.uint(1);
        return Value::integer(y ? std::int64_t(y) + 1900 : 0);
    }
    case Float: {
        const std::uint32_t bits = std::uint32_t(c.uint(4));
        float f;
        std::memcpy(&f, &bits, sizeof f);
        return Value::floating(double(f));
    }
    case Double: {
        const std::uint64_t bits = c.uint(8);
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return Value::floating(d);
    }
    case NewDecimal:
        return decodeDecimal(column.meta, c);
    case Date: case NewDate: {
        const std::uint64_t v = c.uint(3);
        std::string out;
        appendNumber(out, v >> 9, 4);
        out += '-';
        appendNumber(out, (v >> 5) & 15, 2);
        out += '-';
        appendNumber(out, v & 31, 2);
        return Value::date(std::move(out));
    }
    case Time2:
        return decodeTime2(column.meta, c);
    case Time: { // pre-5.6 format (mysql56_temporal_format=OFF): signed HHMMSS in 3 bytes
        std::int64_t v = static_cast<std::int64_t>(c.uint(3) << 40) >> 40;
        std::string out;
        if (v < 0) {
            out += '-';
            v = -v;
        }
        appendNumber(out, std::uint64_t(v / 10000), 2);
        out += ':';
        appendNumber(out, std::uint64_t(v / 100 % 100), 2);
        out += ':';
        appendNumber(out, std::uint64_t(v % 100), 2);
        return Value::time(std::move(out));
    }
    case DateTime: { // pre-5.6 format: YYYYMMDDhhmmss as an 8-byte integer
        const std::uint64_t v = c.uint(8);
        const std::uint64_t date = v / 1000000, time = v % 1000000;
        return Value::dateTime(dateTimeText(static_cast<long long>(date / 10000), unsigned(date / 100 % 100),
                                            unsigned(date % 100), unsigned(time / 10000), unsigned(time / 100 % 100),
                                            unsigned(time % 100), 0, 0));
    }
    case Timestamp: { // pre-5.6 format: seconds since the epoch, 4 bytes little-endian
        const std::uint64_t seconds = c.uint(4);
        if (seconds == 0)
            return Value::dateTime(dateTimeText(0, 0, 0, 0, 0, 0, 0, 0));
        long long y;
        unsigned m, d;
        civilFromDays(static_cast<long long>(seconds / 86400), y, m, d);
        const unsigned sec = unsigned(seconds % 86400);
        return Value::dateTime(dateTimeText(y, m, d, sec / 3600, sec / 60 % 60, sec % 60, 0, 0));
    }
    case DateTime2: {
        const std::uint64_t packed = bigEndian(c.take(5), 5) - 0x8000000000ULL;
        const std::uint32_t micros = readFraction(column.meta, c);
        const std::uint64_t ymd = packed >> 17, hms = packed % (1 << 17);
        const std::uint64_t ym = ymd >> 5;
        return Value::dateTime(dateTimeText(static_cast<long long>(ym / 13), unsigned(ym % 13), unsigned(ymd % 32),
                                            unsigned(hms >> 12), unsigned((hms >> 6) % 64), unsigned(hms % 64),
                                            column.meta, micros));
    }
    case Timestamp2: {
        const std::uint64_t seconds = bigEndian(c.take(4), 4);
        const std::uint32_t micros = readFraction(column.meta, c);
        if (seconds == 0 && micros == 0)
            return Value::dateTime(dateTimeText(0, 0, 0, 0, 0, 0, column.meta, 0));
        long long y;
        unsigned m, d;
        civilFromDays(static_cast<long long>(seconds / 86400), y, m, d);
        const unsigned s = unsigned(seconds % 86400);
        return Value::dateTime(dateTimeText(y, m, d, s / 3600, s / 60 % 60, s % 60, column.meta, micros));
    }
    case Bit: {
        const std::size_t bytes = (column.meta & 0xff) + ((column.meta >> 8) ? 1 : 0);
        return Value::unsignedInteger(bigEndian(c.take(bytes), bytes));
    }
    case Enum: {
        const std::uint64_t index = c.uint(column.meta == 2 ? 2 : 1);
        if (index >= 1 && index <= column.labels.size())
            return Value::text(column.labels[index - 1]);
        return Value::text(index == 0 || column.labels.empty() ? std::string() : std::to_string(index));
    }
    case Set: {
        const std::size_t bytes = column.meta ? column.meta : 1;
        const std::uint64_t bits = c.uint(bytes > 8 ? 8 : bytes);
        std::string out;
        for (std::size_t i = 0; i < 64; ++i) {
            if (!((bits >> i) & 1))
                continue;
            if (!out.empty())
                out += ',';
            out += i < column.labels.size() ? column.labels[i] : std::to_string(i + 1);
        }
        return Value::text(std::move(out));
    }
    case VarChar: case VarString: {
        const std::size_t length = std::size_t(c.uint(column.meta > 255 ? 2 : 1));
        return textValue(column, c.take(length), length);
    }
    case String: {
        const std::size_t length = std::size_t(c.uint(column.meta > 255 ? 2 : 1));
        Value v = textValue(column, c.take(length), length);
        // BINARY(n) is logged without its trailing 0x00 bytes: pad it back to n bytes. (CHAR
        // loses its trailing spaces, as SELECT does.)
        if (v.type() == ValueType::Bytes && v.str().size() < column.meta)
            v.mutableStr().resize(column.meta, '\0');
        return v;
    }
    case Json: { // MySQL's binary JSON (MariaDB logs JSON columns as LONGTEXT, a Blob)
        const std::size_t lengthBytes = column.meta >= 1 && column.meta <= 4 ? column.meta : 4;
        const std::size_t length = std::size_t(c.uint(lengthBytes));
        const std::uint8_t *p = c.take(length);
        std::string text, error;
        if (!mysqlBinaryJsonToText({reinterpret_cast<const char *>(p), length}, text, error))
            c.fail(error);
        return Value::text(std::move(text));
    }
    case Blob: case TinyBlob: case MediumBlob: case LongBlob: case Geometry: {
        const std::size_t lengthBytes = column.meta >= 1 && column.meta <= 4 ? column.meta : 4;
        const std::size_t length = std::size_t(c.uint(lengthBytes));
        BinlogColumn binary = column;
        if (column.type == Geometry)
            binary.charsetId = 63;
        return textValue(binary, c.take(length), length);
    }
    case Null:
        return Value::null();
    default:
        c.fail("unsupported column type " + std::to_string(column.type));
    }
}

namespace {

// One row image: the NULL bitmap over the present columns, then their non-NULL values.
void decodeImage(const BinlogTableMap &table, const std::uint8_t *present, std::size_t presentCount,
                 BinlogCursor &c, std::vector<Value> &row)
{
    const std::size_t n = table.columns.size();
    row.assign(n, Value::null());
    const std::uint8_t *nulls = c.take((presentCount + 7) / 8);
    std::size_t bit = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!((present[i / 8] >> (i % 8)) & 1))
            continue;
        const bool isNull = (nulls[bit / 8] >> (bit % 8)) & 1;
        ++bit;
        if (!isNull)
            row[i] = BinlogRowDecoder::decodeValue(table.columns[i], c);
    }
}

std::size_t countBits(const std::uint8_t *bitmap, std::size_t n)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i)
        count += (bitmap[i / 8] >> (i % 8)) & 1;
    return count;
}

} // namespace

void BinlogRowDecoder::decode(const BinlogTableMap &table, std::uint8_t eventType, const std::uint8_t *body,
                              std::size_t size, std::vector<BinlogRowChange> &out)
{
    BinlogCursor c(body, size, "ROWS");
    c.uint(6); // table id
    c.uint(2); // flags
    const bool v2 = eventType >= 30 && eventType <= 32;
    if (v2) {
        const std::size_t extra = std::size_t(c.uint(2));
        if (extra < 2)
            c.fail("bad extra data length");
        c.take(extra - 2);
    }
    const int kind = v2 ? eventType - 30 : eventType - 23; // 0 write, 1 update, 2 delete
    const std::uint64_t count = c.packed();
    if (count != table.columns.size())
        c.fail("has " + std::to_string(count) + " columns, its TABLE_MAP " + std::to_string(table.columns.size()));
    const std::size_t bitmapBytes = (count + 7) / 8;
    const std::uint8_t *present = c.take(bitmapBytes);
    const std::uint8_t *presentAfter = kind == 1 ? c.take(bitmapBytes) : present;
    const std::size_t presentCount = countBits(present, count);
    const std::size_t presentAfterCount = countBits(presentAfter, count);
    while (c.remaining() > 0) {
        // An image of zero present columns takes no bytes: the loop would never end.
        const std::size_t before = c.remaining();
        BinlogRowChange &change = out.emplace_back();
        if (kind == 0) {
            decodeImage(table, present, presentCount, c, change.after);
        } else if (kind == 1) {
            decodeImage(table, present, presentCount, c, change.before);
            decodeImage(table, presentAfter, presentAfterCount, c, change.after);
        } else {
            decodeImage(table, present, presentCount, c, change.before);
        }
        if (c.remaining() == before)
            c.fail("rows of no columns, with bytes left over");
    }
}

} // namespace flowdeck
