#include "brokerstatus.h"

#include "core/kafka/embeddedbroker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

#include <exception>

namespace flowdeck {

BrokerStatus::BrokerStatus(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("brokerStatus"));
    m_label->setObjectName(QStringLiteral("brokerStatusLabel"));
    m_button->setObjectName(QStringLiteral("brokerStatusButton"));
    m_button->setToolTip(tr("The embedded Kafka broker of flows with \"embedded\" brokers: it runs inside this window, "
                            "keeps messages in memory only, and stops when Flowdeck quits"));
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
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &BrokerStatus::refresh);
    m_timer->start();
    refresh();
}

void BrokerStatus::refresh()
{
    const std::string bootstraps = EmbeddedBroker::sharedBootstraps();
    const bool was = m_running;
    m_running = !bootstraps.empty();
    m_label->setText(m_running ? tr("Embedded broker: running on %1").arg(QString::fromStdString(bootstraps))
                               : tr("Embedded broker: not running"));
    m_label->setToolTip(QString());
    m_button->setText(m_running ? tr("Stop", "embedded broker") : tr("Start", "embedded broker"));
    if (was != m_running)
        Q_EMIT changed();
}

bool BrokerStatus::start()
{
    try {
        EmbeddedBroker::shared();
    } catch (const std::exception &e) {
        refresh();
        m_label->setText(tr("Embedded broker: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    refresh();
    return true;
}

bool BrokerStatus::stop()
{
    if (m_inUse && m_inUse()) {
        refresh();
        m_label->setText(tr("Embedded broker: in use by a running flow; stop the run first"));
        return false;
    }
    EmbeddedBroker::stopShared();
    refresh();
    return true;
}

} // namespace flowdeck
