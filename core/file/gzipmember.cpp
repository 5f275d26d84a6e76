#include "core/file/gzipmember.h"

#include "core/model/errors.h"

#include <zlib.h>

namespace flowdeck {

std::string gzipMember(std::string_view data)
{
    z_stream zs{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error("gzip: cannot start the compressor");
    std::string out;
    out.resize(deflateBound(&zs, uLong(data.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const std::size_t produced = out.size() - zs.avail_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw Error("gzip: compression failed");
    out.resize(produced);
    return out;
}

} // namespace flowdeck
