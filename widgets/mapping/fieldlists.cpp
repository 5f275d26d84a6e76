#include "fieldlists.h"

#include "fieldmappingmodel.h"

#include <QComboBox>
#include <QDropEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>

namespace flowdeck {

SourceFieldList::SourceFieldList(QWidget *parent)
    : QTreeWidget(parent)
{
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
}

QStringList SourceFieldList::mimeTypes() const
{
    return {QString::fromLatin1(kSourceFieldMimeType)};
}

QMimeData *SourceFieldList::mimeData(const QList<QTreeWidgetItem *> &items) const
{
    QStringList names;
    for (const QTreeWidgetItem *item : items)
        names << item->text(0);
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kSourceFieldMimeType), names.join(QLatin1Char('\n')).toUtf8());
    data->setText(names.join(QLatin1Char('\n')));
    return data;
}

FieldDropFilter::FieldDropFilter(QAbstractScrollArea *view, Accepts accepts, Dropped dropped)
    : QObject(view)
    , m_accepts(std::move(accepts))
    , m_dropped(std::move(dropped))
{
    view->setAcceptDrops(true);
    view->viewport()->setAcceptDrops(true);
    view->viewport()->installEventFilter(this);
}

bool FieldDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    const QString mime = QString::fromLatin1(kSourceFieldMimeType);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *e = static_cast<QDropEvent *>(event);
        if (e->mimeData()->hasFormat(mime) && m_accepts(e->position().toPoint()))
            e->acceptProposedAction();
        else
            e->ignore();
        return true;
    }
    case QEvent::Drop: {
        auto *e = static_cast<QDropEvent *>(event);
        if (!e->mimeData()->hasFormat(mime))
            return false;
        const QStringList names = QString::fromUtf8(e->mimeData()->data(mime)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!names.isEmpty() && m_accepts(e->position().toPoint()))
            m_dropped(names, e->position().toPoint());
        e->acceptProposedAction();
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

MappingNameDelegate::MappingNameDelegate(FieldMappingModel *model, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{
}

QWidget *MappingNameDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const
{
    const bool source = index.column() == FieldMappingModel::Source;
    const QStringList names = source ? m_model->knownSources() : m_model->knownDestinations();
    auto *combo = new QComboBox(parent);
    combo->setEditable(source || m_model->freeDestinations());
    if (source)
        combo->addItem(QString()); // no source: the transform reads its own
    combo->addItems(names);
    return combo;
}

void MappingNameDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentText(index.data(Qt::EditRole).toString());
}

void MappingNameDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentText(), Qt::EditRole);
}

} // namespace flowdeck
