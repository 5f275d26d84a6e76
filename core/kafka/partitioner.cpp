#include "core/kafka/partitioner.h"

#include "core/codec/gofloat.h"
#include "core/model/errors.h"

#include <array>
#include <cctype>
#include <cstring>

namespace flowdeck {

std::int32_t kafkaMurmur2(std::string_view bytes)
{
    // Same arithmetic as Kafka's Utils.murmur2, in unsigned 32-bit so overflow is defined.
    const std::uint32_t seed = 0x9747b28cU;
    const std::uint32_t m = 0x5bd1e995U;
    const int r = 24;
    const auto length = static_cast<std::uint32_t>(bytes.size());
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    std::uint32_t h = seed ^ length;
    const std::uint32_t length4 = length / 4;
    for (std::uint32_t i = 0; i < length4; ++i) {
        const std::uint32_t i4 = i * 4;
        std::uint32_t k = std::uint32_t(data[i4]) | (std::uint32_t(data[i4 + 1]) << 8)
                          | (std::uint32_t(data[i4 + 2]) << 16) | (std::uint32_t(data[i4 + 3]) << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const std::uint32_t tail = length & ~3U;
    switch (length % 4) {
    case 3:
        h ^= std::uint32_t(data[tail + 2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint32_t(data[tail + 1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint32_t(data[tail]);
        h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    std::int32_t out;
    std::memcpy(&out, &h, sizeof out);
    return out;
}

namespace {

constexpr std::array<std::uint32_t, 256> makeCrcTable()
{
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}

constexpr std::array<std::uint32_t, 256> kCrcTable = makeCrcTable();

} // namespace

std::uint32_t crc32Ieee(std::string_view bytes, std::uint32_t crc)
{
    crc = ~crc;
    for (char b : bytes)
        crc = kCrcTable[(crc ^ static_cast<unsigned char>(b)) & 0xFFU] ^ (crc >> 8);
    return ~crc;
}

Partitioner::Partitioner(const std::string &spec)
{
    if (spec.empty() || spec == "default") {
        m_strategy = Strategy::Default;
    } else if (spec == "index-value") {
        m_strategy = Strategy::IndexValue;
    } else if (spec == "table") {
        m_strategy = Strategy::Table;
    } else if (spec == "ts") {
        m_strategy = Strategy::Ts;
    } else if (spec == "key") {
        m_strategy = Strategy::Key;
    } else if (spec.rfind("columns:", 0) == 0) {
        m_strategy = Strategy::Columns;
        std::string rest = spec.substr(8);
        std::size_t start = 0;
        while (start <= rest.size()) {
            const std::size_t comma = rest.find(',', start);
            const std::string name = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (name.empty())
                throw ConfigError("destination.partition: empty column name in '" + spec + "' (use columns:a,b)");
            m_columns.push_back(name);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    } else {
        throw ConfigError("destination.partition: unknown strategy '" + spec
                          + "' (expected default, index-value, table, ts, key or columns:a,b)");
    }
}

void Partitioner::prepare(const TableInfoPtr &table)
{
    if (table == m_table)
        return;
    m_kinds.clear();
    for (const ColumnInfo &info : table->columns)
        m_kinds.push_back(CanalJsonEncoder::describe(info));
    m_table = table;
}

void Partitioner::mixColumn(std::uint32_t &hash, std::string_view name, const CanalJsonEncoder::Column *column,
                            const Value &value)
{
    // PositionInertia.Write(name, value): one crc32 over both, XORed into the hash.
    m_scratch.assign(name);
    if (value.isNull())
        m_scratch += "null";
    else if (column)
        CanalJsonEncoder::appendValueText(m_scratch, *column, value);
    else if (value.type() == ValueType::Bool)
        m_scratch += value.asBool() ? "1" : "0";
    else if (value.type() == ValueType::Double)
        appendGoFloat(m_scratch, value.asDouble(), 64);
    else
        m_scratch += value.isStringLike() ? value.str() : value.toString();
    hash ^= crc32Ieee(m_scratch);
}

namespace {

bool sameName(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

/// The column `name` names, case-insensitively as MySQL column names are (TiCDC: OffsetsByNames).
int columnIndex(const Record &record, const std::string &name)
{
    if (record.table) {
        const auto &columns = record.table->columns;
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (sameName(columns[i].name, name))
                return int(i);
        return -1;
    }
    return record.schema ? record.schema->indexOf(name) : -1;
}

} // namespace

std::uint32_t Partitioner::ticdcHash(const Record &record)
{
    const TableInfo *table = record.table.get();
    if (record.table != m_hashedTable || !table) {
        m_scratch = table ? table->database + table->table : std::string();
        m_tableHash = crc32Ieee(m_scratch); // crc32(schema + table), 0 without a table
        m_hashedTable = record.table;
    }
    std::uint32_t hash = m_tableHash;
    if (m_strategy == Strategy::IndexValue && table) {
        prepare(record.table);
        for (int index : table->keyIndexes) {
            const auto i = static_cast<std::size_t>(index);
            if (index < 0 || i >= record.values.size() || i >= m_kinds.size())
                throw InputError(record.position, "the record lacks key column " + std::to_string(index) + " of its table");
            mixColumn(hash, table->columns[i].name, &m_kinds[i], record.values[i]);
        }
    } else if (m_strategy == Strategy::Columns) {
        if (table)
            prepare(record.table);
        for (const std::string &name : m_columns) {
            const int index = columnIndex(record, name);
            if (index < 0 || static_cast<std::size_t>(index) >= record.values.size())
                throw InputError(record.position, "partition column `" + name + "` is not a field of the record");
            const auto i = static_cast<std::size_t>(index);
            const bool known = table && i < m_kinds.size() && i < table->columns.size();
            // Hashed under the table's own spelling of the name (TiCDC: colInfo.Name.O).
            mixColumn(hash, known ? std::string_view(table->columns[i].name) : std::string_view(name),
                      known ? &m_kinds[i] : nullptr, record.values[i]);
        }
    }
    return hash;
}

std::int32_t Partitioner::partition(const Record &record, std::string_view key, std::int32_t partitions)
{
    if (partitions < 1)
        return kUnassigned;
    if (m_strategy == Strategy::Ts) {
        const std::int64_t ts = record.commitTimeMs < 0 ? -record.commitTimeMs : record.commitTimeMs;
        return static_cast<std::int32_t>(ts % partitions);
    }
    if (m_strategy == Strategy::Key && !key.empty())
        return kafkaToPositive(kafkaMurmur2(key)) % partitions;
    return static_cast<std::int32_t>(ticdcHash(record) % static_cast<std::uint32_t>(partitions));
}

} // namespace flowdeck
