#include "core/model/record.h"

namespace flowdeck {

Schema::Schema(std::vector<std::string> names)
    : m_names(std::move(names))
{
    m_index.reserve(m_names.size());
    for (std::size_t i = 0; i < m_names.size(); ++i)
        m_index.emplace(m_names[i], int(i)); // first occurrence wins
}

int Schema::indexOf(std::string_view name) const
{
    auto it = m_index.find(std::string(name));
    return it == m_index.end() ? -1 : it->second;
}

const Value *Record::field(std::string_view name) const
{
    if (!schema)
        return nullptr;
    const int i = schema->indexOf(name);
    return i < 0 || std::size_t(i) >= values.size() ? nullptr : &values[std::size_t(i)];
}

} // namespace flowdeck
