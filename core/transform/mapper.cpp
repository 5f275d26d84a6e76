#include "core/transform/mapper.h"

#include "core/model/errors.h"

#include <array>
#include <map>

namespace flowdeck {

namespace {

const Value kNull;

std::string requireName(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_string() || j.get_ref<const std::string &>().empty())
        throw ConfigError(path + ": must be a non-empty string");
    return j.get<std::string>();
}

} // namespace

int Mapper::sourceSlot(const std::string &name)
{
    for (std::size_t i = 0; i < m_sourceNames.size(); ++i)
        if (m_sourceNames[i] == name)
            return int(i);
    m_sourceNames.push_back(name);
    return int(m_sourceNames.size() - 1);
}

Mapper Mapper::compile(const std::optional<nlohmann::json> &mapping)
{
    Mapper m;
    if (!mapping)
        return m;
    if (!mapping->is_array())
        throw ConfigError("mapping: must be an array");
    if (mapping->empty())
        throw ConfigError("mapping: must not be empty; omit it to map all fields directly");
    m.m_mapsAll = false;

    std::map<std::string, std::size_t> mappedBy;
    std::vector<std::string> destinations;
    for (std::size_t i = 0; i < mapping->size(); ++i) {
        const nlohmann::json &e = (*mapping)[i];
        const std::string path = "mapping[" + std::to_string(i) + "]";
        if (!e.is_object())
            throw ConfigError(path + ": must be an object");
        for (const auto &[key, unused] : e.items()) {
            if (key != "source" && key != "destination" && key != "transform")
                throw ConfigError(path + "." + key + ": unknown key");
        }
        Entry entry;
        auto d = e.find("destination");
        if (d == e.end())
            throw ConfigError(path + ".destination: missing");
        entry.destination = requireName(*d, path + ".destination");
        auto [it, fresh] = mappedBy.emplace(entry.destination, i);
        if (!fresh)
            throw ConfigError(path + ".destination: column '" + entry.destination + "' is already mapped by mapping["
                              + std::to_string(it->second) + "]");
        auto s = e.find("source");
        if (s != e.end())
            entry.source = m.sourceSlot(requireName(*s, path + ".source"));

        auto t = e.find("transform");
        if (t == e.end()) {
            if (entry.source < 0)
                throw ConfigError(path + ": needs a 'source' (the field to copy) or a 'transform'");
        } else {
            const std::string at = path + ".transform";
            std::vector<std::pair<const nlohmann::json *, std::string>> steps;
            if (t->is_object()) {
                steps.emplace_back(&*t, at);
            } else if (t->is_array() && !t->empty()) {
                for (std::size_t k = 0; k < t->size(); ++k)
                    steps.emplace_back(&(*t)[k], at + "[" + std::to_string(k) + "]");
            } else {
                throw ConfigError(at + ": must be an object or a non-empty array of objects");
            }
            bool hasInput = entry.source >= 0;
            for (const auto &[json, where] : steps) {
                Step step{Transform::compile(*json, where), {}};
                for (const std::string &name : step.transform.sources())
                    step.inputs.push_back(m.sourceSlot(name));
                if (step.inputs.empty() && step.transform.needsInput() && !hasInput)
                    throw ConfigError(where + ": '" + std::string(step.transform.opName())
                                      + "' has no input: give it a 'source', or give the mapping entry one");
                hasInput = true; // later steps work on this step's result
                entry.steps.push_back(std::move(step));
            }
        }
        destinations.push_back(entry.destination);
        m.m_entries.push_back(std::move(entry));
    }
    m.m_output = std::make_shared<Schema>(std::move(destinations));
    std::vector<int> renamesOf(m.m_sourceNames.size(), 0);
    for (const Entry &e : m.m_entries)
        if (e.steps.empty() && e.source >= 0)
            ++renamesOf[std::size_t(e.source)];
    m.m_movable.reserve(m.m_entries.size());
    for (const Entry &e : m.m_entries)
        m.m_movable.push_back(e.steps.empty() && e.source >= 0 && renamesOf[std::size_t(e.source)] == 1);
    return m;
}

SchemaPtr Mapper::outputSchema(const SchemaPtr &input) const
{
    return m_mapsAll ? input : m_output;
}

const std::vector<int> &Mapper::slotsFor(const SchemaPtr &schema) const
{
    return m_fieldIndexes.indexesFor(schema, m_sourceNames.size(), [this](std::size_t i) -> const std::string & { return m_sourceNames[i]; });
}

bool Mapper::apply(const Record &in, Record &out, std::string &error) const
{
    // map() only moves from `in` when asked to.
    return map(const_cast<Record &>(in), out, error, false);
}

bool Mapper::applyMoving(Record &in, Record &out, std::string &error) const
{
    return map(in, out, error, true);
}

bool Mapper::map(Record &in, Record &out, std::string &error, bool moveValues) const
{
    if (in.isError()) {
        error = in.error;
        return false;
    }
    out.op = in.op;
    out.error.clear();
    out.raw.clear();
    out.commitTimeMs = in.commitTimeMs;
    out.statement = in.statement;
    if (m_mapsAll) {
        // Change events keep their table and before image: the columns are the table's own.
        out.schema = in.schema;
        out.table = in.table;
        if (moveValues) {
            out.values = std::move(in.values);
            out.before = std::move(in.before);
            out.position = std::move(in.position);
        } else {
            out.values = in.values;
            out.before = in.before;
            out.position = in.position;
        }
        return true;
    }
    // Change events keep their source table (encoders and replicate's {table} need it),
    // described by the mapped columns, and their before image, mapped like the row.
    out.table = in.table ? mappedTable(in.table, in.schema) : TableInfoPtr();
    out.schema = m_output;
    const std::vector<int> &index = slotsFor(in.schema);
    if (in.op == RowOp::Update && !in.before.empty()) {
        if (!mapRow(in.before, index, out.before, error, false))
            return false;
    } else {
        out.before.clear();
    }
    if (!mapRow(in.values, index, out.values, error, moveValues))
        return false;
    if (moveValues)
        out.position = std::move(in.position);
    else
        out.position = in.position;
    return true;
}

TableInfoPtr Mapper::mappedTable(const TableInfoPtr &source, const SchemaPtr &schema) const
{
    if (m_tableCache.source == source && m_tableCache.schema == schema)
        return m_tableCache.mapped;
    const std::vector<int> &index = slotsFor(schema);
    auto mapped = std::make_shared<TableInfo>();
    mapped->database = source->database;
    mapped->table = source->table;
    std::vector<int> keyOf(source->columns.size(), -1);
    std::size_t keysMapped = 0;
    for (std::size_t e = 0; e < m_entries.size(); ++e) {
        const Entry &entry = m_entries[e];
        ColumnInfo column;
        const int k = entry.source >= 0 ? index[std::size_t(entry.source)] : -1;
        // A plain rename keeps the source column's type; a transformed value's type is unknown.
        if (entry.steps.empty() && k >= 0 && std::size_t(k) < source->columns.size()) {
            column = source->columns[std::size_t(k)];
            column.isKey = false;
            if (keyOf[std::size_t(k)] < 0) {
                keyOf[std::size_t(k)] = int(e);
                for (int key : source->keyIndexes)
                    keysMapped += key == k;
            }
        }
        column.name = entry.destination;
        mapped->columns.push_back(std::move(column));
    }
    // The key survives only when every key column is mapped as it is.
    if (!source->keyIndexes.empty() && keysMapped == source->keyIndexes.size()) {
        for (int key : source->keyIndexes) {
            const int e = keyOf[std::size_t(key)];
            mapped->keyIndexes.push_back(e);
            mapped->columns[std::size_t(e)].isKey = true;
        }
    }
    m_tableCache = {source, schema, std::move(mapped)};
    return m_tableCache.mapped;
}

bool Mapper::mapRow(std::vector<Value> &in, const std::vector<int> &index, std::vector<Value> &outValues,
                    std::string &error, bool moveValues) const
{
    outValues.resize(m_entries.size());
    auto field = [&](int slot) -> const Value & {
        if (slot < 0)
            return kNull;
        const int k = index[std::size_t(slot)];
        return k >= 0 && std::size_t(k) < in.size() ? in[std::size_t(k)] : kNull;
    };

    // Transforms and validations first: they are the only steps that fail, and a failed record
    // must reach the dead-letter file intact, so nothing may have been moved out of it yet.
    for (std::size_t e = 0; e < m_entries.size(); ++e) {
        const Entry &entry = m_entries[e];
        Value &value = outValues[e];
        if (entry.steps.empty())
            continue;
        for (std::size_t s = 0; s < entry.steps.size(); ++s) {
            const Step &step = entry.steps[s];
            if (!step.inputs.empty()) {
                if (step.transform.op() == Transform::Op::Concat) {
                    constexpr std::size_t kLocal = 16;
                    std::array<const Value *, kLocal> local;
                    std::vector<const Value *> many;
                    const std::size_t n = step.inputs.size();
                    const Value **parts = local.data();
                    if (n > kLocal) {
                        many.resize(n);
                        parts = many.data();
                    }
                    for (std::size_t p = 0; p < n; ++p)
                        parts[p] = &field(step.inputs[p]);
                    step.transform.concat({parts, n}, value);
                    continue;
                }
                value = field(step.inputs.front());
            } else if (s == 0) {
                value = field(entry.source); // NULL for constant without a source
            }
            if (!step.transform.apply(value, entry.destination, error))
                return false;
        }
    }
    for (std::size_t e = 0; e < m_entries.size(); ++e) {
        const Entry &entry = m_entries[e];
        if (!entry.steps.empty())
            continue;
        const Value &from = field(entry.source);
        if (moveValues && m_movable[e] && &from != &kNull)
            outValues[e] = std::move(const_cast<Value &>(from));
        else
            outValues[e] = from; // copy-assignment reuses the string's capacity
    }
    return true;
}

} // namespace flowdeck
