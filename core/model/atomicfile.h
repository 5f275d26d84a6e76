#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace flowdeck {

/// Replaces `path` with `data` atomically: a temporary file in the same folder is written,
/// fsync'ed and renamed over the target, then the folder is fsync'ed. A crash leaves either the
/// old or the new content, never a torn file. The file is created 0600 (it may hold checkpoints,
/// error texts with row values, metrics); the temporary file is opened with O_EXCL|O_NOFOLLOW, so
/// a file or symbolic link planted under its name is never written through.
/// Possible errors: Error naming the path and the OS reason.
void writeFileAtomically(const std::string &path, std::string_view data);

/// Creates a folder and its parents; the folders it creates are 0700 (existing ones are left as
/// they are). Possible errors: Error naming the path and the OS reason.
void makeDirectories(const std::string &path);

/// Opens `path` for appending, creating it 0600; a symbolic link at `path` is refused
/// (O_NOFOLLOW). Possible errors: Error naming the path and the OS reason.
std::FILE *openForAppend(const std::string &path);

} // namespace flowdeck
