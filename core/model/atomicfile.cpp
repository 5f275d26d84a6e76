#include "core/model/atomicfile.h"

#include "core/model/errors.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flowdeck {

static std::string osError(const std::string &what, const std::string &path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

void writeFileAtomically(const std::string &path, std::string_view data)
{
    const std::filesystem::path target(path);
    const std::string dir = target.has_parent_path() ? target.parent_path().string() : std::string(".");
    // A fresh name per call (pid, counter, clock); O_EXCL never reuses a leftover or planted file.
    static std::atomic<unsigned> counter{0};
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
        const auto tick = std::chrono::steady_clock::now().time_since_epoch().count();
        tmp = path + ".tmp-" + std::to_string(::getpid()) + '-' + std::to_string(counter++) + '-'
              + std::to_string(tick & 0xffffff);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        throw Error(osError("cannot write", tmp));
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const std::string msg = osError("cannot write", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error(msg);
        }
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string msg = osError("cannot sync", tmp);
        ::unlink(tmp.c_str());
        throw Error(msg);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string msg = osError("cannot replace", path);
        ::unlink(tmp.c_str());
        throw Error(msg);
    }
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd); // best effort: the rename is already visible
        ::close(dfd);
    }
}

void makeDirectories(const std::string &path)
{
    if (path.empty())
        return;
    // Component by component, so every folder created here gets 0700 whatever the umask.
    std::filesystem::path built;
    for (const auto &part : std::filesystem::path(path)) {
        built /= part;
        if (part.empty() || part == "/" )
            continue;
        if (::mkdir(built.c_str(), 0700) == 0)
            continue;
        struct stat st{};
        if (errno != EEXIST || ::stat(built.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            throw Error(osError("cannot create folder", built.string()));
    }
}

std::FILE *openForAppend(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Error(osError("cannot open", path));
    std::FILE *file = ::fdopen(fd, "ab");
    if (!file) {
        const std::string msg = osError("cannot open", path);
        ::close(fd);
        throw Error(msg);
    }
    return file;
}

} // namespace flowdeck
