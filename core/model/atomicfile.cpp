#include "core/model/atomicfile.h"

#include "core/model/errors.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
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
    std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        throw Error("cannot create folder " + path + ": " + ec.message());
}

} // namespace flowdeck
