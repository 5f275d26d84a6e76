#include "filterdelegate.h"

#include "filtermodel.h"
#include "mappingcsv.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace flowdeck {

static FilterModel::Arity arityAt(const QModelIndex &index)
{
    return FilterModel::arity(index.siblingAtColumn(FilterModel::Operator).data(Qt::EditRole).toString());
}

QWidget *FilterDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto *model = qobject_cast<const FilterModel *>(index.model());
    switch (index.column()) {
    case FilterModel::Field: {
        auto *combo = new QComboBox(parent);
        combo->setEditable(true);
        if (model)
            combo->addItems(model->knownFields());
        return combo;
    }
    case FilterModel::Operator: {
        auto *combo = new QComboBox(parent);
        for (const QString &op : FilterModel::operators())
            combo->addItem(FilterModel::operatorLabel(op), op);
        // Picking a condition is the edit: commit it at once, no click elsewhere needed.
        auto *self = const_cast<FilterDelegate *>(this);
        connect(combo, &QComboBox::activated, self, [self, combo] {
            Q_EMIT self->commitData(combo);
            Q_EMIT self->closeEditor(combo);
        });
        return combo;
    }
    case FilterModel::Value:
        switch (arityAt(index)) {
        case FilterModel::Arity::None:
            return nullptr;
        case FilterModel::Arity::Two: {
            auto *box = new QWidget(parent);
            box->setAutoFillBackground(true);
            auto *layout = new QHBoxLayout(box);
            layout->setContentsMargins(0, 0, 0, 0);
            auto *low = new QLineEdit(box);
            low->setObjectName(QStringLiteral("low"));
            low->setPlaceholderText(tr("low"));
            auto *high = new QLineEdit(box);
            high->setObjectName(QStringLiteral("high"));
            high->setPlaceholderText(tr("high"));
            layout->addWidget(low);
            layout->addWidget(new QLabel(tr("and"), box));
            layout->addWidget(high);
            box->setFocusProxy(low);
            return box;
        }
        case FilterModel::Arity::List: {
            auto *line = new QLineEdit(parent);
            line->setPlaceholderText(tr("value, value, …"));
            return line;
        }
        case FilterModel::Arity::One:
            return new QLineEdit(parent);
        }
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void FilterDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int found = combo->findData(value);
        if (found >= 0)
            combo->setCurrentIndex(found);
        else
            combo->setCurrentText(value.toString());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(arityAt(index) == FilterModel::Arity::List ? MappingCsv::joinLine(value.toStringList()) : value.toString());
    } else if (auto *low = editor->findChild<QLineEdit *>(QStringLiteral("low"))) {
        const QStringList parts = value.toStringList();
        low->setText(parts.value(0));
        editor->findChild<QLineEdit *>(QStringLiteral("high"))->setText(parts.value(1));
    }
}

void FilterDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QVariant data = combo->currentData();
        model->setData(index, index.column() == FilterModel::Operator && data.isValid() ? data : QVariant(combo->currentText()));
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        model->setData(index, line->text()); // a list is split by the model
    } else if (auto *low = editor->findChild<QLineEdit *>(QStringLiteral("low"))) {
        model->setData(index, QStringList{low->text(), editor->findChild<QLineEdit *>(QStringLiteral("high"))->text()});
    }
}

void FilterDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &) const
{
    editor->setGeometry(option.rect);
}

} // namespace flowdeck
