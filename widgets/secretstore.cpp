#include "secretstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <cstdlib>
#include <mutex>

namespace flowdeck {

namespace {

constexpr int kTimeoutMs = 5000;

/// Runs a keychain job to its end. QtKeychain's jobs are asynchronous; flows are loaded
/// synchronously, so wait in a local event loop (bounded, a locked keychain may never answer).
bool runJob(QKeychain::Job &job)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    loop.exec();
    return job.error() == QKeychain::NoError;
}

bool turnedOff()
{
    return qEnvironmentVariable("FLOWDECK_KEYCHAIN") == QLatin1String("off");
}

} // namespace

static QString sanitised(const QString &part)
{
    QString out;
    for (QChar c : part)
        out += (c.isLetterOrNumber() && c.unicode() < 128) ? c.toUpper() : QChar(QLatin1Char('_'));
    return out;
}

QString SecretStore::variablePrefix(const QString &flowName)
{
    // stored in the keychain and in flow files: do not change
    const QByteArray hash = QCryptographicHash::hash(flowName.toUtf8(), QCryptographicHash::Sha256);
    return QLatin1String(kPrefix) + sanitised(flowName) + QLatin1Char('_')
           + QString::fromLatin1(hash.toHex().left(16).toUpper()) + QLatin1Char('_');
}

QString SecretStore::variableName(const QString &flowName, const QString &field)
{
    return variablePrefix(flowName) + sanitised(field);
}

QString SecretStore::reference(const QString &variable)
{
    return QStringLiteral("${") + variable + QLatin1Char('}');
}

QString SecretStore::referencedVariable(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}$"));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

bool SecretStore::available(QString *why)
{
    static std::once_flag once;
    static bool ok = false;
    static QString reason;
    if (turnedOff()) {
        if (why)
            *why = QCoreApplication::translate("SecretStore", "the keychain is turned off (FLOWDECK_KEYCHAIN=off)");
        return false;
    }
    std::call_once(once, [] {
        QKeychain::ReadPasswordJob job{QLatin1String(kService)};
        job.setKey(QStringLiteral("flowdeck-keychain-probe"));
        runJob(job);
        ok = job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound;
        if (!ok)
            reason = job.errorString().isEmpty() ? QCoreApplication::translate("SecretStore", "no keychain service answers")
                                                 : job.errorString();
    });
    if (why)
        *why = reason;
    return ok;
}

bool SecretStore::write(const QString &variable, const QString &secret, QString *error)
{
    QString why;
    if (!available(&why)) {
        if (error)
            *error = why;
        return false;
    }
    QKeychain::WritePasswordJob job{QLatin1String(kService)};
    job.setKey(variable);
    job.setTextData(secret);
    const bool ok = runJob(job);
    if (!ok && error)
        *error = job.errorString();
    return ok;
}

std::optional<QString> SecretStore::read(const QString &variable)
{
    if (!available())
        return std::nullopt;
    QKeychain::ReadPasswordJob job{QLatin1String(kService)};
    job.setKey(variable);
    if (!runJob(job))
        return std::nullopt;
    return job.textData();
}

bool SecretStore::remove(const QString &variable)
{
    if (!available())
        return false;
    QKeychain::DeletePasswordJob job{QLatin1String(kService)};
    job.setKey(variable);
    return runJob(job);
}

bool SecretStore::belongsTo(const QString &flowName, const QString &variable)
{
    return variable.startsWith(variablePrefix(flowName)) && variable.size() > variablePrefix(flowName).size();
}

EnvLookup SecretStore::lookup(const QString &flowName)
{
    return [flowName](const std::string &name) -> std::optional<std::string> {
        if (const char *value = std::getenv(name.c_str()))
            return std::string(value);
        if (!belongsTo(flowName, QString::fromStdString(name)) || !QCoreApplication::instance())
            return std::nullopt; // not this flow's entry: never read from the keychain
        if (auto secret = read(QString::fromStdString(name)))
            return secret->toStdString();
        return std::nullopt;
    };
}

} // namespace flowdeck
