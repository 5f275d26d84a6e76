#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace flowdeck {

/// The JSON text of `value` for the files and tables Flowdeck writes (run state, history, dead
/// letters, metrics, checkpoints). Strings may hold bytes from hostile input or error texts
/// quoting it: invalid UTF-8 becomes U+FFFD instead of making dump() throw, so these files are
/// always valid JSON. Possible errors: none for invalid text.
template <typename Json>
std::string jsonText(const Json &value, int indent = -1)
{
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace flowdeck
