#pragma once

#include "core/model/record.h"

#include <vector>

namespace flowdeck {

/// Field indexes of a fixed list of names, resolved per schema and kept for the last few
/// schemas (JSON Lines sources may bring a new schema per line). The common one-schema case is a
/// pointer compare. Holding each SchemaPtr keeps its address from being reused by another schema
/// with stale indexes. Not thread-safe: each thread needs its own.
class FieldIndexCache
{
public:
    /// Indexes of `count` names (`nameOf(i)` gives the i-th) in `schema`, -1 where absent.
    template<typename NameOf>
    const std::vector<int> &indexesFor(const SchemaPtr &schema, std::size_t count, NameOf nameOf)
    {
        if (!m_cache.empty() && m_cache.front().schema.get() == schema.get())
            return m_cache.front().index;
        for (std::size_t i = 1; i < m_cache.size(); ++i) {
            if (m_cache[i].schema.get() == schema.get()) {
                std::swap(m_cache[0], m_cache[i]);
                return m_cache.front().index;
            }
        }
        Entry entry{schema, {}};
        entry.index.reserve(count);
        for (std::size_t i = 0; i < count; ++i)
            entry.index.push_back(schema ? schema->indexOf(nameOf(i)) : -1);
        if (m_cache.size() >= kMaxSchemas)
            m_cache.pop_back();
        m_cache.insert(m_cache.begin(), std::move(entry));
        return m_cache.front().index;
    }

private:
    static constexpr std::size_t kMaxSchemas = 16;
    struct Entry
    {
        SchemaPtr schema;
        std::vector<int> index;
    };
    std::vector<Entry> m_cache; // most recently used first
};

} // namespace flowdeck
