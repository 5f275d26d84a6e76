#include "core/engine/deadletterwriter.h"

#include "core/model/atomicfile.h"
#include "core/model/errors.h"
#include "core/engine/runstate.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <unistd.h>

namespace flowdeck {

static std::string base64(const std::string &in)
{
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
        out += table[v >> 18 & 63];
        out += table[v >> 12 & 63];
        out += table[v >> 6 & 63];
        out += table[v & 63];
    }
    if (i < in.size()) {
        unsigned v = (unsigned char)in[i] << 16;
        if (i + 1 < in.size())
            v |= (unsigned char)in[i + 1] << 8;
        out += table[v >> 18 & 63];
        out += table[v >> 12 & 63];
        out += i + 1 < in.size() ? table[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

nlohmann::ordered_json recordToJson(const Record &record)
{
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    if (!record.schema)
        return obj;
    const auto &names = record.schema->names();
    for (std::size_t i = 0; i < names.size() && i < record.values.size(); ++i) {
        const Value &v = record.values[i];
        nlohmann::ordered_json &slot = obj[names[i]];
        switch (v.type()) {
        case ValueType::Null: slot = nullptr; break;
        case ValueType::Bool: slot = v.asBool(); break;
        case ValueType::Int: slot = v.asInt(); break;
        case ValueType::UInt: slot = v.asUInt(); break;
        case ValueType::Double: slot = v.asDouble(); break;
        case ValueType::Bytes: slot = {{"$base64", base64(v.str())}}; break;
        default: slot = v.str(); break;
        }
    }
    return obj;
}

DeadLetterWriter::DeadLetterWriter(std::string path, std::string flowName)
    : m_path(std::move(path))
    , m_flowName(std::move(flowName))
{
}

DeadLetterWriter::~DeadLetterWriter()
{
    if (m_file)
        std::fclose(m_file);
}

void DeadLetterWriter::open(std::uint64_t keepBytes)
{
    const std::filesystem::path p(m_path);
    if (p.has_parent_path())
        makeDirectories(p.parent_path().string());
    m_file = openForAppend(m_path); // 0600: dead letters hold row values
    std::error_code ec;
    const auto current = std::filesystem::file_size(p, ec);
    m_size = ec ? 0 : current;
    // Letters written after the checkpoint belong to batches that will be read again.
    truncateTo(keepBytes);
}

void DeadLetterWriter::truncateTo(std::uint64_t bytes)
{
    if (!m_file || m_size <= bytes)
        return;
    if (std::fflush(m_file) != 0 || ::ftruncate(fileno(m_file), off_t(bytes)) != 0)
        throw Error("cannot truncate dead-letter file " + m_path + ": " + std::strerror(errno));
    m_size = bytes;
    m_dirty = true;
}

void DeadLetterWriter::write(const Record &record, const std::string &stage, const std::string &reason)
{
    nlohmann::ordered_json letter;
    letter["position"] = record.position.toString();
    letter["stage"] = stage;
    letter["reason"] = reason;
    if (record.isError())
        letter["raw"] = record.raw;
    else
        letter["record"] = recordToJson(record);
    nlohmann::ordered_json src;
    src["name"] = record.position.source;
    if (record.position.partition >= 0)
        src["partition"] = record.position.partition;
    if (record.position.line > 0)
        src["line"] = record.position.line;
    const bool binlogRow = record.position.partition < 0 && record.position.line == 0 && record.position.endLine > 0;
    if (record.position.column > 0 && !binlogRow)
        src["column"] = record.position.column;
    src["offset"] = record.position.offset;
    if (binlogRow && record.position.column > 1)
        src["row"] = record.position.endLine; // of its binlog transaction (BinlogReader)
    letter["source"] = std::move(src);
    letter["flow"] = m_flowName;
    letter["time"] = utcNowIso();
    const std::string line = letter.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
    if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size())
        throw Error("cannot write dead-letter file " + m_path + ": " + std::strerror(errno));
    m_size += line.size();
    m_dirty = true;
}

void DeadLetterWriter::sync()
{
    if (!m_file || !m_dirty)
        return;
    if (std::fflush(m_file) != 0 || ::fsync(fileno(m_file)) != 0)
        throw Error("cannot sync dead-letter file " + m_path + ": " + std::strerror(errno));
    m_dirty = false;
}

} // namespace flowdeck
