#pragma once

#include "core/engine/deadletters.h"
#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>

namespace flowdeck {

/// Converts a record to a JSON object in schema order (field → value; decimals, dates and times
/// as strings, bytes as base64 under {"$base64": ...}).
nlohmann::ordered_json recordToJson(const Record &record);

/// Appends rejected records to a JSON Lines dead-letter file, one object per record:
/// `{"position", "stage", "reason", "record" | "raw", "source": {...}, "flow", "time"}`.
/// The file's size is part of the flow's checkpoint: on resume it is truncated back to the size
/// that went with the checkpoint, so a record is dead-lettered once even across a crash.
class DeadLetterWriter : public DeadLetters
{
public:
    DeadLetterWriter(std::string path, std::string flowName);
    ~DeadLetterWriter() override;

    const std::string &path() const { return m_path; }
    std::string describe() const override { return m_path; }

    /// Opens (creating folders) and truncates the file to `keepBytes` when it is longer.
    /// Possible errors: Error naming the path.
    void open(std::uint64_t keepBytes) override;

    /// Drops everything past `bytes` (letters of an attempt that is being retried).
    /// Possible errors: Error.
    void truncateTo(std::uint64_t bytes) override;

    /// `stage` says where the record failed: "read", "mapping" or "write".
    /// Possible errors: Error (disk full).
    void write(const Record &record, const std::string &stage, const std::string &reason) override;

    /// Flushes and fsyncs. Called before the checkpoint that covers the written letters.
    void sync() override;

    std::uint64_t size() const override { return m_size; }

private:
    std::string m_path;
    std::string m_flowName;
    std::FILE *m_file = nullptr;
    std::uint64_t m_size = 0;
    bool m_dirty = false;
};

} // namespace flowdeck
