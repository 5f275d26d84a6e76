#include "core/kafka/partitioner.h"

#include "core/model/errors.h"

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
                          + "' (expected default, index-value, table, ts or columns:a,b)");
    }
}

static void appendValue(std::string &out, const Value &value)
{
    if (!value.isNull())
        out += value.toString();
    out += '\0';
}

std::string Partitioner::hashInput(const Record &record) const
{
    std::string out;
    switch (m_strategy) {
    case Strategy::Default:
    case Strategy::Ts:
        return out;
    case Strategy::Table:
        if (record.table)
            out = record.table->database + "." + record.table->table;
        return out;
    case Strategy::IndexValue:
        if (record.table && !record.table->keyIndexes.empty()) {
            for (int index : record.table->keyIndexes) {
                if (index < 0 || static_cast<std::size_t>(index) >= record.values.size())
                    throw InputError(record.position, "the record lacks key column " + std::to_string(index)
                                                          + " of its table");
                appendValue(out, record.values[static_cast<std::size_t>(index)]);
            }
            return out;
        }
        // No primary key (or a file row): every value, in schema order.
        if (record.values.empty())
            throw InputError(record.position, "index-value partitioning needs a key or at least one field");
        for (const Value &v : record.values)
            appendValue(out, v);
        return out;
    case Strategy::Columns:
        for (const std::string &name : m_columns) {
            const Value *v = record.field(name);
            if (!v)
                throw InputError(record.position, "partition column `" + name + "` is not a field of the record");
            appendValue(out, *v);
        }
        return out;
    }
    return out;
}

std::int32_t Partitioner::partition(const Record &record, std::int32_t partitions) const
{
    if (partitions < 1 || m_strategy == Strategy::Default)
        return kUnassigned;
    if (m_strategy == Strategy::Ts) {
        const std::int64_t ts = record.commitTimeMs < 0 ? -record.commitTimeMs : record.commitTimeMs;
        return static_cast<std::int32_t>(ts % partitions);
    }
    if (m_strategy == Strategy::Table && !record.table)
        return 0; // file rows have no table: one "table", one partition
    return kafkaToPositive(kafkaMurmur2(hashInput(record))) % partitions;
}

} // namespace flowdeck
