#include "core/model/position.h"

namespace flowdeck {

std::string Position::toString() const
{
    std::string s = source;
    if (partition >= 0)
        return s + '[' + std::to_string(partition) + "]@" + std::to_string(offset);
    if (line > 0) {
        s += ':' + std::to_string(line);
        if (column > 0)
            s += ':' + std::to_string(column);
        return s;
    }
    return s + ':' + std::to_string(offset);
}

} // namespace flowdeck
