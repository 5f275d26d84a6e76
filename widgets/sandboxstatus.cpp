#include "sandboxstatus.h"

#include "core/devtools/sandbox.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

SandboxStatus::SandboxStatus(const QString &dir, QWidget *parent)
    : QWidget(parent)
    , m_dir(dir)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("sandboxStatus"));
    m_label->setObjectName(QStringLiteral("sandboxStatusLabel"));
    m_button->setObjectName(QStringLiteral("sandboxStatusButton"));
    m_button->setToolTip(tr("The local MariaDB of `flowdeck sandbox`: its data stays in %1").arg(dir));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_button);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_running)
            stop();
        else
            start();
    });
    m_timer->setInterval(5000);
    connect(m_timer, &QTimer::timeout, this, &SandboxStatus::refresh);
    m_timer->start();
    refresh();
}

void SandboxStatus::refresh()
{
    if (m_busy)
        return;
    const Sandbox::Status s = Sandbox(m_dir).status();
    const bool was = m_running;
    m_running = s.running;
    m_port = s.info.port > 0 ? s.info.port : Sandbox::DefaultPort;
    m_label->setText(s.running ? tr("Sandbox database: running on %1:%2").arg(s.info.host).arg(s.info.port)
                               : tr("Sandbox database: not running"));
    m_button->setText(s.running ? tr("Stop") : tr("Start"));
    m_button->setEnabled(true);
    if (was != m_running)
        Q_EMIT changed();
}

bool SandboxStatus::isDownFor(const nlohmann::json &connection) const
{
    if (m_running || m_busy || !connection.is_object())
        return false;
    const nlohmann::json host = connection.value("host", nlohmann::json());
    const nlohmann::json port = connection.value("port", nlohmann::json());
    const bool local = host.is_string() && (host == "127.0.0.1" || host == "localhost");
    const int number = port.is_number_integer() ? port.get<int>() : port.is_string() ? QString::fromStdString(port.get<std::string>()).toInt() : 0;
    return local && number == m_port;
}

void SandboxStatus::start()
{
    run(true, false);
}

void SandboxStatus::stop(bool wait)
{
    run(false, wait);
}

void SandboxStatus::run(bool start, bool wait)
{
    if (m_busy)
        return;
    m_busy = true;
    m_button->setEnabled(false);
    m_label->setText(start ? tr("Sandbox database: starting…") : tr("Sandbox database: stopping…"));
    const QString dir = m_dir;
    auto job = [dir, start]() -> QString {
        try {
            Sandbox sandbox(dir);
            if (start) {
                Sandbox::StartOptions options;
                options.port = Sandbox::portAvailable(Sandbox::DefaultPort) ? Sandbox::DefaultPort : 0;
                sandbox.start(options);
            } else {
                sandbox.stop();
            }
            return {};
        } catch (const std::exception &e) {
            return QString::fromUtf8(e.what());
        }
    };
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, start] {
        watcher->deleteLater();
        m_busy = false;
        refresh();
        m_startedHere = start && m_running && watcher->result().isEmpty();
        if (const QString error = watcher->result(); !error.isEmpty()) {
            m_label->setText(tr("Sandbox database: %1").arg(error.section(QLatin1Char('\n'), 0, 0)));
            m_label->setToolTip(error);
        }
        Q_EMIT changed();
    });
    watcher->setFuture(QtConcurrent::run(job));
    if (wait)
        watcher->waitForFinished();
}

} // namespace flowdeck
