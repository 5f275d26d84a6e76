#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flowdeck {

/// A sliding window over a file (or, for tests and previews, over a string) that is read in
/// large blocks, so the CSV and JSON Lines parsers can scan plain memory in tight loops.
///
/// The window holds the bytes read but not yet consumed. A parser looks at data()/size(); when
/// it needs bytes beyond the window it calls fill(), which keeps the unconsumed bytes (moving
/// them to the front, growing the buffer when one record is larger than it) and appends the next
/// block. data() may move on fill(): keep offsets, not pointers, across it.
///
/// Used from one thread. Possible errors: Error when the file cannot be opened, read or seeked
/// (the message names the file and the OS reason).
class BlockInput
{
public:
    static constexpr std::size_t kDefaultBlockSize = 1 << 20;

    BlockInput();
    ~BlockInput();
    BlockInput(const BlockInput &) = delete;
    BlockInput &operator=(const BlockInput &) = delete;

    /// Opens `path`; `displayPath` is the name used in messages (the path as the user wrote it).
    void openFile(const std::string &path, const std::string &displayPath);
    /// Reads `content` as if it were a file (block by block, so block boundaries get exercised).
    void openString(std::string content, const std::string &displayPath);
    /// Bytes read per fill(). Tests use tiny blocks to put every boundary inside a record.
    void setBlockSize(std::size_t bytes) { m_blockSize = bytes == 0 ? 1 : bytes; }

    const char *data() const { return m_buffer.data() + m_begin; }
    std::size_t size() const { return m_end - m_begin; }
    /// True when nothing is left beyond the window: its end is the end of the input.
    bool atEnd() const { return m_atEnd; }
    /// Appends the next block to the window. Returns false (and sets atEnd()) when the input has
    /// no more bytes.
    bool fill();
    /// Drops the first `bytes` bytes of the window.
    void consume(std::size_t bytes)
    {
        m_begin += bytes;
        m_offset += bytes;
    }
    /// Byte offset in the input of data()[0].
    std::uint64_t offset() const { return m_offset; }
    /// Continues reading at `offset` (the window is emptied).
    void seek(std::uint64_t offset);
    /// Size of the input when it was opened.
    std::uint64_t totalSize() const { return m_totalSize; }
    /// Skips a UTF-8 byte order mark when the window is at offset 0 and starts with one.
    void skipByteOrderMark();
    const std::string &displayPath() const { return m_displayPath; }

private:
    std::size_t readSome(char *into, std::size_t max);

    std::FILE *m_file = nullptr;
    std::string m_memory; // the input of openString()
    std::size_t m_memoryPos = 0;
    std::string m_displayPath;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    std::uint64_t m_offset = 0;
    std::uint64_t m_totalSize = 0;
    std::size_t m_blockSize = kDefaultBlockSize;
    bool m_atEnd = false;
};

/// Length of the UTF-8 sequence starting at `p` (which points at a byte >= 0x80): its length
/// when valid, 0 when invalid (overlong forms, surrogates and code points above U+10FFFF are
/// invalid, as in RFC 3629), -1 when it may be valid but runs past `end`.
int utf8SequenceLength(const char *p, const char *end);

/// Length of the longest valid UTF-8 prefix of `text`; text.size() when all of it is valid.
std::size_t validUtf8Prefix(std::string_view text);

/// 1-based column, in characters (code points), of the byte at `pos` in a line starting at
/// `lineStart`. Only lead bytes are counted, so it stays sensible around invalid bytes.
std::uint64_t utf8Column(const char *lineStart, const char *pos);

} // namespace flowdeck
