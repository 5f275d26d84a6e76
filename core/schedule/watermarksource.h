#pragma once

#include "core/engine/source.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// Incremental reading for file sources (a CSV / JSON Lines file, a folder of them): wraps the
/// source and passes on only the records whose `"incremental": {"field", "tieBreaker"}` values
/// come after the watermark of the last completed run (on the first run, those with field >=
/// `from`, when given). Files need not be sorted: the watermark moves to the greatest
/// (field, tie breaker) durably written. A single file is read whole each run; a folder reads
/// only its new or changed files, then filters them the same way.
///
/// Values compare as numbers when both are numbers, otherwise as text with ISO 8601 times
/// normalized ("2026-01-01T10:00:00Z" equals "2026-01-01 10:00:00"): write times in one zone.
/// Records whose field is missing or null are never passed on.
///
/// Checkpoint: `{"phase":"watermark","inner":<wrapped source's>,"from":[v,tb]|null,
/// "inclusive":bool,"max":[v,tb]|null}`; nextRunStart() moves `from` to `max`. A run resumed after
/// the file was rewritten (the wrapped source cannot continue at its checkpoint) reads the file
/// again from its start, still filtered by `from`.
/// Position::gtid of each record carries the greatest values up to it (file sources leave gtid
/// unused).
class WatermarkSource : public Source
{
public:
    /// Possible errors: ConfigError (no field).
    WatermarkSource(std::unique_ptr<Source> inner, const nlohmann::json &incremental);
    ~WatermarkSource() override;

    void setLastWatermark(const nlohmann::json &watermark) override
    {
        m_inner->setLastWatermark(watermark.is_object() ? watermark.value("inner", nlohmann::json()) : nlohmann::json());
    }
    void open(const nlohmann::json &resume) override;
    SchemaPtr schema() const override { return m_inner->schema(); }
    bool read(Batch &out, std::size_t maxRecords) override;
    nlohmann::json checkpointAfter(const Position &position) const override;
    nlohmann::json nextRunStart(const nlohmann::json &checkpoint) const override;
    bool fixedSchema() const override { return m_inner->fixedSchema(); }
    std::uint64_t bytesRead() const override { return m_inner->bytesRead(); }
    std::uint64_t progressDone() const override { return m_inner->progressDone(); }
    std::uint64_t progressTotal() const override { return m_inner->progressTotal(); }

    /// <0, 0, >0 as `a` sorts before, with or after `b` (numbers as numbers, ISO times normalized).
    static int compareText(const std::string &a, const std::string &b);

private:
    using Mark = std::vector<std::string>; // field value, tie breaker value (when configured)
    static nlohmann::json markJson(const std::optional<Mark> &m);
    static std::optional<Mark> markFrom(const nlohmann::json &j);
    static int compare(const Mark &a, const Mark &b);

    std::unique_ptr<Source> m_inner;
    std::string m_field;
    std::string m_tieBreaker;
    std::string m_fromOption;
    std::optional<Mark> m_from; // fixed by open()
    bool m_inclusive = false;
    std::optional<Mark> m_max;
    Batch m_buffer;
};

} // namespace flowdeck
