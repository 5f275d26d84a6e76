#include "brokerprocess.h"

#include "testsupport.h"

#include "core/model/errors.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>

namespace flowdeck::test {

void killWithParent(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

BrokerProcess::~BrokerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

std::string BrokerProcess::start(const std::vector<std::pair<std::string, int>> &topics)
{
    const QByteArray external = qgetenv("FLOWDECK_TEST_KAFKA_BROKERS");
    if (!external.isEmpty()) {
        m_bootstrap = external.toStdString();
        return m_bootstrap;
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bootstrap.txt"));
    QStringList args{QStringLiteral("broker"), QStringLiteral("--bootstrap-file"), file};
    for (const auto &[name, partitions] : topics)
        args << QStringLiteral("--topic") << QString::fromStdString(name) + u':' + QString::number(partitions);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    killWithParent(m_process);
    m_process.start(flowdeckBinary(), args);
    if (!m_process.waitForStarted(10000))
        throw Error("cannot start flowdeck broker: " + m_process.errorString().toStdString());
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly)) {
            m_bootstrap = f.readAll().trimmed().toStdString();
            if (!m_bootstrap.empty())
                return m_bootstrap;
        }
        if (m_process.state() == QProcess::NotRunning)
            throw Error("flowdeck broker exited with code " + std::to_string(m_process.exitCode()));
        QThread::msleep(50);
    }
    throw Error("flowdeck broker did not write its bootstrap list within 30 s");
}

} // namespace flowdeck::test
