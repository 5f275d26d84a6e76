#include "triggerpage.h"

#include <algorithm>

#include "fieldmessage.h"
#include "flowwizard.h"

#include "widgets/settings.h"

#include "core/engine/runstate.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flowdeck {

namespace {
// stored in flow files: do not rename
const char *const kTriggerTypes[] = {"onDemand", "schedule", "continuous"};
} // namespace

TriggerPage::TriggerPage(QWidget *parent)
    : FlowPage(parent)
{
    setObjectName(QStringLiteral("triggerPage"));
    setTitle(tr("Trigger and error handling"));
    setSubTitle(tr("When does the flow run, and what happens to a record that cannot be written?"));

    auto *triggerBox = new QGroupBox(tr("Flow trigger"), this);
    auto *tl = new QVBoxLayout(triggerBox);
    m_kind = new QButtonGroup(this);
    const QString labels[] = {tr("Run on &demand: when you start it, to the end of the source"),
                              tr("Run on a &schedule"),
                              tr("Run &continuously: follow the source (binary log, topics) until stopped")};
    for (int i = 0; i < 3; ++i) {
        auto *b = new QRadioButton(labels[i], this);
        b->setObjectName(QLatin1String(kTriggerTypes[i]));
        m_kind->addButton(b, i);
        tl->addWidget(b);
        if (i == 1) {
            m_scheduleBox = new QWidget(this);
            auto *form = new QFormLayout(m_scheduleBox);
            form->setContentsMargins(24, 0, 0, 0);
            m_scheduleKind = new QComboBox(this);
            m_scheduleKind->addItem(tr("Every"), QStringLiteral("every"));
            m_scheduleKind->addItem(tr("Daily at"), QStringLiteral("at"));
            m_schedule = new QLineEdit(QStringLiteral("15m"), this);
            m_schedule->setObjectName(QStringLiteral("schedule"));
            m_schedule->setPlaceholderText(tr("30s, 15m, 1h, 1d — or 02:30"));
            auto *row = new QHBoxLayout;
            row->addWidget(m_scheduleKind);
            row->addWidget(m_schedule, 1);
            form->addRow(buddyLabel(tr("R&un:"), m_schedule), row);
            m_scheduleMessage = new FieldMessage(this);
            form->addRow(QString(), m_scheduleMessage);
            m_incrementalField = new QComboBox(this);
            m_incrementalField->setObjectName(QStringLiteral("incrementalField"));
            m_incrementalField->setEditable(true);
            m_tieBreaker = new QComboBox(this);
            m_tieBreaker->setEditable(true);
            m_from = new QLineEdit(this);
            m_from->setPlaceholderText(tr("optional: 2024-01-31 or 2024-01-31T00:00:00Z"));
            m_deactivate = new QSpinBox(this);
            m_deactivate->setRange(0, 1000);
            m_deactivate->setSpecialValueText(tr("never"));
            form->addRow(tr("&Incremental field:"), m_incrementalField);
            form->addRow(tr("&Tie breaker:"), m_tieBreaker);
            form->addRow(tr("Start &from:"), m_from);
            form->addRow(tr("Deactivate after failed runs:"), m_deactivate);
            tl->addWidget(m_scheduleBox);
        }
    }
    m_kind->button(0)->setChecked(true);

    auto *errorBox = new QGroupBox(tr("Error handling"), this);
    auto *el = new QVBoxLayout(errorBox);
    m_onError = new QButtonGroup(this);
    auto *stop = new QRadioButton(tr("S&top the current flow run at the bad record and report it"), this);
    stop->setObjectName(QStringLiteral("stop"));
    auto *skip = new QRadioButton(tr("S&kip the record to a dead-letter file or topic and go on"), this);
    skip->setObjectName(QStringLiteral("skip"));
    m_onError->addButton(stop, 0);
    m_onError->addButton(skip, 1);
    stop->setChecked(true);
    el->addWidget(stop);
    el->addWidget(skip);
    m_deadLetterBox = new QWidget(this);
    auto *dform = new QFormLayout(m_deadLetterBox);
    dform->setContentsMargins(24, 0, 0, 0);
    m_deadLetterKind = new QComboBox(this);
    m_deadLetterKind->addItem(tr("JSON Lines file"), QStringLiteral("file"));
    m_deadLetterKind->addItem(tr("Kafka topic"), QStringLiteral("topic"));
    m_deadLetter = new QLineEdit(this);
    m_deadLetter->setObjectName(QStringLiteral("deadLetter"));
    m_deadLetterBrokers = new QLineEdit(this);
    m_deadLetterBrokers->setPlaceholderText(tr("the flow's own brokers"));
    auto *drow = new QHBoxLayout;
    drow->addWidget(m_deadLetterKind);
    drow->addWidget(m_deadLetter, 1);
    dform->addRow(buddyLabel(tr("Dead &letters:"), m_deadLetter), drow);
    dform->addRow(tr("Brokers:"), m_deadLetterBrokers);
    m_errorMessage = new FieldMessage(this);
    dform->addRow(QString(), m_errorMessage);
    el->addWidget(m_deadLetterBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(triggerBox);
    layout->addWidget(errorBox);
    layout->addStretch();

    connect(m_kind, &QButtonGroup::idClicked, this, [this] { touched(); updateEnabled(); });
    connect(m_onError, &QButtonGroup::idClicked, this, [this](int id) {
        touched();
        updateEnabled();
        // A dead-letter file beside the flow's run state, not in the flows folder (where a
        // relative name would land): filled in, the user may change it.
        if (id == 1 && m_deadLetterKind->currentIndex() == 0 && m_deadLetter->text().trimmed().isEmpty())
            m_deadLetter->setText(defaultDeadLetterFile());
    });
    connect(m_deadLetterKind, &QComboBox::currentIndexChanged, this, [this] {
        touched();
        updateEnabled();
        m_deadLetter->setPlaceholderText(m_deadLetterKind->currentIndex() == 0 ? tr("rejected.jsonl") : tr("flow-dead-letters"));
    });
    connect(m_scheduleKind, &QComboBox::currentIndexChanged, this, [this] { touched(); m_scheduleMessage->clear(); });
    for (QLineEdit *e : {m_schedule, m_from, m_deadLetter, m_deadLetterBrokers})
        connect(e, &QLineEdit::textChanged, this, [this] {
            touched();
            m_scheduleMessage->clear();
            m_errorMessage->clear();
        });
    m_deadLetter->setPlaceholderText(tr("rejected.jsonl"));
    updateEnabled();
}

QString TriggerPage::defaultDeadLetterFile() const
{
    const FlowWizard *w = flowWizard();
    const QString name = w && !w->flowName().isEmpty() ? w->flowName() : QStringLiteral("flow");
    return QDir(Settings::stateFolder()).filePath(QString::fromStdString(StateStore::fileStem(name.toStdString())) + QStringLiteral(".rejected.jsonl"));
}

void TriggerPage::setKind(Kind kind)
{
    m_kind->button(int(kind))->setChecked(true);
    updateEnabled();
}

TriggerPage::Kind TriggerPage::kind() const
{
    return Kind(std::max(0, m_kind->checkedId()));
}

void TriggerPage::updateEnabled()
{
    m_scheduleBox->setEnabled(kind() == Kind::Schedule);
    m_deadLetterBox->setEnabled(m_onError->checkedId() == 1);
    m_deadLetterBrokers->setEnabled(m_deadLetterKind->currentIndex() == 1);
}

void TriggerPage::initializePage()
{
    // The incremental field is a source field: offer those the source page found.
    QStringList fields{QString()};
    if (FlowWizard *w = flowWizard())
        for (const EndpointField &f : w->sourceFields())
            fields << f.name;
    for (QComboBox *c : {m_incrementalField, m_tieBreaker}) {
        const QString current = c->currentText();
        c->clear();
        c->addItems(fields);
        c->setEditText(current);
    }
}

nlohmann::json TriggerPage::trigger(const nlohmann::json &original) const
{
    const char *type = kTriggerTypes[int(kind())];
    nlohmann::json t = original.is_object() && original.value("type", std::string()) == type ? original : nlohmann::json::object();
    t["type"] = type;
    if (kind() != Kind::Schedule)
        return t;
    t.erase("every");
    t.erase("at");
    t[m_scheduleKind->currentData().toString().toStdString()] = m_schedule->text().trimmed().toStdString();
    const QString field = m_incrementalField->currentText().trimmed();
    if (field.isEmpty()) {
        t.erase("incremental");
    } else {
        nlohmann::json inc = {{"field", field.toStdString()}};
        if (!m_tieBreaker->currentText().trimmed().isEmpty())
            inc["tieBreaker"] = m_tieBreaker->currentText().trimmed().toStdString();
        if (!m_from->text().trimmed().isEmpty())
            inc["from"] = m_from->text().trimmed().toStdString();
        t["incremental"] = inc;
    }
    if (m_deactivate->value() > 0)
        t["deactivateAfterFailures"] = m_deactivate->value();
    else
        t.erase("deactivateAfterFailures");
    return t;
}

nlohmann::json TriggerPage::errorHandling(const nlohmann::json &original) const
{
    nlohmann::json e = original.is_object() ? original : nlohmann::json::object();
    if (m_onError->checkedId() == 0) {
        e = {{"onError", "stop"}};
        return e;
    }
    e["onError"] = "skip";
    const std::string target = m_deadLetter->text().trimmed().toStdString();
    if (m_deadLetterKind->currentIndex() == 0) {
        e["deadLetter"] = target;
    } else {
        nlohmann::json topic = {{"topic", target}};
        if (!m_deadLetterBrokers->text().trimmed().isEmpty())
            topic["brokers"] = m_deadLetterBrokers->text().trimmed().toStdString();
        e["deadLetter"] = topic;
    }
    return e;
}

void TriggerPage::load(const nlohmann::json &flow)
{
    const nlohmann::json t = flow.value("trigger", nlohmann::json::object());
    if (t.is_object()) {
        const std::string type = t.value("type", std::string("onDemand"));
        for (int i = 0; i < 3; ++i)
            if (type == kTriggerTypes[i])
                m_kind->button(i)->setChecked(true);
        if (t.contains("at")) {
            m_scheduleKind->setCurrentIndex(1);
            m_schedule->setText(QString::fromStdString(t.value("at", std::string())));
        } else if (t.contains("every")) {
            m_scheduleKind->setCurrentIndex(0);
            m_schedule->setText(QString::fromStdString(t.value("every", std::string())));
        }
        const nlohmann::json inc = t.value("incremental", nlohmann::json::object());
        if (inc.is_object()) {
            m_incrementalField->setEditText(QString::fromStdString(inc.value("field", std::string())));
            m_tieBreaker->setEditText(QString::fromStdString(inc.value("tieBreaker", std::string())));
            m_from->setText(QString::fromStdString(inc.value("from", std::string())));
        }
        if (t.contains("deactivateAfterFailures") && t["deactivateAfterFailures"].is_number_integer())
            m_deactivate->setValue(t["deactivateAfterFailures"].get<int>());
    }
    const nlohmann::json e = flow.value("errorHandling", nlohmann::json::object());
    if (e.is_object() && e.value("onError", std::string()) == "skip") {
        m_onError->button(1)->setChecked(true);
        const nlohmann::json dl = e.value("deadLetter", nlohmann::json());
        if (dl.is_string()) {
            m_deadLetterKind->setCurrentIndex(0);
            m_deadLetter->setText(QString::fromStdString(dl.get<std::string>()));
        } else if (dl.is_object()) {
            m_deadLetterKind->setCurrentIndex(1);
            m_deadLetter->setText(QString::fromStdString(dl.value("topic", std::string())));
            m_deadLetterBrokers->setText(QString::fromStdString(dl.value("brokers", std::string())));
        }
    }
    updateEnabled();
}

void TriggerPage::save(nlohmann::json &flow) const
{
    // Defaults are written when the flow had the key (new flows have both, as AppFlow shows them).
    const nlohmann::json t = trigger(flow.value("trigger", nlohmann::json::object()));
    if (t == nlohmann::json{{"type", "onDemand"}} && !flow.contains("trigger"))
        flow.erase("trigger");
    else
        flow["trigger"] = t;
    const nlohmann::json e = errorHandling(flow.value("errorHandling", nlohmann::json::object()));
    if (e == nlohmann::json{{"onError", "stop"}} && !flow.contains("errorHandling"))
        flow.erase("errorHandling");
    else
        flow["errorHandling"] = e;
}

// The watermark must grow: a date/time or integer column of a MySQL/TiDB table (checked again
// against the live table when a run starts). File fields are text and are compared as values.
bool TriggerPage::checkIncrementalField()
{
    const QString field = m_incrementalField->currentText().trimmed();
    FlowWizard *w = flowWizard();
    if (field.isEmpty() || !w || w->sourceFields().isEmpty())
        return true;
    const auto it = std::find_if(w->sourceFields().begin(), w->sourceFields().end(),
                                 [&](const EndpointField &f) { return f.name == field; });
    if (it == w->sourceFields().end()) {
        m_scheduleMessage->showError(tr("The incremental field %1 is not a field of the source.").arg(field));
        return false;
    }
    if (w->endpointType(EndpointRole::Source) != QLatin1String("mysql"))
        return true;
    static const QRegularExpression usable(
        QStringLiteral("^(tinyint|smallint|mediumint|int|integer|bigint|date|datetime|timestamp|year)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (!usable.match(it->type).hasMatch()) {
        m_scheduleMessage->showError(
            tr("The incremental field %1 is %2: pick a date/time or integer column, whose values grow.").arg(field, it->type));
        return false;
    }
    return true;
}

bool TriggerPage::validatePage()
{
    bool ok = true;
    if (kind() == Kind::Schedule) {
        static const QRegularExpression every(QStringLiteral("^[1-9][0-9]*[smhd]$"));
        static const QRegularExpression at(QStringLiteral("^([01][0-9]|2[0-3]):[0-5][0-9]$"));
        const QString s = m_schedule->text().trimmed();
        if (m_scheduleKind->currentIndex() == 0 && !every.match(s).hasMatch()) {
            m_scheduleMessage->showError(tr("An interval is a whole number and a unit: 30s, 15m, 1h or 1d."));
            ok = false;
        } else if (m_scheduleKind->currentIndex() == 1 && !at.match(s).hasMatch()) {
            m_scheduleMessage->showError(tr("A daily time is HH:MM, from 00:00 to 23:59."));
            ok = false;
        }
    }
    if (kind() == Kind::Schedule && ok)
        ok = checkIncrementalField();
    if (m_onError->checkedId() == 1 && m_deadLetter->text().trimmed().isEmpty()) {
        m_errorMessage->showError(m_deadLetterKind->currentIndex() == 0 ? tr("Name the dead-letter file.")
                                                                       : tr("Name the dead-letter topic."));
        ok = false;
    }
    if (!ok)
        return false;
    // Anything else the validator finds in these sections (e.g. a bad "from" date).
    QStringList problems;
    if (FlowWizard *w = flowWizard())
        for (const QString &p : w->problems())
            if (p.startsWith(QLatin1String("trigger")) || p.startsWith(QLatin1String("errorHandling")))
                problems << p;
    if (problems.isEmpty())
        return true;
    m_errorMessage->showError(problems.join(QLatin1Char('\n')));
    m_deadLetterBox->setEnabled(true);
    return false;
}

int TriggerPage::nextId() const
{
    return FlowWizard::Review;
}

} // namespace flowdeck
