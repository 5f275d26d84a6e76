#pragma once

#include "core/model/position.h"

#include <stdexcept>
#include <string>

namespace flowdeck {

/// Base of every error Flowdeck reports to the user. what() is a complete, readable sentence.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Bad input at a known position (a malformed CSV line, invalid JSON, a value that does not fit).
class InputError : public Error
{
public:
    InputError(Position position, const std::string &reason)
        : Error(position.toString() + ": " + reason)
        , m_position(std::move(position))
        , m_reason(reason)
    {
    }
    const Position &position() const { return m_position; }
    const std::string &reason() const { return m_reason; }

private:
    Position m_position;
    std::string m_reason;
};

/// A problem with a connection or a server (unreachable, wrong password, lost connection).
/// `transient()` says whether retrying with backoff can help.
class ConnectionError : public Error
{
public:
    ConnectionError(const std::string &message, bool transient)
        : Error(message)
        , m_transient(transient)
    {
    }
    bool transient() const { return m_transient; }

private:
    bool m_transient;
};

/// A flow that cannot run as configured (a missing table, a mapping to an unknown column...).
class ConfigError : public Error
{
public:
    using Error::Error;
};

} // namespace flowdeck
