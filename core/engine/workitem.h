#pragma once

#include "core/model/record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowdeck {

/// A record that goes to the dead letters (or stops the run), with the input it came from.
struct Letter
{
    std::uint32_t input = 0; // input ordinal in its WorkItem
    Record record;
    std::string stage;       // "read" or "mapping"
    std::string reason;
};

/// What the reader loop hands to the batch committer through the bounded queue: the mapped
/// records of one source batch and the fate of every input record, so that counts and the
/// checkpoint can be cut at any record.
struct WorkItem
{
    Batch records;
    std::vector<std::uint32_t> recordInput; // input ordinal of each record
    std::vector<Position> inputs;           // every input record consumed, in order
    std::vector<std::uint32_t> inputTable;  // metrics slot (source table) of each input
    std::vector<std::uint32_t> filtered;    // input ordinals
    std::vector<Letter> letters;            // read/mapping failures (skip mode)
    std::optional<Letter> stop;             // stop mode: the input (inputs.back()) that ends the run
    std::string fatal;                      // the source failed: ends the run
    bool end = false;
    bool stopped = false;                   // end because a stop was requested
};

} // namespace flowdeck
