#include "core/mysql/binlog/binlogtablemap.h"

#include "core/model/errors.h"

namespace flowdeck {

namespace {

// Optional metadata field types (MySQL's Table_map_log_event::Optional_metadata_field_type).
enum : std::uint8_t {
    MetaSignedness = 1,
    MetaDefaultCharset = 2,
    MetaColumnCharset = 3,
    MetaColumnName = 4,
    MetaSetStrValue = 5,
    MetaEnumStrValue = 6,
    MetaGeometryType = 7,
    MetaSimplePrimaryKey = 8,
    MetaPrimaryKeyWithPrefix = 9,
    MetaEnumAndSetDefaultCharset = 10,
    MetaEnumAndSetColumnCharset = 11,
};

std::size_t metaBytes(std::uint8_t type)
{
    using namespace binlogtype;
    switch (type) {
    case Float: case Double: case Blob: case TinyBlob: case MediumBlob: case LongBlob: case Geometry:
    case Json: case Timestamp2: case DateTime2: case Time2:
        return 1;
    case VarChar: case VarString: case String: case NewDecimal: case Bit: case Enum: case Set: case Decimal:
        return 2;
    default:
        return 0;
    }
}

void readLabels(BinlogCursor &c, std::vector<BinlogColumn> &columns, std::uint8_t type)
{
    for (BinlogColumn &col : columns) {
        if (col.type != type)
            continue;
        const std::uint64_t count = c.packed();
        col.labels.clear();
        for (std::uint64_t i = 0; i < count; ++i)
            col.labels.push_back(c.string(c.packed()));
    }
}

} // namespace

bool BinlogColumn::isText() const
{
    using namespace binlogtype;
    switch (type) {
    case VarChar: case VarString: case String: case Blob: case TinyBlob: case MediumBlob: case LongBlob:
        return true;
    default:
        return false;
    }
}

bool BinlogColumn::isNumeric() const
{
    using namespace binlogtype;
    switch (type) {
    case Tiny: case Short: case Int24: case Long: case LongLong: case Float: case Double: case Decimal:
    case NewDecimal:
    case Year: // MariaDB's YEAR is a TINYINT UNSIGNED underneath and has a signedness bit
        return true;
    default:
        return false;
    }
}

std::vector<std::string> BinlogColumn::labelsOf(const std::string &columnType)
{
    std::vector<std::string> labels;
    std::size_t i = columnType.find('(');
    while (i != std::string::npos && i < columnType.size()) {
        i = columnType.find('\'', i);
        if (i == std::string::npos)
            break;
        std::string label;
        for (++i; i < columnType.size(); ++i) {
            if (columnType[i] == '\'' && i + 1 < columnType.size() && columnType[i + 1] == '\'') {
                label += '\'';
                ++i;
            } else if (columnType[i] == '\'') {
                break;
            } else {
                label += columnType[i];
            }
        }
        labels.push_back(std::move(label));
        ++i;
    }
    return labels;
}

std::string BinlogColumn::dataType() const
{
    using namespace binlogtype;
    const bool binary = charsetId == 63;
    switch (type) {
    case Tiny: return "tinyint";
    case Short: return "smallint";
    case Int24: return "mediumint";
    case Long: return "int";
    case LongLong: return "bigint";
    case Float: return "float";
    case Double: return "double";
    case NewDecimal: case Decimal: return "decimal";
    case Date: case NewDate: return "date";
    case Time: case Time2: return "time";
    case DateTime: case DateTime2: return "datetime";
    case Timestamp: case Timestamp2: return "timestamp";
    case Year: return "year";
    case Bit: return "bit";
    case Enum: return "enum";
    case Set: return "set";
    case VarChar: case VarString: return binary ? "varbinary" : "varchar";
    case String: return binary ? "binary" : "char";
    case Blob: case TinyBlob: case MediumBlob: case LongBlob: {
        static const char *const blobs[] = {"tinyblob", "blob", "mediumblob", "longblob"};
        static const char *const texts[] = {"tinytext", "text", "mediumtext", "longtext"};
        const int i = meta >= 1 && meta <= 4 ? meta - 1 : 3;
        return binary ? blobs[i] : texts[i];
    }
    case Geometry: return "geometry";
    default: return "unknown";
    }
}

void BinlogCursor::need(std::size_t n) const
{
    if (remaining() < n)
        fail("truncated");
}

void BinlogCursor::fail(const std::string &why) const
{
    throw Error(std::string("malformed ") + m_what + " event: " + why);
}

std::uint64_t BinlogCursor::uint(std::size_t bytes)
{
    const std::uint8_t *p = take(bytes);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        v |= std::uint64_t(p[i]) << (8 * i);
    return v;
}

std::uint64_t BinlogCursor::packed()
{
    const std::uint8_t first = std::uint8_t(uint(1));
    if (first < 251)
        return first;
    if (first == 252)
        return uint(2);
    if (first == 253)
        return uint(3);
    if (first == 254)
        return uint(8);
    fail("bad length-encoded integer");
}

BinlogTableMap BinlogTableMap::parse(const std::uint8_t *body, std::size_t size)
{
    BinlogCursor c(body, size, "TABLE_MAP");
    BinlogTableMap map;
    map.tableId = c.uint(6);
    c.uint(2); // flags
    map.database = c.string(c.uint(1));
    c.uint(1); // NUL
    map.table = c.string(c.uint(1));
    c.uint(1);
    const std::uint64_t count = c.packed();
    if (count > 4096)
        c.fail("too many columns");
    map.columns.resize(count);
    const std::uint8_t *types = c.take(count);
    for (std::size_t i = 0; i < count; ++i)
        map.columns[i].type = types[i];
    const std::uint64_t metaLength = c.packed();
    BinlogCursor meta(c.take(metaLength), metaLength, "TABLE_MAP");
    for (BinlogColumn &col : map.columns) {
        const std::size_t n = metaBytes(col.type);
        if (col.type == binlogtype::String) {
            // byte 0: real type (ENUM/SET/STRING) with bits 4-5 of the length inverted in it,
            // byte 1: the low byte of the length.
            const std::uint8_t b0 = std::uint8_t(meta.uint(1)), b1 = std::uint8_t(meta.uint(1));
            std::uint8_t real = b0;
            std::uint16_t length = b1;
            if ((real & 0x30) != 0x30) {
                length = std::uint16_t(b1 | (((real & 0x30) ^ 0x30) << 4));
                real |= 0x30;
            }
            if (real == binlogtype::Enum || real == binlogtype::Set) {
                col.type = real;
                col.meta = b1; // pack length
            } else {
                col.meta = length;
            }
        } else if (col.type == binlogtype::NewDecimal || col.type == binlogtype::Bit) {
            const std::uint16_t b0 = std::uint16_t(meta.uint(1)), b1 = std::uint16_t(meta.uint(1));
            col.meta = std::uint16_t(b0 << 8 | b1); // precision<<8|scale, bits<<8|bytes
        } else if (n) {
            col.meta = std::uint16_t(meta.uint(n));
        }
    }
    const std::uint8_t *nulls = c.take((count + 7) / 8);
    for (std::size_t i = 0; i < count; ++i)
        map.columns[i].nullable = (nulls[i / 8] >> (i % 8)) & 1;

    std::vector<int> textColumns;      // indexes of character columns, for the charset fields
    for (std::size_t i = 0; i < count; ++i)
        if (map.columns[i].isText())
            textColumns.push_back(int(i));
    while (c.remaining() > 0) {
        const std::uint8_t fieldType = std::uint8_t(c.uint(1));
        const std::uint64_t length = c.packed();
        BinlogCursor f(c.take(length), length, "TABLE_MAP");
        switch (fieldType) {
        case MetaSignedness: {
            map.hasSignedness = true;
            std::size_t bit = 0;
            for (BinlogColumn &col : map.columns) {
                if (!col.isNumeric())
                    continue;
                f.need(bit / 8 + 1);
                col.isUnsigned = (f.data()[bit / 8] >> (7 - bit % 8)) & 1;
                ++bit;
            }
            break;
        }
        case MetaDefaultCharset: {
            const int def = int(f.packed());
            for (int i : textColumns)
                map.columns[i].charsetId = def;
            while (f.remaining() > 0) {
                const std::uint64_t textIndex = f.packed();
                const int charset = int(f.packed());
                if (textIndex < textColumns.size())
                    map.columns[textColumns[textIndex]].charsetId = charset;
            }
            break;
        }
        case MetaColumnCharset:
            for (int i : textColumns)
                map.columns[i].charsetId = int(f.packed());
            break;
        case MetaColumnName:
            for (BinlogColumn &col : map.columns)
                col.name = f.string(f.packed());
            map.hasNames = true;
            break;
        case MetaSetStrValue:
            readLabels(f, map.columns, binlogtype::Set);
            break;
        case MetaEnumStrValue:
            readLabels(f, map.columns, binlogtype::Enum);
            break;
        case MetaSimplePrimaryKey:
            while (f.remaining() > 0)
                map.keyIndexes.push_back(int(f.packed()));
            break;
        case MetaPrimaryKeyWithPrefix:
            while (f.remaining() > 0) {
                map.keyIndexes.push_back(int(f.packed()));
                f.packed(); // prefix length
            }
            break;
        default: // geometry types, ENUM/SET charsets: not needed for decoding
            break;
        }
    }
    for (int k : map.keyIndexes)
        if (k < 0 || std::size_t(k) >= count)
            c.fail("primary key column out of range");
    return map;
}

} // namespace flowdeck
