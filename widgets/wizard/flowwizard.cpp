#include "flowwizard.h"

#include "widgets/enginemessages.h"

#include "detailspage.h"
#include "endpointtypepage.h"
#include "filepage.h"
#include "filterspage.h"
#include "kafkapage.h"
#include "mappingpage.h"
#include "mysqlpage.h"
#include "reviewpage.h"
#include "triggerpage.h"
#include "wizardsteps.h"

#include "widgets/secretstore.h"

#include "core/flow/flow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QScreen>

namespace flowdeck {

FlowWizard::FlowWizard(const QString &flowsFolder, const QStringList &existingNames, QWidget *parent)
    : QWizard(parent)
    , m_flowsFolder(flowsFolder)
    , m_existingNames(existingNames)
{
    setObjectName(QStringLiteral("FlowWizard"));
    setWindowTitle(tr("Create Flow"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setButtonText(QWizard::FinishButton, tr("Create Flow"));

    m_details = new DetailsPage(this);
    m_sourceType = new EndpointTypePage(EndpointRole::Source, this);
    m_destinationType = new EndpointTypePage(EndpointRole::Destination, this);
    m_sourceMySql = new MySqlPage(EndpointRole::Source, this);
    m_destinationMySql = new MySqlPage(EndpointRole::Destination, this);
    m_sourceKafka = new KafkaPage(EndpointRole::Source, this);
    m_destinationKafka = new KafkaPage(EndpointRole::Destination, this);
    m_sourceFile = new FilePage(EndpointRole::Source, this);
    m_destinationFile = new FilePage(EndpointRole::Destination, this);
    m_mapping = new MappingPage(this);
    m_filters = new FiltersPage(this);
    m_trigger = new TriggerPage(this);
    m_review = new ReviewPage(this);

    setPage(Details, m_details);
    setPage(SourceType, m_sourceType);
    setPage(SourceMySql, m_sourceMySql);
    setPage(SourceKafka, m_sourceKafka);
    setPage(SourceFile, m_sourceFile);
    setPage(DestinationType, m_destinationType);
    setPage(DestinationMySql, m_destinationMySql);
    setPage(DestinationKafka, m_destinationKafka);
    setPage(DestinationFile, m_destinationFile);
    setPage(Mapping, m_mapping);
    setPage(Filters, m_filters);
    setPage(Trigger, m_trigger);
    setPage(Review, m_review);
    setStartId(Details);
    setSideWidget(new WizardSteps(this));
    // The mapping and filter editors follow the source and destination pages: going back and
    // choosing another table or file refreshes them, keeping the mappings that still apply.
    connect(this, &FlowWizard::sourceShapeChanged, m_mapping, &MappingPage::refreshSource);
    connect(this, &FlowWizard::sourceShapeChanged, m_filters, &FiltersPage::refreshSource);
    connect(this, &FlowWizard::destinationColumnsChanged, m_mapping, &MappingPage::refreshDestination);
    connect(m_filters, &FiltersPage::filtersChanged, m_mapping, [this] { m_mapping->setFilters(m_filters->filters()); });
    // The mapping page shows three lists and a preview side by side.
    resize(preferredSize());
    if (const QScreen *s = screen())
        resize(size().boundedTo(s->availableGeometry().size()));
    // A new flow says when it runs and what a bad record does, as AppFlow's first step does.
    m_original = {{"trigger", {{"type", "onDemand"}}}, {"errorHandling", {{"onError", "stop"}}}};
}

FlowWizard::~FlowWizard() = default;

QSize FlowWizard::preferredSize()
{
    return {1200, 860}; // the step list takes ~160 px at the left
}

void FlowWizard::editFlow(const nlohmann::json &raw, const QString &filePath)
{
    m_editPath = filePath;
    m_original = raw.is_object() ? raw : nlohmann::json::object();
    setWindowTitle(tr("Edit Flow"));
    setButtonText(QWizard::FinishButton, tr("Save Flow"));
    const std::string name = m_original.value("name", std::string());
    m_existingNames.removeAll(QString::fromStdString(name));
    for (int id : pageIds())
        if (auto *p = qobject_cast<FlowPage *>(page(id)))
            p->load(m_original);
    m_changed = false;
}

QString FlowWizard::baseDir() const
{
    return isEditing() ? QFileInfo(m_editPath).absolutePath() : m_flowsFolder;
}

QString FlowWizard::flowName() const
{
    return m_details->name();
}

QString FlowWizard::endpointType(EndpointRole role) const
{
    return typePage(role)->type();
}

EndpointTypePage *FlowWizard::typePage(EndpointRole role) const
{
    return role == EndpointRole::Source ? m_sourceType : m_destinationType;
}

MySqlPage *FlowWizard::mysqlPage(EndpointRole role) const
{
    return role == EndpointRole::Source ? m_sourceMySql : m_destinationMySql;
}

KafkaPage *FlowWizard::kafkaPage(EndpointRole role) const
{
    return role == EndpointRole::Source ? m_sourceKafka : m_destinationKafka;
}

FilePage *FlowWizard::filePage(EndpointRole role) const
{
    return role == EndpointRole::Source ? m_sourceFile : m_destinationFile;
}

static EndpointPage *chosenPage(const FlowWizard *w, EndpointRole role)
{
    const QString type = w->endpointType(role);
    if (type == QLatin1String("mysql"))
        return w->mysqlPage(role);
    if (type == QLatin1String("kafka"))
        return w->kafkaPage(role);
    return w->filePage(role);
}

nlohmann::json FlowWizard::flowJson() const
{
    nlohmann::json flow = m_original;
    flow["flowdeck"] = 1;
    m_details->save(flow);
    chosenPage(this, EndpointRole::Source)->save(flow);
    chosenPage(this, EndpointRole::Destination)->save(flow);
    m_mapping->save(flow);
    m_filters->save(flow);
    m_trigger->save(flow);
    return flow;
}

QStringList FlowWizard::problems() const
{
    QStringList out;
    try {
        // Secrets are saved on Finish: checking the document needs no trip to the keychain, and
        // the validator lets passwords be empty.
        const EnvLookup environment = processEnvironment();
        const EnvLookup lookup = [environment](const std::string &name) -> std::optional<std::string> {
            if (name.rfind(SecretStore::kPrefix, 0) == 0)
                return environment(name).value_or(std::string());
            return environment(name);
        };
        flowFromJson(flowJson(), lookup, QDir(baseDir()).filePath(QStringLiteral("x.flow.json")).toStdString());
    } catch (const FlowError &e) {
        for (const FlowProblem &p : e.problems())
            out << engineMessage(p.toString()); // in the window's language
    }
    return out;
}

void FlowWizard::setSourceShape(const QList<EndpointField> &fields, const Batch &sample, int unreadable)
{
    m_sourceFields = fields;
    m_sample = sample;
    m_unreadable = unreadable;
    Q_EMIT sourceShapeChanged();
}

void FlowWizard::setDestinationColumns(const QList<EndpointField> &columns)
{
    m_destinationColumns = columns;
    Q_EMIT destinationColumnsChanged();
}

QList<PendingSecret> FlowWizard::pendingSecrets() const
{
    return chosenPage(this, EndpointRole::Source)->pendingSecrets()
           + chosenPage(this, EndpointRole::Destination)->pendingSecrets();
}

bool FlowWizard::saveFlowFile(QString *error)
{
    const QStringList found = problems();
    if (!found.isEmpty()) {
        *error = found.join(QLatin1Char('\n'));
        return false;
    }
    for (const PendingSecret &s : pendingSecrets()) {
        QString why;
        if (!SecretStore::write(s.variable, s.value, &why)) {
            *error = tr("Cannot save the secret %1 in the keychain: %2").arg(s.variable, why);
            return false;
        }
    }
    const QString fileName = flowName() + QStringLiteral(".flow.json");
    // An edited flow keeps its file unless it was renamed.
    const bool renamed = flowName().toStdString() != m_original.value("name", std::string());
    const QString target = !isEditing() ? QDir(m_flowsFolder).filePath(fileName)
                           : renamed    ? QFileInfo(m_editPath).absoluteDir().filePath(fileName)
                                        : m_editPath;
    if (target != m_editPath && QFileInfo::exists(target)) {
        *error = tr("%1 exists already.").arg(QDir::toNativeSeparators(target));
        return false;
    }
    try {
        QDir().mkpath(QFileInfo(target).absolutePath());
        Flow flow;
        flow.raw = flowJson();
        saveFlow(flow, target.toStdString());
    } catch (const Error &e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    if (isEditing() && target != m_editPath)
        QFile::remove(m_editPath);
    m_savedPath = target;
    return true;
}

void FlowWizard::accept()
{
    QString error;
    if (!saveFlowFile(&error)) {
        QMessageBox::warning(this, windowTitle(), tr("The flow was not saved:\n\n%1").arg(error));
        return;
    }
    m_changed = false;
    Q_EMIT flowSaved(m_savedPath);
    QWizard::accept();
}

void FlowWizard::reject()
{
    if (m_changed
        && QMessageBox::question(this, windowTitle(),
                                 isEditing() ? tr("Discard the changes to this flow?") : tr("Discard this new flow?"),
                                 QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Discard)
        return;
    QWizard::reject();
}

} // namespace flowdeck
