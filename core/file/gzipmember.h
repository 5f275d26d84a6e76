#pragma once

#include <string>
#include <string_view>

namespace flowdeck {

/// `data` as one complete gzip member (RFC 1952). Members appended to one file form a valid
/// gzip file (gzip -d, zcat and Python's gzip read them all), which lets the file destination
/// compress batch by batch and still cut a file back to a batch boundary after a crash.
/// Possible errors: Error (zlib failure).
std::string gzipMember(std::string_view data);

} // namespace flowdeck
