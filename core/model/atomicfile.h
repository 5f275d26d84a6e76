#pragma once

#include <string>
#include <string_view>

namespace flowdeck {

/// Replaces `path` with `data` atomically: a temporary file in the same folder is written,
/// fsync'ed and renamed over the target, then the folder is fsync'ed. A crash leaves either the
/// old or the new content, never a torn file.
/// Possible errors: Error naming the path and the OS reason.
void writeFileAtomically(const std::string &path, std::string_view data);

/// Creates a folder and its parents. Possible errors: Error naming the path and the OS reason.
void makeDirectories(const std::string &path);

} // namespace flowdeck
