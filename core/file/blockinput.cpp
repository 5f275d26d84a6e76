#include "core/file/blockinput.h"

#include "core/model/errors.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace flowdeck {

namespace {

std::string osReason(int error)
{
    return std::strerror(error);
}

bool seekFile(std::FILE *file, std::uint64_t offset)
{
#ifdef _WIN32
    return _fseeki64(file, static_cast<__int64>(offset), SEEK_SET) == 0;
#else
    return fseeko(file, static_cast<off_t>(offset), SEEK_SET) == 0;
#endif
}

} // namespace

BlockInput::BlockInput() = default;

BlockInput::~BlockInput()
{
    if (m_file)
        std::fclose(m_file);
}

void BlockInput::openFile(const std::string &path, const std::string &displayPath)
{
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    m_memory.clear();
    m_displayPath = displayPath;
    const std::string where = path == displayPath ? displayPath : displayPath + " (" + path + ')';
    std::error_code ec;
    // fopen() happily opens a directory on Linux and only read() fails, with a less clear reason.
    if (std::filesystem::is_directory(path, ec))
        throw Error("cannot open " + where + ": it is a directory, not a file");
    m_file = std::fopen(path.c_str(), "rb");
    if (!m_file)
        throw Error("cannot open " + where + ": " + osReason(errno));
    // We read whole blocks ourselves; stdio's own buffer would only add a copy.
    std::setvbuf(m_file, nullptr, _IONBF, 0);
    const auto size = std::filesystem::file_size(path, ec);
    m_totalSize = ec ? 0 : size;
    m_begin = m_end = 0;
    m_offset = 0;
    m_atEnd = false;
}

void BlockInput::openString(std::string content, const std::string &displayPath)
{
    if (m_file) {
        std::fclose(m_file);
        m_file = nullptr;
    }
    m_memory = std::move(content);
    m_memoryPos = 0;
    m_displayPath = displayPath;
    m_totalSize = m_memory.size();
    m_begin = m_end = 0;
    m_offset = 0;
    m_atEnd = false;
}

std::size_t BlockInput::readSome(char *into, std::size_t max)
{
    if (!m_file) {
        const std::size_t n = std::min(max, m_memory.size() - m_memoryPos);
        std::memcpy(into, m_memory.data() + m_memoryPos, n);
        m_memoryPos += n;
        return n;
    }
    const std::size_t n = std::fread(into, 1, max, m_file);
    if (n == 0 && std::ferror(m_file))
        throw Error("cannot read " + m_displayPath + ": " + osReason(errno));
    return n;
}

bool BlockInput::fill()
{
    if (m_atEnd)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    // The parsers re-scan a record from its start after fill(). Once a record is longer than a
    // default block, read as much again as the window holds, so those re-scans stay linear in
    // the record's size (tests keep tiny blocks for tiny records to hit every boundary).
    const std::size_t want = std::max(m_blockSize, m_end >= kDefaultBlockSize ? m_end : 0);
    if (m_buffer.size() - m_end < want)
        m_buffer.resize(std::max(m_buffer.size() * 2, m_end + want));
    const std::size_t n = readSome(m_buffer.data() + m_end, want);
    if (n == 0) {
        m_atEnd = true;
        return false;
    }
    m_end += n;
    return true;
}

void BlockInput::seek(std::uint64_t offset)
{
    if (m_file) {
        if (!seekFile(m_file, offset))
            throw Error("cannot seek to byte " + std::to_string(offset) + " of " + m_displayPath
                        + ": " + osReason(errno));
    } else {
        m_memoryPos = std::size_t(std::min<std::uint64_t>(offset, m_memory.size()));
    }
    m_begin = m_end = 0;
    m_offset = offset;
    m_atEnd = false;
}

void BlockInput::skipByteOrderMark()
{
    if (m_offset != 0)
        return;
    while (size() < 3 && fill()) {
    }
    if (size() >= 3 && std::memcmp(data(), "\xEF\xBB\xBF", 3) == 0)
        consume(3);
}

int utf8SequenceLength(const char *p, const char *end)
{
    const auto *s = reinterpret_cast<const unsigned char *>(p);
    const std::ptrdiff_t avail = end - p;
    const unsigned char c = s[0];
    int len;
    // The allowed range of the second byte excludes overlong forms, surrogates and > U+10FFFF.
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    for (int i = 1; i < len; ++i) {
        if (i >= avail)
            return -1;
        const unsigned char b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
            return 0;
    }
    return len;
}

std::size_t validUtf8Prefix(std::string_view text)
{
    const char *p = text.data();
    const char *end = p + text.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        const int len = utf8SequenceLength(p, end);
        if (len <= 0)
            break;
        p += len;
    }
    return std::size_t(p - text.data());
}

std::uint64_t utf8Column(const char *lineStart, const char *pos)
{
    std::uint64_t column = 1;
    for (const char *p = lineStart; p < pos; ++p)
        if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80)
            ++column;
    return column;
}

} // namespace flowdeck
