#pragma once

#include "core/codec/canaljsonencoder.h"
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

/// CRC-32 (IEEE 802.3 polynomial, Go's `crc32.ChecksumIEEE`) of `bytes`, continuing `crc`.
std::uint32_t crc32Ieee(std::string_view bytes, std::uint32_t crc = 0);

/// Chooses the partition of a change event: the destination's "partition" setting, with TiCDC's
/// dispatchers (cdc/sink/dmlsink/mq/dispatcher/partition/*.go) and Kafka's Java default.
///
///   default       TiCDC's default rule: the same as `table`
///   table         crc32(schema + table)
///   index-value   crc32(schema + table) XOR crc32(name + value text) of each key column
///                 (TiCDC's PositionInertia hash); a table without a key hashes as `table`
///   columns:a,b   crc32(schema + table) XOR crc32(name + value text) of each named column
///   ts            commit time in ms mod partitions (TiCDC: the commit TSO; MySQL has none)
///   key           toPositive(murmur2(message key)) mod partitions, as Java clients do;
///                 messages without a key as `table`
///
/// Hashed TiCDC strategies: partition = hash mod partitions (unsigned). The value text is
/// TiCDC's `ColumnValueString`: integers in decimal, FLOAT/DOUBLE as Go's shortest 'f' form,
/// ENUM as its index, SET as its mask, BIT as its number, NULL as "null", bytes as they are.
/// Records without TableInfo (file rows) have schema and table "" and hash fields by name.
class Partitioner
{
public:
    enum class Strategy { Default, IndexValue, Table, Ts, Columns, Key };
    static constexpr std::int32_t kUnassigned = -1;

    /// Parses the "partition" setting ("" means default).
    /// Possible errors: ConfigError for an unknown strategy or an empty column list.
    explicit Partitioner(const std::string &spec);

    Strategy strategy() const { return m_strategy; }
    const std::vector<std::string> &columns() const { return m_columns; }

    /// Partition in [0, partitions) for `record` (its `values` row image) and its message `key`,
    /// or kUnassigned when partitions < 1.
    /// Possible errors: InputError when a `columns:` column is missing from the record.
    std::int32_t partition(const Record &record, std::string_view key, std::int32_t partitions);

    /// TiCDC's 32-bit hash of `record` for the table, index-value and columns strategies.
    /// Possible errors: as partition().
    std::uint32_t ticdcHash(const Record &record);

private:
    void prepare(const TableInfoPtr &table);
    void mixColumn(std::uint32_t &hash, std::string_view name, const CanalJsonEncoder::Column *column,
                   const Value &value);

    Strategy m_strategy = Strategy::Default;
    std::vector<std::string> m_columns;
    TableInfoPtr m_table; // the table m_kinds was built for
    std::vector<CanalJsonEncoder::Column> m_kinds;
    TableInfoPtr m_hashedTable; // the table m_tableHash is of
    std::uint32_t m_tableHash = 0;
    std::string m_scratch;
};

} // namespace flowdeck
