#pragma once

#include "core/model/record.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// Kafka's murmur2 (Java `org.apache.kafka.common.utils.Utils.murmur2`, seed 0x9747b28c), the
/// hash behind the Java client's default partitioner and librdkafka's "murmur2" partitioners.
std::int32_t kafkaMurmur2(std::string_view bytes);

/// Java's `Utils.toPositive`: clears the sign bit.
inline std::int32_t kafkaToPositive(std::int32_t h) { return h & 0x7fffffff; }

/// Chooses the partition of a change event: the destination's "partition" setting.
///
///   default       kUnassigned: librdkafka's partitioner decides from the message key
///                 (murmur2_random: murmur2 of the key like Java clients, random without a key)
///   index-value   murmur2 of the key columns' values, see hashInput()
///   table         murmur2 of "schema.table"
///   ts            commitTimeMs mod partitions
///   columns:a,b   murmur2 of the named columns' values, like index-value
///
/// Hashed strategies: partition = toPositive(murmur2(input)) % partitions, input as hashInput()
/// builds it. Records without TableInfo (file rows) hash their schema's fields by name.
class Partitioner
{
public:
    enum class Strategy { Default, IndexValue, Table, Ts, Columns };
    static constexpr std::int32_t kUnassigned = -1;

    /// Parses the "partition" setting ("" means default).
    /// Possible errors: ConfigError for an unknown strategy or an empty column list.
    explicit Partitioner(const std::string &spec);

    Strategy strategy() const { return m_strategy; }
    const std::vector<std::string> &columns() const { return m_columns; }

    /// Partition in [0, partitions) or kUnassigned (default strategy, or partitions < 1).
    /// Possible errors: InputError when a `columns:` column is missing from the record, or
    /// index-value has neither a primary key nor fields to hash.
    std::int32_t partition(const Record &record, std::int32_t partitions) const;

    /// The bytes hashed for `record`: index-value and columns join each column's
    /// Value::toString() with a 0x00 byte after every value ("1\0" for id=1, "1\0a\0" for
    /// (1,'a')); NULL hashes as the empty string. table: "schema.table". Empty for default/ts.
    std::string hashInput(const Record &record) const;

private:
    Strategy m_strategy = Strategy::Default;
    std::vector<std::string> m_columns;
};

} // namespace flowdeck
