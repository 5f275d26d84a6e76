#pragma once

#include <string>
#include <string_view>

namespace flowdeck {

/// Decodes standard base64 (RFC 4648 alphabet, `=` padding, length a multiple of 4) into `out`,
/// as Kafka Connect's JSON converter writes bytes. Returns false for any other text (`out` then
/// holds an unspecified prefix).
bool base64Decode(std::string_view in, std::string &out);

} // namespace flowdeck
